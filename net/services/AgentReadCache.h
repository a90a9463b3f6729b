// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"
#include "StreamedBody.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <QThreadPool>
#include <functional>

#include <optional>
#include <variant>
#include <vector>

class AgentService;
class Store;

// Every agent's JSON, ready to send, in creation order: reading an agent or a page of agents
// through the API is then a lookup and a copy, with no query and no JSON building. Kept current by
// AgentService's signals, which tell of every change the window and the API make. Filled in the
// background at start; readers arriving earlier wait for it. Only on SQLite, where the data folder
// lock makes this process the only writer; on a shared PostgreSQL database (and if filling fails)
// readers go to the store. Lives on the services' thread.
class AgentReadCache : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QString id;
        qint64 createdAt = 0;
        qint64 version = 0;
        QByteArray json;
    };

    AgentReadCache(Store &store, AgentService &agents, QObject *parent = nullptr);
    ~AgentReadCache() override; // waits for a load still running

    void start();
    bool isReady() const { return m_ready; }
    // Calls `use` once the cache is filled (true), or at once when it is, or with false when
    // filling it failed and the store is to be read instead.
    void whenReady(QObject *context, std::function<void(bool ready)> use);
    const Entry *find(const QString &id) const;
    // A JSON array of `limit` agents (all when negative) from `offset`, oldest first.
    QByteArray page(qint64 limit, qint64 offset) const;
    // The same, as a body written a piece at a time (for pages of thousands of agents). It is
    // what the cache holds now, even if agents change while it is being sent.
    StreamedBody pageStream(qint64 limit, qint64 offset) const;
    // How many agents such a page holds.
    qint64 pageLength(qint64 limit, qint64 offset) const;
    qint64 count() const { return qint64(m_entries.size()); }

private:
    void upsert(const Agent &agent);
    void remove(const QString &id);
    void reindexFrom(std::size_t position);

    Store &m_store;
    std::vector<Entry> m_entries; // by (createdAt, id)
    QHash<QString, std::size_t> m_positions;
    bool m_ready = false;
    bool m_loading = false;
    bool m_failed = false;
    QList<QPair<QPointer<QObject>, std::function<void(bool)>>> m_waiting;
    QList<std::variant<Agent, QString>> m_changesDuringLoad;
    QThreadPool m_pool;
};
