// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallOutcome.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

using namespace Qt::StringLiterals;

namespace CallOutcome {
const QStringList &onMachineActions()
{
    static const QStringList actions{OnMachineHangUp, OnMachineVoicemail};
    return actions;
}

const QStringList &answeredByValues()
{
    static const QStringList values{u"human"_s, u"machine"_s, u"fax"_s, u"unknown"_s};
    return values;
}

QString answeredByFromTwilio(const QString &twilio)
{
    if (twilio.isEmpty())
        return {};
    if (twilio.startsWith(u"machine"_s))
        return u"machine"_s;
    if (twilio == u"human"_s || twilio == u"fax"_s)
        return twilio;
    return u"unknown"_s;
}

const QStringList &endReasonCodes()
{
    static const QStringList codes{u"callee_hung_up"_s, u"agent_hang_up_tool"_s,
                                   u"operator"_s,       u"machine_hang_up"_s,
                                   u"time_limit"_s,     u"unjoined"_s,
                                   u"provider_error"_s, u"busy"_s,
                                   u"no_answer"_s,      u"canceled"_s};
    return codes;
}

QString endReasonCode(const CallRecord &call)
{
    if (!isFinal(call.status))
        return {};
    if (call.hungUpBy == HungUpByOperator)
        return u"operator"_s;
    if (call.hungUpBy == HungUpByMachineDetection)
        return u"machine_hang_up"_s;
    switch (call.status) {
    case CallStatus::Busy:
        return u"busy"_s;
    case CallStatus::NoAnswer:
        return u"no_answer"_s;
    case CallStatus::Canceled:
        return u"canceled"_s;
    case CallStatus::Failed:
        return u"provider_error"_s;
    default:
        break;
    }
    if (call.endReason == u"hangup"_s)
        return u"callee_hung_up"_s;
    if (call.endReason == u"agent_hangup"_s)
        return u"agent_hang_up_tool"_s;
    if (call.endReason == u"timeout"_s)
        return u"time_limit"_s;
    if (call.endReason == u"unjoined"_s)
        return u"unjoined"_s;
    if (call.endReason == u"connection_error"_s || call.endReason == u"system_error"_s)
        return u"provider_error"_s;
    return {}; // Ultravox has not said yet
}

QString endReasonText(const QString &code)
{
    static const QHash<QString, QString> words{
        {u"callee_hung_up"_s, u"the callee hung up"_s},
        {u"agent_hang_up_tool"_s, u"the agent hung up (its hang-up tool)"_s},
        {u"operator"_s, u"the operator hung up"_s},
        {u"machine_hang_up"_s, u"hung up on an answering machine"_s},
        {u"time_limit"_s, u"the call reached its time limit"_s},
        {u"unjoined"_s, u"the phone line never joined the agent"_s},
        {u"provider_error"_s, u"a provider error ended it"_s},
        {u"busy"_s, u"the line was busy"_s},
        {u"no_answer"_s, u"nobody answered"_s},
        {u"canceled"_s, u"canceled before it was answered"_s},
    };
    return words.value(code);
}

QString costStatus(const CallRecord &call)
{
    if (!call.costSettled)
        return u"pending"_s;
    return call.price.isEmpty() ? u"not_reported"_s : u"reported"_s;
}

double costAmount(const CallRecord &call)
{
    bool ok = false;
    const double value = call.price.toDouble(&ok);
    return ok ? std::fabs(value) : -1;
}

QString costText(const CallRecord &call)
{
    const double amount = costAmount(call);
    if (amount >= 0)
        return u"%1 %2"_s.arg(QString::number(amount, 'f', 4), call.priceUnit).trimmed();
    return call.costSettled ? u"not reported"_s : u"pending"_s;
}

double secondsFromDuration(const QString &duration)
{
    static const QRegularExpression pattern(u"^(-?[0-9]{1,12}(?:\\.[0-9]{1,9})?)s$"_s);
    const QRegularExpressionMatch match = pattern.match(duration);
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
}

void addToJson(const CallRecord &call, QJsonObject &json)
{
    const auto text = [](const QString &value) {
        return value.isEmpty() ? QJsonValue() : QJsonValue(value);
    };
    const QString reason = endReasonCode(call);
    json.insert(u"answered_by"_s, text(call.answeredBy));
    json.insert(u"machine_detection"_s, call.machineDetection);
    json.insert(u"on_machine"_s, text(call.onMachine));
    json.insert(u"end_reason"_s, text(reason));
    json.insert(u"end_reason_text"_s, text(endReasonText(reason)));
    json.insert(u"price"_s, text(call.price));
    json.insert(u"price_unit"_s, text(call.priceUnit));
    json.insert(u"billed_duration_seconds"_s,
                call.billedSeconds >= 0 ? QJsonValue(call.billedSeconds) : QJsonValue());
    json.insert(u"cost_status"_s, costStatus(call));
    json.insert(u"short_summary"_s, text(call.shortSummary));
    json.insert(u"summary"_s, text(call.summary));
    json.insert(u"transcript_messages"_s, call.transcriptCount);
    json.insert(u"recording"_s,
                call.recordingStatus.isEmpty()
                    ? QJsonValue()
                    : QJsonValue(QJsonObject{{u"status"_s, call.recordingStatus},
                                             {u"content_type"_s, text(call.recordingType)},
                                             {u"bytes"_s, call.recordingBytes > 0
                                                              ? QJsonValue(call.recordingBytes)
                                                              : QJsonValue()}}));
}
} // namespace CallOutcome
