// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Event.h"

#include <QList>

#include <optional>

class Store;

class EventRepository
{
public:
    explicit EventRepository(Store &store)
        : m_store(store)
    {
    }

    // Stores the event and returns it with its id.
    EventRecord append(EventRecord event);
    // Newest first.
    QList<EventRecord> recent(qint64 limit);
    std::optional<EventRecord> find(qint64 id);
    // Events with an id above `afterId`, oldest first (what another instance missed).
    QList<EventRecord> after(qint64 afterId, qint64 limit);
    qint64 count();

private:
    Store &m_store;
};
