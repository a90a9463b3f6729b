// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReadCache.h"

#include "AgentRepository.h"
#include "AgentService.h"
#include "CallService.h"
#include "CompanyRepository.h"
#include "CompanyService.h"
#include "EventLog.h"
#include "EventRepository.h"

#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// Enough for a day's work on a busy desk; older calls are read from the database or not at all.
constexpr qsizetype MaxCalls = 5000;
constexpr qsizetype MaxEvents = 500;

bool contains(const QString &haystack, const QString &needle)
{
    return haystack.contains(needle, Qt::CaseInsensitive);
}

qint64 costOf(const Agent &agent)
{
    return QJsonDocument(agent.config.toJson()).toJson(QJsonDocument::Compact).size() + 256;
}

qint64 costOf(const Company &company)
{
    return QJsonDocument(company.toJson()).toJson(QJsonDocument::Compact).size() + 256;
}

// Holds `item` under `key` unless a newer version is held (a late echo of an older write must
// not roll the cache back), keeping `bytes` the cost of what `held` holds.
template<typename Held, typename Item>
void putNewer(Held &held, const typename Held::key_type &key, const Item &item, qint64 &bytes)
{
    auto it = held.find(key);
    if (it != held.end()) {
        if (it->version > item.version)
            return;
        bytes -= costOf(*it);
    }
    held.insert(key, item);
    bytes += costOf(item);
}

template<typename Held>
void forget(Held &held, const typename Held::key_type &key, qint64 &bytes)
{
    const auto it = held.find(key);
    if (it == held.end())
        return;
    bytes -= costOf(*it);
    held.erase(it);
}
} // namespace

ReadCache::ReadCache(AgentService &agents, CallService &calls, CompanyService &companies,
                     EventLog &events, QObject *parent, qint64 maxBytes)
    : QObject(parent)
    , m_maxBytes(maxBytes)
{
    connect(&agents, &AgentService::agentChanged, this, &ReadCache::putAgent);
    connect(&agents, &AgentService::agentRemoved, this, &ReadCache::removeAgent);
    connect(&companies, &CompanyService::companyChanged, this, &ReadCache::putCompany);
    connect(&companies, &CompanyService::companyRemoved, this, &ReadCache::removeCompany);
    connect(&calls, &CallService::callChanged, this, &ReadCache::putCall);
    connect(&events, &EventLog::eventRecorded, this, &ReadCache::putEvent);
}

void ReadCache::load(Store &store)
{
    const QList<Agent> agents = AgentRepository(store).list(-1, 0);
    const QList<Company> companies = CompanyRepository(store).list();
    CallFilter recent;
    recent.limit = MaxCalls / 2;
    const QList<CallRecord> calls = CallRepository(store).list(recent);
    const QList<EventRecord> events = EventRepository(store).recent(MaxEvents);

    m_agents.clear();
    m_companies.clear();
    m_bytes = 0;
    m_holdsAll = true;
    for (const Agent &agent : agents)
        putAgent(agent);
    for (const Company &company : companies)
        putCompany(company);
    for (const CallRecord &call : calls)
        putCall(call);
    for (auto it = events.crbegin(); it != events.crend(); ++it)
        putEvent(*it);
    m_loaded = true;
}

std::optional<Agent> ReadCache::agent(const QString &id) const
{
    const auto it = m_agents.constFind(id);
    if (it == m_agents.cend())
        return std::nullopt;
    return *it;
}

QList<Agent> ReadCache::agents(qint64 limit, qint64 offset) const
{
    QList<Agent> all = m_agents.values();
    std::sort(all.begin(), all.end(), [](const Agent &a, const Agent &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    return all.mid(offset, limit < 0 ? -1 : limit);
}

qint64 ReadCache::agentVersion(const QString &id) const
{
    const auto it = m_agents.constFind(id);
    return it == m_agents.cend() ? 0 : it->version;
}

std::optional<Company> ReadCache::company(qint64 id) const
{
    const auto it = m_companies.constFind(id);
    if (it == m_companies.cend())
        return std::nullopt;
    return *it;
}

QList<Company> ReadCache::companies() const
{
    QList<Company> all = m_companies.values();
    std::sort(all.begin(), all.end(),
              [](const Company &a, const Company &b) { return a.id < b.id; });
    return all;
}

qint64 ReadCache::companyVersion(qint64 id) const
{
    const auto it = m_companies.constFind(id);
    return it == m_companies.cend() ? 0 : it->version;
}

void ReadCache::putAgent(const Agent &agent)
{
    putNewer(m_agents, agent.id, agent, m_bytes);
    keepWithinBound();
}

void ReadCache::putCompany(const Company &company)
{
    putNewer(m_companies, company.id, company, m_bytes);
    keepWithinBound();
}

void ReadCache::removeAgent(const QString &id)
{
    forget(m_agents, id, m_bytes);
}

void ReadCache::removeCompany(qint64 id)
{
    forget(m_companies, id, m_bytes);
}

void ReadCache::keepWithinBound()
{
    if (m_bytes <= m_maxBytes)
        return;
    // Down to nine tenths in one go, least recently changed agents first (companies are few and
    // go last), rather than one sort per insert.
    m_holdsAll = false;
    QList<Agent> agents = m_agents.values();
    std::sort(agents.begin(), agents.end(),
              [](const Agent &a, const Agent &b) { return a.updatedAt < b.updatedAt; });
    const qint64 target = m_maxBytes - m_maxBytes / 10;
    for (const Agent &agent : std::as_const(agents)) {
        if (m_bytes <= target)
            return;
        removeAgent(agent.id);
    }
    QList<Company> companies = m_companies.values();
    std::sort(companies.begin(), companies.end(),
              [](const Company &a, const Company &b) { return a.updatedAt < b.updatedAt; });
    for (const Company &company : std::as_const(companies)) {
        if (m_bytes <= target)
            return;
        removeCompany(company.id);
    }
}

void ReadCache::putCall(const CallRecord &call)
{
    auto it = m_calls.find(call.id);
    if (it != m_calls.end() && it->version > call.version)
        return;
    m_calls.insert(call.id, call);
    if (!call.callSid.isEmpty())
        m_callIdBySid.insert(call.callSid, call.id);
    if (m_calls.size() <= MaxCalls + MaxCalls / 10)
        return;
    // Over the cap by a tenth: forget the oldest calls in one go rather than one per insert.
    QList<CallRecord> all = m_calls.values();
    std::sort(all.begin(), all.end(),
              [](const CallRecord &a, const CallRecord &b) { return a.createdAt < b.createdAt; });
    for (qsizetype i = 0; i < all.size() - MaxCalls; ++i) {
        m_calls.remove(all.at(i).id);
        m_callIdBySid.remove(all.at(i).callSid);
    }
}

std::optional<CallRecord> ReadCache::call(const QString &idOrSid) const
{
    auto it = m_calls.constFind(idOrSid);
    if (it == m_calls.cend())
        it = m_calls.constFind(m_callIdBySid.value(idOrSid));
    if (it == m_calls.cend())
        return std::nullopt;
    return *it;
}

qint64 ReadCache::callVersion(const QString &id) const
{
    const auto it = m_calls.constFind(id);
    return it == m_calls.cend() ? 0 : it->version;
}

QList<CallRecord> ReadCache::matching(const CallFilter &filter) const
{
    QList<CallRecord> result;
    for (const CallRecord &call : m_calls) {
        if (!filter.agentId.isEmpty() && call.agentId != filter.agentId)
            continue;
        if (filter.status && call.status != *filter.status)
            continue;
        if (!filter.phoneNumber.isEmpty()) {
            const bool prefix = filter.phoneNumber.endsWith(u'*');
            if (prefix ? !call.phoneNumber.startsWith(filter.phoneNumber.chopped(1))
                       : call.phoneNumber != filter.phoneNumber)
                continue;
        }
        if (filter.test && call.test != *filter.test)
            continue;
        if (filter.companyId > 0 && call.companyId != filter.companyId)
            continue;
        if (!filter.campaignId.isEmpty() && call.campaignId != filter.campaignId)
            continue;
        if (filter.createdFrom > 0 && call.createdAt < filter.createdFrom)
            continue;
        if (filter.createdTo > 0 && call.createdAt >= filter.createdTo)
            continue;
        if (!filter.text.isEmpty()) {
            const QString error =
                QString::fromUtf8(QJsonDocument(call.error).toJson(QJsonDocument::Compact));
            if (!contains(call.phoneNumber, filter.text) &&
                !contains(call.agentName, filter.text) && !contains(call.callSid, filter.text) &&
                !contains(call.id, filter.text) && !contains(error, filter.text))
                continue;
        }
        result.append(call);
    }
    // Newest first, as the repository lists them.
    std::sort(result.begin(), result.end(), [](const CallRecord &a, const CallRecord &b) {
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
    });
    return result;
}

QList<CallRecord> ReadCache::calls(const CallFilter &filter) const
{
    return matching(filter).mid(filter.offset, filter.limit < 0 ? -1 : filter.limit);
}

qint64 ReadCache::callCount(const CallFilter &filter) const
{
    return matching(filter).size();
}

void ReadCache::putEvent(const EventRecord &event)
{
    m_lastEventId = std::max(m_lastEventId, event.id);
    // Newest first by id: another instance's event may arrive after a newer one of ours.
    qsizetype at = 0;
    while (at < m_events.size() && m_events.at(at).id > event.id)
        ++at;
    if (at < m_events.size() && m_events.at(at).id == event.id)
        return;
    m_events.insert(at, event);
    if (m_events.size() > MaxEvents)
        m_events.resize(MaxEvents);
}

QList<EventRecord> ReadCache::events(qint64 limit) const
{
    return m_events.mid(0, limit < 0 ? -1 : limit);
}
