// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OutcomeStatistics.h"

#include <QWidget>

class QChart;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTableWidget;
class QValueAxis;
class Store;

// How calls turned out, per day and per agent over the last two weeks: answer rate, machine
// rate, average duration and reported cost, as charts with dates along the bottom and a table.
class OutcomesPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int DaysShown = 14;

    OutcomesPanel(Store &store, QWidget *parent = nullptr);
    void refresh(qint64 nowMs);

    QString summaryText() const;
    QTableWidget *agentTable() const { return m_agents; }
    QValueAxis *costAxis() const { return m_costAxis; }
    QValueAxis *callsAxis() const { return m_callsAxis; }
    QDateTimeAxis *rateDays() const { return m_rateDays; }

private:
    Store &m_store;
    QLabel *m_summary;
    QLineSeries *m_answerRate;
    QLineSeries *m_machineRate;
    QLineSeries *m_averageDuration;
    QDateTimeAxis *m_rateDays;
    QValueAxis *m_rateAxis;
    QValueAxis *m_durationAxis;
    QLineSeries *m_cost;
    QLineSeries *m_calls;
    QDateTimeAxis *m_costDays;
    QValueAxis *m_costAxis;
    QValueAxis *m_callsAxis;
    QChart *m_rateChart;
    QChart *m_costChart;
    QTableWidget *m_agents;
};
