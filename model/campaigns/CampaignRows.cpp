// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignRows.h"

using namespace Qt::StringLiterals;

namespace CampaignRows {
const QString recipientColumns = u"id, campaign_id, line, phone_number, context, state, "
                                 u"attempts, last_outcome, next_attempt_at, updated_at"_s;
const QString attemptColumns = u"id, campaign_id, recipient_id, attempt, call_id, "
                               u"ultravox_call_id, call_sid, outcome, detail, instance, "
                               u"started_at, ended_at"_s;

Recipient readRecipient(const QSqlQuery &query)
{
    Recipient recipient;
    recipient.id = query.value(0).toLongLong();
    recipient.campaignId = query.value(1).toString();
    recipient.line = query.value(2).toInt();
    recipient.phoneNumber = query.value(3).toString();
    recipient.context = jsonObject(query.value(4));
    if (!recipientStateFromString(query.value(5).toString(), &recipient.state))
        recipient.state = RecipientState::Unknown;
    recipient.attempts = query.value(6).toInt();
    recipient.lastOutcome = query.value(7).toString();
    recipient.nextAttemptAt = query.value(8).toLongLong();
    recipient.updatedAt = query.value(9).toLongLong();
    return recipient;
}

CampaignAttempt readAttempt(const QSqlQuery &query, int first)
{
    CampaignAttempt attempt;
    attempt.id = query.value(first + 0).toLongLong();
    attempt.campaignId = query.value(first + 1).toString();
    attempt.recipientId = query.value(first + 2).toLongLong();
    attempt.attempt = query.value(first + 3).toInt();
    attempt.callId = query.value(first + 4).toString();
    attempt.ultravoxCallId = query.value(first + 5).toString();
    attempt.callSid = query.value(first + 6).toString();
    attempt.outcome = query.value(first + 7).toString();
    attempt.detail = query.value(first + 8).toString();
    attempt.instance = query.value(first + 9).toString();
    attempt.startedAt = query.value(first + 10).toLongLong();
    attempt.endedAt = query.value(first + 11).toLongLong();
    return attempt;
}
} // namespace CampaignRows
