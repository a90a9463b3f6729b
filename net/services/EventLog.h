// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Event.h"

#include <QObject>

class ReadCache;
class Store;

// Records events in the store and tells whoever listens (the window, live sync) at once.
class EventLog : public QObject
{
    Q_OBJECT
public:
    EventLog(Store &store, QObject *parent = nullptr);

    // Never throws: an event that cannot be stored is logged as a warning, and the action that
    // caused it goes on.
    void record(const QString &type, const QString &agentId = {}, const QString &callSid = {},
                qint64 companyId = 0, const QJsonObject &details = {});
    // Team mode: reads fall back on what the instance last knew while the database is away.
    void setReadCache(const ReadCache *cache) { m_cache = cache; }
    QList<EventRecord> recent(qint64 limit);
    qint64 count();

Q_SIGNALS:
    void eventRecorded(const EventRecord &event);

private:
    Store &m_store;
    const ReadCache *m_cache = nullptr;
};
