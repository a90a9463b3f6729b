// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentSettingsText.h"

#include "CallOutcome.h"

using namespace Qt::StringLiterals;

namespace {
QString quoted(const QString &text)
{
    return u"“"_s + text + u"”"_s;
}
} // namespace

QList<QPair<QString, QString>> AgentSettingsText::rows(const AgentConfig &config,
                                                       const QHash<QString, QString> &voiceNames)
{
    const CallSettings &call = config.call;
    const auto onOff = [](bool on) { return on ? tr("On") : tr("Off"); };
    const auto orNone = [](const QString &text) { return text.isEmpty() ? tr("None") : text; };
    const auto ms = [](int value) { return tr("%1 ms").arg(value); };
    const auto seconds = [](int value) { return tr("%1 s").arg(value); };

    QList<QPair<QString, QString>> rows;
    // Basics
    rows.append({tr("Name"), config.name});
    rows.append({tr("Prompt"), config.prompt});
    rows.append({tr("Voice"), voiceNames.value(config.voice, config.voice)});
    rows.append({tr("Language"), config.language});
    // The same setting names whether a list is empty or not, so that two revisions line up.
    QStringList keys;
    for (const auto &[key, value] : config.templateVariables)
        keys << key;
    rows.append({tr("Template variables"), keys.isEmpty() ? tr("None") : keys.join(u", ")});
    for (const auto &[key, value] : config.templateVariables)
        rows.append({tr("Template variable %1").arg(key), value});

    // Conversation
    rows.append({tr("First speaker"),
                 call.firstSpeaker == FirstSpeaker::Agent ? tr("The agent") : tr("The callee")});
    if (!call.greetingText.isEmpty())
        rows.append({tr("Opening"), tr("This exact line: %1").arg(quoted(call.greetingText))});
    else if (!call.greetingPrompt.isEmpty())
        rows.append(
            {tr("Opening"),
             tr("Worded by the agent from this instruction: %1").arg(quoted(call.greetingPrompt))});
    else
        rows.append({tr("Opening"), tr("Worded by the agent from its prompt")});
    rows.append({tr("Opening delay"), ms(call.greetingDelayMs)});
    rows.append({tr("The callee may interrupt the opening"),
                 call.greetingInterruptible ? tr("Yes") : tr("No")});
    rows.append({tr("Model"), call.model.isEmpty() ? tr("Ultravox's default") : call.model});
    rows.append({tr("Temperature"), QString::number(call.temperature)});

    // Timing
    rows.append({tr("Maximum duration"), seconds(call.maxDurationSeconds)});
    rows.append({tr("Join timeout"), seconds(call.joinTimeoutSeconds)});
    rows.append({tr("Time-up message"), orNone(call.timeExceededMessage)});
    if (call.inactivityMessages.isEmpty())
        rows.append({tr("Inactivity message %1").arg(1), tr("None")});
    for (qsizetype i = 0; i < call.inactivityMessages.size(); ++i) {
        const InactivityMessage &message = call.inactivityMessages.at(i);
        QString then;
        switch (message.endBehavior) {
        case InactivityEnd::Continue:
            then = tr("then keep listening");
            break;
        case InactivityEnd::HangUpSoft:
            then = tr("then hang up unless they speak");
            break;
        case InactivityEnd::HangUpStrict:
            then = tr("then hang up");
            break;
        }
        rows.append({tr("Inactivity message %1").arg(i + 1),
                     tr("After %1 of silence: %2, %3")
                         .arg(seconds(message.durationSeconds), quoted(message.message), then)});
    }

    // Tools
    const BuiltInTools &tools = call.tools;
    rows.append({tr("Hang up tool"), !tools.hangUp ? tr("Off")
                                     : tools.hangUpStrict
                                         ? tr("On, even if the callee speaks again")
                                         : tr("On, unless the callee speaks again")});
    rows.append({tr("Voicemail tool"), !tools.leaveVoicemail ? tr("Off")
                                       : tools.voicemailMessage.isEmpty()
                                           ? tr("On, worded by the agent")
                                           : tr("On: %1").arg(quoted(tools.voicemailMessage))});
    rows.append({tr("Transfer tool"),
                 tools.coldTransfer ? tr("On, to %1").arg(tools.transferTarget) : tr("Off")});
    rows.append({tr("Keypad tones tool"), onOff(tools.playDtmfSounds)});
    QString machines = tr("Not detected");
    if (call.machineDetection)
        machines = call.onMachine == CallOutcome::OnMachineVoicemail
                       ? tr("Detect them, and leave the voicemail")
                       : tr("Detect them, and hang up");
    rows.append({tr("Answering machines"), machines});

    // Advanced
    rows.append({tr("Recording"), onOff(call.recordingEnabled)});
    rows.append({tr("Turn end delay"), ms(call.vadTurnEndDelayMs)});
    rows.append({tr("Minimum turn"), ms(call.vadMinimumTurnDurationMs)});
    rows.append({tr("Minimum interruption"), ms(call.vadMinimumInterruptionDurationMs)});
    return rows;
}
