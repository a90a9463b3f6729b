// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class Core;
class Router;

// /api/v1/calls: place a call with an agent, the call log, one call, hang up, transcript.
namespace CallsController {
void registerRoutes(Router &router, Core &core);
}
