// SPDX-License-Identifier: GPL-3.0-or-later
#include "MonitoringController.h"

#include "Core.h"
#include "RequestMetrics.h"
#include "Router.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace MonitoringController {
void registerRoutes(Router &router, Core &core)
{
    HealthService &health = core.health();
    router.addSync("GET", u"/api/v1/health"_s, Router::Access::Public,
                   [&health](const ApiRequest &) {
                       const HealthService::Report report = health.basic();
                       return ApiResponse::json(report.body, report.httpStatus);
                   });
    router.add("GET", u"/api/v1/health/detailed"_s, Router::Access::Public,
               [&health](const ApiRequest &, const Reply &reply) {
                   health.detailed([reply](const HealthService::Report &report) {
                       reply(ApiResponse::json(report.body, report.httpStatus));
                   });
               });

    MetricsService &metrics = core.metrics();
    const auto key = Router::Access::ApiKey;
    router.addSync("GET", u"/api/v1/metrics"_s, key, [&metrics](const ApiRequest &) {
        return ApiResponse::json(metrics.snapshot());
    });

    EventLog &events = core.events();
    router.addSync("GET", u"/api/v1/metrics/events"_s, key, [&events](const ApiRequest &request) {
        const qint64 limit = request.queryInteger(u"limit"_s, 100, 1, 1000);
        QJsonArray list;
        for (const EventRecord &event : events.recent(limit))
            list.append(event.toJson());
        return ApiResponse::json(
            QJsonObject{{u"events"_s, list}, {u"count"_s, list.size()}, {u"limit"_s, limit}});
    });

    router.addSync("GET", u"/api/v1/metrics/api-calls"_s, key,
                   [&metrics](const ApiRequest &request) {
                       const qint64 limit = request.queryInteger(u"limit"_s, 100, 1, 1000);
                       QJsonArray list;
                       for (const ApiCallRecord &call : metrics.requests().recent(int(limit)))
                           list.append(call.toJson());
                       return ApiResponse::json(QJsonObject{
                           {u"api_calls"_s, list}, {u"count"_s, list.size()}, {u"limit"_s, limit}});
                   });
}
} // namespace MonitoringController
