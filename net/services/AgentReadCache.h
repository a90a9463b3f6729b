// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"
#include "LruCache.h"
#include "StreamedBody.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <QThreadPool>
#include <functional>
#include <memory>

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
//
// Its memory is bounded: at most maxBytes() (DefaultMaxBytes, or SWITCHBOARD_AGENT_CACHE_MB) of
// entries, counted as their JSON plus EntryOverhead. While every agent fits, it is complete and
// answers pages too. Once they do not, it keeps only the most recently used agents (LRU): pages
// come from the store, a single agent from here when it is held, else from the store (and is then
// remembered).
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

    static constexpr qint64 DefaultMaxBytes = 256LL * 1024 * 1024;
    static constexpr qint64 EntryOverhead = 160; // the id, the indexes, the allocations
    static qint64 costOf(const Entry &entry);

    // `maxBytes` <= 0: the default, or SWITCHBOARD_AGENT_CACHE_MB from the environment.
    AgentReadCache(Store &store, AgentService &agents, QObject *parent = nullptr,
                   qint64 maxBytes = 0);
    ~AgentReadCache() override; // waits for a load still running

    void start();
    bool isReady() const { return m_ready; }
    // Calls `use` once the cache is filled (true), or at once when it is, or with false when
    // filling it failed and the store is to be read instead.
    void whenReady(QObject *context, std::function<void(bool ready)> use);
    // Whether every agent is held (pages may be read from here), or only the recently used ones.
    bool isComplete() const { return m_ready && !m_recent; }
    // The agent's entry, or null: then it does not exist when isComplete(), else read the store
    // and remember() what it gave. Counts as a use. Valid until the cache changes.
    const Entry *find(const QString &id);
    void remember(const Agent &agent);
    qint64 maxBytes() const { return m_maxBytes; }
    qint64 bytes() const; // what the entries held now cost
    qint64 heldCount() const;
    qint64 evictions() const;
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
    // More agents than fit: keep only recently used ones from now on.
    void becomePartial();

    Store &m_store;
    std::vector<Entry> m_entries; // by (createdAt, id)
    QHash<QString, std::size_t> m_positions;
    qint64 m_maxBytes;
    qint64 m_completeBytes = 0;
    std::unique_ptr<LruCache<QString, Entry>> m_recent; // set once partial
    bool m_ready = false;
    bool m_loading = false;
    bool m_failed = false;
    QList<QPair<QPointer<QObject>, std::function<void(bool)>>> m_waiting;
    QList<std::variant<Agent, QString>> m_changesDuringLoad;
    QThreadPool m_pool;
};
