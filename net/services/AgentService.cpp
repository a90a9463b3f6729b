// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentService.h"

#include "AgentExchange.h"
#include "AgentRepository.h"
#include "AgentRevisionRepository.h"
#include "CallRepository.h"
#include "EventLog.h"
#include "Ids.h"
#include "ProviderHub.h"
#include "ReadCache.h"
#include "Store.h"
#include "Timestamps.h"
#include "UltravoxCallTemplate.h"
#include "Validation.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAgents, "switchboard.agents")

namespace {
RemoteAgentSpec remoteSpec(const AgentConfig &config)
{
    return {remoteAgentName(config.name), UltravoxCallTemplate::fromAgentConfig(config)};
}
} // namespace

AppError staleWriteError(const QString &what, const QJsonObject &current)
{
    return AppError(ErrorKind::Conflict,
                    u"%1 was changed by someone else since you read it (now version %2). Reload "
                    u"it, or send your change again with the current version."_s.arg(what)
                        .arg(current.value(u"version"_s).toInteger()),
                    {{u"current"_s, current}});
}

AgentService::AgentService(Store &store, EventLog &events, ProviderHub &providers, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_events(events)
    , m_providers(providers)
{
}

std::optional<Agent> AgentService::find(const QString &id)
{
    return readOrCached(
        m_cache, [&] { return AgentRepository(m_store).find(id); },
        [&] {
            std::optional<Agent> cached = m_cache->agent(id);
            if (!cached && !m_cache->holdsEveryAgent())
                throw; // forgotten for the memory bound, perhaps: only the database knows
            return cached;
        });
}

Agent AgentService::get(const QString &id)
{
    std::optional<Agent> agent = find(id);
    if (!agent)
        throw AppError::notFound(u"Agent"_s, id);
    return *agent;
}

QList<Agent> AgentService::list(qint64 limit, qint64 offset)
{
    return readOrCached(
        m_cache, [&] { return AgentRepository(m_store).list(limit, offset); },
        [&] {
            if (!m_cache->holdsEveryAgent())
                throw; // a partial list would look complete
            return m_cache->agents(limit, offset);
        });
}

qint64 AgentService::count()
{
    return readOrCached(
        m_cache, [&] { return AgentRepository(m_store).count(); },
        [&] {
            if (!m_cache->holdsEveryAgent())
                throw;
            return m_cache->agentCount();
        });
}

Agent AgentService::insertNew(const AgentConfig &config, const QString &source)
{
    Agent agent;
    agent.id = Ids::newAgentId();
    agent.config = config;
    agent.status = AgentStatus::Creating;
    agent.createdAt = agent.updatedAt = Timestamps::nowMs();
    agent.revision = 1;
    AgentRepository(m_store).insert(agent);
    recordRevision(agent, {source});
    m_events.record(EventTypes::AgentCreated, agent.id, {}, 0, {{u"name"_s, config.name}});
    return agent;
}

void AgentService::recordRevision(const Agent &agent, const RevisionNote &note)
{
    AgentRevision revision;
    revision.agentId = agent.id;
    revision.number = agent.revision;
    revision.config = agent.config;
    revision.source = note.source;
    revision.savedBy = localSaver();
    revision.createdAt = agent.updatedAt;
    revision.restoredFrom = note.restoredFrom;
    AgentRevisionRepository(m_store).insert(revision);
}

void AgentService::create(const AgentConfig &config, AgentDone done, const QString &source)
{
    Agent agent;
    {
        // The agent, its first revision and its event in one transaction: one commit.
        Store::Transaction transaction(m_store);
        agent = insertNew(config, source);
        transaction.commit();
    }
    Q_EMIT agentChanged(agent);
    syncToUltravox(agent, u"Creating the agent on Ultravox"_s, std::move(done));
}

QList<Agent> AgentService::createMany(const QList<AgentConfig> &configs)
{
    QList<Agent> created;
    {
        Store::Transaction transaction(m_store);
        for (const AgentConfig &config : configs)
            created.append(insertNew(config, RevisionSources::Import));
        transaction.commit();
    }
    for (const Agent &agent : created) {
        Q_EMIT agentChanged(agent);
        // The outcome lands on the agent (active, or error with Ultravox's reason).
        syncToUltravox(agent, u"Creating the agent on Ultravox"_s, [](const AgentResult &) {});
    }
    return created;
}

void AgentService::update(const QString &id, const AgentConfig &config,
                          std::optional<qint64> expectedVersion, AgentDone done,
                          const QString &source)
{
    save(id, config, expectedVersion, {source}, std::move(done));
}

void AgentService::restore(const QString &id, qint64 number, std::optional<qint64> expectedVersion,
                           AgentDone done)
{
    const AgentRevision old = revision(id, number);
    save(id, old.config, expectedVersion, {RevisionSources::Restore, number}, std::move(done));
}

void AgentService::duplicate(const QString &id, const QString &name, AgentDone done)
{
    AgentConfig config = get(id).config;
    config.name = name.isEmpty() ? AgentExchange::duplicateName(config.name) : name;
    FieldErrors errors;
    errors.check(u"name"_s, Rules::checkAgentName(config.name));
    errors.throwIfAny();
    create(config, std::move(done), RevisionSources::Duplicate);
}

QJsonObject AgentService::importAgents(const QJsonObject &document)
{
    QSet<QString> names;
    AgentRepository(m_store).forEach(
        [&names](const Agent &agent) { names.insert(agent.config.name); });
    FieldErrors errors;
    const QList<AgentExchange::Entry> entries = AgentExchange::read(document, names, errors);
    errors.throwIfAny();
    QList<AgentConfig> configs;
    for (const AgentExchange::Entry &entry : entries) {
        if (entry.config)
            configs.append(*entry.config);
    }
    QStringList ids;
    for (const Agent &agent : createMany(configs))
        ids.append(agent.id);
    return AgentExchange::report(entries, ids);
}

QJsonObject AgentService::exportAgents(const QStringList &ids)
{
    QList<Agent> agents;
    if (ids.isEmpty())
        agents = list(-1, 0);
    for (const QString &id : ids)
        agents.append(get(id));
    return AgentExchange::exportDocument(agents, Timestamps::nowMs());
}

QList<AgentRevision> AgentService::revisions(const QString &id)
{
    get(id);
    return AgentRevisionRepository(m_store).list(id);
}

AgentRevision AgentService::revision(const QString &id, qint64 number)
{
    get(id);
    const std::optional<AgentRevision> found = AgentRevisionRepository(m_store).find(id, number);
    if (!found)
        throw AppError(ErrorKind::NotFound, u"Agent '%1' has no revision %2"_s.arg(id).arg(number),
                       {{u"agent_id"_s, id}, {u"revision"_s, number}});
    return *found;
}

void AgentService::save(const QString &id, const AgentConfig &config,
                        std::optional<qint64> expectedVersion, const RevisionNote &note,
                        AgentDone done)
{
    AgentRepository agents(m_store);
    Agent agent = get(id);
    if (expectedVersion && *expectedVersion != agent.version)
        throw staleWriteError(u"Agent '%1'"_s.arg(id), agent.toJson());
    // A save that changes nothing adds no revision; a restore always does, so the history says
    // what was given back.
    const bool recorded = !(agent.config == config) || note.source == RevisionSources::Restore;
    agent.config = config;
    agent.updatedAt = Timestamps::nowMs();
    if (recorded)
        ++agent.revision;
    {
        // The write and its revision together: the revision number is taken under the row lock
        // the version check holds, so two team members never record the same number.
        Store::Transaction transaction(m_store);
        if (!agents.update(agent)) {
            const std::optional<Agent> current = agents.find(id);
            if (!current)
                throw AppError::notFound(u"Agent"_s, id);
            throw staleWriteError(u"Agent '%1'"_s.arg(id), current->toJson());
        }
        if (recorded)
            recordRevision(agent, note);
        m_events.record(EventTypes::AgentUpdated, agent.id, {}, 0,
                        {{u"version"_s, agent.version}, {u"revision"_s, agent.revision}});
        transaction.commit();
    }
    Q_EMIT agentChanged(agent);
    syncToUltravox(agent, u"Updating the agent on Ultravox"_s, std::move(done));
}

void AgentService::retrySync(const QString &id, AgentDone done)
{
    const Agent agent = get(id);
    syncToUltravox(agent,
                   agent.remoteId.isEmpty() ? u"Creating the agent on Ultravox"_s
                                            : u"Updating the agent on Ultravox"_s,
                   std::move(done));
}

int AgentService::failInterruptedCreations(qint64 startedBeforeMs)
{
    const QString reason =
        u"Switchboard stopped before Ultravox's answer to the creation was saved. Retry (or save "
        u"the agent again) creates it on Ultravox; if Ultravox had made it already, its console "
        u"then shows the agent twice."_s;
    int failed = 0;
    for (const Agent &agent :
         AgentRepository(m_store).withStatusUpdatedBefore(AgentStatus::Creating, startedBeforeMs)) {
        try {
            saveSyncFailure(agent, reason, {{u"reason"_s, reason}});
            ++failed;
        } catch (const AppError &error) { // changed or deleted meanwhile: nothing to repair
            qCInfo(lcAgents) << "left" << agent.id << "as it is:" << error.message();
        }
    }
    return failed;
}

Agent AgentService::saveSyncResult(Agent agent, AgentStatus status, const QString &reason,
                                   const QString &remoteId)
{
    AgentRepository agents(m_store);
    const QString id = agent.id;
    // First on the record the sync started from (no read needed); if another write landed while
    // Ultravox was answering, on the newest one, and again if a write slips in between.
    for (int attempt = 0; attempt < 4; ++attempt) {
        if (attempt > 0)
            agent = get(id);
        agent.status = status;
        agent.statusReason = reason;
        if (!remoteId.isEmpty())
            agent.remoteId = remoteId;
        agent.updatedAt = Timestamps::nowMs();
        if (agents.update(agent))
            return agent;
    }
    throw AppError(ErrorKind::Conflict,
                   u"Agent '%1' kept changing while its Ultravox sync was saved"_s.arg(id));
}

Agent AgentService::saveSyncFailure(const Agent &agent, const QString &reason,
                                    const QJsonObject &eventDetails)
{
    const Agent saved = saveSyncResult(agent, AgentStatus::Error, reason, {});
    Q_EMIT agentChanged(saved);
    m_events.record(EventTypes::AgentSyncFailed, agent.id, {}, 0, eventDetails);
    return saved;
}

void AgentService::syncToUltravox(const Agent &agent, const QString &doing, AgentDone done)
{
    std::shared_ptr<UltravoxProvider> ultravox;
    try {
        ultravox = m_providers.defaultUltravox();
    } catch (const AppError &unavailable) {
        const Agent saved =
            saveSyncFailure(agent, unavailable.message(), {{u"reason"_s, unavailable.message()}});
        QJsonObject details = unavailable.details();
        details.insert(u"agent_id"_s, agent.id);
        done({saved, AppError(unavailable.kind(), unavailable.message(), details)});
        return;
    }

    const QString id = agent.id;
    const bool updating = !agent.remoteId.isEmpty();
    auto finish = [this, agent, id, doing, updating,
                   done = std::move(done)](const Outcome<RemoteAgent> &outcome) {
        try {
            if (!outcome.ok() && updating && outcome.error().httpStatus == 404) {
                // Deleted on Ultravox's side (its console, another tool): create it again.
                Agent orphan = get(id);
                orphan.remoteId.clear();
                AgentRepository(m_store).update(orphan);
                syncToUltravox(orphan, u"Creating the agent on Ultravox again"_s, done);
                return;
            }
            if (outcome.ok()) {
                queueSyncSuccess(agent, outcome.value().agentId, done);
                return;
            }
            const ProviderError &failure = outcome.error();
            qCWarning(lcAgents) << doing << "failed for" << id << ":" << failure.summary();
            const Agent saved = saveSyncFailure(agent, failure.summary(), failure.toJson());
            done({saved, failure.toAppError(doing, {{u"agent_id"_s, id}})});
        } catch (const AppError &error) {
            done({Agent{}, error});
        }
    };
    if (agent.remoteId.isEmpty())
        ultravox->createAgent(remoteSpec(agent.config), this, std::move(finish));
    else
        ultravox->updateAgent(agent.remoteId, remoteSpec(agent.config), this, std::move(finish));
}

void AgentService::queueSyncSuccess(const Agent &agent, const QString &remoteId, AgentDone done)
{
    if (m_queuedSyncSuccesses.isEmpty())
        QMetaObject::invokeMethod(this, &AgentService::saveQueuedSyncSuccesses,
                                  Qt::QueuedConnection);
    m_queuedSyncSuccesses.append({agent, remoteId, std::move(done)});
}

void AgentService::saveQueuedSyncSuccesses()
{
    const QList<QueuedSyncSuccess> queued = std::exchange(m_queuedSyncSuccesses, {});
    QList<AgentResult> results;
    results.reserve(queued.size());
    try {
        Store::Transaction transaction(m_store);
        for (const QueuedSyncSuccess &success : queued) {
            try {
                results.append(
                    {saveSyncResult(success.agent, AgentStatus::Active, {}, success.remoteId), {}});
            } catch (const AppError &error) {
                // Deleted meanwhile, or kept changing: that agent alone. Anything else came from
                // the database, and on PostgreSQL a failed statement voids the whole transaction,
                // so none of the batch may be reported saved.
                if (error.kind() != ErrorKind::NotFound && error.kind() != ErrorKind::Conflict)
                    throw;
                results.append({Agent{}, error});
            }
        }
        transaction.commit();
    } catch (const AppError &error) { // the database refused the whole transaction
        for (const QueuedSyncSuccess &success : queued)
            success.done({Agent{}, error});
        return;
    }
    for (qsizetype i = 0; i < queued.size(); ++i) {
        if (!results.at(i).error)
            Q_EMIT agentChanged(results.at(i).agent);
        queued.at(i).done(results.at(i));
    }
}

void AgentService::remove(const QString &id, RemoveDone done)
{
    const Agent agent = get(id);
    const qint64 ongoing = CallRepository(m_store).unfinishedCountForAgent(id);
    if (ongoing > 0)
        throw AppError(ErrorKind::Conflict,
                       u"Agent '%1' has %2 call(s) in progress; hang them up or wait until they "
                       u"end, then delete it."_s.arg(id)
                           .arg(ongoing),
                       {{u"agent_id"_s, id}, {u"ongoing_calls"_s, ongoing}});

    auto removeLocally = [this, id] {
        AgentRepository(m_store).remove(id);
        m_events.record(EventTypes::AgentDeleted, id);
        Q_EMIT agentRemoved(id);
    };
    if (agent.remoteId.isEmpty()) { // never reached Ultravox: nothing to delete there
        removeLocally();
        done(std::nullopt);
        return;
    }
    const std::shared_ptr<UltravoxProvider> ultravox = m_providers.defaultUltravox();
    ultravox->deleteAgent(
        agent.remoteId, this,
        [id, removeLocally, done = std::move(done)](const Outcome<Done> &outcome) {
            try {
                // Gone on Ultravox already is as good as deleted.
                if (outcome.ok() || outcome.error().httpStatus == 404) {
                    removeLocally();
                    done(std::nullopt);
                    return;
                }
                done(outcome.error().toAppError(u"Deleting the agent on Ultravox"_s,
                                                {{u"agent_id"_s, id}}));
            } catch (const AppError &error) {
                done(error);
            }
        });
}
