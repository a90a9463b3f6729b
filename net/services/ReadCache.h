// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"
#include "AppError.h"
#include "Call.h"
#include "CallRepository.h"
#include "Company.h"
#include "Event.h"

#include <QHash>
#include <QObject>

#include <optional>

class AgentService;
class CallService;
class CompanyService;
class EventLog;
class Store;

// What a team instance last knew, for answering reads while the shared database is away: the
// agents and companies (up to a memory bound, see below), the most recent calls (and any call
// touched since the start), and the latest events. It is loaded once at start and then kept current
// by the services' own signals, which fire for this instance's writes and, through TeamSync, for
// everyone else's. Reads still go to the database first; the cache answers only when that fails
// with Unavailable. Writes never use it: they fail with 503 while the database is away.
//
// Memory is bounded: at most MaxCalls calls and MaxEvents events, and agents and companies up to
// `maxBytes` together (their JSON size; 64 MiB by default, tens of thousands of agents). Past
// that the least recently changed ones are forgotten, and the cache no longer claims to know
// them all: a list, a count or a lookup it cannot answer fully waits for the database (503)
// instead of answering with part of the truth.
class ReadCache : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultMaxBytes = 64 * 1024 * 1024;

    ReadCache(AgentService &agents, CallService &calls, CompanyService &companies, EventLog &events,
              QObject *parent = nullptr, qint64 maxBytes = DefaultMaxBytes);

    // Throws AppError when the database cannot be read.
    void load(Store &store);
    bool isLoaded() const { return m_loaded; }

    std::optional<Agent> agent(const QString &id) const;
    QList<Agent> agents(qint64 limit, qint64 offset) const;
    qint64 agentCount() const { return m_agents.size(); }
    // False once an agent or company was forgotten for the memory bound: agent() and company()
    // answering "no such" then proves nothing, and lists would be partial.
    bool holdsEveryAgent() const { return m_holdsAll; }
    bool holdsEveryCompany() const { return m_holdsAll; }
    qint64 bytes() const { return m_bytes; }
    qint64 agentVersion(const QString &id) const;
    QStringList agentIds() const { return m_agents.keys(); }

    std::optional<Company> company(qint64 id) const;
    QList<Company> companies() const;
    qint64 companyVersion(qint64 id) const;
    QList<qint64> companyIds() const { return m_companies.keys(); }

    std::optional<CallRecord> call(const QString &idOrSid) const;
    QList<CallRecord> calls(const CallFilter &filter) const;
    qint64 callCount(const CallFilter &filter) const;
    qint64 callVersion(const QString &id) const;

    QList<EventRecord> events(qint64 limit) const;
    qint64 lastEventId() const { return m_lastEventId; }

private:
    void putAgent(const Agent &agent);
    void putCompany(const Company &company);
    void removeAgent(const QString &id);
    void removeCompany(qint64 id);
    void keepWithinBound();
    void putCall(const CallRecord &call);
    void putEvent(const EventRecord &event);
    QList<CallRecord> matching(const CallFilter &filter) const;

    qint64 m_maxBytes;
    qint64 m_bytes = 0; // of the agents and companies held
    bool m_holdsAll = true;
    QHash<QString, Agent> m_agents;
    QHash<qint64, Company> m_companies;
    QHash<QString, CallRecord> m_calls;
    QHash<QString, QString> m_callIdBySid;
    QList<EventRecord> m_events; // newest first
    qint64 m_lastEventId = 0;
    bool m_loaded = false;
};

// Runs `read` against the database; when the database is unreachable and the cache is loaded,
// answers with `fallback` instead. A fallback that knows nothing may rethrow with `throw;`.
template<typename Read, typename Fallback>
auto readOrCached(const ReadCache *cache, Read &&read, Fallback &&fallback) -> decltype(read())
{
    try {
        return read();
    } catch (const AppError &error) {
        if (!cache || !cache->isLoaded() || error.kind() != ErrorKind::Unavailable)
            throw;
        return fallback();
    }
}
