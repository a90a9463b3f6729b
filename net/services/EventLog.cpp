// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventLog.h"

#include "AppError.h"
#include "EventRepository.h"
#include "ReadCache.h"
#include "Timestamps.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcEvents, "switchboard.events")

EventLog::EventLog(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

void EventLog::record(const QString &type, const QString &agentId, const QString &callSid,
                      qint64 companyId, const QJsonObject &details)
{
    EventRecord event;
    event.timestamp = Timestamps::nowMs();
    event.type = type;
    event.agentId = agentId;
    event.callSid = callSid;
    event.companyId = companyId;
    event.details = details;
    try {
        event = EventRepository(m_store).append(event);
    } catch (const AppError &error) {
        qCWarning(lcEvents) << "could not store event" << type << ":" << error.message();
        return;
    }
    Q_EMIT eventRecorded(event);
}

QList<EventRecord> EventLog::recent(qint64 limit)
{
    return readOrCached(
        m_cache, [&] { return EventRepository(m_store).recent(limit); },
        [&] { return m_cache->events(limit); });
}

qint64 EventLog::count()
{
    return EventRepository(m_store).count();
}
