// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallRepository.h"

#include "SqlValues.h"
#include "Store.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {
const QString columns =
    u"id, call_sid, agent_id, agent_name, company_id, phone_number, from_number, status, "
    u"template_context, join_url, ultravox_call_id, twilio_status, end_reason, error, sandbox, "
    u"transcript_fetched, created_at, updated_at, answered_at, ended_at, duration_seconds, "
    u"version, agent_revision, machine_detection, on_machine, answered_by, hung_up_by, price, "
    u"price_unit, billed_seconds, short_summary, summary, cost_settled, transcript_count, "
    u"recording_enabled, recording_status, recording_type, recording_bytes, campaign_id, test"_s;

// What the metrics count: test calls from the console never do.
const QString countedCondition = u"test = 0"_s;

const QString unfinishedCondition = u"status IN ('initiated', 'ringing', 'in-progress')"_s;

using SqlValues::jsonObject;
using SqlValues::jsonText;
using SqlValues::nullIfEmpty;
using SqlValues::nullIfZero;

CallRecord readCall(const QSqlQuery &query)
{
    CallRecord call;
    call.id = query.value(0).toString();
    call.callSid = query.value(1).toString();
    call.agentId = query.value(2).toString();
    call.agentName = query.value(3).toString();
    call.companyId = query.value(4).toLongLong();
    call.phoneNumber = query.value(5).toString();
    call.fromNumber = query.value(6).toString();
    if (!callStatusFromString(query.value(7).toString(), &call.status))
        call.status = CallStatus::Failed;
    call.templateContext = jsonObject(query.value(8));
    call.joinUrl = query.value(9).toString();
    call.ultravoxCallId = query.value(10).toString();
    call.twilioStatus = query.value(11).toString();
    call.endReason = query.value(12).toString();
    call.error = jsonObject(query.value(13));
    call.sandbox = query.value(14).toInt() != 0;
    call.transcriptFetched = query.value(15).toInt() != 0;
    call.createdAt = query.value(16).toLongLong();
    call.updatedAt = query.value(17).toLongLong();
    call.answeredAt = query.value(18).toLongLong();
    call.endedAt = query.value(19).toLongLong();
    call.durationSeconds = query.value(20).isNull() ? -1 : query.value(20).toInt();
    call.version = query.value(21).toLongLong();
    call.agentRevision = query.value(22).toLongLong();
    call.machineDetection = query.value(23).toInt() != 0;
    call.onMachine = query.value(24).toString();
    call.answeredBy = query.value(25).toString();
    call.hungUpBy = query.value(26).toString();
    call.price = query.value(27).toString();
    call.priceUnit = query.value(28).toString();
    call.billedSeconds = query.value(29).isNull() ? -1 : query.value(29).toDouble();
    call.shortSummary = query.value(30).toString();
    call.summary = query.value(31).toString();
    call.costSettled = query.value(32).toInt() != 0;
    call.transcriptCount = query.value(33).toInt();
    call.recordingEnabled = query.value(34).toInt() != 0;
    call.recordingStatus = query.value(35).toString();
    call.recordingType = query.value(36).toString();
    call.recordingBytes = query.value(37).toLongLong();
    call.campaignId = query.value(38).toString();
    call.test = query.value(39).toInt() != 0;
    return call;
}

// Every column but id, created_at and version, in the order both INSERT and UPDATE use.
void bindFields(QSqlQuery &query, const CallRecord &call)
{
    query.addBindValue(nullIfEmpty(call.callSid));
    query.addBindValue(nullIfEmpty(call.agentId));
    query.addBindValue(nullIfEmpty(call.agentName));
    query.addBindValue(nullIfZero(call.companyId));
    query.addBindValue(call.phoneNumber);
    query.addBindValue(nullIfEmpty(call.fromNumber));
    query.addBindValue(toString(call.status));
    query.addBindValue(jsonText(call.templateContext));
    query.addBindValue(nullIfEmpty(call.joinUrl));
    query.addBindValue(nullIfEmpty(call.ultravoxCallId));
    query.addBindValue(nullIfEmpty(call.twilioStatus));
    query.addBindValue(nullIfEmpty(call.endReason));
    query.addBindValue(call.error.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                            : QVariant(jsonText(call.error)));
    query.addBindValue(call.sandbox ? 1 : 0);
    query.addBindValue(call.transcriptFetched ? 1 : 0);
    query.addBindValue(call.updatedAt);
    query.addBindValue(nullIfZero(call.answeredAt));
    query.addBindValue(nullIfZero(call.endedAt));
    query.addBindValue(call.durationSeconds < 0 ? QVariant(QMetaType::fromType<int>())
                                                : QVariant(call.durationSeconds));
    query.addBindValue(nullIfZero(call.agentRevision));
    query.addBindValue(call.machineDetection ? 1 : 0);
    query.addBindValue(nullIfEmpty(call.onMachine));
    query.addBindValue(nullIfEmpty(call.answeredBy));
    query.addBindValue(nullIfEmpty(call.hungUpBy));
    query.addBindValue(nullIfEmpty(call.price));
    query.addBindValue(nullIfEmpty(call.priceUnit));
    query.addBindValue(call.billedSeconds < 0 ? QVariant(QMetaType::fromType<double>())
                                              : QVariant(call.billedSeconds));
    query.addBindValue(nullIfEmpty(call.shortSummary));
    query.addBindValue(nullIfEmpty(call.summary));
    query.addBindValue(call.costSettled ? 1 : 0);
    query.addBindValue(call.transcriptCount);
    query.addBindValue(call.recordingEnabled ? 1 : 0);
    query.addBindValue(nullIfEmpty(call.recordingStatus));
    query.addBindValue(nullIfEmpty(call.recordingType));
    query.addBindValue(nullIfZero(call.recordingBytes));
    query.addBindValue(nullIfEmpty(call.campaignId));
    query.addBindValue(call.test ? 1 : 0);
}

struct WhereClause
{
    QString sql;
    QVariantList values;
};

// The SQL of CallOutcome::endReasonCode(): which rows end for `code`.
QString endReasonCondition(const QString &code, QVariantList &values)
{
    const QString bySwitchboard = u"hung_up_by IS NULL AND "_s;
    if (code == u"operator"_s || code == u"machine_hang_up"_s) {
        values << (code == u"operator"_s ? u"operator"_s : u"machine_detection"_s);
        return u"hung_up_by = ?"_s;
    }
    static const QHash<QString, QString> byStatus{
        {u"busy"_s, u"busy"_s}, {u"no_answer"_s, u"no-answer"_s}, {u"canceled"_s, u"canceled"_s}};
    if (byStatus.contains(code)) {
        values << byStatus.value(code);
        return bySwitchboard + u"status = ?"_s;
    }
    static const QHash<QString, QString> byUltravox{{u"callee_hung_up"_s, u"hangup"_s},
                                                    {u"agent_hang_up_tool"_s, u"agent_hangup"_s},
                                                    {u"time_limit"_s, u"timeout"_s},
                                                    {u"unjoined"_s, u"unjoined"_s}};
    if (byUltravox.contains(code)) {
        values << byUltravox.value(code);
        return bySwitchboard + u"status = 'completed' AND end_reason = ?"_s;
    }
    if (code == u"provider_error"_s)
        return bySwitchboard + u"(status = 'failed' OR (status = 'completed' AND end_reason IN "
                               u"('connection_error', 'system_error')))"_s;
    return u"1 = 0"_s; // an unknown code matches nothing (the API refuses it before)
}

WhereClause whereFor(const CallFilter &filter)
{
    QStringList conditions;
    WhereClause clause;
    if (!filter.agentId.isEmpty()) {
        conditions << u"agent_id = ?"_s;
        clause.values << filter.agentId;
    }
    if (filter.status) {
        conditions << u"status = ?"_s;
        clause.values << toString(*filter.status);
    }
    if (!filter.phoneNumber.isEmpty()) {
        if (filter.phoneNumber.endsWith(u'*')) {
            QString prefix = filter.phoneNumber.chopped(1);
            prefix.replace(u'!', u"!!"_s).replace(u'%', u"!%"_s).replace(u'_', u"!_"_s);
            conditions << u"phone_number LIKE ? ESCAPE '!'"_s;
            clause.values << QString(prefix + u'%');
        } else {
            conditions << u"phone_number = ?"_s;
            clause.values << filter.phoneNumber;
        }
    }
    if (filter.companyId > 0) {
        conditions << u"company_id = ?"_s;
        clause.values << filter.companyId;
    }
    if (!filter.campaignId.isEmpty()) {
        conditions << u"campaign_id = ?"_s;
        clause.values << filter.campaignId;
    }
    if (filter.test) {
        conditions << u"test = ?"_s;
        clause.values << (*filter.test ? 1 : 0);
    }
    if (filter.createdFrom > 0) {
        conditions << u"created_at >= ?"_s;
        clause.values << filter.createdFrom;
    }
    if (filter.createdTo > 0) {
        conditions << u"created_at < ?"_s;
        clause.values << filter.createdTo;
    }
    if (!filter.answeredBy.isEmpty()) {
        conditions << u"answered_by = ?"_s;
        clause.values << filter.answeredBy;
    }
    if (!filter.endReason.isEmpty())
        conditions << endReasonCondition(filter.endReason, clause.values);
    if (filter.costStatus == u"pending"_s)
        conditions << u"cost_settled = 0"_s;
    else if (filter.costStatus == u"reported"_s)
        conditions << u"cost_settled = 1 AND price IS NOT NULL"_s;
    else if (filter.costStatus == u"not_reported"_s)
        conditions << u"cost_settled = 1 AND price IS NULL"_s;
    if (!filter.text.isEmpty()) {
        conditions
            << u"(phone_number LIKE ? ESCAPE '!' OR agent_name LIKE ? ESCAPE '!' OR "
               u"call_sid LIKE ? ESCAPE '!' OR id LIKE ? ESCAPE '!' OR error LIKE ? ESCAPE '!' OR "
               u"short_summary LIKE ? ESCAPE '!' OR summary LIKE ? ESCAPE '!')"_s;
        QString pattern = filter.text;
        pattern.replace(u'!', u"!!"_s).replace(u'%', u"!%"_s).replace(u'_', u"!_"_s);
        pattern = u'%' + pattern + u'%';
        for (int i = 0; i < 7; ++i)
            clause.values << pattern;
    }
    if (!conditions.isEmpty())
        clause.sql = u" WHERE "_s + conditions.join(u" AND "_s);
    return clause;
}
} // namespace

void CallRepository::insert(const CallRecord &call)
{
    QSqlQuery &query = m_store.prepared(
        u"INSERT INTO calls (call_sid, agent_id, agent_name, company_id, phone_number, "
        u"from_number, status, template_context, join_url, ultravox_call_id, twilio_status, "
        u"end_reason, error, sandbox, transcript_fetched, updated_at, answered_at, ended_at, "
        u"duration_seconds, agent_revision, machine_detection, on_machine, answered_by, "
        u"hung_up_by, price, price_unit, billed_seconds, short_summary, summary, cost_settled, "
        u"transcript_count, recording_enabled, recording_status, recording_type, recording_bytes, "
        u"campaign_id, test, id, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        u"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    bindFields(query, call);
    query.addBindValue(call.id);
    query.addBindValue(call.createdAt);
    query.addBindValue(call.version);
    m_store.exec(query);
}

bool CallRepository::update(CallRecord &call)
{
    QSqlQuery &query = m_store.prepared(
        u"UPDATE calls SET call_sid = ?, agent_id = ?, agent_name = ?, company_id = ?, "
        u"phone_number = ?, from_number = ?, status = ?, template_context = ?, join_url = ?, "
        u"ultravox_call_id = ?, twilio_status = ?, end_reason = ?, error = ?, sandbox = ?, "
        u"transcript_fetched = ?, updated_at = ?, answered_at = ?, ended_at = ?, "
        u"duration_seconds = ?, agent_revision = ?, machine_detection = ?, on_machine = ?, "
        u"answered_by = ?, hung_up_by = ?, price = ?, price_unit = ?, billed_seconds = ?, "
        u"short_summary = ?, summary = ?, cost_settled = ?, transcript_count = ?, "
        u"recording_enabled = ?, recording_status = ?, recording_type = ?, recording_bytes = ?, "
        u"campaign_id = ?, test = ?, "
        u"version = version + 1 WHERE id = ? AND version = ?"_s);
    bindFields(query, call);
    query.addBindValue(call.id);
    query.addBindValue(call.version);
    m_store.exec(query);
    if (query.numRowsAffected() != 1)
        return false;
    ++call.version;
    return true;
}

std::optional<CallRecord> CallRepository::find(const QString &idOrSid)
{
    QSqlQuery &query =
        m_store.prepared(u"SELECT "_s + columns + u" FROM calls WHERE id = ? OR call_sid = ?"_s);
    query.addBindValue(idOrSid);
    query.addBindValue(idOrSid);
    m_store.exec(query);
    if (!query.next())
        return std::nullopt;
    CallRecord call = readCall(query);
    query.finish();
    return call;
}

QList<CallRecord> CallRepository::list(const CallFilter &filter)
{
    const WhereClause where = whereFor(filter);
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + columns + u" FROM calls"_s + where.sql +
                                        u" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"_s);
    for (const QVariant &value : where.values)
        query.addBindValue(value);
    query.addBindValue(filter.limit < 0 ? std::numeric_limits<qint64>::max() : filter.limit);
    query.addBindValue(filter.offset);
    m_store.exec(query);
    QList<CallRecord> calls;
    while (query.next())
        calls.append(readCall(query));
    query.finish();
    return calls;
}

qint64 CallRepository::count(const CallFilter &filter)
{
    const WhereClause where = whereFor(filter);
    QSqlQuery &query = m_store.prepared(u"SELECT COUNT(*) FROM calls"_s + where.sql);
    for (const QVariant &value : where.values)
        query.addBindValue(value);
    m_store.exec(query);
    const qint64 total = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return total;
}

QMap<QString, qint64> CallRepository::countByStatus()
{
    QSqlQuery &query = m_store.prepared(u"SELECT status, COUNT(*) FROM calls WHERE "_s + countedCondition +
                                        u" GROUP BY status"_s);
    m_store.exec(query);
    QMap<QString, qint64> counts;
    while (query.next())
        counts.insert(query.value(0).toString(), query.value(1).toLongLong());
    query.finish();
    return counts;
}

QList<CallRecord> CallRepository::unfinished()
{
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + columns + u" FROM calls WHERE "_s +
                                        unfinishedCondition + u" ORDER BY created_at"_s);
    m_store.exec(query);
    QList<CallRecord> calls;
    while (query.next())
        calls.append(readCall(query));
    query.finish();
    return calls;
}

const QString &CallRepository::outcomePendingCondition()
{
    static const QString condition =
        u"(transcript_fetched = 0 OR cost_settled = 0 OR recording_status = 'pending')"_s;
    return condition;
}

QList<CallRecord> CallRepository::awaitingOutcome()
{
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + columns + u" FROM calls WHERE "_s +
                                        outcomePendingCondition() + u" AND NOT "_s +
                                        unfinishedCondition + u" ORDER BY created_at"_s);
    m_store.exec(query);
    QList<CallRecord> calls;
    while (query.next())
        calls.append(readCall(query));
    query.finish();
    return calls;
}

QList<CallRecord> CallRepository::changedSince(qint64 sinceMs, qint64 limit)
{
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + columns +
                                        u" FROM calls WHERE updated_at >= ? ORDER BY updated_at "
                                        u"LIMIT ?"_s);
    query.addBindValue(sinceMs);
    query.addBindValue(limit);
    m_store.exec(query);
    QList<CallRecord> calls;
    while (query.next())
        calls.append(readCall(query));
    query.finish();
    return calls;
}

qint64 CallRepository::unfinishedCount()
{
    QSqlQuery &query =
        m_store.prepared(u"SELECT COUNT(*) FROM calls WHERE "_s + unfinishedCondition +
                         u" AND "_s + countedCondition);
    m_store.exec(query);
    const qint64 total = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return total;
}

qint64 CallRepository::unfinishedCountForAgent(const QString &agentId)
{
    QSqlQuery &query = m_store.prepared(u"SELECT COUNT(*) FROM calls WHERE agent_id = ? AND "_s +
                                        unfinishedCondition);
    query.addBindValue(agentId);
    m_store.exec(query);
    const qint64 total = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return total;
}

void CallRepository::remove(const QString &id)
{
    for (const QString &table : {u"call_messages"_s, u"call_leases"_s}) {
        QSqlQuery &dependent = m_store.prepared(u"DELETE FROM "_s + table + u" WHERE call_id = ?"_s);
        dependent.addBindValue(id);
        m_store.exec(dependent);
    }
    QSqlQuery &query = m_store.prepared(u"DELETE FROM calls WHERE id = ?"_s);
    query.addBindValue(id);
    m_store.exec(query);
}

void CallRepository::replaceTranscript(const QString &callId,
                                       const QList<TranscriptMessage> &messages)
{
    QSqlQuery &remove = m_store.prepared(u"DELETE FROM call_messages WHERE call_id = ?"_s);
    remove.addBindValue(callId);
    m_store.exec(remove);
    insertMessages(callId, messages, {});
}

void CallRepository::appendTranscript(const QString &callId,
                                      const QList<TranscriptMessage> &messages)
{
    // Ordinals already stored are left alone: a poll that overlaps the last one adds nothing.
    insertMessages(callId, messages, u" ON CONFLICT (call_id, ordinal) DO NOTHING"_s);
}

void CallRepository::insertMessages(const QString &callId, const QList<TranscriptMessage> &messages,
                                    const QString &onConflict)
{
    QSqlQuery &insert = m_store.prepared(
        u"INSERT INTO call_messages (call_id, ordinal, role, text, start_ms, end_ms) "
        u"VALUES (?, ?, ?, ?, ?, ?)"_s +
        onConflict);
    for (const TranscriptMessage &message : messages) {
        insert.addBindValue(callId);
        insert.addBindValue(message.ordinal);
        insert.addBindValue(message.role);
        insert.addBindValue(message.text);
        insert.addBindValue(message.startMs < 0 ? QVariant(QMetaType::fromType<qint64>())
                                                : QVariant(message.startMs));
        insert.addBindValue(message.endMs < 0 ? QVariant(QMetaType::fromType<qint64>())
                                              : QVariant(message.endMs));
        m_store.exec(insert);
    }
}

QList<TranscriptMessage> CallRepository::transcript(const QString &callId)
{
    QSqlQuery &query = m_store.prepared(
        u"SELECT ordinal, role, text, start_ms, end_ms FROM call_messages WHERE call_id = ? "
        u"ORDER BY ordinal"_s);
    query.addBindValue(callId);
    m_store.exec(query);
    QList<TranscriptMessage> messages;
    while (query.next()) {
        TranscriptMessage message{query.value(1).toString(), query.value(2).toString(),
                                  query.value(0).toLongLong()};
        message.startMs = query.value(3).isNull() ? -1 : query.value(3).toLongLong();
        message.endMs = query.value(4).isNull() ? -1 : query.value(4).toLongLong();
        messages.append(message);
    }
    query.finish();
    return messages;
}
