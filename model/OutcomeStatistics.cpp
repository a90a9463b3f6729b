// SPDX-License-Identifier: GPL-3.0-or-later
#include "OutcomeStatistics.h"

#include "Store.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 DayMs = 24 * 3600 * 1000;

// Both engines: CAST to DOUBLE PRECISION is REAL on SQLite.
const QString figures =
    u"COUNT(*), "
    u"SUM(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END), "
    u"SUM(CASE WHEN answered_by IS NOT NULL THEN 1 ELSE 0 END), "
    u"SUM(CASE WHEN answered_by = 'machine' THEN 1 ELSE 0 END), "
    u"SUM(CASE WHEN answered_at IS NOT NULL AND duration_seconds > 0 THEN duration_seconds "
    u"ELSE 0 END), "
    u"SUM(CASE WHEN price IS NOT NULL THEN ABS(CAST(price AS DOUBLE PRECISION)) ELSE 0 END), "
    u"SUM(CASE WHEN price IS NOT NULL THEN 1 ELSE 0 END), MIN(price_unit), MAX(price_unit)"_s;

void read(const QSqlQuery &query, int first, OutcomeFigures &row)
{
    row.calls = query.value(first).toLongLong();
    row.answered = query.value(first + 1).toLongLong();
    row.detected = query.value(first + 2).toLongLong();
    row.machines = query.value(first + 3).toLongLong();
    row.durationSum = query.value(first + 4).toLongLong();
    row.cost = query.value(first + 5).toDouble();
    row.priced = query.value(first + 6).toLongLong();
    const QString lowest = query.value(first + 7).toString();
    const QString highest = query.value(first + 8).toString();
    row.costUnit = lowest == highest ? lowest : u"mixed"_s;
}

qint64 utcOffsetMs(qint64 atMs)
{
    return qint64(QDateTime::fromMSecsSinceEpoch(atMs).offsetFromUtc()) * 1000;
}
} // namespace

namespace OutcomeStatistics {
QList<OutcomeFigures> byDay(Store &store, int days, qint64 nowMs)
{
    // Days are the operator's local days: shift by today's offset from UTC.
    const qint64 offset = utcOffsetMs(nowMs);
    const qint64 today = (nowMs + offset) / DayMs;
    const qint64 firstDay = today - (days - 1);
    QList<OutcomeFigures> series;
    for (qint64 day = firstDay; day <= today; ++day) {
        OutcomeFigures row;
        row.dayStartMs = day * DayMs - offset;
        series.append(row);
    }
    QSqlQuery &query = store.prepared(u"SELECT (created_at + ?) / 86400000, "_s + figures +
                                      u" FROM calls WHERE created_at >= ? "
                                      u"GROUP BY (created_at + ?) / 86400000"_s);
    query.addBindValue(offset);
    query.addBindValue(firstDay * DayMs - offset);
    query.addBindValue(offset);
    store.exec(query);
    while (query.next()) {
        const qint64 slot = query.value(0).toLongLong() - firstDay;
        if (slot >= 0 && slot < series.size())
            read(query, 1, series[slot]);
    }
    query.finish();
    return series;
}

QList<OutcomeFigures> byAgent(Store &store, qint64 sinceMs)
{
    QSqlQuery &query = store.prepared(u"SELECT COALESCE(agent_name, ''), "_s + figures +
                                      u" FROM calls WHERE created_at >= ? GROUP BY "
                                      u"COALESCE(agent_name, '') ORDER BY COUNT(*) DESC"_s);
    query.addBindValue(sinceMs);
    store.exec(query);
    QList<OutcomeFigures> rows;
    while (query.next()) {
        OutcomeFigures row;
        row.key = query.value(0).toString();
        read(query, 1, row);
        rows.append(row);
    }
    query.finish();
    return rows;
}

OutcomeFigures total(const QList<OutcomeFigures> &rows)
{
    OutcomeFigures sum;
    for (const OutcomeFigures &row : rows) {
        sum.calls += row.calls;
        sum.answered += row.answered;
        sum.detected += row.detected;
        sum.machines += row.machines;
        sum.durationSum += row.durationSum;
        sum.cost += row.cost;
        sum.priced += row.priced;
        if (!row.costUnit.isEmpty())
            sum.costUnit =
                sum.costUnit.isEmpty() || sum.costUnit == row.costUnit ? row.costUnit : u"mixed"_s;
    }
    return sum;
}
} // namespace OutcomeStatistics
