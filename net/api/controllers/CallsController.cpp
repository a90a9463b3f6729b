// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallsController.h"

#include "CallOutcome.h"
#include "Core.h"
#include "Router.h"
#include "Timestamps.h"
#include "Validation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
QString checkedId(const ApiRequest &request, const QString &name)
{
    const QString id = request.param(name);
    const QString problem = Rules::checkResourceId(id);
    if (!problem.isEmpty())
        throw AppError::validation(name, problem);
    return id;
}

qint64 timeParameter(const ApiRequest &request, const QString &name)
{
    const std::optional<QString> text = request.queryString(name);
    if (!text || text->isEmpty())
        return 0;
    const qint64 ms = Timestamps::parseIso(*text);
    if (ms < 0)
        throw AppError::validation(name, u"must be an ISO 8601 date or time, e.g. 2024-01-31 or "
                                         u"2024-01-31T12:00:00Z"_s);
    return ms;
}

CallFilter filterFrom(const ApiRequest &request)
{
    CallFilter filter;
    filter.agentId = request.queryString(u"agent_id"_s).value_or(QString());
    if (const auto status = request.queryString(u"status"_s); status && !status->isEmpty()) {
        CallStatus parsed;
        if (!callStatusFromString(*status, &parsed)) {
            QStringList names;
            for (const CallStatus known : allCallStatuses())
                names << toString(known);
            throw AppError::validation(u"status"_s,
                                       u"must be one of %1"_s.arg(names.join(u", "_s)));
        }
        filter.status = parsed;
    }
    filter.phoneNumber = request.queryString(u"phone_number"_s).value_or(QString());
    filter.campaignId = request.queryString(u"campaign_id"_s).value_or(QString());
    if (const auto test = request.queryString(u"test"_s); test && !test->isEmpty()) {
        if (*test != u"true"_s && *test != u"false"_s)
            throw AppError::validation(u"test"_s, u"must be true or false"_s);
        filter.test = *test == u"true"_s;
    }
    filter.text = request.queryString(u"q"_s).value_or(QString());
    const auto oneOf = [&request](const QString &name, const QStringList &allowed) {
        const QString value = request.queryString(name).value_or(QString());
        if (!value.isEmpty() && !allowed.contains(value))
            throw AppError::validation(name, u"must be one of %1"_s.arg(allowed.join(u", "_s)));
        return value;
    };
    filter.answeredBy = oneOf(u"answered_by"_s, CallOutcome::answeredByValues());
    filter.endReason = oneOf(u"end_reason"_s, CallOutcome::endReasonCodes());
    filter.costStatus = oneOf(u"cost_status"_s, {u"pending"_s, u"reported"_s, u"not_reported"_s});
    filter.createdFrom = timeParameter(request, u"from"_s);
    filter.createdTo = timeParameter(request, u"to"_s);
    filter.limit = request.queryInteger(u"limit"_s, 100, 1, 1000);
    filter.offset = request.queryInteger(u"offset"_s, 0, 0, std::numeric_limits<qint64>::max());
    return filter;
}

// The spec's answer to POST /api/v1/calls/{agent_id}, with our own fields beside it.
QJsonObject initiatedCall(const CallRecord &call)
{
    return {{u"call_sid"_s, call.callSid},
            {u"join_url"_s, call.joinUrl},
            {u"status"_s, toString(call.status)},
            {u"created_at"_s, Timestamps::iso(call.createdAt)},
            {u"agent_id"_s, call.agentId},
            {u"phone_number"_s, call.phoneNumber},
            {u"id"_s, call.id},
            {u"from_number"_s, call.fromNumber},
            {u"sandbox"_s, call.sandbox},
            {u"agent_revision"_s,
             call.agentRevision > 0 ? QJsonValue(call.agentRevision) : QJsonValue()}};
}
} // namespace

namespace CallsController {
void registerRoutes(Router &router, Core &core)
{
    CallService &calls = core.calls();
    CallRecordings &recordings = core.callRecordings();
    const auto key = Router::Access::ApiKey;

    router.add("POST", u"/api/v1/calls/{agent_id}"_s, key,
               [&calls](const ApiRequest &request, const Reply &reply) {
                   const QString agentId = checkedId(request, u"agent_id"_s);
                   FieldErrors errors;
                   const CallRequest call =
                       CallRequest::fromJson(request.jsonObject(), agentId, errors);
                   errors.throwIfAny();
                   calls.placeAgentCall(call, [reply](const CallResult &result) {
                       if (result.error)
                           reply.fail(*result.error);
                       else
                           reply(ApiResponse::json(initiatedCall(result.call), 201));
                   });
               });

    router.addSync("GET", u"/api/v1/calls"_s, key, [&calls](const ApiRequest &request) {
        const CallFilter filter = filterFrom(request);
        QJsonArray list;
        for (const CallRecord &call : calls.list(filter))
            list.append(call.toJson());
        return ApiResponse::json(QJsonObject{{u"calls"_s, list},
                                             {u"count"_s, list.size()},
                                             {u"total"_s, calls.count(filter)},
                                             {u"limit"_s, filter.limit},
                                             {u"offset"_s, filter.offset}});
    });

    router.addSync("GET", u"/api/v1/calls/{call_sid}"_s, key, [&calls](const ApiRequest &request) {
        return ApiResponse::json(calls.get(checkedId(request, u"call_sid"_s)).toJson());
    });

    router.addSync("DELETE", u"/api/v1/calls/{call_sid}"_s, key,
                   [&calls](const ApiRequest &request) {
                       calls.removeTestCall(checkedId(request, u"call_sid"_s));
                       return ApiResponse::noContent();
                   });

    router.add("POST", u"/api/v1/calls/{call_sid}/hangup"_s, key,
               [&calls](const ApiRequest &request, const Reply &reply) {
                   calls.hangUp(checkedId(request, u"call_sid"_s),
                                [reply](const CallResult &result) {
                                    if (result.error)
                                        reply.fail(*result.error);
                                    else
                                        reply(ApiResponse::json(result.call.toJson()));
                                });
               });

    router.addSync(
        "GET", u"/api/v1/calls/{call_sid}/transcript"_s, key, [&calls](const ApiRequest &request) {
            const CallRecord call = calls.get(checkedId(request, u"call_sid"_s));
            QJsonArray messages;
            for (const TranscriptMessage &message : calls.transcript(call.id))
                messages.append(message.toJson());
            return ApiResponse::json(QJsonObject{
                {u"call_id"_s, call.id},
                {u"call_sid"_s, call.callSid.isEmpty() ? QJsonValue() : QJsonValue(call.callSid)},
                {u"status"_s, toString(call.status)},
                {u"complete"_s, call.transcriptFetched},
                {u"live"_s, call.status == CallStatus::InProgress && !call.transcriptFetched},
                {u"messages"_s, messages},
                {u"count"_s, messages.size()}});
        });

    router.add("GET", u"/api/v1/calls/{call_sid}/recording"_s, key,
               [&recordings](const ApiRequest &request, const Reply &reply) {
                   recordings.audio(
                       checkedId(request, u"call_sid"_s),
                       [reply](const Recording &recording, const std::optional<AppError> &error) {
                           if (error) {
                               reply.fail(*error);
                               return;
                           }
                           ApiResponse response;
                           response.contentType = recording.contentType.toLatin1();
                           response.body = recording.audio;
                           reply(response);
                       });
               });

    router.addSync("DELETE", u"/api/v1/calls/{call_sid}/recording"_s, key,
                   [&recordings](const ApiRequest &request) {
                       recordings.remove(checkedId(request, u"call_sid"_s));
                       return ApiResponse::noContent();
                   });
}
} // namespace CallsController
