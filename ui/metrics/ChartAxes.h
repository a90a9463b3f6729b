// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

class QCategoryAxis;
class QDateTimeAxis;
class QValueAxis;

// The metrics' axes, set up one way for every chart so each reads at the window's default size:
// counts on whole numbers (never "0, 0, 1, 1"), dates and hours with as many labels as fit.
namespace ChartAxes {
// 0 up to a whole number at least `most`, in at most about five whole-number steps.
void counts(QValueAxis *axis, qint64 most);
// `from`..`to` labelled in `format` with `ticks` labels (short formats: "MMM d", "HH:mm").
void dates(QDateTimeAxis *axis, const QDateTime &from, const QDateTime &to, const QString &format,
           int ticks);
// Bars at 0..n-1 (one per hour starting at `firstHour`), labelled "09:00" every `every` hours so
// the labels never crowd into an ellipsis.
void hours(QCategoryAxis *axis, const QList<QDateTime> &hourStarts, int every);
} // namespace ChartAxes
