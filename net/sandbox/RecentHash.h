// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>

#include <deque>

namespace Sandbox {
// How many calls the simulated providers remember (about a kilobyte each). A sandbox server left
// running (a soak, a long campaign) would otherwise keep every call it ever placed; an older call
// is told as after a restart of the sandbox: its state follows from its SID and its scenario, its
// details are gone. Switchboard has what it follows of a call within seconds of its end in the
// sandbox (the price comes a few scaled seconds late), long before 2,000 newer calls are placed.
constexpr qsizetype RememberedCalls = 2000;
} // namespace Sandbox

// A hash that keeps the `capacity` keys inserted last: inserting one more forgets the oldest.
// Replacing the value of a key already held does not make it newer.
template<typename Key, typename Value>
class RecentHash
{
public:
    explicit RecentHash(qsizetype capacity = Sandbox::RememberedCalls)
        : m_capacity(capacity)
    {
    }

    void insert(const Key &key, const Value &value)
    {
        auto found = m_values.find(key);
        if (found != m_values.end()) {
            *found = value;
            return;
        }
        m_values.insert(key, value);
        m_order.push_back(key);
        while (qsizetype(m_order.size()) > m_capacity) {
            m_values.remove(m_order.front());
            m_order.pop_front();
        }
    }
    Value value(const Key &key) const { return m_values.value(key); }
    bool contains(const Key &key) const { return m_values.contains(key); }
    Value *find(const Key &key)
    {
        auto found = m_values.find(key);
        return found == m_values.end() ? nullptr : &*found;
    }
    const Value *find(const Key &key) const
    {
        auto found = m_values.constFind(key);
        return found == m_values.cend() ? nullptr : &*found;
    }
    qsizetype size() const { return m_values.size(); }
    const QHash<Key, Value> &all() const { return m_values; }

private:
    qsizetype m_capacity;
    QHash<Key, Value> m_values;
    std::deque<Key> m_order; // oldest first
};
