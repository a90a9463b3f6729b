// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventRepository.h"

#include "AppError.h"
#include "Store.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

EventRecord EventRepository::append(EventRecord event)
{
    QSqlQuery &query = m_store.prepared(
        u"INSERT INTO events (timestamp, type, agent_id, call_sid, company_id, details) "
        u"VALUES (?, ?, ?, ?, ?, ?) RETURNING id"_s);
    query.addBindValue(event.timestamp);
    query.addBindValue(event.type);
    query.addBindValue(event.agentId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                               : QVariant(event.agentId));
    query.addBindValue(event.callSid.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                               : QVariant(event.callSid));
    query.addBindValue(event.companyId > 0 ? QVariant(event.companyId)
                                           : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(event.details.isEmpty()
                           ? QVariant(QMetaType::fromType<QString>())
                           : QVariant(QString::fromUtf8(
                                 QJsonDocument(event.details).toJson(QJsonDocument::Compact))));
    m_store.exec(query);
    if (!query.next())
        throw AppError(ErrorKind::Internal, u"The database returned no id for the new event"_s);
    event.id = query.value(0).toLongLong();
    query.finish();
    return event;
}

namespace {
const QString eventColumns = u"id, timestamp, type, agent_id, call_sid, company_id, details"_s;

EventRecord readEvent(const QSqlQuery &query)
{
    EventRecord event;
    event.id = query.value(0).toLongLong();
    event.timestamp = query.value(1).toLongLong();
    event.type = query.value(2).toString();
    event.agentId = query.value(3).toString();
    event.callSid = query.value(4).toString();
    event.companyId = query.value(5).toLongLong();
    event.details = QJsonDocument::fromJson(query.value(6).toString().toUtf8()).object();
    return event;
}

QList<EventRecord> readEvents(QSqlQuery &query)
{
    QList<EventRecord> events;
    while (query.next())
        events.append(readEvent(query));
    query.finish();
    return events;
}
} // namespace

QList<EventRecord> EventRepository::recent(qint64 limit)
{
    QSqlQuery &query =
        m_store.prepared(u"SELECT "_s + eventColumns + u" FROM events ORDER BY id DESC LIMIT ?"_s);
    query.addBindValue(limit);
    m_store.exec(query);
    return readEvents(query);
}

std::optional<EventRecord> EventRepository::find(qint64 id)
{
    QSqlQuery &query =
        m_store.prepared(u"SELECT "_s + eventColumns + u" FROM events WHERE id = ?"_s);
    query.addBindValue(id);
    m_store.exec(query);
    const QList<EventRecord> events = readEvents(query);
    if (events.isEmpty())
        return std::nullopt;
    return events.constFirst();
}

QList<EventRecord> EventRepository::after(qint64 afterId, qint64 limit)
{
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + eventColumns +
                                        u" FROM events WHERE id > ? ORDER BY id LIMIT ?"_s);
    query.addBindValue(afterId);
    query.addBindValue(limit);
    m_store.exec(query);
    return readEvents(query);
}

qint64 EventRepository::count()
{
    QSqlQuery &query = m_store.prepared(u"SELECT COUNT(*) FROM events"_s);
    m_store.exec(query);
    const qint64 total = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return total;
}
