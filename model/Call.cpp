// SPDX-License-Identifier: GPL-3.0-or-later
#include "Call.h"

#include "CallOutcome.h"
#include "Timestamps.h"
#include "Validation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

const QList<CallStatus> &allCallStatuses()
{
    static const QList<CallStatus> statuses{
        CallStatus::Initiated, CallStatus::Ringing, CallStatus::InProgress, CallStatus::Completed,
        CallStatus::Failed,    CallStatus::Busy,    CallStatus::NoAnswer,   CallStatus::Canceled};
    return statuses;
}

QString toString(CallStatus status)
{
    switch (status) {
    case CallStatus::Initiated:
        return u"initiated"_s;
    case CallStatus::Ringing:
        return u"ringing"_s;
    case CallStatus::InProgress:
        return u"in-progress"_s;
    case CallStatus::Completed:
        return u"completed"_s;
    case CallStatus::Failed:
        return u"failed"_s;
    case CallStatus::Busy:
        return u"busy"_s;
    case CallStatus::NoAnswer:
        return u"no-answer"_s;
    case CallStatus::Canceled:
        return u"canceled"_s;
    }
    return u"failed"_s;
}

bool callStatusFromString(const QString &text, CallStatus *status)
{
    for (const CallStatus candidate : allCallStatuses()) {
        if (toString(candidate) == text) {
            *status = candidate;
            return true;
        }
    }
    return false;
}

bool isFinal(CallStatus status)
{
    return status != CallStatus::Initiated && status != CallStatus::Ringing &&
           status != CallStatus::InProgress;
}

QJsonObject TranscriptMessage::toJson() const
{
    QJsonObject json{{u"ordinal"_s, ordinal}, {u"role"_s, role}, {u"text"_s, text}};
    json.insert(u"start_seconds"_s, startMs >= 0 ? QJsonValue(startMs / 1000.0) : QJsonValue());
    json.insert(u"end_seconds"_s, endMs >= 0 ? QJsonValue(endMs / 1000.0) : QJsonValue());
    return json;
}

QJsonObject CallRecord::toJson() const
{
    const auto optionalTime = [](qint64 ms) {
        return ms > 0 ? QJsonValue(Timestamps::iso(ms)) : QJsonValue();
    };
    const auto optionalText = [](const QString &text) {
        return text.isEmpty() ? QJsonValue() : QJsonValue(text);
    };
    QJsonObject json{
        {u"id"_s, id},
        {u"call_sid"_s, optionalText(callSid)},
        {u"agent_id"_s, optionalText(agentId)},
        {u"agent_name"_s, optionalText(agentName)},
        {u"agent_revision"_s, agentRevision > 0 ? QJsonValue(agentRevision) : QJsonValue()},
        {u"company_id"_s, companyId > 0 ? QJsonValue(companyId) : QJsonValue()},
        {u"campaign_id"_s, optionalText(campaignId)},
        {u"phone_number"_s, phoneNumber},
        {u"from_number"_s, optionalText(fromNumber)},
        {u"status"_s, toString(status)},
        {u"join_url"_s, optionalText(joinUrl)},
        {u"template_context"_s, templateContext},
        {u"created_at"_s, Timestamps::iso(createdAt)},
        {u"updated_at"_s, Timestamps::iso(updatedAt)},
        {u"answered_at"_s, optionalTime(answeredAt)},
        {u"ended_at"_s, optionalTime(endedAt)},
        {u"duration_seconds"_s, durationSeconds >= 0 ? QJsonValue(durationSeconds) : QJsonValue()},
        {u"sandbox"_s, sandbox},
        {u"test"_s, test},
        {u"providers"_s,
         QJsonObject{{u"ultravox"_s, QJsonObject{{u"call_id"_s, optionalText(ultravoxCallId)},
                                                 {u"end_reason"_s, optionalText(endReason)}}},
                     {u"twilio"_s, QJsonObject{{u"sid"_s, optionalText(callSid)},
                                               {u"status"_s, optionalText(twilioStatus)}}}}},
        {u"error"_s, error.isEmpty() ? QJsonValue() : QJsonValue(error)},
        {u"version"_s, version},
    };
    CallOutcome::addToJson(*this, json);
    return json;
}

namespace {
void checkNestedStrings(const QJsonValue &value, const QString &field, FieldErrors &errors)
{
    if (value.isString()) {
        errors.check(field, Rules::checkVariableValue(value.toString()));
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            checkNestedStrings(array.at(i), field + u'[' + QString::number(i) + u']', errors);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            checkNestedStrings(it.value(), field + u'.' + it.key(), errors);
    }
}
} // namespace

void validateTemplateContext(const QJsonObject &context, FieldErrors &errors, const QString &field)
{
    errors.check(field, Rules::checkVariableCount(context.size()));
    for (auto it = context.constBegin(); it != context.constEnd(); ++it) {
        const QString keyField = field + u'.' + it.key();
        if (errors.check(keyField, Rules::checkVariableKey(it.key())))
            checkNestedStrings(it.value(), keyField, errors);
    }
}

CallRequest CallRequest::fromJson(const QJsonObject &json, const QString &pathAgentId,
                                  FieldErrors &errors)
{
    using namespace JsonFields;
    rejectUnknown(json,
                  {u"phone_number"_s, u"template_context"_s, u"agent_id"_s, u"machine_detection"_s,
                   u"on_machine"_s},
                  errors);
    CallRequest request;
    request.agentId = pathAgentId;
    request.phoneNumber = string(json, u"phone_number"_s, errors, Presence::Required);
    if (!errors.contains(u"phone_number"_s))
        errors.check(u"phone_number"_s, Rules::checkPhoneNumber(request.phoneNumber));

    const QString bodyAgentId = string(json, u"agent_id"_s, errors, Presence::Optional);
    if (!bodyAgentId.isEmpty() && bodyAgentId != pathAgentId)
        errors.add(u"agent_id"_s,
                   u"must match the agent in the URL ('%1'), or be left out"_s.arg(pathAgentId));

    request.templateContext = object(json, u"template_context"_s, errors, Presence::Optional);
    validateTemplateContext(request.templateContext, errors);

    const QJsonValue detection = json.value(u"machine_detection"_s);
    if (detection.isBool())
        request.machineDetection = detection.toBool();
    else if (!detection.isUndefined() && !detection.isNull())
        errors.add(u"machine_detection"_s,
                   u"must be true or false, not %1"_s.arg(typeName(detection)));
    request.onMachine = string(json, u"on_machine"_s, errors, Presence::Optional);
    if (!request.onMachine.isEmpty()) {
        if (!CallOutcome::onMachineActions().contains(request.onMachine))
            errors.add(u"on_machine"_s,
                       u"must be one of %1"_s.arg(CallOutcome::onMachineActions().join(u", "_s)));
        else if (request.machineDetection == false)
            errors.add(u"on_machine"_s, u"needs \"machine_detection\": true"_s);
        else
            request.machineDetection = true; // asking what to do with machines asks to detect them
    }
    return request;
}
