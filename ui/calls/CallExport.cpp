// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallExport.h"

#include "AppError.h"
#include "CallOutcome.h"
#include "RecipientCsv.h"
#include "Timestamps.h"

#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {
QByteArray csvRow(const CallRecord &call)
{
    const QStringList fields{
        call.id,
        call.callSid,
        Timestamps::iso(call.createdAt),
        call.agentId,
        call.agentName,
        call.phoneNumber,
        call.fromNumber,
        toString(call.status),
        call.durationSeconds < 0 ? QString() : QString::number(call.durationSeconds),
        CallOutcome::endReasonCode(call),
        call.error.value(u"message"_s).toString(),
        call.sandbox ? u"true"_s : u"false"_s,
        call.answeredBy,
        call.price,
        call.priceUnit,
        call.billedSeconds < 0 ? QString() : QString::number(call.billedSeconds),
        CallOutcome::costStatus(call),
        call.shortSummary,
        call.summary,
        call.recordingStatus};
    return Csv::row(fields);
}
} // namespace

namespace CallExport {
qint64 write(Store &store, CallFilter filter, Format format, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw AppError(ErrorKind::Unavailable,
                       QObject::tr("Cannot write %1: %2").arg(path, file.errorString()));
    if (format == Format::Csv)
        file.write("id,call_sid,created_at,agent_id,agent_name,phone_number,from_number,status,"
                   "duration_seconds,end_reason,error,sandbox,answered_by,price,price_unit,"
                   "billed_duration_seconds,cost_status,short_summary,summary,recording\r\n");
    else
        file.write("[\n");
    constexpr int Page = 1000;
    filter.limit = Page;
    filter.offset = 0;
    qint64 written = 0;
    CallRepository calls(store);
    while (true) {
        const QList<CallRecord> page = calls.list(filter);
        for (const CallRecord &call : page) {
            if (format == Format::Csv) {
                file.write(csvRow(call));
            } else {
                if (written > 0)
                    file.write(",\n");
                file.write(QJsonDocument(call.toJson()).toJson(QJsonDocument::Compact));
            }
            ++written;
        }
        if (page.size() < Page)
            break;
        filter.offset += Page;
    }
    if (format == Format::Json)
        file.write("\n]\n");
    if (!file.commit())
        throw AppError(ErrorKind::Unavailable,
                       QObject::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return written;
}
} // namespace CallExport
