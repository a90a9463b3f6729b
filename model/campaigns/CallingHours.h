// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

class FieldErrors;

// When a campaign may ring someone: from `start` to `end` (local wall-clock time, end exclusive,
// "24:00" for midnight) on the listed weekdays, in the recipient's own time zone(s) or one fixed
// IANA zone. A number whose prefix spans several zones is called only while the hours hold in
// every one of them, so nobody is woken because their neighbour's clock says noon.
struct CallingHours
{
    static inline const QString RecipientZone = QStringLiteral("recipient");

    int startMinute = 9 * 60;
    int endMinute = 20 * 60;
    int days = 0x1f; // bit 0 Monday ... bit 6 Sunday
    QString timeZone = RecipientZone;

    bool usesRecipientZone() const { return timeZone == RecipientZone; }
    // The zones a number is judged in: the fixed one, or the number's own.
    QStringList zonesFor(const QString &e164) const;
    bool allows(qint64 utcMs, const QStringList &zones) const;
    // The first moment at or after `utcMs` when the hours hold in all `zones`, searched in
    // five-minute steps over eight days; 0 when they never do (zones too far apart, no zone).
    qint64 nextOpening(qint64 utcMs, const QStringList &zones) const;

    QJsonObject toJson() const;
    void readJson(const QJsonObject &json, FieldErrors &errors, const QString &prefix);
};
