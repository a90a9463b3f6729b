// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChangeFeed.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

class AgentService;
class CallLeases;
class CallService;
class CompanyService;
class EventLog;
class ReadCache;
class Store;

// Turns other instances' changes into this instance's service signals, so the window (and
// anything else listening to AgentService, CallService, CompanyService and EventLog) cannot tell
// a colleague's change from a local one. A notification only names the row; the row itself is
// read back, so what is announced is what was committed. Notifications that arrive together are
// handled together on the next turn of the event loop, one read per row however many times it
// changed meanwhile, and rows the cache already has at that version are skipped.
//
// After the feed was interrupted (the database went away), the whole picture is read again and
// compared with what this instance knew: changed and new agents and companies are announced,
// vanished ones removed, calls written since shortly before the gap announced, and events
// recorded meanwhile passed on.
class TeamSync : public QObject
{
    Q_OBJECT
public:
    TeamSync(Store &store, ChangeFeed &feed, ReadCache &cache, AgentService &agents,
             CallService &calls, CompanyService &companies, EventLog &events, CallLeases &leases,
             QObject *parent = nullptr);

    // Changes announced so far (for tests and the benchmark).
    qint64 appliedCount() const { return m_applied; }

private:
    void enqueue(const StoreChange &change);
    void flush();
    void apply(const StoreChange &change);
    void catchUp();

    Store &m_store;
    ReadCache &m_cache;
    AgentService &m_agents;
    CallService &m_calls;
    CompanyService &m_companies;
    EventLog &m_events;
    CallLeases &m_leases;
    QHash<QString, StoreChange> m_pending; // by table and id: the latest change wins
    QStringList m_order;
    QTimer m_flush;
    qint64 m_lostAtMs = 0;
    qint64 m_applied = 0;
};
