// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

class Store;

// How calls turned out over a stretch of time: answered, answered by machines, how long, what
// they cost. Counts and sums only of what the providers reported.
struct OutcomeFigures
{
    QString key;     // the agent's name, or empty for a day
    qint64 dayStartMs = 0; // local midnight, for days
    qint64 calls = 0;
    qint64 answered = 0;
    qint64 detected = 0; // calls with an answered_by (machine detection asked and reported)
    qint64 machines = 0;
    qint64 durationSum = 0; // seconds of answered calls
    double cost = 0;        // the sum of reported prices (charges as positive amounts)
    qint64 priced = 0;      // calls with a reported price
    QString costUnit;       // empty when none, "mixed" when several currencies

    double answerRate() const { return calls > 0 ? double(answered) / double(calls) : 0; }
    // Among the calls where Twilio told people from machines.
    double machineRate() const { return detected > 0 ? double(machines) / double(detected) : 0; }
    double averageDuration() const
    {
        return answered > 0 ? double(durationSum) / double(answered) : 0;
    }
};

namespace OutcomeStatistics {
// The `days` local days up to today, oldest first, days without calls included.
QList<OutcomeFigures> byDay(Store &store, int days, qint64 nowMs);
// Calls created since `sinceMs`, per agent (by the name kept with the call), most calls first.
QList<OutcomeFigures> byAgent(Store &store, qint64 sinceMs);
// All of `rows` together.
OutcomeFigures total(const QList<OutcomeFigures> &rows);
} // namespace OutcomeStatistics
