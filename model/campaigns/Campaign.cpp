// SPDX-License-Identifier: GPL-3.0-or-later
#include "Campaign.h"

#include "Ids.h"
#include "Timestamps.h"
#include "Validation.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
const QStringList campaignStatusNames{u"draft"_s,  u"scheduled"_s, u"running"_s,
                                      u"paused"_s, u"completed"_s, u"canceled"_s};
const QStringList recipientStateNames{u"pending"_s,   u"calling"_s, u"completed"_s,   u"busy"_s,
                                      u"no_answer"_s, u"failed"_s,  u"skipped_dnc"_s, u"invalid"_s,
                                      u"canceled"_s,  u"unknown"_s};

QJsonValue optionalTime(qint64 ms)
{
    return ms > 0 ? QJsonValue(Timestamps::iso(ms)) : QJsonValue();
}

QJsonValue optionalText(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

// An integer field in [min, max]; reported when present and not.
void readInteger(const QJsonObject &json, const QString &key, int min, int max, int &value,
                 FieldErrors &errors)
{
    if (!json.contains(key))
        return;
    const QJsonValue field = json.value(key);
    const double number = field.toDouble(-1);
    if (!field.isDouble() || !JsonFields::isWholeNumber(number) || number < min || number > max) {
        errors.add(key, u"must be a whole number from %1 to %2"_s.arg(min).arg(max));
        return;
    }
    value = int(number);
}
} // namespace

QString toString(CampaignStatus status)
{
    return campaignStatusNames.value(int(status));
}

bool campaignStatusFromString(const QString &text, CampaignStatus *status)
{
    const qsizetype index = campaignStatusNames.indexOf(text);
    if (index < 0)
        return false;
    *status = CampaignStatus(index);
    return true;
}

QString toString(RecipientState state)
{
    return recipientStateNames.value(int(state));
}

bool recipientStateFromString(const QString &text, RecipientState *state)
{
    const qsizetype index = recipientStateNames.indexOf(text);
    if (index < 0)
        return false;
    *state = RecipientState(index);
    return true;
}

const QList<RecipientState> &allRecipientStates()
{
    static const QList<RecipientState> states = [] {
        QList<RecipientState> all;
        for (int index = 0; index < recipientStateNames.size(); ++index)
            all << RecipientState(index);
        return all;
    }();
    return states;
}

bool isFinal(RecipientState state)
{
    return state != RecipientState::Pending && state != RecipientState::Calling;
}

const QStringList &CampaignRules::retryableOutcomes()
{
    static const QStringList outcomes{u"busy"_s, u"no-answer"_s, u"failed"_s, u"machine"_s};
    return outcomes;
}

QJsonObject CampaignRules::toJson() const
{
    return {{u"max_concurrent_calls"_s, maxConcurrentCalls},
            {u"calls_per_minute"_s, callsPerMinute},
            {u"calling_hours"_s, hours.toJson()},
            {u"max_attempts"_s, maxAttempts},
            {u"retry_delay_seconds"_s, retryDelaySeconds},
            {u"retry_on"_s, QJsonArray::fromStringList(retryOn)}};
}

void CampaignRules::readJson(const QJsonObject &json, FieldErrors &errors)
{
    readInteger(json, u"max_concurrent_calls"_s, 1, 1000, maxConcurrentCalls, errors);
    readInteger(json, u"calls_per_minute"_s, 1, 6000, callsPerMinute, errors);
    readInteger(json, u"max_attempts"_s, 1, 20, maxAttempts, errors);
    readInteger(json, u"retry_delay_seconds"_s, 0, 30 * 24 * 3600, retryDelaySeconds, errors);
    if (json.contains(u"calling_hours"_s)) {
        const QJsonValue value = json.value(u"calling_hours"_s);
        if (value.isObject())
            hours.readJson(value.toObject(), errors, u"calling_hours."_s);
        else
            errors.add(u"calling_hours"_s, u"must be an object with start, end, days and "
                                           u"time_zone"_s);
    }
    if (json.contains(u"retry_on"_s)) {
        const QJsonValue value = json.value(u"retry_on"_s);
        QStringList parsed;
        bool ok = value.isArray();
        for (const QJsonValue &item : value.toArray()) {
            const QString outcome = item.toString();
            if (!retryableOutcomes().contains(outcome))
                ok = false;
            else if (!parsed.contains(outcome))
                parsed << outcome;
        }
        if (ok)
            retryOn = parsed;
        else
            errors.add(u"retry_on"_s,
                       u"must be a list of %1"_s.arg(retryableOutcomes().join(u", "_s)));
    }
}

QJsonObject Campaign::toJson(const QMap<QString, qint64> &counts) const
{
    QJsonObject countJson;
    qint64 total = 0;
    for (const RecipientState state : allRecipientStates()) {
        const qint64 count = counts.value(toString(state));
        countJson.insert(toString(state), count);
        total += count;
    }
    QJsonObject json = rules.toJson();
    json.insert(u"id"_s, id);
    json.insert(u"name"_s, name);
    json.insert(u"agent_id"_s, agentId);
    json.insert(u"status"_s, toString(status));
    json.insert(u"status_reason"_s, optionalText(statusReason));
    json.insert(u"start_at"_s, optionalTime(startAt));
    json.insert(u"counts"_s, countJson);
    json.insert(u"recipients"_s, total);
    json.insert(u"created_at"_s, Timestamps::iso(createdAt));
    json.insert(u"updated_at"_s, Timestamps::iso(updatedAt));
    json.insert(u"version"_s, version);
    return json;
}

void readCampaignJson(const QJsonObject &json, Campaign &campaign, bool creating,
                      FieldErrors &errors)
{
    using namespace JsonFields;
    rejectUnknown(json,
                  {u"name"_s, u"agent_id"_s, u"max_concurrent_calls"_s, u"calls_per_minute"_s,
                   u"calling_hours"_s, u"max_attempts"_s, u"retry_delay_seconds"_s, u"retry_on"_s,
                   u"start_at"_s},
                  errors);
    const Presence presence = creating ? Presence::Required : Presence::Optional;
    if (creating || json.contains(u"name"_s)) {
        const QString name = string(json, u"name"_s, errors, presence).trimmed();
        if (!errors.contains(u"name"_s) && errors.check(u"name"_s, Rules::checkAgentName(name)))
            campaign.name = name;
    }
    if (creating || json.contains(u"agent_id"_s)) {
        const QString agentId = string(json, u"agent_id"_s, errors, presence);
        if (!errors.contains(u"agent_id"_s) &&
            errors.check(u"agent_id"_s, Rules::checkResourceId(agentId)))
            campaign.agentId = agentId;
    }
    campaign.rules.readJson(json, errors);
    if (json.contains(u"start_at"_s)) {
        const QJsonValue value = json.value(u"start_at"_s);
        if (value.isNull()) {
            campaign.startAt = 0;
        } else {
            const qint64 ms = value.isString() ? Timestamps::parseIso(value.toString()) : -1;
            if (ms < 0)
                errors.add(u"start_at"_s, u"must be an ISO 8601 time such as "
                                          u"2024-01-31T09:00:00Z, or null"_s);
            else
                campaign.startAt = ms;
        }
    }
}

QJsonObject CampaignAttempt::toJson() const
{
    return {{u"attempt"_s, attempt},
            {u"call_id"_s, callId},
            {u"call_sid"_s, optionalText(callSid)},
            {u"ultravox_call_id"_s, optionalText(ultravoxCallId)},
            {u"outcome"_s, optionalText(outcome)},
            {u"detail"_s, optionalText(detail)},
            {u"started_at"_s, optionalTime(startedAt)},
            {u"ended_at"_s, optionalTime(endedAt)}};
}

QJsonObject recipientJson(const Recipient &recipient, const QList<CampaignAttempt> &attempts)
{
    QJsonArray attemptList;
    for (const CampaignAttempt &attempt : attempts)
        attemptList.append(attempt.toJson());
    return {{u"id"_s, recipient.id},
            {u"line"_s, recipient.line > 0 ? QJsonValue(recipient.line) : QJsonValue()},
            {u"phone_number"_s, recipient.phoneNumber},
            {u"context"_s, recipient.context},
            {u"state"_s, toString(recipient.state)},
            {u"attempt_count"_s, recipient.attempts},
            {u"last_outcome"_s, optionalText(recipient.lastOutcome)},
            {u"next_attempt_at"_s, recipient.state == RecipientState::Pending
                                       ? optionalTime(recipient.nextAttemptAt)
                                       : QJsonValue()},
            {u"attempts"_s, attemptList}};
}

namespace CampaignIds {
QString newCampaignId()
{
    return u"cmp_"_s + Ids::randomHex(24);
}

bool looksValid(const QString &id)
{
    static const QRegularExpression pattern(u"^cmp_[0-9a-f]{24}$"_s);
    return pattern.match(id).hasMatch();
}
} // namespace CampaignIds
