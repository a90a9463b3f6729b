// SPDX-License-Identifier: GPL-3.0-or-later
#include "DncRepository.h"

#include "Store.h"
#include "Timestamps.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

QJsonObject DncEntry::toJson() const
{
    return {{u"phone_number"_s, phoneNumber},
            {u"reason"_s, reason.isEmpty() ? QJsonValue() : QJsonValue(reason)},
            {u"created_at"_s, Timestamps::iso(createdAt)}};
}

int DncRepository::add(const QStringList &phoneNumbers, const QString &reason)
{
    const qint64 now = Timestamps::nowMs();
    int added = 0;
    Store::Transaction transaction(m_store);
    for (const QString &number : phoneNumbers) {
        QSqlQuery &query = m_store.prepared(
            u"INSERT INTO dnc_numbers (phone_number, reason, created_at) VALUES (?, ?, ?) "
            u"ON CONFLICT (phone_number) DO NOTHING"_s);
        query.addBindValue(number);
        query.addBindValue(reason.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                            : QVariant(reason));
        query.addBindValue(now);
        m_store.exec(query);
        added += query.numRowsAffected() > 0 ? 1 : 0;
        query.finish();
    }
    transaction.commit();
    return added;
}

bool DncRepository::remove(const QString &phoneNumber)
{
    QSqlQuery &query = m_store.prepared(u"DELETE FROM dnc_numbers WHERE phone_number = ?"_s);
    query.addBindValue(phoneNumber);
    m_store.exec(query);
    const bool removed = query.numRowsAffected() > 0;
    query.finish();
    return removed;
}

bool DncRepository::contains(const QString &phoneNumber)
{
    QSqlQuery &query = m_store.prepared(u"SELECT 1 FROM dnc_numbers WHERE phone_number = ?"_s);
    query.addBindValue(phoneNumber);
    m_store.exec(query);
    const bool found = query.next();
    query.finish();
    return found;
}

namespace {
// The LIKE pattern of a search: only digits and '+' are kept, so no wildcard gets through.
QString searchPattern(const QString &search)
{
    QString kept;
    for (const QChar c : search) {
        if (c.isDigit() || c == u'+')
            kept += c;
    }
    return u'%' + kept + u'%';
}

QString searchClause(const QString &search)
{
    return search.isEmpty() ? QString() : u" WHERE phone_number LIKE ?"_s;
}
} // namespace

QList<DncEntry> DncRepository::list(qint64 limit, qint64 offset, const QString &search)
{
    QSqlQuery &query =
        m_store.prepared(u"SELECT phone_number, reason, created_at FROM "
                         u"dnc_numbers"_s +
                         searchClause(search) + u" ORDER BY phone_number LIMIT ? OFFSET ?"_s);
    if (!search.isEmpty())
        query.addBindValue(searchPattern(search));
    query.addBindValue(limit);
    query.addBindValue(offset);
    m_store.exec(query);
    QList<DncEntry> entries;
    while (query.next())
        entries.append(
            {query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong()});
    query.finish();
    return entries;
}

qint64 DncRepository::count(const QString &search)
{
    QSqlQuery &query =
        m_store.prepared(u"SELECT COUNT(*) FROM dnc_numbers"_s + searchClause(search));
    if (!search.isEmpty())
        query.addBindValue(searchPattern(search));
    m_store.exec(query);
    const qint64 count = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return count;
}
