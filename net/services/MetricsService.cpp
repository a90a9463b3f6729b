// SPDX-License-Identifier: GPL-3.0-or-later
#include "MetricsService.h"

#include "AgentRepository.h"
#include "Call.h"
#include "CallRepository.h"
#include "RequestMetrics.h"

using namespace Qt::StringLiterals;

QJsonObject MetricsService::snapshot()
{
    const RequestMetrics::Summary requests = m_requests.summary();

    const QMap<QString, qint64> callsByStatus = CallRepository(m_store).countByStatus();
    qint64 callsTotal = 0;
    qint64 ongoing = 0;
    QJsonObject byStatus;
    for (const CallStatus status : allCallStatuses()) {
        const qint64 count = callsByStatus.value(toString(status));
        byStatus.insert(toString(status), count);
        callsTotal += count;
        if (!isFinal(status))
            ongoing += count;
    }
    const qint64 successful = callsByStatus.value(toString(CallStatus::Completed));
    // Ended without a conversation: failed, busy, no-answer or canceled.
    const qint64 failed = callsTotal - ongoing - successful;

    const QMap<QString, qint64> agentsByStatus = AgentRepository(m_store).countByStatus();
    qint64 agentsTotal = 0;
    for (const qint64 count : agentsByStatus)
        agentsTotal += count;
    QJsonObject agentStatuses;
    for (auto it = agentsByStatus.cbegin(); it != agentsByStatus.cend(); ++it)
        agentStatuses.insert(it.key(), it.value());

    return {
        {u"requests"_s, QJsonObject{{u"total"_s, requests.total},
                                    {u"success"_s, requests.success},
                                    {u"errors"_s, requests.errors}}},
        {u"calls"_s, QJsonObject{{u"total"_s, callsTotal},
                                 {u"successful"_s, successful},
                                 {u"failed"_s, failed},
                                 {u"ongoing"_s, ongoing},
                                 {u"by_status"_s, byStatus}}},
        {u"agents"_s, QJsonObject{{u"total"_s, agentsTotal},
                                  {u"active"_s, agentsByStatus.value(u"active"_s)},
                                  {u"by_status"_s, agentStatuses}}},
        {u"response_times"_s, QJsonObject{{u"avg_ms"_s, requests.averageMs},
                                          {u"p95_ms"_s, requests.p95Ms},
                                          {u"p99_ms"_s, requests.p99Ms}}},
    };
}
