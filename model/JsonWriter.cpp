// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonWriter.h"

#include <QLocale>
#include <QtNumeric>

namespace JsonWriter {
namespace {
constexpr char Hex[] = "0123456789abcdef";

void appendTwoDigits(QByteArray &out, int value)
{
    out += char('0' + value / 10);
    out += char('0' + value % 10);
}

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm): no time zone work, no
// allocation, unlike QDateTime::toString.
void civilFromDays(qint64 days, int *year, int *month, int *day)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;
    *day = int(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    *month = int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    *year = int(yearOfEra + era * 400 + (*month <= 2 ? 1 : 0));
}
} // namespace

void appendNumber(QByteArray &out, double value)
{
    if (qIsFinite(value))
        out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
    else
        out += "null";
}

void appendString(QByteArray &out, QStringView text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char byte : utf8) {
        const auto c = static_cast<unsigned char>(byte);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += Hex[c >> 4];
                out += Hex[c & 0xf];
            } else {
                out += char(c);
            }
        }
    }
    out += '"';
}

void appendTime(QByteArray &out, qint64 msSinceEpoch)
{
    const qint64 seconds = msSinceEpoch >= 0 ? msSinceEpoch / 1000 : (msSinceEpoch - 999) / 1000;
    const qint64 days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const qint64 secondOfDay = seconds - days * 86400;
    int year, month, day;
    civilFromDays(days, &year, &month, &day);
    out += '"';
    out += QByteArray::number(year).rightJustified(4, '0');
    out += '-';
    appendTwoDigits(out, month);
    out += '-';
    appendTwoDigits(out, day);
    out += 'T';
    appendTwoDigits(out, int(secondOfDay / 3600));
    out += ':';
    appendTwoDigits(out, int(secondOfDay / 60 % 60));
    out += ':';
    appendTwoDigits(out, int(secondOfDay % 60));
    out += "Z\"";
}
} // namespace JsonWriter
