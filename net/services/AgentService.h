// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"
#include "AgentRevisionRepository.h"
#include "AppError.h"

#include <QObject>

#include <functional>
#include <optional>

class EventLog;
class ProviderHub;
class ReadCache;
class Store;

struct AgentResult
{
    Agent agent;
    std::optional<AppError> error; // set when Ultravox refused or could not be reached
};

// Agents for the window and the REST API alike. The local record is written first, so nothing
// the operator typed is lost; then Ultravox is told. When Ultravox fails, the agent keeps status
// `error` with the provider's reason, and the error names the provider and the agent.
//
// Methods throw AppError for what is wrong before any provider is asked (not found, stale
// version, agent busy); `done` is called later with the outcome of the provider round trip.
class AgentService : public QObject
{
    Q_OBJECT
public:
    using AgentDone = std::function<void(const AgentResult &)>;
    using RemoveDone = std::function<void(const std::optional<AppError> &)>;

    AgentService(Store &store, EventLog &events, ProviderHub &providers, QObject *parent = nullptr);

    // `source` (a RevisionSources name) is kept with the revision the save records.
    void create(const AgentConfig &config, AgentDone done,
                const QString &source = RevisionSources::Api);
    // `expectedVersion`: the version the writer read; a different stored version is refused (409).
    // A save that changes the configuration records a new revision.
    void update(const QString &id, const AgentConfig &config, std::optional<qint64> expectedVersion,
                AgentDone done, const QString &source = RevisionSources::Api);
    // Saves revision `number`'s configuration as a new revision (source "restore") and tells
    // Ultravox. Throws NotFound for an unknown agent or revision.
    void restore(const QString &id, qint64 number, std::optional<qint64> expectedVersion,
                 AgentDone done);
    // A new agent with `id`'s configuration under `name` (empty: "<name> copy").
    void duplicate(const QString &id, const QString &name, AgentDone done);
    // Creates every config in one transaction (all of them or, if the database fails, none),
    // each with a first revision of source "import"; then tells Ultravox of each. The configs
    // must have passed validation.
    QList<Agent> createMany(const QList<AgentConfig> &configs);
    // Imports an export file (see AgentExchange): every entry that passes the rules, in one
    // transaction; the others are reported as skipped, with the reason. Throws Validation when
    // the document is not an export. Returns AgentExchange::report().
    QJsonObject importAgents(const QJsonObject &document);
    QJsonObject exportAgents(const QStringList &ids);  // all agents when `ids` is empty; NotFound
    QList<AgentRevision> revisions(const QString &id); // newest first; NotFound
    AgentRevision revision(const QString &id, qint64 number); // NotFound
    // Pushes the stored config to Ultravox again (the window's Retry on an agent in error).
    void retrySync(const QString &id, AgentDone done);
    // Agents left `creating` by a process that stopped before Ultravox's answer was saved (last
    // written before `startedBeforeMs`) go to `error`, where Retry and PUT take them up again,
    // instead of answering "still being created" forever. Returns how many.
    int failInterruptedCreations(qint64 startedBeforeMs);
    void remove(const QString &id, RemoveDone done);

    // Team mode: reads fall back on what the instance last knew while the database is away.
    void setReadCache(const ReadCache *cache) { m_cache = cache; }

    std::optional<Agent> find(const QString &id);
    Agent get(const QString &id); // throws NotFound
    QList<Agent> list(qint64 limit, qint64 offset);
    qint64 count();

Q_SIGNALS:
    void agentChanged(const Agent &agent);
    void agentRemoved(const QString &id);

private:
    struct RevisionNote
    {
        QString source;
        qint64 restoredFrom = 0;
    };
    void save(const QString &id, const AgentConfig &config, std::optional<qint64> expectedVersion,
              const RevisionNote &note, AgentDone done);
    Agent insertNew(const AgentConfig &config, const QString &source);
    void recordRevision(const Agent &agent, const RevisionNote &note);
    void syncToUltravox(const Agent &agent, const QString &doing, AgentDone done);
    // Saves what the sync said; the caller emits agentChanged once the write is committed.
    Agent saveSyncResult(Agent agent, AgentStatus status, const QString &reason,
                         const QString &remoteId);
    // Saves status `error` with `reason`, tells of it and records `agent_sync_failed`.
    Agent saveSyncFailure(const Agent &agent, const QString &reason,
                          const QJsonObject &eventDetails);
    void queueSyncSuccess(const Agent &agent, const QString &remoteId, AgentDone done);
    void saveQueuedSyncSuccesses();

    struct QueuedSyncSuccess
    {
        Agent agent;
        QString remoteId;
        AgentDone done;
    };
    // Under load Ultravox answers for many agents in the same turn of the event loop: their
    // results are saved in one transaction, one commit instead of one each.
    QList<QueuedSyncSuccess> m_queuedSyncSuccesses;

    Store &m_store;
    EventLog &m_events;
    ProviderHub &m_providers;
    const ReadCache *m_cache = nullptr;
};

// The conflict error for a stale write, carrying the current record so the client can merge.
AppError staleWriteError(const QString &what, const QJsonObject &current);
