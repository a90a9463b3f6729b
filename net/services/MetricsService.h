// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

class AgentService;
class CallService;
class RequestMetrics;
class Store;

// The figures of GET /api/v1/metrics and of the window's Metrics pane.
class MetricsService
{
public:
    MetricsService(Store &store, RequestMetrics &requests)
        : m_store(store)
        , m_requests(requests)
    {
    }

    QJsonObject snapshot();
    RequestMetrics &requests() { return m_requests; }

private:
    Store &m_store;
    RequestMetrics &m_requests;
};
