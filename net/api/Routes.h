// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class Core;
class Router;

// Every route of the local API, registered by its controller.
void registerAllRoutes(Router &router, Core &core);
