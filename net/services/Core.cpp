// SPDX-License-Identifier: GPL-3.0-or-later
#include "Core.h"

#include "ReadCache.h"
#include "SealedSecretStore.h"
#include "Store.h"
#include "TeamSync.h"
#include "Timestamps.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCore, "switchboard.core")

namespace {
std::unique_ptr<SealedSecretStore> sealedFor(Store &store, SecretStore &keychain,
                                             TeamKeyService &teamKey)
{
    if (!store.isPostgres())
        return nullptr;
    return std::make_unique<SealedSecretStore>(store, keychain, teamKey);
}
} // namespace

Core::Core(Store &store, ProviderFactory &providers, ProviderDefaults defaults,
           SecretStore &secrets, RequestMetrics &requestMetrics, CallMonitor::Pacing pacing,
           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_teamKey(store, secrets, this)
    , m_sealed(sealedFor(store, secrets, m_teamKey))
    , m_companySecrets(m_sealed ? static_cast<SecretStore &>(*m_sealed) : secrets)
    , m_providers(providers, std::move(defaults), m_companySecrets)
    , m_events(store, this)
    , m_leases(store, pacing.leaseTtlMs, this)
    , m_agents(store, m_events, m_providers, this)
    , m_calls(store, m_events, m_providers, this)
    , m_testCalls(store, m_calls)
    , m_companies(store, m_companySecrets, m_events, this)
    , m_health(store, m_calls, m_providers, secrets, this)
    , m_metrics(store, requestMetrics)
    , m_callRecordings(m_calls, m_recordings, this)
    , m_monitor(m_calls, m_recordings, pacing, this)
    , m_live(m_calls, pacing.liveTranscriptMs, this)
    , m_campaigns(store, m_events, this)
    , m_dispatcher(store, m_campaigns, m_calls, m_monitor, m_providers, m_leases,
                   {pacing.campaignTickMs, pacing.leaseTtlMs, 5 * 60 * 1000}, this)
    , m_agentCache(store, m_agents, this)
    , m_checkpointer(store, this)
    , m_feed(store, this)
{
    // Recordings go beside the SQLite database; a team database's instances keep theirs in the
    // app-data folder (ServerStack names the data folder when it knows it).
    m_recordings.setFolder(
        QDir(store.isPostgres()
                 ? QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                 : QFileInfo(store.location().sqlitePath).absolutePath())
            .filePath(u"recordings"_s));
    m_calls.setLeases(&m_leases);
    m_monitor.setLeases(&m_leases);
    m_live.setLeases(&m_leases);
    // Other instances' campaign and do-not-call changes, heard through PostgreSQL's notifications.
    connect(&m_feed, &ChangeFeed::changed, &m_campaigns, [this](const StoreChange &change) {
        if (change.table == u"dnc_numbers") {
            Q_EMIT m_campaigns.doNotCallChanged();
        } else if (change.table == u"campaigns") {
            if (change.op == u'D') {
                Q_EMIT m_campaigns.campaignRemoved(change.id);
                return;
            }
            try {
                Q_EMIT m_campaigns.campaignChanged(m_campaigns.get(change.id));
                Q_EMIT m_campaigns.progressChanged(change.id);
            } catch (const AppError &error) {
                qCWarning(lcCore) << "cannot read a changed campaign:" << error.message();
            }
        }
    });
    m_health.setTeam(&m_feed, &m_teamKey);
    if (isTeamMode()) {
        m_cache = new ReadCache(m_agents, m_calls, m_companies, m_events, this);
        m_agents.setReadCache(m_cache);
        m_calls.setReadCache(m_cache);
        m_companies.setReadCache(m_cache);
        m_events.setReadCache(m_cache);
        m_sync = new TeamSync(store, m_feed, *m_cache, m_agents, m_calls, m_companies, m_events,
                              m_leases, this);
    }
}

Core::~Core()
{
    // Others take over this instance's calls at once instead of waiting for the leases to run
    // out; the store is still open here (ServerStack deletes the core first).
    m_dispatcher.stop();
    m_leases.handOver();
    m_feed.stop();
}

bool Core::isTeamMode() const
{
    return m_store.isPostgres();
}

void Core::start()
{
    if (isTeamMode()) {
        // Listening first: a change made while the cache loads is then heard, not missed.
        m_feed.start();
        try {
            m_cache->load(m_store);
        } catch (const AppError &error) {
            qCWarning(lcCore) << "cannot load what reads fall back on:" << error.message();
        }
    }
    // Finding the calls to resume reads the call log: done once the event loop runs, so that
    // opening the store (and the window waiting for it) does not wait for it.
    QTimer::singleShot(0, &m_monitor, &CallMonitor::start);
    QTimer::singleShot(0, &m_live, &LiveTranscripts::start);
    QTimer::singleShot(0, &m_dispatcher, &CampaignDispatcher::start);
    // An agent still `creating` from before this start lost its Ultravox answer. On SQLite this
    // process is the only one; on a shared database another instance may be waiting for that
    // answer right now, so only creations older than any provider round trip count there.
    const qint64 startedBefore = Timestamps::nowMs() - (isTeamMode() ? 5 * 60 * 1000 : 0);
    QTimer::singleShot(0, &m_agents, [this, startedBefore] {
        try {
            if (const int failed = m_agents.failInterruptedCreations(startedBefore))
                qCWarning(lcCore) << failed
                                  << "agent(s) were left half-created by an earlier run; they "
                                     "now show the error and a Retry";
        } catch (const AppError &error) {
            qCWarning(lcCore) << "cannot look for half-created agents:" << error.message();
        }
    });
    m_agentCache.start();
    m_checkpointer.start();
}
