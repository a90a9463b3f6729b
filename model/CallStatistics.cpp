// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallStatistics.h"

#include "Store.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace CallStatistics {
QList<HourlyCalls> byHour(Store &store, int hours, qint64 nowMs)
{
    constexpr qint64 HourMs = 3600 * 1000;
    const qint64 currentHour = nowMs - nowMs % HourMs;
    const qint64 since = currentHour - qint64(hours - 1) * HourMs;
    QList<HourlyCalls> series;
    for (int i = 0; i < hours; ++i)
        series.append(HourlyCalls{since + i * HourMs, {}});
    QSqlQuery &query = store.prepared(
        u"SELECT created_at / 3600000, status, COUNT(*) FROM calls WHERE created_at >= ? "
        u"AND test = 0 "
        u"GROUP BY created_at / 3600000, status"_s);
    query.addBindValue(since);
    store.exec(query);
    while (query.next()) {
        const qint64 hour = query.value(0).toLongLong() * HourMs;
        const qsizetype slot = (hour - since) / HourMs;
        if (slot >= 0 && slot < series.size())
            series[slot].byStatus.insert(query.value(1).toString(), query.value(2).toLongLong());
    }
    query.finish();
    return series;
}
} // namespace CallStatistics
