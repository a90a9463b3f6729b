// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallSettings.h"

#include "CallOutcome.h"
#include "Validation.h"

#include <QJsonArray>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
const QString hangUpKey = u"hang_up"_s;
const QString leaveVoicemailKey = u"leave_voicemail"_s;
const QString coldTransferKey = u"cold_transfer"_s;
const QString playDtmfKey = u"play_dtmf_sounds"_s;

QString inactivityField(qsizetype index, const QString &key = {})
{
    QString field = u"inactivity_messages[%1]"_s.arg(index);
    if (!key.isEmpty())
        field += u'.' + key;
    return field;
}

void checkMs(FieldErrors &errors, const QString &field, int value, int max)
{
    errors.check(field, Rules::checkRange(value, 0, max, u"milliseconds"_s));
}
} // namespace

QString toString(FirstSpeaker speaker)
{
    return speaker == FirstSpeaker::Agent ? u"agent"_s : u"callee"_s;
}

bool firstSpeakerFromString(const QString &text, FirstSpeaker *speaker)
{
    if (text == u"callee"_s || text == u"FIRST_SPEAKER_USER"_s) {
        *speaker = FirstSpeaker::Callee;
        return true;
    }
    if (text == u"agent"_s || text == u"FIRST_SPEAKER_AGENT"_s) {
        *speaker = FirstSpeaker::Agent;
        return true;
    }
    return false;
}

QString toString(InactivityEnd end)
{
    switch (end) {
    case InactivityEnd::Continue:
        return u"continue"_s;
    case InactivityEnd::HangUpSoft:
        return u"hang_up_soft"_s;
    case InactivityEnd::HangUpStrict:
        return u"hang_up_strict"_s;
    }
    return u"continue"_s;
}

bool inactivityEndFromString(const QString &text, InactivityEnd *end)
{
    for (const InactivityEnd candidate :
         {InactivityEnd::Continue, InactivityEnd::HangUpSoft, InactivityEnd::HangUpStrict}) {
        if (toString(candidate) == text) {
            *end = candidate;
            return true;
        }
    }
    return false;
}

bool InactivityMessage::operator==(const InactivityMessage &other) const
{
    return durationSeconds == other.durationSeconds && message == other.message &&
           endBehavior == other.endBehavior;
}

bool BuiltInTools::operator==(const BuiltInTools &other) const
{
    return hangUp == other.hangUp && hangUpStrict == other.hangUpStrict &&
           leaveVoicemail == other.leaveVoicemail && voicemailMessage == other.voicemailMessage &&
           coldTransfer == other.coldTransfer && transferTarget == other.transferTarget &&
           playDtmfSounds == other.playDtmfSounds;
}

bool CallSettings::operator==(const CallSettings &other) const
{
    return firstSpeaker == other.firstSpeaker && greetingText == other.greetingText &&
           greetingPrompt == other.greetingPrompt && greetingDelayMs == other.greetingDelayMs &&
           greetingInterruptible == other.greetingInterruptible && model == other.model &&
           temperature == other.temperature && maxDurationSeconds == other.maxDurationSeconds &&
           joinTimeoutSeconds == other.joinTimeoutSeconds &&
           timeExceededMessage == other.timeExceededMessage &&
           inactivityMessages == other.inactivityMessages &&
           recordingEnabled == other.recordingEnabled &&
           machineDetection == other.machineDetection && onMachine == other.onMachine &&
           vadTurnEndDelayMs == other.vadTurnEndDelayMs &&
           vadMinimumTurnDurationMs == other.vadMinimumTurnDurationMs &&
           vadMinimumInterruptionDurationMs == other.vadMinimumInterruptionDurationMs &&
           tools == other.tools;
}

const QStringList &CallSettings::fieldNames()
{
    static const QStringList names{u"first_speaker"_s,
                                   u"greeting_text"_s,
                                   u"greeting_prompt"_s,
                                   u"greeting_delay_ms"_s,
                                   u"greeting_interruptible"_s,
                                   u"model"_s,
                                   u"temperature"_s,
                                   u"max_duration_seconds"_s,
                                   u"join_timeout_seconds"_s,
                                   u"time_exceeded_message"_s,
                                   u"inactivity_messages"_s,
                                   u"recording_enabled"_s,
                                   u"machine_detection"_s,
                                   u"on_machine"_s,
                                   u"vad_turn_end_delay_ms"_s,
                                   u"vad_minimum_turn_duration_ms"_s,
                                   u"vad_minimum_interruption_duration_ms"_s,
                                   u"tools"_s};
    return names;
}

QJsonObject CallSettings::toolsJson(const BuiltInTools &tools)
{
    QJsonObject json;
    if (tools.hangUp)
        json.insert(hangUpKey, QJsonObject{{u"strict"_s, tools.hangUpStrict}});
    if (tools.leaveVoicemail)
        json.insert(leaveVoicemailKey, QJsonObject{{u"message"_s, tools.voicemailMessage}});
    if (tools.coldTransfer)
        json.insert(coldTransferKey, QJsonObject{{u"target"_s, tools.transferTarget}});
    if (tools.playDtmfSounds)
        json.insert(playDtmfKey, QJsonObject());
    return json;
}

QJsonObject CallSettings::inactivityMessageJson(const InactivityMessage &message)
{
    return {{u"duration_seconds"_s, message.durationSeconds},
            {u"message"_s, message.message},
            {u"end_behavior"_s, toString(message.endBehavior)}};
}

void CallSettings::writeJson(QJsonObject &config) const
{
    QJsonArray inactivity;
    for (const InactivityMessage &message : inactivityMessages)
        inactivity.append(inactivityMessageJson(message));
    config.insert(u"first_speaker"_s, toString(firstSpeaker));
    config.insert(u"greeting_text"_s, greetingText);
    config.insert(u"greeting_prompt"_s, greetingPrompt);
    config.insert(u"greeting_delay_ms"_s, greetingDelayMs);
    config.insert(u"greeting_interruptible"_s, greetingInterruptible);
    config.insert(u"model"_s, model);
    config.insert(u"temperature"_s, temperature);
    config.insert(u"max_duration_seconds"_s, maxDurationSeconds);
    config.insert(u"join_timeout_seconds"_s, joinTimeoutSeconds);
    config.insert(u"time_exceeded_message"_s, timeExceededMessage);
    config.insert(u"inactivity_messages"_s, inactivity);
    config.insert(u"recording_enabled"_s, recordingEnabled);
    config.insert(u"machine_detection"_s, machineDetection);
    config.insert(u"on_machine"_s, onMachine);
    config.insert(u"vad_turn_end_delay_ms"_s, vadTurnEndDelayMs);
    config.insert(u"vad_minimum_turn_duration_ms"_s, vadMinimumTurnDurationMs);
    config.insert(u"vad_minimum_interruption_duration_ms"_s, vadMinimumInterruptionDurationMs);
    config.insert(u"tools"_s, toolsJson(tools));
}

namespace {
// Integers in the int range; anything outside is reported by the range rules of validate(), so
// the value is clamped to one that breaks the same rule.
int intValue(qint64 value)
{
    return int(std::clamp<qint64>(value, std::numeric_limits<int>::min(),
                                  std::numeric_limits<int>::max()));
}

BuiltInTools readTools(const QJsonObject &json, FieldErrors &errors)
{
    using namespace JsonFields;
    BuiltInTools tools;
    const QJsonObject object = JsonFields::object(json, u"tools"_s, errors, Presence::Optional);
    rejectUnknown(object, {hangUpKey, leaveVoicemailKey, coldTransferKey, playDtmfKey}, errors,
                  u"tools."_s);
    const auto settings = [&](const QString &key, const QStringList &allowed, bool *enabled) {
        const QString prefix = u"tools.%1."_s.arg(key);
        if (!object.contains(key))
            return QJsonObject();
        const QJsonObject own =
            JsonFields::object(object, key, errors, Presence::Optional, u"tools."_s);
        // {"hang_up": null} reads as switched off, like leaving it out.
        *enabled = object.value(key).isObject();
        rejectUnknown(own, allowed, errors, prefix);
        return own;
    };
    const QJsonObject hangUp = settings(hangUpKey, {u"strict"_s}, &tools.hangUp);
    tools.hangUpStrict =
        boolean(hangUp, u"strict"_s, errors, tools.hangUpStrict, u"tools.hang_up."_s);
    const QJsonObject voicemail =
        settings(leaveVoicemailKey, {u"message"_s}, &tools.leaveVoicemail);
    tools.voicemailMessage = string(voicemail, u"message"_s, errors, Presence::Optional, {},
                                    u"tools.leave_voicemail."_s);
    const QJsonObject transfer = settings(coldTransferKey, {u"target"_s}, &tools.coldTransfer);
    if (tools.coldTransfer)
        tools.transferTarget = string(transfer, u"target"_s, errors, Presence::Required, {},
                                      u"tools.cold_transfer."_s);
    settings(playDtmfKey, {}, &tools.playDtmfSounds);
    return tools;
}
} // namespace

CallSettings CallSettings::fromJson(const QJsonObject &json, FieldErrors &errors)
{
    using namespace JsonFields;
    CallSettings settings;
    const QString speaker = string(json, u"first_speaker"_s, errors, Presence::Optional,
                                   toString(settings.firstSpeaker));
    if (!errors.contains(u"first_speaker"_s) &&
        !firstSpeakerFromString(speaker, &settings.firstSpeaker))
        errors.add(u"first_speaker"_s, u"must be 'callee' or 'agent' (got '%1')"_s.arg(speaker));
    settings.greetingText = string(json, u"greeting_text"_s, errors, Presence::Optional);
    settings.greetingPrompt = string(json, u"greeting_prompt"_s, errors, Presence::Optional);
    settings.greetingDelayMs =
        intValue(integer(json, u"greeting_delay_ms"_s, errors, settings.greetingDelayMs));
    settings.greetingInterruptible =
        boolean(json, u"greeting_interruptible"_s, errors, settings.greetingInterruptible);
    settings.model = string(json, u"model"_s, errors, Presence::Optional);
    settings.temperature = number(json, u"temperature"_s, errors, settings.temperature);
    settings.maxDurationSeconds =
        intValue(integer(json, u"max_duration_seconds"_s, errors, settings.maxDurationSeconds));
    settings.joinTimeoutSeconds =
        intValue(integer(json, u"join_timeout_seconds"_s, errors, settings.joinTimeoutSeconds));
    settings.timeExceededMessage =
        string(json, u"time_exceeded_message"_s, errors, Presence::Optional);
    const QJsonArray inactivity = array(json, u"inactivity_messages"_s, errors);
    for (qsizetype i = 0; i < inactivity.size(); ++i) {
        if (!inactivity.at(i).isObject()) {
            errors.add(inactivityField(i),
                       u"must be an object, not %1"_s.arg(typeName(inactivity.at(i))));
            continue;
        }
        const QJsonObject entry = inactivity.at(i).toObject();
        const QString prefix = inactivityField(i) + u'.';
        rejectUnknown(entry, {u"duration_seconds"_s, u"message"_s, u"end_behavior"_s}, errors,
                      prefix);
        InactivityMessage message;
        if (!entry.contains(u"duration_seconds"_s))
            errors.add(prefix + u"duration_seconds"_s, u"is required"_s);
        message.durationSeconds = intValue(
            integer(entry, u"duration_seconds"_s, errors, message.durationSeconds, prefix));
        message.message = string(entry, u"message"_s, errors, Presence::Required, {}, prefix);
        const QString end = string(entry, u"end_behavior"_s, errors, Presence::Optional,
                                   toString(message.endBehavior), prefix);
        if (!errors.contains(prefix + u"end_behavior"_s) &&
            !inactivityEndFromString(end, &message.endBehavior))
            errors.add(
                prefix + u"end_behavior"_s,
                u"must be 'continue', 'hang_up_soft' or 'hang_up_strict' (got '%1')"_s.arg(end));
        settings.inactivityMessages.append(message);
    }
    settings.recordingEnabled =
        boolean(json, u"recording_enabled"_s, errors, settings.recordingEnabled);
    settings.machineDetection =
        boolean(json, u"machine_detection"_s, errors, settings.machineDetection);
    settings.onMachine =
        string(json, u"on_machine"_s, errors, Presence::Optional, settings.onMachine);
    settings.vadTurnEndDelayMs =
        intValue(integer(json, u"vad_turn_end_delay_ms"_s, errors, settings.vadTurnEndDelayMs));
    settings.vadMinimumTurnDurationMs = intValue(integer(
        json, u"vad_minimum_turn_duration_ms"_s, errors, settings.vadMinimumTurnDurationMs));
    settings.vadMinimumInterruptionDurationMs =
        intValue(integer(json, u"vad_minimum_interruption_duration_ms"_s, errors,
                         settings.vadMinimumInterruptionDurationMs));
    settings.tools = readTools(json, errors);
    return settings;
}

void CallSettings::validate(FieldErrors &errors) const
{
    const auto unless = [&errors](const QString &field, const QString &problem) {
        if (!errors.contains(field))
            errors.check(field, problem);
    };
    // The value's own rule first; then whether it means anything with this first speaker.
    const bool agentFirst = firstSpeaker == FirstSpeaker::Agent;
    const auto forAgent = [agentFirst](bool isSet, const QString &ownRule) {
        if (!ownRule.isEmpty())
            return ownRule;
        return !agentFirst && isSet ? u"is used only when first_speaker is 'agent'"_s : QString();
    };
    unless(u"greeting_text"_s,
           forAgent(!greetingText.isEmpty(), Rules::checkSpokenText(greetingText, false)));
    QString promptRule = Rules::checkSpokenText(greetingPrompt, false);
    if (promptRule.isEmpty() && !greetingText.isEmpty() && !greetingPrompt.isEmpty())
        promptRule = u"must be empty when greeting_text is set (the agent says the text, or words "
                     u"an opening from the prompt, not both)"_s;
    unless(u"greeting_prompt"_s, forAgent(!greetingPrompt.isEmpty(), promptRule));
    unless(u"greeting_delay_ms"_s,
           forAgent(greetingDelayMs != 0,
                    Rules::checkRange(greetingDelayMs, 0, Rules::GreetingDelayMaxMs,
                                      u"milliseconds"_s)));
    unless(u"greeting_interruptible"_s, forAgent(!greetingInterruptible, {}));
    if (!model.isEmpty())
        unless(u"model"_s, Rules::checkModel(model));
    unless(u"temperature"_s, Rules::checkTemperature(temperature));
    unless(u"max_duration_seconds"_s,
           Rules::checkRange(maxDurationSeconds, Rules::MaxDurationMinSeconds,
                             Rules::MaxDurationMaxSeconds, u"seconds"_s));
    unless(u"join_timeout_seconds"_s,
           Rules::checkRange(joinTimeoutSeconds, Rules::JoinTimeoutMinSeconds,
                             Rules::JoinTimeoutMaxSeconds, u"seconds"_s));
    unless(u"time_exceeded_message"_s, Rules::checkSpokenText(timeExceededMessage, false));
    if (inactivityMessages.size() > Rules::InactivityMessagesMax)
        unless(u"inactivity_messages"_s,
               u"must have at most %1 messages (got %2)"_s.arg(Rules::InactivityMessagesMax)
                   .arg(inactivityMessages.size()));
    for (qsizetype i = 0; i < inactivityMessages.size(); ++i) {
        const InactivityMessage &message = inactivityMessages.at(i);
        unless(inactivityField(i, u"duration_seconds"_s),
               Rules::checkRange(message.durationSeconds, Rules::InactivityMinSeconds,
                                 Rules::InactivityMaxSeconds, u"seconds"_s));
        unless(inactivityField(i, u"message"_s), Rules::checkSpokenText(message.message, true));
    }
    if (!errors.contains(u"vad_turn_end_delay_ms"_s))
        checkMs(errors, u"vad_turn_end_delay_ms"_s, vadTurnEndDelayMs, Rules::VadMaxMs);
    if (!errors.contains(u"vad_minimum_turn_duration_ms"_s))
        checkMs(errors, u"vad_minimum_turn_duration_ms"_s, vadMinimumTurnDurationMs,
                Rules::VadMaxMs);
    if (!errors.contains(u"vad_minimum_interruption_duration_ms"_s))
        checkMs(errors, u"vad_minimum_interruption_duration_ms"_s, vadMinimumInterruptionDurationMs,
                Rules::VadMaxMs);
    if (!CallOutcome::onMachineActions().contains(onMachine))
        unless(u"on_machine"_s,
               u"must be 'hang_up' or 'leave_voicemail' (got '%1')"_s.arg(onMachine));
    else if (onMachine == CallOutcome::OnMachineVoicemail && !tools.leaveVoicemail)
        unless(u"on_machine"_s, u"'leave_voicemail' needs the leave_voicemail tool switched on "
                                u"(tools.leave_voicemail)"_s);
    if (tools.leaveVoicemail)
        unless(u"tools.leave_voicemail.message"_s,
               Rules::checkSpokenText(tools.voicemailMessage, false));
    if (tools.coldTransfer)
        unless(u"tools.cold_transfer.target"_s, Rules::checkPhoneNumber(tools.transferTarget));
}
