// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class Router;

// The API's own description, served from the binary's resources, no internet needed:
// /openapi.json, Swagger UI at /docs, ReDoc at /redoc, and their scripts under /docs/assets/.
namespace DocsController {
void registerRoutes(Router &router);
}
