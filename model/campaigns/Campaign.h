// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CallingHours.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

class FieldErrors;

enum class CampaignStatus { Draft, Scheduled, Running, Paused, Completed, Canceled };
QString toString(CampaignStatus status);
bool campaignStatusFromString(const QString &text, CampaignStatus *status);

// Where a recipient stands. Pending also covers "waiting for a retry" (attempts > 0). Unknown:
// an attempt whose fate could not be learned after a crash; it is never dialed again on its own.
enum class RecipientState {
    Pending,
    Calling,
    Completed,
    Busy,
    NoAnswer,
    Failed,
    SkippedDnc,
    Invalid,
    Canceled,
    Unknown
};
QString toString(RecipientState state);
bool recipientStateFromString(const QString &text, RecipientState *state);
const QList<RecipientState> &allRecipientStates();
bool isFinal(RecipientState state);

// The rules a campaign dials by. Defaults are the API's documented ones.
struct CampaignRules
{
    int maxConcurrentCalls = 1;
    int callsPerMinute = 10;
    CallingHours hours;
    int maxAttempts = 3;
    int retryDelaySeconds = 600;
    // Call outcomes retried while attempts remain: busy, no-answer, failed, machine.
    QStringList retryOn{QStringLiteral("busy"), QStringLiteral("no-answer")};

    QJsonObject toJson() const;
    // Reads the fields of `json` that are present over the current values.
    void readJson(const QJsonObject &json, FieldErrors &errors);
    static const QStringList &retryableOutcomes();
};

struct Campaign
{
    QString id; // "cmp_" + 24 hex
    QString name;
    QString agentId;
    CampaignStatus status = CampaignStatus::Draft;
    QString statusReason; // why the dispatcher paused it, in words
    CampaignRules rules;
    qint64 startAt = 0; // ms; 0: when started
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 version = 1;

    // Status, rules and `counts` (every state, zeros included).
    QJsonObject toJson(const QMap<QString, qint64> &counts) const;
    bool isActive() const
    {
        return status == CampaignStatus::Running || status == CampaignStatus::Scheduled;
    }
};

// POST creates from every field; PUT changes the fields present. Checks everything at once.
void readCampaignJson(const QJsonObject &json, Campaign &campaign, bool creating,
                      FieldErrors &errors);

struct Recipient
{
    qint64 id = 0;
    QString campaignId;
    int line = 0; // in the imported file; 0 when added one by one
    QString phoneNumber;
    QJsonObject context;
    RecipientState state = RecipientState::Pending;
    int attempts = 0;
    QString lastOutcome;
    qint64 nextAttemptAt = 0;
    qint64 updatedAt = 0;
};

// One dial of one recipient. Written before any provider is asked; `callId` is reserved for the
// call record at that moment, then the Ultravox id and the Twilio SID are added as they come.
struct CampaignAttempt
{
    qint64 id = 0;
    QString campaignId;
    qint64 recipientId = 0;
    int attempt = 0;
    QString callId;
    QString ultravoxCallId;
    QString callSid;
    QString outcome; // empty while the call is under way; a call status, or "unknown"
    QString detail;
    QString instance;
    qint64 startedAt = 0;
    qint64 endedAt = 0;

    QJsonObject toJson() const;
};

QJsonObject recipientJson(const Recipient &recipient, const QList<CampaignAttempt> &attempts);

namespace CampaignIds {
QString newCampaignId();
bool looksValid(const QString &id);
} // namespace CampaignIds
