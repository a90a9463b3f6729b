// SPDX-License-Identifier: GPL-3.0-or-later
#include "Routes.h"

#include "AgentsController.h"
#include "CallsController.h"
#include "CampaignsController.h"
#include "CompaniesController.h"
#include "DncController.h"
#include "DocsController.h"
#include "MonitoringController.h"

void registerAllRoutes(Router &router, Core &core)
{
    AgentsController::registerRoutes(router, core);
    CallsController::registerRoutes(router, core);
    CampaignsController::registerRoutes(router, core);
    CompaniesController::registerRoutes(router, core);
    DncController::registerRoutes(router, core);
    MonitoringController::registerRoutes(router, core);
    DocsController::registerRoutes(router);
}
