// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AppError.h"
#include "Call.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

// What a provider (Ultravox or Twilio, real or sandbox) said when it did not do what was asked.
struct ProviderError
{
    QString provider;                     // "ultravox" or "twilio"
    ErrorKind kind = ErrorKind::Provider; // Provider, ProviderUnavailable or ProviderTimeout
    int httpStatus = 0;                   // the provider's HTTP status; 0 when none came
    QString code;                         // Twilio's numeric code, or Ultravox's field name
    QString message;                      // the provider's own words
    QString moreInfo;                     // Twilio's more_info link
    QString body;                         // the raw body, shortened, for the operator
    int retryAfterSeconds = 0;

    QJsonObject toJson() const;
    // An AppError whose message starts with what we were doing ("Creating the agent on Ultravox").
    AppError toAppError(const QString &doing, QJsonObject extraDetails = {}) const;
    QString summary() const; // "Ultravox answered 401: Invalid API key"
};

// The result of a provider call: a value or a ProviderError.
template<typename T>
class Outcome
{
public:
    Outcome(T value)
        : m_value(std::move(value))
    {
    }
    Outcome(ProviderError error)
        : m_error(std::move(error))
    {
    }
    bool ok() const { return m_value.has_value(); }
    const T &value() const { return *m_value; }
    const ProviderError &error() const { return m_error; }

private:
    std::optional<T> m_value;
    ProviderError m_error;
};

struct Done
{
};

// Providers call back on their own thread, always later than the call that started the work,
// and never once `context` is gone.
template<typename T>
using Callback = std::function<void(const Outcome<T> &)>;

struct UltravoxCredentials
{
    QString apiKey;
    QUrl baseUrl = QUrl(QStringLiteral("https://api.ultravox.ai/api/"));
};

struct TwilioCredentials
{
    QString accountSid;
    QString authToken;
    QUrl baseUrl = QUrl(QStringLiteral("https://api.twilio.com/"));
};

struct UltravoxAccount
{
    QString name;
    int activeCalls = 0;
    int allowedConcurrentCalls = 0;
};

struct RemoteAgentSpec
{
    QString name;             // at most 64 characters, see remoteAgentName()
    QJsonObject callTemplate; // see UltravoxCallTemplate::fromAgentConfig()
};

struct RemoteAgent
{
    QString agentId;
    QString name;
};

struct Voice
{
    QString voiceId;
    QString name;
    QString primaryLanguage;
    QString description;
    QString previewUrl;
};

struct AdHocCallSpec
{
    QString systemPrompt;
    QString model;
    QString voice;
    QString firstSpeaker; // FIRST_SPEAKER_USER or FIRST_SPEAKER_AGENT (or callee / agent)
};

// A call joined from the desktop console over Ultravox's serverWebSocket medium: no phone line.
struct ConsoleCallSpec
{
    AdHocCallSpec call; // the prompt already rendered with the template context
    // The agent's whole call template (UltravoxCallTemplate), prompt rendered; when set, the
    // body of the call is this template plus the medium, and `call` only serves the sandbox.
    QJsonObject callTemplate;
    QString languageHint;
    bool textOutput = true; // initialOutputMedium: text, or voice
    int inputSampleRate = 16000;
    int outputSampleRate = 16000;
    // Not sent to Ultravox (an ad-hoc call takes no template context, the prompt is rendered);
    // the sandbox's simulated agent speaks with them.
    QString agentName;
    QJsonObject templateContext;
};

struct UltravoxCall
{
    QString callId;
    QString joinUrl;
    qint64 created = 0;
    qint64 joined = 0;
    qint64 ended = 0;
    QString endReason;
    QString shortSummary;
    QString summary;
    double billedSeconds = -1; // billedDuration; -1 while Ultravox has not billed the call
    QString billingStatus;     // BILLING_STATUS_...
    bool recordingEnabled = false;
    // Whether Ultravox will report no billed duration for this call (it was free or refunded).
    bool billingSettled() const
    {
        return billedSeconds >= 0 ||
               (!billingStatus.isEmpty() && billingStatus != QStringLiteral("BILLING_STATUS_PENDING"));
    }
};

// Where an incremental read of a call's messages left off: the page that held the last message
// seen and how many of its messages were read. The next read starts there, so a poll costs one
// request for the newest page instead of the whole transcript.
struct MessageCursor
{
    QUrl pageUrl;  // empty: from the first page
    int seenOnPage = 0;
    int total = 0; // messages read so far (the next one's ordinal)
};

struct MessagePage
{
    QList<TranscriptMessage> messages; // only the new ones, ordinals continuing `total`
    MessageCursor cursor;
};

// A call's recording as Ultravox (or the storage it redirected to) served it.
struct Recording
{
    QByteArray audio;
    QString contentType; // e.g. audio/wav
};

struct TwilioAccount
{
    QString sid;
    QString friendlyName;
    QString status;
};

struct PlaceCallSpec
{
    QString to;
    QString from;
    QString twiml;
    // Twilio's MachineDetection: empty (not asked), "Enable" or "DetectMessageEnd" (to leave a
    // message after the beep). Synchronous: the result comes back as answered_by on the call.
    QString machineDetection;
};

struct TwilioCall
{
    QString sid;
    QString status; // Twilio's own: queued, ringing, in-progress, completed, busy, failed, ...
    QString to;
    QString from;
    qint64 startTime = 0;
    qint64 endTime = 0;
    qint64 dateCreated = 0;
    int durationSeconds = -1;
    QString answeredBy; // Twilio's answered_by, as it says it (machine_end_beep, human, ...)
    QString price;      // decimal text, empty while Twilio has not priced the call
    QString priceUnit;
};

struct OwnedNumber
{
    QString phoneNumber;
    QString friendlyName;
};

// Ultravox names agents in at most 64 characters; ours may have 100. The full name stays local.
QString remoteAgentName(const QString &name);
// Twilio's call status in the spec's terms (queued -> initiated).
CallStatus callStatusFromTwilio(const QString &twilioStatus, bool *known = nullptr);
// TwiML that connects the call to Ultravox's join URL, XML-escaped.
QString streamTwiml(const QString &joinUrl);
