// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

class FieldErrors;

enum class CallStatus {
    Initiated,
    Ringing,
    InProgress,
    Completed,
    Failed,
    Busy,
    NoAnswer,
    Canceled
};

QString toString(CallStatus status);
bool callStatusFromString(const QString &text, CallStatus *status);
// Completed, failed, busy, no-answer and canceled end a call; nothing changes it afterwards.
bool isFinal(CallStatus status);
const QList<CallStatus> &allCallStatuses();

// A turn of the conversation, as Ultravox reports it.
struct TranscriptMessage
{
    QString role; // "agent", "user", "tool_call", "tool_result"
    QString text;
    qint64 ordinal = 0;
    qint64 startMs = -1; // offset from the start of the call, when Ultravox gave a timespan
    qint64 endMs = -1;
    QJsonObject toJson() const;
};

// Every call attempt leaves one of these, also when a provider failed half-way.
struct CallRecord
{
    QString id;      // ours, always present ("call_..."); the API also finds a call by it
    QString callSid; // Twilio's call SID once Twilio accepted the call
    QString agentId;
    QString agentName;        // kept so the log still reads well after the agent is deleted
    qint64 agentRevision = 0; // the agent's revision when the call was placed; 0: none known
    qint64 companyId = 0;     // set for calls placed through a company profile
    QString campaignId;       // set for calls a campaign placed
    QString phoneNumber;
    QString fromNumber;
    CallStatus status = CallStatus::Initiated;
    QJsonObject templateContext;
    QString joinUrl;
    QString ultravoxCallId;
    QString twilioStatus;
    QString endReason; // Ultravox's endReason
    QJsonObject error; // {provider, message, http_status, code, more_info} of what went wrong
    bool sandbox = false;
    bool test = false; // a test from the desktop console or the test-calls route: no phone line
    bool transcriptFetched = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 answeredAt = 0;
    qint64 endedAt = 0;
    int durationSeconds = -1;
    qint64 version = 1;

    // What happened on the call beyond its status (see CallOutcome.h). Empty or negative until
    // a provider reported it: nothing here is ever estimated.
    bool machineDetection = false; // Twilio was asked to tell people from answering machines
    QString onMachine;             // "hang_up" or "leave_voicemail" when machineDetection
    QString answeredBy;            // human, machine, fax, unknown (Twilio's answered_by, grouped)
    QString hungUpBy;              // "operator" or "machine_detection" when Switchboard ended it
    QString price;                 // Twilio's own decimal text, e.g. "-0.01400"
    QString priceUnit;             // ISO 4217, e.g. "USD"
    double billedSeconds = -1;     // Ultravox's billedDuration
    QString shortSummary;          // Ultravox's shortSummary
    QString summary;               // Ultravox's summary
    bool costSettled = false;      // price and billed duration reported, or no longer awaited
    int transcriptCount = 0;       // messages stored so far; grows while the call lasts
    bool recordingEnabled = false; // Ultravox records the call
    QString recordingStatus;       // "", pending, stored, failed, deleted
    QString recordingType;         // the audio's content type once stored
    qint64 recordingBytes = 0;

    QString publicId() const { return callSid.isEmpty() ? id : callSid; }
    QJsonObject toJson() const;
};

// The body of POST /api/v1/calls/{agent_id}, read and checked.
struct CallRequest
{
    QString agentId;
    QString phoneNumber;
    QJsonObject templateContext;
    // Unset: the agent's own choice (its call settings' machine_detection and on_machine).
    std::optional<bool> machineDetection;
    QString onMachine; // "hang_up" or "leave_voicemail"; empty: the agent's choice
    // Campaign calls only (never read from a request body): the call id the campaign's attempt
    // row reserved before any provider was asked, and the campaign.
    QString reservedCallId;
    QString campaignId;

    static CallRequest fromJson(const QJsonObject &json, const QString &pathAgentId,
                                FieldErrors &errors);
};

// Checks a call's template context: at most 50 variables, identifier keys that are not reserved,
// strings (also nested ones) of at most 1000 characters.
void validateTemplateContext(const QJsonObject &context, FieldErrors &errors,
                             const QString &field = QStringLiteral("template_context"));
