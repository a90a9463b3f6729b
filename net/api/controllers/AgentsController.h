// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class Core;
class Router;

// /api/v1/agents: create, list, get, update (PUT), delete; and test calls of an agent.
namespace AgentsController {
void registerRoutes(Router &router, Core &core);
}
