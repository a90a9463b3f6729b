// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentRevisionRepository.h"

#include "AgentRepository.h"
#include "Store.h"
#include "Timestamps.h"
#include "Validation.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace {
// The config column holds {"config": {...}, "variables": [[key, value], ...], "restored_from": n}:
// the agent's config as the API shows it, its template variables in the operator's order (a JSON
// object would sort them), and what a restore gave back.
AgentRevision readRevision(const QSqlQuery &query)
{
    AgentRevision revision;
    revision.agentId = query.value(0).toString();
    revision.number = query.value(1).toLongLong();
    const QJsonObject stored = QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object();
    FieldErrors ignored; // checked when it was saved
    revision.config = AgentConfig::fromJson(stored.value(u"config"_s).toObject(), ignored);
    revision.config.templateVariables = decodeVariables(stored.value(u"variables"_s).toString());
    revision.restoredFrom = stored.value(u"restored_from"_s).toInteger();
    revision.source = query.value(3).toString();
    revision.savedBy = query.value(4).toString();
    revision.createdAt = query.value(5).toLongLong();
    return revision;
}

const QString columns = u"agent_id, number, config, source, saved_by, created_at"_s;
} // namespace

QString localSaver()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    const QString host = QSysInfo::machineHostName();
    return user.isEmpty() ? host : user + u'@' + host;
}

QJsonObject AgentRevision::toJson(bool summary) const
{
    QJsonObject json{{u"agent_id"_s, agentId},
                     {u"revision"_s, number},
                     {u"source"_s, source},
                     {u"saved_by"_s, savedBy},
                     {u"created_at"_s, Timestamps::iso(createdAt)},
                     {u"name"_s, config.name}};
    if (restoredFrom > 0)
        json.insert(u"restored_from"_s, restoredFrom);
    if (!summary)
        json.insert(u"config"_s, config.toJson());
    return json;
}

void AgentRevisionRepository::insert(const AgentRevision &revision)
{
    QJsonObject stored{{u"config"_s, revision.config.toJson()},
                       {u"variables"_s, encodeVariables(revision.config.templateVariables)}};
    if (revision.restoredFrom > 0)
        stored.insert(u"restored_from"_s, revision.restoredFrom);
    QSqlQuery &query = m_store.prepared(
        u"INSERT INTO agent_revisions (agent_id, number, config, source, saved_by, created_at) "
        u"VALUES (?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(revision.agentId);
    query.addBindValue(revision.number);
    query.addBindValue(QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
    query.addBindValue(revision.source);
    query.addBindValue(revision.savedBy);
    query.addBindValue(revision.createdAt);
    m_store.exec(query);
}

QList<AgentRevision> AgentRevisionRepository::list(const QString &agentId)
{
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + columns +
                                        u" FROM agent_revisions WHERE agent_id = ? "
                                        u"ORDER BY number DESC"_s);
    query.addBindValue(agentId);
    m_store.exec(query);
    QList<AgentRevision> revisions;
    while (query.next())
        revisions.append(readRevision(query));
    query.finish();
    return revisions;
}

std::optional<AgentRevision> AgentRevisionRepository::find(const QString &agentId, qint64 number)
{
    QSqlQuery &query = m_store.prepared(
        u"SELECT "_s + columns + u" FROM agent_revisions WHERE agent_id = ? AND number = ?"_s);
    query.addBindValue(agentId);
    query.addBindValue(number);
    m_store.exec(query);
    if (!query.next())
        return std::nullopt;
    AgentRevision revision = readRevision(query);
    query.finish();
    return revision;
}
