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
    QJsonObject json{{u"name"_s, name},
                     {u"prompt"_s, prompt},
                     {u"voice"_s, voice},
                     {u"language"_s, language},
                     {u"template_variables"_s, templateVariablesJson()}};
    call.writeJson(json);
    return json;
}

bool AgentConfig::operator==(const AgentConfig &other) const
{
    return name == other.name && prompt == other.prompt && voice == other.voice &&
           language == other.language && templateVariables == other.templateVariables &&
           call == other.call;
}

AgentConfig AgentConfig::fromJson(const QJsonObject &json, FieldErrors &errors)
{
    using namespace JsonFields;
    static const QStringList known =
        QStringList{u"name"_s, u"prompt"_s, u"voice"_s, u"language"_s, u"template_variables"_s} +
        CallSettings::fieldNames();
    rejectUnknown(json, known, errors);
    AgentConfig config;
    config.call = CallSettings::fromJson(json, errors);
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
    call.validate(errors);
}

QJsonObject Agent::toJson() const
{
    QJsonObject json{{u"id"_s, id},
                     {u"config"_s, config.toJson()},
                     {u"created_at"_s, Timestamps::iso(createdAt)},
                     {u"updated_at"_s, Timestamps::iso(updatedAt)},
                     {u"status"_s, toString(status)},
                     {u"version"_s, version},
                     {u"revision"_s, revision}};
    if (!statusReason.isEmpty())
        json.insert(u"status_reason"_s, statusReason);
    if (!remoteId.isEmpty())
        json.insert(u"ultravox_agent_id"_s, remoteId);
    return json;
}

namespace {
void appendKey(QByteArray &out, const char *key)
{
    out += '"';
    out += key;
    out += "\":";
}

void appendBool(QByteArray &out, bool value)
{
    out += value ? "true" : "false";
}

void appendTools(QByteArray &out, const BuiltInTools &tools)
{
    // Keys in sorted order: cold_transfer, hang_up, leave_voicemail, play_dtmf_sounds.
    out += '{';
    bool first = true;
    const auto next = [&](const char *key) {
        if (!first)
            out += ',';
        first = false;
        appendKey(out, key);
    };
    if (tools.coldTransfer) {
        next("cold_transfer");
        out += "{\"target\":";
        JsonWriter::appendString(out, tools.transferTarget);
        out += '}';
    }
    if (tools.hangUp) {
        next("hang_up");
        out += "{\"strict\":";
        appendBool(out, tools.hangUpStrict);
        out += '}';
    }
    if (tools.leaveVoicemail) {
        next("leave_voicemail");
        out += "{\"message\":";
        JsonWriter::appendString(out, tools.voicemailMessage);
        out += '}';
    }
    if (tools.playDtmfSounds) {
        next("play_dtmf_sounds");
        out += "{}";
    }
    out += '}';
}

void appendConfig(QByteArray &out, const AgentConfig &config)
{
    // Keys in the order QJsonObject keeps them (sorted), so both ways give the same bytes.
    const CallSettings &call = config.call;
    out += "{\"first_speaker\":";
    JsonWriter::appendString(out, toString(call.firstSpeaker));
    out += ",\"greeting_delay_ms\":";
    out += QByteArray::number(call.greetingDelayMs);
    out += ",\"greeting_interruptible\":";
    appendBool(out, call.greetingInterruptible);
    out += ",\"greeting_prompt\":";
    JsonWriter::appendString(out, call.greetingPrompt);
    out += ",\"greeting_text\":";
    JsonWriter::appendString(out, call.greetingText);
    out += ",\"inactivity_messages\":[";
    for (qsizetype i = 0; i < call.inactivityMessages.size(); ++i) {
        const InactivityMessage &message = call.inactivityMessages.at(i);
        if (i > 0)
            out += ',';
        out += "{\"duration_seconds\":";
        out += QByteArray::number(message.durationSeconds);
        out += ",\"end_behavior\":";
        JsonWriter::appendString(out, toString(message.endBehavior));
        out += ",\"message\":";
        JsonWriter::appendString(out, message.message);
        out += '}';
    }
    out += "],\"join_timeout_seconds\":";
    out += QByteArray::number(call.joinTimeoutSeconds);
    out += ",\"language\":";
    JsonWriter::appendString(out, config.language);
    out += ",\"machine_detection\":";
    appendBool(out, call.machineDetection);
    out += ",\"max_duration_seconds\":";
    out += QByteArray::number(call.maxDurationSeconds);
    out += ",\"model\":";
    JsonWriter::appendString(out, call.model);
    out += ",\"name\":";
    JsonWriter::appendString(out, config.name);
    out += ",\"on_machine\":";
    JsonWriter::appendString(out, call.onMachine);
    out += ",\"prompt\":";
    JsonWriter::appendString(out, config.prompt);
    out += ",\"recording_enabled\":";
    appendBool(out, call.recordingEnabled);
    out += ",\"temperature\":";
    JsonWriter::appendNumber(out, call.temperature);
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
    out += "},\"time_exceeded_message\":";
    JsonWriter::appendString(out, call.timeExceededMessage);
    out += ",\"tools\":";
    appendTools(out, call.tools);
    out += ",\"vad_minimum_interruption_duration_ms\":";
    out += QByteArray::number(call.vadMinimumInterruptionDurationMs);
    out += ",\"vad_minimum_turn_duration_ms\":";
    out += QByteArray::number(call.vadMinimumTurnDurationMs);
    out += ",\"vad_turn_end_delay_ms\":";
    out += QByteArray::number(call.vadTurnEndDelayMs);
    out += ",\"voice\":";
    JsonWriter::appendString(out, config.voice);
    out += '}';
}
} // namespace

QByteArray Agent::toJsonBytes() const
{
    QByteArray out;
    out.reserve(768 + config.prompt.size() * 2);
    out += "{\"config\":";
    appendConfig(out, config);
    out += ",\"created_at\":";
    JsonWriter::appendTime(out, createdAt);
    out += ",\"id\":";
    JsonWriter::appendString(out, id);
    out += ",\"revision\":";
    out += QByteArray::number(revision);
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
