// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentRepository.h"

#include "AppError.h"
#include "Store.h"
#include "Validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <limits>

using namespace Qt::StringLiterals;

namespace {
const QString columns =
    u"id, name, prompt, voice, language, template_variables, status, "
    u"status_reason, remote_id, created_at, updated_at, version, call_settings, "
    u"revision"_s;

} // namespace

// Stored as [[key, value], ...] so the order the operator chose survives.
QString encodeVariables(const QList<QPair<QString, QString>> &variables)
{
    QJsonArray pairs;
    for (const auto &[key, value] : variables)
        pairs.append(QJsonArray{key, value});
    return QString::fromUtf8(QJsonDocument(pairs).toJson(QJsonDocument::Compact));
}

QList<QPair<QString, QString>> decodeVariables(const QString &text)
{
    QList<QPair<QString, QString>> variables;
    const QJsonArray pairs = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue &pair : pairs) {
        const QJsonArray entry = pair.toArray();
        variables.append({entry.at(0).toString(), entry.at(1).toString()});
    }
    return variables;
}

namespace {

} // namespace

QString encodeCallSettings(const CallSettings &settings)
{
    QJsonObject json;
    settings.writeJson(json);
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

CallSettings decodeCallSettings(const QString &text)
{
    // Written by encodeCallSettings() after every rule passed: nothing to report. A field this
    // build does not know (written by a newer one) is left out; missing ones take the default.
    FieldErrors ignored;
    return CallSettings::fromJson(QJsonDocument::fromJson(text.toUtf8()).object(), ignored);
}

namespace {
Agent readAgent(const QSqlQuery &query)
{
    Agent agent;
    agent.id = query.value(0).toString();
    agent.config.name = query.value(1).toString();
    agent.config.prompt = query.value(2).toString();
    agent.config.voice = query.value(3).toString();
    agent.config.language = query.value(4).toString();
    agent.config.templateVariables = decodeVariables(query.value(5).toString());
    if (!agentStatusFromString(query.value(6).toString(), &agent.status))
        agent.status = AgentStatus::Error;
    agent.statusReason = query.value(7).toString();
    agent.remoteId = query.value(8).toString();
    agent.createdAt = query.value(9).toLongLong();
    agent.updatedAt = query.value(10).toLongLong();
    agent.version = query.value(11).toLongLong();
    agent.config.call = decodeCallSettings(query.value(12).toString());
    agent.revision = query.value(13).toLongLong();
    return agent;
}

// Runs a prepared query and reads every agent it selects.
QList<Agent> readAgents(Store &store, QSqlQuery &query)
{
    store.exec(query);
    QList<Agent> agents;
    while (query.next())
        agents.append(readAgent(query));
    query.finish();
    return agents;
}

void bindFields(QSqlQuery &query, const Agent &agent)
{
    query.addBindValue(agent.config.name);
    query.addBindValue(agent.config.prompt);
    query.addBindValue(agent.config.voice);
    query.addBindValue(agent.config.language);
    query.addBindValue(encodeVariables(agent.config.templateVariables));
    query.addBindValue(toString(agent.status));
    query.addBindValue(agent.statusReason);
    query.addBindValue(agent.remoteId);
    query.addBindValue(encodeCallSettings(agent.config.call));
    query.addBindValue(agent.revision);
}
} // namespace

void AgentRepository::insert(const Agent &agent)
{
    QSqlQuery &query = m_store.prepared(
        u"INSERT INTO agents (name, prompt, voice, language, template_variables, status, "
        u"status_reason, remote_id, call_settings, revision, id, created_at, updated_at, version) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    bindFields(query, agent);
    query.addBindValue(agent.id);
    query.addBindValue(agent.createdAt);
    query.addBindValue(agent.updatedAt);
    query.addBindValue(agent.version);
    m_store.exec(query);
}

bool AgentRepository::update(Agent &agent)
{
    QSqlQuery &query = m_store.prepared(
        u"UPDATE agents SET name = ?, prompt = ?, voice = ?, language = ?, template_variables = ?, "
        u"status = ?, status_reason = ?, remote_id = ?, call_settings = ?, revision = ?, "
        u"updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"_s);
    bindFields(query, agent);
    query.addBindValue(agent.updatedAt);
    query.addBindValue(agent.id);
    query.addBindValue(agent.version);
    m_store.exec(query);
    if (query.numRowsAffected() != 1)
        return false;
    ++agent.version;
    return true;
}

bool AgentRepository::remove(const QString &id)
{
    QSqlQuery &query = m_store.prepared(u"DELETE FROM agents WHERE id = ?"_s);
    query.addBindValue(id);
    m_store.exec(query);
    return query.numRowsAffected() == 1;
}

std::optional<Agent> AgentRepository::find(const QString &id)
{
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + columns + u" FROM agents WHERE id = ?"_s);
    query.addBindValue(id);
    m_store.exec(query);
    if (!query.next())
        return std::nullopt;
    Agent agent = readAgent(query);
    query.finish();
    return agent;
}

QList<Agent> AgentRepository::list(qint64 limit, qint64 offset)
{
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + columns +
                                        u" FROM agents ORDER BY created_at, id LIMIT ? OFFSET ?"_s);
    query.addBindValue(limit < 0 ? std::numeric_limits<qint64>::max() : limit);
    query.addBindValue(offset);
    return readAgents(m_store, query);
}

void AgentRepository::forEach(const std::function<void(const Agent &)> &visit)
{
    // Forward only and one row at a time: the whole table never sits in memory as Agents.
    QSqlQuery query(m_store.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + columns + u" FROM agents ORDER BY created_at, id"_s);
    m_store.exec(query);
    while (query.next())
        visit(readAgent(query));
}

qint64 AgentRepository::count()
{
    QSqlQuery &query = m_store.prepared(u"SELECT COUNT(*) FROM agents"_s);
    m_store.exec(query);
    const qint64 total = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return total;
}

QList<Agent> AgentRepository::withStatusUpdatedBefore(AgentStatus status, qint64 updatedBeforeMs)
{
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + columns +
                                        u" FROM agents WHERE status = ? AND updated_at < ?"_s);
    query.addBindValue(toString(status));
    query.addBindValue(updatedBeforeMs);
    return readAgents(m_store, query);
}

QMap<QString, qint64> AgentRepository::countByStatus()
{
    QSqlQuery &query = m_store.prepared(u"SELECT status, COUNT(*) FROM agents GROUP BY status"_s);
    m_store.exec(query);
    QMap<QString, qint64> counts;
    while (query.next())
        counts.insert(query.value(0).toString(), query.value(1).toLongLong());
    query.finish();
    return counts;
}
