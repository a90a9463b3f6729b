// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class Core;
class Router;

// /api/v1/dnc: the do-not-call list, read, added to (JSON or CSV) and removed from.
namespace DncController {
void registerRoutes(Router &router, Core &core);
}
