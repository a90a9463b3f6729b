// SPDX-License-Identifier: GPL-3.0-or-later
#include "Core.h"

Core::Core(Store &store, ProviderFactory &providers, ProviderDefaults defaults,
           SecretStore &secrets, RequestMetrics &requestMetrics, CallMonitor::Pacing pacing,
           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_providers(providers, std::move(defaults), secrets)
    , m_events(store, this)
    , m_agents(store, m_events, m_providers, this)
    , m_calls(store, m_events, m_providers, this)
    , m_companies(store, secrets, m_events, this)
    , m_health(store, m_calls, m_providers, secrets, this)
    , m_metrics(store, requestMetrics)
    , m_monitor(m_calls, pacing, this)
{
}

void Core::start()
{
    m_monitor.start();
}
