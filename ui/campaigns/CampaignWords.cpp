// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignWords.h"

#include <QCoreApplication>
#include <QStringList>

namespace CampaignWords {
QString state(RecipientState state)
{
    switch (state) {
    case RecipientState::Pending:
        return QCoreApplication::translate("CampaignWords", "pending");
    case RecipientState::Calling:
        return QCoreApplication::translate("CampaignWords", "calling");
    case RecipientState::Completed:
        return QCoreApplication::translate("CampaignWords", "completed");
    case RecipientState::Busy:
        return QCoreApplication::translate("CampaignWords", "busy");
    case RecipientState::NoAnswer:
        return QCoreApplication::translate("CampaignWords", "no answer");
    case RecipientState::Failed:
        return QCoreApplication::translate("CampaignWords", "failed");
    case RecipientState::SkippedDnc:
        return QCoreApplication::translate("CampaignWords", "skipped: do-not-call");
    case RecipientState::Invalid:
        return QCoreApplication::translate("CampaignWords", "skipped: invalid");
    case RecipientState::Canceled:
        return QCoreApplication::translate("CampaignWords", "canceled");
    case RecipientState::Unknown:
        return QCoreApplication::translate("CampaignWords", "outcome unknown");
    }
    return toString(state);
}

QString status(CampaignStatus status)
{
    switch (status) {
    case CampaignStatus::Draft:
        return QCoreApplication::translate("CampaignWords", "Draft");
    case CampaignStatus::Scheduled:
        return QCoreApplication::translate("CampaignWords", "Scheduled");
    case CampaignStatus::Running:
        return QCoreApplication::translate("CampaignWords", "Running");
    case CampaignStatus::Paused:
        return QCoreApplication::translate("CampaignWords", "Paused");
    case CampaignStatus::Completed:
        return QCoreApplication::translate("CampaignWords", "Completed");
    case CampaignStatus::Canceled:
        return QCoreApplication::translate("CampaignWords", "Canceled");
    }
    return toString(status);
}

qint64 total(const QMap<QString, qint64> &counts)
{
    qint64 sum = 0;
    for (const qint64 count : counts)
        sum += count;
    return sum;
}

qint64 finished(const QMap<QString, qint64> &counts)
{
    qint64 sum = 0;
    for (const RecipientState state : allRecipientStates()) {
        if (isFinal(state))
            sum += counts.value(toString(state));
    }
    return sum;
}

QString countsSentence(const QMap<QString, qint64> &counts)
{
    QStringList parts;
    for (const RecipientState each : allRecipientStates()) {
        const qint64 count = counts.value(toString(each));
        // "Unknown" is rare (a crash lost a call's trace): named only when it happens.
        if (each == RecipientState::Unknown && count == 0)
            continue;
        parts << QStringLiteral("%1 %2").arg(count).arg(state(each));
    }
    return parts.join(QStringLiteral(", "));
}
} // namespace CampaignWords
