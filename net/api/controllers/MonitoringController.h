// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class Core;
class Router;

// /api/v1/health (public), /api/v1/health/detailed (public), /api/v1/metrics and its recent
// events and API calls.
namespace MonitoringController {
void registerRoutes(Router &router, Core &core);
}
