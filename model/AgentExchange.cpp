// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentExchange.h"

#include "Timestamps.h"
#include "Validation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace AgentExchange {
QString duplicateName(const QString &name)
{
    const QString suffix = u" copy"_s;
    return name.left(Rules::AgentNameMax - suffix.size()).trimmed() + suffix;
}

QJsonObject exportDocument(const QList<Agent> &agents, qint64 exportedAtMs)
{
    QJsonArray list;
    for (const Agent &agent : agents)
        list.append(agent.config.toJson());
    return {{u"format"_s, Format},
            {u"version"_s, Version},
            {u"exported_at"_s, Timestamps::iso(exportedAtMs)},
            {u"agents"_s, list}};
}

QList<Entry> read(const QJsonObject &document, const QSet<QString> &existingNames,
                  FieldErrors &errors)
{
    const QJsonValue format = document.value(u"format"_s);
    if (!format.isUndefined() && format != QJsonValue(Format))
        errors.add(u"format"_s, u"must be '%1' (a file exported by Switchboard)"_s.arg(Format));
    const QJsonValue version = document.value(u"version"_s);
    if (!version.isUndefined() && version.toInt(-1) != Version)
        errors.add(u"version"_s,
                   u"must be %1; this file was written by a newer Switchboard"_s.arg(Version));
    if (!document.value(u"agents"_s).isArray())
        errors.add(u"agents"_s, u"must be a list of agent configurations"_s);
    if (!errors.isEmpty())
        return {};

    QList<Entry> entries;
    QSet<QString> names = existingNames;
    const QJsonArray agents = document.value(u"agents"_s).toArray();
    for (qsizetype i = 0; i < agents.size(); ++i) {
        Entry entry;
        entry.index = i;
        if (!agents.at(i).isObject()) {
            entry.reason =
                u"is %1, not an agent configuration"_s.arg(JsonFields::typeName(agents.at(i)));
            entries.append(entry);
            continue;
        }
        QJsonObject json = agents.at(i).toObject();
        if (json.value(u"config"_s).isObject())
            json = json.value(u"config"_s).toObject();
        entry.name = json.value(u"name"_s).toString();
        FieldErrors problems;
        const AgentConfig config = AgentConfig::fromJson(json, problems);
        if (!problems.isEmpty()) {
            entry.fieldErrors = problems.toJson();
            const auto first = entry.fieldErrors.constBegin();
            entry.reason = u"%1 %2"_s.arg(first.key(), first.value().toString());
            if (entry.fieldErrors.size() > 1)
                entry.reason += u" (and %1 more)"_s.arg(entry.fieldErrors.size() - 1);
        } else if (names.contains(config.name)) {
            entry.reason = u"an agent named '%1' exists already"_s.arg(config.name);
        } else {
            names.insert(config.name);
            entry.config = config;
        }
        entries.append(entry);
    }
    return entries;
}

QJsonObject report(const QList<Entry> &entries, const QStringList &agentIds)
{
    QJsonArray imported;
    QJsonArray skipped;
    qsizetype next = 0;
    for (const Entry &entry : entries) {
        if (entry.config) {
            imported.append(QJsonObject{{u"index"_s, entry.index},
                                        {u"name"_s, entry.name},
                                        {u"agent_id"_s, agentIds.value(next++)}});
            continue;
        }
        QJsonObject item{
            {u"index"_s, entry.index}, {u"name"_s, entry.name}, {u"reason"_s, entry.reason}};
        if (!entry.fieldErrors.isEmpty())
            item.insert(u"errors"_s, entry.fieldErrors);
        skipped.append(item);
    }
    return {{u"imported"_s, imported}, {u"skipped"_s, skipped}};
}
} // namespace AgentExchange
