// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallLeaseRepository.h"

#include "CallRepository.h"

#include "Store.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {
QStringList readIds(QSqlQuery &query)
{
    QStringList ids;
    while (query.next())
        ids << query.value(0).toString();
    query.finish();
    return ids;
}
} // namespace

bool CallLeaseRepository::acquire(const QString &callId, const QString &owner, int ttlMs)
{
    // The WHERE of the upsert makes a lease that is held and alive win over the newcomer.
    QSqlQuery &query = m_store.prepared(
        u"INSERT INTO call_leases (call_id, owner, expires_at) VALUES (?, ?, {now} + ?) "
        u"ON CONFLICT (call_id) DO UPDATE SET owner = excluded.owner, "
        u"expires_at = excluded.expires_at "
        u"WHERE call_leases.expires_at < {now} OR call_leases.owner = excluded.owner "
        u"RETURNING owner"_s);
    query.addBindValue(callId);
    query.addBindValue(owner);
    query.addBindValue(ttlMs);
    m_store.exec(query);
    const bool held = query.next();
    query.finish();
    return held;
}

QStringList CallLeaseRepository::renew(const QString &owner, int ttlMs)
{
    QSqlQuery &query = m_store.prepared(
        u"UPDATE call_leases SET expires_at = {now} + ? WHERE owner = ? RETURNING call_id"_s);
    query.addBindValue(ttlMs);
    query.addBindValue(owner);
    m_store.exec(query);
    return readIds(query);
}

QStringList CallLeaseRepository::claimExpired(const QString &owner, int ttlMs)
{
    // Two instances claiming at once: PostgreSQL re-checks the WHERE on the row the other one
    // just renewed, so each lease goes to exactly one of them; SQLite runs writers one by one.
    QSqlQuery &query = m_store.prepared(
        u"UPDATE call_leases SET owner = ?, expires_at = {now} + ? WHERE expires_at < {now} "
        u"RETURNING call_id"_s);
    query.addBindValue(owner);
    query.addBindValue(ttlMs);
    m_store.exec(query);
    return readIds(query);
}

void CallLeaseRepository::release(const QString &callId, const QString &owner)
{
    QSqlQuery &query =
        m_store.prepared(u"DELETE FROM call_leases WHERE call_id = ? AND owner = ?"_s);
    query.addBindValue(callId);
    query.addBindValue(owner);
    m_store.exec(query);
}

void CallLeaseRepository::handOver(const QString &owner)
{
    QSqlQuery &query = m_store.prepared(u"UPDATE call_leases SET expires_at = 0 WHERE owner = ?"_s);
    query.addBindValue(owner);
    m_store.exec(query);
}

int CallLeaseRepository::adoptOrphans()
{
    QSqlQuery &query = m_store.prepared(
        u"INSERT INTO call_leases (call_id, owner, expires_at) "
        u"SELECT id, '', 0 FROM calls WHERE status IN ('initiated', 'ringing', 'in-progress') "
        u"OR "_s +
        CallRepository::outcomePendingCondition() + u" ON CONFLICT (call_id) DO NOTHING"_s);
    m_store.exec(query);
    const int adopted = query.numRowsAffected();
    query.finish();
    return adopted;
}

QString CallLeaseRepository::holder(const QString &callId)
{
    QSqlQuery &query = m_store.prepared(
        u"SELECT owner FROM call_leases WHERE call_id = ? AND expires_at >= {now}"_s);
    query.addBindValue(callId);
    m_store.exec(query);
    const QString owner = query.next() ? query.value(0).toString() : QString();
    query.finish();
    return owner;
}
