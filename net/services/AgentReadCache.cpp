// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentReadCache.h"

#include "AgentRepository.h"
#include "AgentService.h"
#include "AppError.h"
#include "MemoryRelease.h"
#include "Store.h"

#include <QLoggingCategory>
#include <QPointer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcAgentCache, "switchboard.agentcache")

namespace {
bool earlier(const AgentReadCache::Entry &a, const AgentReadCache::Entry &b)
{
    return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
}

AgentReadCache::Entry entryOf(const Agent &agent)
{
    return {agent.id, agent.createdAt, agent.version, agent.toJsonBytes()};
}
} // namespace

qint64 AgentReadCache::costOf(const Entry &entry)
{
    return entry.json.size() + entry.id.size() * qint64(sizeof(QChar)) + EntryOverhead;
}

AgentReadCache::AgentReadCache(Store &store, AgentService &agents, QObject *parent, qint64 maxBytes)
    : QObject(parent)
    , m_store(store)
    , m_maxBytes(maxBytes)
{
    if (m_maxBytes <= 0) {
        bool ok = false;
        const double megabytes = qEnvironmentVariable("SWITCHBOARD_AGENT_CACHE_MB").toDouble(&ok);
        m_maxBytes = ok && megabytes > 0 ? qint64(megabytes * 1024 * 1024) : DefaultMaxBytes;
    }
    m_pool.setMaxThreadCount(1);
    connect(&agents, &AgentService::agentChanged, this, &AgentReadCache::upsert);
    connect(&agents, &AgentService::agentRemoved, this, &AgentReadCache::remove);
}

AgentReadCache::~AgentReadCache()
{
    m_pool.waitForDone();
}

void AgentReadCache::start()
{
    if (m_store.isPostgres()) {
        // On a shared database other instances' writes reach this one a moment after they
        // commit, and a script that writes through one instance and reads through another must
        // see its write: reads go to the database there.
        return;
    }
    m_loading = true;
    QPointer<AgentReadCache> self(this);
    Store *store = &m_store;
    m_pool.start([self, store, maxBytes = m_maxBytes] {
        std::vector<Entry> entries;
        bool ok = true;
        bool fits = true;
        qint64 bytes = 0;
        try {
            AgentRepository repository(*store);
            repository.forEach([&](const Agent &agent) {
                if (!fits)
                    return;
                entries.push_back(entryOf(agent));
                bytes += costOf(entries.back());
                if (bytes > maxBytes) {
                    fits = false; // more agents than the budget: recently used ones only
                    entries = {};
                }
            });
        } catch (const AppError &error) {
            qCWarning(lcAgentCache) << "reading agents from the store for now:" << error.message();
            ok = false;
        }
        store->closeThreadConnection();
        QMetaObject::invokeMethod(
            self,
            [self, ok, fits, bytes, entries = std::move(entries)]() mutable {
                if (!self)
                    return;
                self->m_loading = false;
                const auto waiting = std::exchange(self->m_waiting, {});
                if (!ok) {
                    self->m_failed = true;
                    for (const auto &[context, use] : waiting) {
                        if (context)
                            use(false);
                    }
                    return;
                }
                self->m_entries = std::move(entries);
                self->m_completeBytes = bytes;
                self->reindexFrom(0);
                // Ready first: upsert and remove ignore changes while the cache is not.
                self->m_ready = true;
                if (!fits)
                    self->becomePartial();
                for (const auto &change : std::exchange(self->m_changesDuringLoad, {})) {
                    if (const auto *agent = std::get_if<Agent>(&change))
                        self->upsert(*agent);
                    else
                        self->remove(std::get<QString>(change));
                }
                releaseFreedMemory();
                for (const auto &[context, use] : waiting) {
                    if (context)
                        use(true);
                }
            },
            Qt::QueuedConnection);
    });
}

void AgentReadCache::whenReady(QObject *context, std::function<void(bool ready)> use)
{
    if (m_ready || m_failed || !m_loading) {
        use(m_ready);
        return;
    }
    m_waiting.append({QPointer<QObject>(context), std::move(use)});
}

void AgentReadCache::reindexFrom(std::size_t position)
{
    for (std::size_t i = position; i < m_entries.size(); ++i)
        m_positions.insert(m_entries[i].id, i);
}

void AgentReadCache::becomePartial()
{
    qCInfo(lcAgentCache) << "the agents need more than" << m_maxBytes
                         << "bytes: keeping only recently used ones";
    m_recent = std::make_unique<LruCache<QString, Entry>>(m_maxBytes, &AgentReadCache::costOf);
    m_entries = {};
    m_positions = {};
    m_completeBytes = 0;
    releaseFreedMemory();
}

const AgentReadCache::Entry *AgentReadCache::find(const QString &id)
{
    if (m_recent)
        return m_recent->get(id);
    const auto it = m_positions.constFind(id);
    return it == m_positions.cend() ? nullptr : &m_entries[*it];
}

void AgentReadCache::remember(const Agent &agent)
{
    if (m_recent) {
        const Entry *held = m_recent->peek(agent.id);
        if (!held || agent.version >= held->version)
            m_recent->put(agent.id, entryOf(agent));
    }
}

qint64 AgentReadCache::bytes() const
{
    return m_recent ? m_recent->cost() : m_completeBytes;
}

qint64 AgentReadCache::heldCount() const
{
    return m_recent ? m_recent->size() : count();
}

qint64 AgentReadCache::evictions() const
{
    return m_recent ? m_recent->evictions() : 0;
}

qint64 AgentReadCache::pageLength(qint64 limit, qint64 offset) const
{
    const qint64 first = std::clamp<qint64>(offset, 0, count());
    return limit < 0 ? count() - first : std::min(count() - first, limit);
}

StreamedBody AgentReadCache::pageStream(qint64 limit, qint64 offset) const
{
    // A snapshot of the pieces: QByteArrays share their data, so this copies no JSON.
    const std::size_t first = std::size_t(std::clamp<qint64>(offset, 0, count()));
    const std::size_t last = first + std::size_t(pageLength(limit, offset));
    auto parts = std::make_shared<std::vector<QByteArray>>();
    parts->reserve(last - first);
    qint64 size = 2 + qint64(last - first > 0 ? last - first - 1 : 0); // brackets and commas
    for (std::size_t i = first; i < last; ++i) {
        parts->push_back(m_entries[i].json);
        size += m_entries[i].json.size();
    }
    auto position = std::make_shared<std::size_t>(0);
    auto finished = std::make_shared<bool>(false);
    StreamedBody body;
    body.size = size;
    body.next = [parts, position, finished]() -> QByteArray {
        if (*finished)
            return {};
        constexpr qsizetype PieceSize = 256 * 1024;
        QByteArray piece;
        piece.reserve(PieceSize + 4096);
        if (*position == 0)
            piece += '[';
        while (*position < parts->size() && piece.size() < PieceSize) {
            if (*position > 0)
                piece += ',';
            piece += (*parts)[*position];
            (*parts)[*position] = QByteArray(); // sent: let go of it
            ++*position;
        }
        if (*position == parts->size()) {
            piece += ']';
            *finished = true;
        }
        return piece;
    };
    return body;
}

QByteArray AgentReadCache::page(qint64 limit, qint64 offset) const
{
    const std::size_t first = std::size_t(std::clamp<qint64>(offset, 0, count()));
    const std::size_t last = first + std::size_t(pageLength(limit, offset));
    qsizetype size = 2;
    for (std::size_t i = first; i < last; ++i)
        size += m_entries[i].json.size() + 1;
    QByteArray out;
    out.reserve(size);
    out += '[';
    for (std::size_t i = first; i < last; ++i) {
        if (i > first)
            out += ',';
        out += m_entries[i].json;
    }
    out += ']';
    return out;
}

void AgentReadCache::upsert(const Agent &agent)
{
    if (m_loading) {
        m_changesDuringLoad.append(agent);
        return;
    }
    if (!m_ready)
        return; // not in use
    if (m_recent) {
        remember(agent); // a new or changed agent is likely read soon
        return;
    }
    const auto it = m_positions.constFind(agent.id);
    if (it != m_positions.cend()) {
        Entry &entry = m_entries[*it];
        if (agent.version >= entry.version) { // a late signal never overwrites a newer state
            m_completeBytes -= costOf(entry);
            entry = entryOf(agent);
            m_completeBytes += costOf(entry);
        }
    } else {
        Entry entry = entryOf(agent);
        m_completeBytes += costOf(entry);
        const auto position = std::upper_bound(m_entries.begin(), m_entries.end(), entry, earlier);
        const std::size_t index = std::size_t(position - m_entries.begin());
        m_entries.insert(position, std::move(entry));
        reindexFrom(index);
    }
    if (m_completeBytes > m_maxBytes) {
        becomePartial();
        remember(agent);
    }
}

void AgentReadCache::remove(const QString &id)
{
    if (m_loading) {
        m_changesDuringLoad.append(id);
        return;
    }
    if (!m_ready)
        return;
    if (m_recent) {
        m_recent->remove(id);
        return;
    }
    const auto it = m_positions.constFind(id);
    if (it == m_positions.cend())
        return;
    const std::size_t index = *it;
    m_completeBytes -= costOf(m_entries[index]);
    m_positions.erase(it);
    m_entries.erase(m_entries.begin() + qsizetype(index));
    reindexFrom(index);
}
