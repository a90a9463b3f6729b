// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class Core;
class Router;

// /api/v1/campaigns: create, list, read, change, delete; recipients (CSV or JSON) and their
// progress; start, pause, resume, cancel, and dialing `unknown` recipients again.
namespace CampaignsController {
void registerRoutes(Router &router, Core &core);
}
