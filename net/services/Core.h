// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentService.h"
#include "CallMonitor.h"
#include "CallService.h"
#include "CompanyService.h"
#include "EventLog.h"
#include "HealthService.h"
#include "MetricsService.h"
#include "ProviderHub.h"

#include <QObject>

class ProviderFactory;
class RequestMetrics;
class SecretStore;
class Store;

// The services every face of Switchboard shares (the window, the REST API, the tray): one
// instance per process, living on one thread, which is where its signals come from.
class Core : public QObject
{
    Q_OBJECT
public:
    Core(Store &store, ProviderFactory &providers, ProviderDefaults defaults, SecretStore &secrets,
         RequestMetrics &requestMetrics, CallMonitor::Pacing pacing, QObject *parent = nullptr);

    // Resumes following the calls a previous run left unfinished.
    void start();

    Store &store() { return m_store; }
    SecretStore &secrets() { return m_secrets; }
    ProviderHub &providers() { return m_providers; }
    EventLog &events() { return m_events; }
    AgentService &agents() { return m_agents; }
    CallService &calls() { return m_calls; }
    CompanyService &companies() { return m_companies; }
    HealthService &health() { return m_health; }
    MetricsService &metrics() { return m_metrics; }
    CallMonitor &monitor() { return m_monitor; }

private:
    Store &m_store;
    SecretStore &m_secrets;
    ProviderHub m_providers;
    EventLog m_events;
    AgentService m_agents;
    CallService m_calls;
    CompanyService m_companies;
    HealthService m_health;
    MetricsService m_metrics;
    CallMonitor m_monitor;
};
