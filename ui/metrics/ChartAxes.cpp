// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartAxes.h"

#include <QCategoryAxis>
#include <QDateTimeAxis>
#include <QValueAxis>

#include <algorithm>

using namespace Qt::StringLiterals;

void ChartAxes::counts(QValueAxis *axis, qint64 most)
{
    // At most about five steps, each a whole number of calls: no "2.5 calls" tick, and no
    // fractional tick printed twice as the same whole number.
    const qint64 top = std::max<qint64>(1, most);
    const qint64 step = std::max<qint64>(1, (top + 4) / 5);
    const qint64 ceiling = (top + step - 1) / step * step;
    axis->setRange(0, double(ceiling));
    axis->setTickCount(int(ceiling / step) + 1);
    axis->setMinorTickCount(0);
    axis->setLabelFormat(u"%d"_s);
}

void ChartAxes::dates(QDateTimeAxis *axis, const QDateTime &from, const QDateTime &to,
                      const QString &format, int ticks)
{
    axis->setFormat(format);
    axis->setTickCount(std::max(2, ticks));
    axis->setRange(from, to);
}

void ChartAxes::hours(QCategoryAxis *axis, const QList<QDateTime> &hourStarts, int every)
{
    for (const QString &label : axis->categoriesLabels())
        axis->remove(label);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setRange(-0.5, double(hourStarts.size()) - 0.5);
    axis->setStartValue(-0.5);
    for (qsizetype i = 0; i < hourStarts.size(); ++i) {
        if ((hourStarts.size() - 1 - i) % std::max(1, every) == 0) // the latest hour is labelled
            axis->append(hourStarts.at(i).toString(u"HH:00"_s), double(i));
    }
}
