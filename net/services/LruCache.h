// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>

#include <functional>
#include <list>

// A map with a memory budget: each value has a cost (its bytes, roughly), and when the total goes
// over the budget the least recently used values are dropped. get() counts as a use.
template<typename Key, typename Value>
class LruCache
{
public:
    using Cost = std::function<qint64(const Value &)>;

    LruCache(qint64 budget, Cost cost)
        : m_budget(budget)
        , m_cost(std::move(cost))
    {
    }

    // The value, now the most recently used; null when absent. Valid until the next change.
    const Value *get(const Key &key)
    {
        const auto found = m_index.constFind(key);
        if (found == m_index.cend())
            return nullptr;
        m_order.splice(m_order.begin(), m_order, *found);
        return &(*found)->second;
    }
    const Value *peek(const Key &key) const
    {
        const auto found = m_index.constFind(key);
        return found == m_index.cend() ? nullptr : &(*found)->second;
    }
    void put(const Key &key, Value value)
    {
        remove(key);
        m_total += m_cost(value);
        m_order.emplace_front(key, std::move(value));
        m_index.insert(key, m_order.begin());
        while (m_total > m_budget && !m_order.empty()) {
            m_total -= m_cost(m_order.back().second);
            m_index.remove(m_order.back().first);
            m_order.pop_back();
            ++m_evictions;
        }
    }
    void remove(const Key &key)
    {
        const auto found = m_index.find(key);
        if (found == m_index.end())
            return;
        m_total -= m_cost((*found)->second);
        m_order.erase(*found);
        m_index.erase(found);
    }
    void clear()
    {
        m_order.clear();
        m_index.clear();
        m_total = 0;
    }
    qint64 size() const { return qint64(m_order.size()); }
    qint64 cost() const { return m_total; }
    qint64 budget() const { return m_budget; }
    qint64 evictions() const { return m_evictions; }

private:
    using Order = std::list<std::pair<Key, Value>>;
    qint64 m_budget;
    Cost m_cost;
    Order m_order; // most recently used first
    QHash<Key, typename Order::iterator> m_index;
    qint64 m_total = 0;
    qint64 m_evictions = 0;
};
