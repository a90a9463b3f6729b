// SPDX-License-Identifier: GPL-3.0-or-later
#include "UltravoxCallTemplate.h"

using namespace Qt::StringLiterals;

namespace UltravoxCallTemplate {
QString duration(qint64 milliseconds)
{
    const qint64 seconds = milliseconds / 1000;
    const qint64 rest = milliseconds % 1000;
    if (rest == 0)
        return QString::number(seconds) + u's';
    QString fraction = u"%1"_s.arg(rest, 3, 10, QChar(u'0'));
    while (fraction.endsWith(u'0'))
        fraction.chop(1);
    return QString::number(seconds) + u'.' + fraction + u's';
}

QJsonObject firstSpeakerSettings(const CallSettings &settings)
{
    if (settings.firstSpeaker == FirstSpeaker::Callee)
        return {{u"user"_s, QJsonObject()}};
    QJsonObject agent;
    if (!settings.greetingInterruptible)
        agent.insert(u"uninterruptible"_s, true);
    if (!settings.greetingText.isEmpty())
        agent.insert(u"text"_s, settings.greetingText);
    else if (!settings.greetingPrompt.isEmpty())
        agent.insert(u"prompt"_s, settings.greetingPrompt);
    if (settings.greetingDelayMs > 0)
        agent.insert(u"delay"_s, duration(settings.greetingDelayMs));
    return {{u"agent"_s, agent}};
}

QJsonArray selectedTools(const BuiltInTools &tools)
{
    QJsonArray selected;
    if (tools.hangUp) {
        QJsonObject tool{{u"toolName"_s, u"hangUp"_s}};
        if (!tools.hangUpStrict) // strict is the tool's own default
            tool.insert(u"parameterOverrides"_s, QJsonObject{{u"strict"_s, false}});
        selected.append(tool);
    }
    if (tools.leaveVoicemail) {
        QJsonObject tool{{u"toolName"_s, u"leaveVoicemail"_s}};
        // An overridden parameter is hidden from the model: the message is said as written.
        if (!tools.voicemailMessage.isEmpty())
            tool.insert(u"parameterOverrides"_s,
                        QJsonObject{{u"message"_s, tools.voicemailMessage}});
        selected.append(tool);
    }
    if (tools.coldTransfer)
        selected.append(QJsonObject{
            {u"toolName"_s, u"coldTransfer"_s},
            {u"parameterOverrides"_s, QJsonObject{{u"target"_s, tools.transferTarget}}}});
    if (tools.playDtmfSounds)
        selected.append(QJsonObject{{u"toolName"_s, u"playDtmfSounds"_s}});
    return selected;
}

QJsonObject vadSettings(const CallSettings &settings)
{
    return {
        {u"turnEndpointDelay"_s, duration(settings.vadTurnEndDelayMs)},
        {u"minimumTurnDuration"_s, duration(settings.vadMinimumTurnDurationMs)},
        {u"minimumInterruptionDuration"_s, duration(settings.vadMinimumInterruptionDurationMs)}};
}

QString endBehavior(InactivityEnd end)
{
    switch (end) {
    case InactivityEnd::Continue:
        return u"END_BEHAVIOR_UNSPECIFIED"_s;
    case InactivityEnd::HangUpSoft:
        return u"END_BEHAVIOR_HANG_UP_SOFT"_s;
    case InactivityEnd::HangUpStrict:
        return u"END_BEHAVIOR_HANG_UP_STRICT"_s;
    }
    return u"END_BEHAVIOR_UNSPECIFIED"_s;
}

QJsonArray inactivityMessages(const QList<InactivityMessage> &messages)
{
    QJsonArray list;
    for (const InactivityMessage &message : messages)
        list.append(QJsonObject{{u"duration"_s, duration(qint64(message.durationSeconds) * 1000)},
                                {u"message"_s, message.message},
                                {u"endBehavior"_s, endBehavior(message.endBehavior)}});
    return list;
}

QJsonObject fromAgentConfig(const AgentConfig &config)
{
    const CallSettings &call = config.call;
    QJsonObject callTemplate{
        {u"systemPrompt"_s, config.prompt},
        {u"temperature"_s, call.temperature},
        {u"firstSpeakerSettings"_s, firstSpeakerSettings(call)},
        {u"maxDuration"_s, duration(qint64(call.maxDurationSeconds) * 1000)},
        {u"joinTimeout"_s, duration(qint64(call.joinTimeoutSeconds) * 1000)},
        {u"timeExceededMessage"_s, call.timeExceededMessage},
        {u"inactivityMessages"_s, inactivityMessages(call.inactivityMessages)},
        {u"recordingEnabled"_s, call.recordingEnabled},
        {u"vadSettings"_s, vadSettings(call)},
        {u"selectedTools"_s, selectedTools(call.tools)},
    };
    if (config.voice != u"default"_s) // absent: Ultravox's default voice
        callTemplate.insert(u"voice"_s, config.voice);
    if (!config.language.isEmpty())
        callTemplate.insert(u"languageHint"_s, config.language);
    if (!call.model.isEmpty()) // absent: Ultravox's current default model
        callTemplate.insert(u"model"_s, call.model);
    return callTemplate;
}
} // namespace UltravoxCallTemplate
