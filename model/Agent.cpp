// SPDX-License-Identifier: GPL-3.0-or-later
#include "Agent.h"

#include "JsonWriter.h"
#include "Timestamps.h"
#include "Validation.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

QString toString(AgentStatus status)
{
    switch (status) {
    case AgentStatus::Active:
        return u"active"_s;
    case AgentStatus::Inactive:
        return u"inactive"_s;
    case AgentStatus::Creating:
        return u"creating"_s;
    case AgentStatus::Error:
        return u"error"_s;
    }
    return u"error"_s;
}

bool agentStatusFromString(const QString &text, AgentStatus *status)
{
    for (const AgentStatus candidate :
         {AgentStatus::Active, AgentStatus::Inactive, AgentStatus::Creating, AgentStatus::Error}) {
        if (toString(candidate) == text) {
            *status = candidate;
            return true;
        }
    }
    return false;
}

QJsonObject AgentConfig::templateVariablesJson() const
{
    QJsonObject variables;
    for (const auto &[key, value] : templateVariables)
        variables.insert(key, value);
    return variables;
}

QJsonObject AgentConfig::toJson() const
{
    return QJsonObject{{u"name"_s, name},
                       {u"prompt"_s, prompt},
                       {u"voice"_s, voice},
                       {u"language"_s, language},
                       {u"template_variables"_s, templateVariablesJson()}};
}

bool AgentConfig::operator==(const AgentConfig &other) const
{
    return name == other.name && prompt == other.prompt && voice == other.voice &&
           language == other.language && templateVariables == other.templateVariables;
}

AgentConfig AgentConfig::fromJson(const QJsonObject &json, FieldErrors &errors)
{
    using namespace JsonFields;
    rejectUnknown(
        json, {u"name"_s, u"prompt"_s, u"voice"_s, u"language"_s, u"template_variables"_s}, errors);
    AgentConfig config;
    config.name = string(json, u"name"_s, errors, Presence::Required);
    config.prompt = string(json, u"prompt"_s, errors, Presence::Required);
    config.voice = string(json, u"voice"_s, errors, Presence::Optional, config.voice);
    config.language = string(json, u"language"_s, errors, Presence::Optional, config.language);

    const QJsonObject variables = object(json, u"template_variables"_s, errors, Presence::Optional);
    for (auto it = variables.constBegin(); it != variables.constEnd(); ++it) {
        const QString field = u"template_variables."_s + it.key();
        if (!it.value().isString()) {
            errors.add(field, u"must be a string, not %1"_s.arg(typeName(it.value())));
            continue;
        }
        config.templateVariables.append({it.key(), it.value().toString()});
    }
    // Fields with a type error already have their message; validate() checks the others.
    config.validate(errors);
    return config;
}

void AgentConfig::validate(FieldErrors &errors) const
{
    if (!errors.contains(u"name"_s))
        errors.check(u"name"_s, Rules::checkAgentName(name));
    if (!errors.contains(u"prompt"_s))
        errors.check(u"prompt"_s, Rules::checkPrompt(prompt));
    if (!errors.contains(u"voice"_s))
        errors.check(u"voice"_s, Rules::checkVoice(voice));
    if (!errors.contains(u"language"_s))
        errors.check(u"language"_s, Rules::checkLanguage(language));
    errors.check(u"template_variables"_s, Rules::checkVariableCount(templateVariables.size()));
    for (const auto &[key, value] : templateVariables) {
        const QString field = u"template_variables."_s + key;
        if (errors.check(field, Rules::checkVariableKey(key)))
            errors.check(field, Rules::checkVariableValue(value));
    }
}

QJsonObject Agent::toJson() const
{
    QJsonObject json{{u"id"_s, id},
                     {u"config"_s, config.toJson()},
                     {u"created_at"_s, Timestamps::iso(createdAt)},
                     {u"updated_at"_s, Timestamps::iso(updatedAt)},
                     {u"status"_s, toString(status)},
                     {u"version"_s, version}};
    if (!statusReason.isEmpty())
        json.insert(u"status_reason"_s, statusReason);
    if (!remoteId.isEmpty())
        json.insert(u"ultravox_agent_id"_s, remoteId);
    return json;
}

QByteArray Agent::toJsonBytes() const
{
    // Keys in the order QJsonObject keeps them (sorted), so both ways give the same bytes.
    QByteArray out;
    out.reserve(256 + config.prompt.size() * 2);
    out += "{\"config\":{\"language\":";
    JsonWriter::appendString(out, config.language);
    out += ",\"name\":";
    JsonWriter::appendString(out, config.name);
    out += ",\"prompt\":";
    JsonWriter::appendString(out, config.prompt);
    out += ",\"template_variables\":{";
    QList<QPair<QString, QString>> variables = config.templateVariables;
    std::sort(variables.begin(), variables.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    for (qsizetype i = 0; i < variables.size(); ++i) {
        if (i > 0)
            out += ',';
        JsonWriter::appendString(out, variables.at(i).first);
        out += ':';
        JsonWriter::appendString(out, variables.at(i).second);
    }
    out += "},\"voice\":";
    JsonWriter::appendString(out, config.voice);
    out += "},\"created_at\":";
    JsonWriter::appendTime(out, createdAt);
    out += ",\"id\":";
    JsonWriter::appendString(out, id);
    out += ",\"status\":";
    JsonWriter::appendString(out, toString(status));
    if (!statusReason.isEmpty()) {
        out += ",\"status_reason\":";
        JsonWriter::appendString(out, statusReason);
    }
    if (!remoteId.isEmpty()) {
        out += ",\"ultravox_agent_id\":";
        JsonWriter::appendString(out, remoteId);
    }
    out += ",\"updated_at\":";
    JsonWriter::appendTime(out, updatedAt);
    out += ",\"version\":";
    out += QByteArray::number(version);
    out += '}';
    return out;
}

QStringList promptPlaceholders(const QString &prompt)
{
    static const QRegularExpression placeholder(u"\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}"_s);
    QStringList names;
    auto it = placeholder.globalMatch(prompt);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names << name;
    }
    return names;
}
