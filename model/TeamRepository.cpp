// SPDX-License-Identifier: GPL-3.0-or-later
#include "TeamRepository.h"

#include "Store.h"
#include "Timestamps.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

std::optional<QString> TeamRepository::setting(const QString &name)
{
    QSqlQuery &query = m_store.prepared(u"SELECT value FROM team_settings WHERE name = ?"_s);
    query.addBindValue(name);
    m_store.exec(query);
    std::optional<QString> value;
    if (query.next())
        value = query.value(0).toString();
    query.finish();
    return value;
}

bool TeamRepository::insertSettingIfAbsent(const QString &name, const QString &value)
{
    QSqlQuery &query = m_store.prepared(u"INSERT INTO team_settings (name, value) VALUES (?, ?) "
                                        u"ON CONFLICT (name) DO NOTHING"_s);
    query.addBindValue(name);
    query.addBindValue(value);
    m_store.exec(query);
    const bool inserted = query.numRowsAffected() == 1;
    query.finish();
    return inserted;
}

std::optional<QString> TeamRepository::sealedSecret(const QString &name)
{
    QSqlQuery &query = m_store.prepared(u"SELECT sealed FROM sealed_secrets WHERE name = ?"_s);
    query.addBindValue(name);
    m_store.exec(query);
    std::optional<QString> sealed;
    if (query.next())
        sealed = query.value(0).toString();
    query.finish();
    return sealed;
}

void TeamRepository::putSealedSecret(const QString &name, const QString &sealed)
{
    QSqlQuery &query =
        m_store.prepared(u"INSERT INTO sealed_secrets (name, sealed, updated_at) VALUES (?, ?, ?) "
                         u"ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, "
                         u"updated_at = excluded.updated_at"_s);
    query.addBindValue(name);
    query.addBindValue(sealed);
    query.addBindValue(Timestamps::nowMs());
    m_store.exec(query);
}

void TeamRepository::removeSealedSecret(const QString &name)
{
    QSqlQuery &query = m_store.prepared(u"DELETE FROM sealed_secrets WHERE name = ?"_s);
    query.addBindValue(name);
    m_store.exec(query);
}
