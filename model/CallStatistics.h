// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMap>
#include <QString>

class Store;

// Calls per hour and status, for the Metrics pane's chart.
struct HourlyCalls
{
    qint64 hourStartMs = 0;
    QMap<QString, qint64> byStatus;
};

namespace CallStatistics {
// The `hours` hours up to now, oldest first, including hours without calls.
QList<HourlyCalls> byHour(Store &store, int hours, qint64 nowMs);
} // namespace CallStatistics
