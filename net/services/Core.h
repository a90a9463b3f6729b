// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentReadCache.h"
#include "AgentService.h"
#include "CallLeases.h"
#include "CallMonitor.h"
#include "CallRecordings.h"
#include "CallService.h"
#include "CampaignDispatcher.h"
#include "CampaignService.h"
#include "ChangeFeed.h"
#include "CompanyService.h"
#include "EventLog.h"
#include "HealthService.h"
#include "LiveTranscripts.h"
#include "MetricsService.h"
#include "ProviderHub.h"
#include "RecordingStore.h"
#include "TeamKeyService.h"
#include "TestCallService.h"
#include "WalCheckpointer.h"

#include <QObject>

#include <memory>

class ProviderFactory;
class ReadCache;
class RequestMetrics;
class SealedSecretStore;
class SecretStore;
class Store;
class TeamSync;

// The services every face of Switchboard shares (the window, the REST API, the tray): one
// instance per process, living on one thread, which is where its signals come from.
//
// On a shared PostgreSQL database (team mode) the same services also carry other instances'
// changes: TeamSync raises agentChanged, callChanged, companyChanged and eventRecorded for them,
// so listeners need not care where a change came from. feed() tells whether those live updates
// flow (liveChanged(false, reason) while the database is away), teamKey() manages the key that
// seals company secrets in the database.
class Core : public QObject
{
    Q_OBJECT
public:
    Core(Store &store, ProviderFactory &providers, ProviderDefaults defaults, SecretStore &secrets,
         RequestMetrics &requestMetrics, CallMonitor::Pacing pacing, QObject *parent = nullptr);
    ~Core() override;

    // Resumes following the calls a previous run left unfinished; in team mode also starts
    // listening for other instances' changes and loads what reads fall back on.
    void start();

    Store &store() { return m_store; }
    SecretStore &secrets() { return m_secrets; }
    // Where company secrets go: sealed in the database in team mode, else the keychain.
    SecretStore &companySecrets() { return m_companySecrets; }
    ProviderHub &providers() { return m_providers; }
    EventLog &events() { return m_events; }
    AgentService &agents() { return m_agents; }
    CallService &calls() { return m_calls; }
    TestCallService &testCalls() { return m_testCalls; }
    CompanyService &companies() { return m_companies; }
    HealthService &health() { return m_health; }
    MetricsService &metrics() { return m_metrics; }
    CallMonitor &monitor() { return m_monitor; }
    RecordingStore &recordings() { return m_recordings; }
    CallRecordings &callRecordings() { return m_callRecordings; }
    LiveTranscripts &liveTranscripts() { return m_live; }
    AgentReadCache &agentCache() { return m_agentCache; }
    TeamKeyService &teamKey() { return m_teamKey; }
    ChangeFeed &feed() { return m_feed; }
    CallLeases &leases() { return m_leases; }
    CampaignService &campaigns() { return m_campaigns; }
    CampaignDispatcher &dispatcher() { return m_dispatcher; }
    bool isTeamMode() const;
    // Null on SQLite.
    TeamSync *sync() { return m_sync; }

private:
    Store &m_store;
    SecretStore &m_secrets;
    TeamKeyService m_teamKey;
    // Team mode: company secrets sealed in the database; otherwise the keychain itself.
    std::unique_ptr<SealedSecretStore> m_sealed;
    SecretStore &m_companySecrets;
    ProviderHub m_providers;
    EventLog m_events;
    CallLeases m_leases;
    AgentService m_agents;
    CallService m_calls;
    TestCallService m_testCalls;
    CompanyService m_companies;
    HealthService m_health;
    MetricsService m_metrics;
    RecordingStore m_recordings;
    CallRecordings m_callRecordings;
    CallMonitor m_monitor;
    LiveTranscripts m_live;
    CampaignService m_campaigns;
    CampaignDispatcher m_dispatcher;
    AgentReadCache m_agentCache;
    WalCheckpointer m_checkpointer;
    ChangeFeed m_feed;
    ReadCache *m_cache = nullptr;
    TeamSync *m_sync = nullptr;
};
