// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class Core;
class Router;

// /api/v1/companies (company profiles with write-only secrets) and the company call route,
// POST /api/ultravox-calls/initiate-call, which answers errors in its own spec's words.
namespace CompaniesController {
void registerRoutes(Router &router, Core &core);
}
