// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

class FieldErrors;

// Who opens the conversation. Ultravox advises the callee for outbound calls: a person who
// picks up says "hello" first, and an answering machine is not talked over.
enum class FirstSpeaker { Callee, Agent };
QString toString(FirstSpeaker speaker);
// Accepts "callee"/"agent" and Ultravox's FIRST_SPEAKER_USER/FIRST_SPEAKER_AGENT.
bool firstSpeakerFromString(const QString &text, FirstSpeaker *speaker);

// What happens once an inactivity message has been said.
enum class InactivityEnd { Continue, HangUpSoft, HangUpStrict };
QString toString(InactivityEnd end);
bool inactivityEndFromString(const QString &text, InactivityEnd *end);

struct InactivityMessage
{
    int durationSeconds = 30; // after this much silence (counted from the previous message)
    QString message;
    InactivityEnd endBehavior = InactivityEnd::Continue;

    bool operator==(const InactivityMessage &other) const;
};

// Ultravox's built-in tools an agent may use, each with its own settings. Off unless enabled.
struct BuiltInTools
{
    bool hangUp = false;
    bool hangUpStrict = true; // false: the callee speaking again keeps the call going
    bool leaveVoicemail = false;
    QString voicemailMessage; // empty: the agent words the voicemail itself
    bool coldTransfer = false;
    QString transferTarget; // E.164
    bool playDtmfSounds = false;

    bool operator==(const BuiltInTools &other) const;
};

// The call template of an agent beyond the seed's fields: how its calls start, run and end.
// Every field is optional in the API; the defaults are those below (and in the OpenAPI
// document). Durations are whole seconds or milliseconds so that they round-trip exactly.
struct CallSettings
{
    FirstSpeaker firstSpeaker = FirstSpeaker::Callee;
    QString greetingText;   // the agent's opening line, said as it is
    QString greetingPrompt; // or what the opening line should achieve, worded by the model
    int greetingDelayMs = 0;
    bool greetingInterruptible = true;

    QString model; // empty: Ultravox's default model
    double temperature = 0.0;

    int maxDurationSeconds = 3600;
    int joinTimeoutSeconds = 30;
    QString timeExceededMessage;
    QList<InactivityMessage> inactivityMessages; // in the order they are said

    bool recordingEnabled = false;

    // Phone calls placed without a choice of their own ask Twilio to tell people from answering
    // machines, and then hang up ("hang_up") or leave the voicemail message ("leave_voicemail").
    // Twilio's switch, not Ultravox's: it is never sent to Ultravox.
    bool machineDetection = false;
    QString onMachine = QStringLiteral("hang_up");

    int vadTurnEndDelayMs = 384;
    int vadMinimumTurnDurationMs = 0;
    int vadMinimumInterruptionDurationMs = 90;

    BuiltInTools tools;

    bool operator==(const CallSettings &other) const;

    // Adds the snake_case fields to an agent's config JSON.
    void writeJson(QJsonObject &config) const;
    // Reads the fields present in `json` (the others keep their default) and reports type errors.
    static CallSettings fromJson(const QJsonObject &json, FieldErrors &errors);
    // Checks every rule; messages land under the REST field names.
    void validate(FieldErrors &errors) const;

    // The REST names of the fields above, for rejecting unknown ones.
    static const QStringList &fieldNames();
    static QJsonObject toolsJson(const BuiltInTools &tools);
    static QJsonObject inactivityMessageJson(const InactivityMessage &message);
};
