// SPDX-License-Identifier: GPL-3.0-or-later
#include "TeamSync.h"

#include "AgentRepository.h"
#include "AgentService.h"
#include "AppError.h"
#include "CallLeases.h"
#include "CallRepository.h"
#include "CallService.h"
#include "CompanyRepository.h"
#include "CompanyService.h"
#include "EventLog.h"
#include "EventRepository.h"
#include "ReadCache.h"
#include "Timestamps.h"

#include <QLoggingCategory>
#include <QSet>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTeamSync, "switchboard.sync")

namespace {
// Writers stamp updated_at with their own clocks: look back far enough to cover their skew.
constexpr qint64 ClockSkewMarginMs = 60000;
constexpr qint64 CatchUpLimit = 5000;
} // namespace

TeamSync::TeamSync(Store &store, ChangeFeed &feed, ReadCache &cache, AgentService &agents,
                   CallService &calls, CompanyService &companies, EventLog &events,
                   CallLeases &leases, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_cache(cache)
    , m_agents(agents)
    , m_calls(calls)
    , m_companies(companies)
    , m_events(events)
    , m_leases(leases)
{
    m_flush.setSingleShot(true);
    m_flush.setInterval(0);
    connect(&m_flush, &QTimer::timeout, this, &TeamSync::flush);
    connect(&feed, &ChangeFeed::changed, this, &TeamSync::enqueue);
    connect(&feed, &ChangeFeed::liveChanged, this, [this](bool live) {
        if (!live && m_lostAtMs == 0)
            m_lostAtMs = Timestamps::nowMs();
    });
    connect(&feed, &ChangeFeed::resumed, this, &TeamSync::catchUp);
}

void TeamSync::enqueue(const StoreChange &change)
{
    const QString key = change.table + u'/' + change.id;
    if (!m_pending.contains(key))
        m_order << key;
    m_pending.insert(key, change);
    if (!m_flush.isActive())
        m_flush.start();
}

void TeamSync::flush()
{
    const QStringList order = std::exchange(m_order, {});
    const QHash<QString, StoreChange> pending = std::exchange(m_pending, {});
    for (const QString &key : order) {
        try {
            apply(pending.value(key));
        } catch (const AppError &error) {
            // The database went away between the notification and the read: the catch-up after
            // the reconnect covers this change.
            qCWarning(lcTeamSync) << "could not read a change of" << key << ":" << error.message();
        }
    }
}

void TeamSync::apply(const StoreChange &change)
{
    if (change.table == u"agents"_s) {
        if (change.op == u'D') {
            // Unknown to a cache that forgot some agents for its memory bound: tell anyway.
            if (m_cache.agentVersion(change.id) > 0 || !m_cache.isLoaded() ||
                !m_cache.holdsEveryAgent()) {
                ++m_applied;
                Q_EMIT m_agents.agentRemoved(change.id);
            }
            return;
        }
        if (change.version > 0 && m_cache.agentVersion(change.id) >= change.version)
            return;
        if (const std::optional<Agent> agent = AgentRepository(m_store).find(change.id)) {
            ++m_applied;
            Q_EMIT m_agents.agentChanged(*agent);
        }
    } else if (change.table == u"companies"_s) {
        const qint64 id = change.id.toLongLong();
        if (change.op == u'D') {
            ++m_applied;
            Q_EMIT m_companies.companyRemoved(id);
            return;
        }
        if (change.version > 0 && m_cache.companyVersion(id) >= change.version)
            return;
        if (const std::optional<Company> company = CompanyRepository(m_store).find(id)) {
            ++m_applied;
            Q_EMIT m_companies.companyChanged(*company);
        }
    } else if (change.table == u"calls"_s) {
        if (change.op == u'D') {
            ++m_applied;
            Q_EMIT m_calls.callRemoved(change.id);
            return;
        }
        if (change.version > 0 && m_cache.callVersion(change.id) >= change.version)
            return;
        if (const std::optional<CallRecord> call = CallRepository(m_store).find(change.id)) {
            ++m_applied;
            Q_EMIT m_calls.callChanged(*call);
        }
    } else if (change.table == u"events"_s) {
        if (const std::optional<EventRecord> event =
                EventRepository(m_store).find(change.id.toLongLong())) {
            ++m_applied;
            Q_EMIT m_events.eventRecorded(*event);
        }
    } else if (change.table == u"call_leases"_s) {
        m_leases.claimNow();
    }
}

void TeamSync::catchUp()
{
    const qint64 since = m_lostAtMs > 0 ? m_lostAtMs - ClockSkewMarginMs : 0;
    m_lostAtMs = 0;
    // Whatever was queued is covered by the full reads below.
    m_pending.clear();
    m_order.clear();
    try {
        const QList<Agent> agents = AgentRepository(m_store).list(-1, 0);
        QSet<QString> present;
        for (const Agent &agent : agents) {
            present.insert(agent.id);
            if (m_cache.agentVersion(agent.id) != agent.version)
                Q_EMIT m_agents.agentChanged(agent);
        }
        for (const QString &id : m_cache.agentIds()) {
            if (!present.contains(id))
                Q_EMIT m_agents.agentRemoved(id);
        }

        const QList<Company> companies = CompanyRepository(m_store).list();
        QSet<qint64> companyIds;
        for (const Company &company : companies) {
            companyIds.insert(company.id);
            if (m_cache.companyVersion(company.id) != company.version)
                Q_EMIT m_companies.companyChanged(company);
        }
        for (const qint64 id : m_cache.companyIds()) {
            if (!companyIds.contains(id))
                Q_EMIT m_companies.companyRemoved(id);
        }

        for (const CallRecord &call : CallRepository(m_store).changedSince(since, CatchUpLimit)) {
            if (m_cache.callVersion(call.id) != call.version)
                Q_EMIT m_calls.callChanged(call);
        }
        for (const EventRecord &event :
             EventRepository(m_store).after(m_cache.lastEventId(), CatchUpLimit))
            Q_EMIT m_events.eventRecorded(event);
        qCInfo(lcTeamSync) << "caught up after the database came back";
    } catch (const AppError &error) {
        // Gone again: the next resumed() catches up from the same point.
        m_lostAtMs = since + ClockSkewMarginMs;
        qCWarning(lcTeamSync) << "could not catch up yet:" << error.message();
    }
    m_leases.claimNow();
}
