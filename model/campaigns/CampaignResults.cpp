// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignResults.h"

#include "AppError.h"
#include "CampaignRepository.h"
#include "RecipientCsv.h"
#include "Timestamps.h"

#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {
QString optionalTime(qint64 ms)
{
    return ms > 0 ? Timestamps::iso(ms) : QString();
}
} // namespace

namespace CampaignResults {
QByteArray header()
{
    return Csv::row({u"line"_s, u"phone_number"_s, u"state"_s, u"attempt_count"_s,
                     u"last_outcome"_s, u"attempt"_s, u"call_id"_s, u"call_sid"_s, u"outcome"_s,
                     u"detail"_s, u"started_at"_s, u"ended_at"_s, u"context"_s});
}

qint64 writeCsv(Store &store, const QString &campaignId, QIODevice &out)
{
    constexpr qint64 Page = 1000;
    CampaignRepository campaigns(store);
    out.write(header());
    qint64 written = 0;
    for (qint64 offset = 0;; offset += Page) {
        const QList<Recipient> page = campaigns.recipients(campaignId, std::nullopt, Page, offset);
        QList<qint64> ids;
        for (const Recipient &recipient : page)
            ids << recipient.id;
        const QMap<qint64, QList<CampaignAttempt>> attempts = campaigns.attemptsOf(ids);
        for (const Recipient &recipient : page) {
            const QStringList common{recipient.line > 0 ? QString::number(recipient.line)
                                                        : QString(),
                                     recipient.phoneNumber, toString(recipient.state),
                                     QString::number(recipient.attempts), recipient.lastOutcome};
            const QString context =
                QString::fromUtf8(QJsonDocument(recipient.context).toJson(QJsonDocument::Compact));
            const QList<CampaignAttempt> tries = attempts.value(recipient.id);
            if (tries.isEmpty())
                out.write(Csv::row(common + QStringList{{}, {}, {}, {}, {}, {}, {}, context}));
            for (const CampaignAttempt &attempt : tries)
                out.write(
                    Csv::row(common + QStringList{QString::number(attempt.attempt), attempt.callId,
                                                  attempt.callSid, attempt.outcome, attempt.detail,
                                                  optionalTime(attempt.startedAt),
                                                  optionalTime(attempt.endedAt), context}));
            ++written;
        }
        if (page.size() < Page)
            break;
    }
    return written;
}

qint64 writeCsvFile(Store &store, const QString &campaignId, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw AppError(ErrorKind::Unavailable,
                       u"Cannot write %1: %2"_s.arg(path, file.errorString()));
    const qint64 written = writeCsv(store, campaignId, file);
    if (!file.commit())
        throw AppError(ErrorKind::Unavailable,
                       u"Cannot write %1: %2"_s.arg(path, file.errorString()));
    return written;
}
} // namespace CampaignResults
