// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallingHours.h"

#include "PhoneTimeZones.h"
#include "Validation.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {
const QStringList dayNames{u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s, u"fri"_s, u"sat"_s, u"sun"_s};

QString clock(int minute)
{
    return u"%1:%2"_s.arg(minute / 60, 2, 10, QChar(u'0')).arg(minute % 60, 2, 10, QChar(u'0'));
}

// "HH:MM", 00:00 to 24:00; -1 when not.
int minuteOf(const QString &text)
{
    static const QRegularExpression pattern(u"^([01][0-9]|2[0-4]):([0-5][0-9])$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return -1;
    const int minute = match.captured(1).toInt() * 60 + match.captured(2).toInt();
    return minute > 24 * 60 ? -1 : minute;
}

bool allowsIn(const CallingHours &hours, qint64 utcMs, const QTimeZone &zone)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(utcMs, zone);
    const int day = local.date().dayOfWeek() - 1; // Qt: 1 Monday ... 7 Sunday
    if (!(hours.days & (1 << day)))
        return false;
    const int minute = local.time().hour() * 60 + local.time().minute();
    return minute >= hours.startMinute && minute < hours.endMinute;
}
} // namespace

QStringList CallingHours::zonesFor(const QString &e164) const
{
    return usesRecipientZone() ? PhoneTimeZones::zonesFor(e164) : QStringList{timeZone};
}

bool CallingHours::allows(qint64 utcMs, const QStringList &zones) const
{
    if (zones.isEmpty())
        return false;
    for (const QString &name : zones) {
        const QTimeZone zone(name.toUtf8());
        if (!zone.isValid() || !allowsIn(*this, utcMs, zone))
            return false;
    }
    return true;
}

qint64 CallingHours::nextOpening(qint64 utcMs, const QStringList &zones) const
{
    if (allows(utcMs, zones))
        return utcMs;
    constexpr qint64 step = 5 * 60 * 1000;
    // Zone offsets are whole quarter hours past UTC: stepping on UTC's five-minute marks lands
    // on every local five-minute mark too.
    qint64 candidate = (utcMs / step + 1) * step;
    const qint64 horizon = utcMs + 8LL * 24 * 60 * 60 * 1000;
    for (; candidate <= horizon; candidate += step) {
        if (allows(candidate, zones))
            return candidate;
    }
    return 0;
}

QJsonObject CallingHours::toJson() const
{
    QJsonArray dayList;
    for (int day = 0; day < 7; ++day) {
        if (days & (1 << day))
            dayList.append(dayNames.at(day));
    }
    return {{u"start"_s, clock(startMinute)},
            {u"end"_s, clock(endMinute)},
            {u"days"_s, dayList},
            {u"time_zone"_s, timeZone}};
}

void CallingHours::readJson(const QJsonObject &json, FieldErrors &errors, const QString &prefix)
{
    using namespace JsonFields;
    rejectUnknown(json, {u"start"_s, u"end"_s, u"days"_s, u"time_zone"_s}, errors, prefix);
    const auto readClock = [&](const QString &key, int &minute) {
        if (!json.contains(key))
            return;
        const int parsed = minuteOf(json.value(key).toString());
        if (parsed < 0)
            errors.add(prefix + key, u"must be a time of day as HH:MM, 00:00 to 24:00"_s);
        else
            minute = parsed;
    };
    readClock(u"start"_s, startMinute);
    readClock(u"end"_s, endMinute);
    if (startMinute >= endMinute && !errors.contains(prefix + u"start"_s) &&
        !errors.contains(prefix + u"end"_s))
        errors.add(prefix + u"end"_s, u"must be later than start (%1)"_s.arg(clock(startMinute)));
    if (json.contains(u"days"_s)) {
        const QJsonValue value = json.value(u"days"_s);
        int parsed = 0;
        bool ok = value.isArray() && !value.toArray().isEmpty();
        for (const QJsonValue &day : value.toArray()) {
            const qsizetype index = dayNames.indexOf(day.toString().toLower());
            if (index < 0)
                ok = false;
            else
                parsed |= 1 << index;
        }
        if (ok)
            days = parsed;
        else
            errors.add(prefix + u"days"_s,
                       u"must be a non-empty list of %1"_s.arg(dayNames.join(u", "_s)));
    }
    if (json.contains(u"time_zone"_s)) {
        const QString zone = json.value(u"time_zone"_s).toString();
        if (zone == RecipientZone || (!zone.isEmpty() && QTimeZone(zone.toUtf8()).isValid()))
            timeZone = zone;
        else
            errors.add(prefix + u"time_zone"_s,
                       u"must be \"recipient\" or an IANA time zone such as Europe/Paris"_s);
    }
}
