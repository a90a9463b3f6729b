// SPDX-License-Identifier: GPL-3.0-or-later
#include "OutcomesPanel.h"

#include "AppError.h"
#include "ChartAxes.h"
#include "ChartLook.h"
#include "Timestamps.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 DayMs = 24 * 3600 * 1000;

QString percent(double rate)
{
    return u"%1%"_s.arg(rate * 100, 0, 'f', 0);
}

QString costOf(const OutcomeFigures &figures)
{
    if (figures.priced == 0)
        return OutcomesPanel::tr("none reported");
    return u"%1 %2"_s.arg(figures.cost, 0, 'f', 4).arg(figures.costUnit).trimmed();
}

} // namespace

OutcomesPanel::OutcomesPanel(Store &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_summary(new QLabel(this))
    , m_answerRate(new QLineSeries(this))
    , m_machineRate(new QLineSeries(this))
    , m_averageDuration(new QLineSeries(this))
    , m_rateDays(new QDateTimeAxis(this))
    , m_rateAxis(new QValueAxis(this))
    , m_durationAxis(new QValueAxis(this))
    , m_cost(new QLineSeries(this))
    , m_calls(new QLineSeries(this))
    , m_costDays(new QDateTimeAxis(this))
    , m_costAxis(new QValueAxis(this))
    , m_callsAxis(new QValueAxis(this))
    , m_rateChart(new QChart)
    , m_costChart(new QChart)
    , m_agents(new QTableWidget(0, 6, this))
{
    m_summary->setObjectName(u"outcomeSummary"_s);
    m_summary->setWordWrap(true);

    m_answerRate->setName(tr("Answer rate %"));
    m_machineRate->setName(tr("Machine rate %"));
    m_averageDuration->setName(tr("Average duration, seconds"));
    m_rateChart->setTitle(tr("Answers per day, last %1 days").arg(DaysShown));
    for (QLineSeries *series : {m_answerRate, m_machineRate, m_averageDuration})
        m_rateChart->addSeries(series);
    m_rateAxis->setRange(0, 100);
    m_rateAxis->setTickCount(3); // 0, 50, 100 %: more would not fit the short axis of the tab
    m_rateAxis->setLabelFormat(u"%d%%"_s);
    m_durationAxis->setLabelFormat(u"%d"_s);
    m_rateChart->addAxis(m_rateDays, Qt::AlignBottom);
    m_rateChart->addAxis(m_rateAxis, Qt::AlignLeft);
    m_rateChart->addAxis(m_durationAxis, Qt::AlignRight);
    for (QLineSeries *series : {m_answerRate, m_machineRate, m_averageDuration})
        series->attachAxis(m_rateDays);
    m_answerRate->attachAxis(m_rateAxis);
    m_machineRate->attachAxis(m_rateAxis);
    m_averageDuration->attachAxis(m_durationAxis);

    m_cost->setName(tr("Cost"));
    m_calls->setName(tr("Calls"));
    m_costChart->setTitle(tr("Calls and reported cost per day"));
    m_costChart->addSeries(m_calls);
    m_costChart->addSeries(m_cost);
    m_costAxis->setLabelFormat(u"%.2f"_s);
    m_costChart->addAxis(m_costDays, Qt::AlignBottom);
    m_costChart->addAxis(m_callsAxis, Qt::AlignLeft);
    m_costChart->addAxis(m_costAxis, Qt::AlignRight);
    m_calls->attachAxis(m_costDays);
    m_calls->attachAxis(m_callsAxis);
    m_cost->attachAxis(m_costDays);
    m_cost->attachAxis(m_costAxis);

    m_agents->setObjectName(u"outcomesByAgent"_s);
    m_agents->setHorizontalHeaderLabels({tr("Agent"), tr("Calls"), tr("Answer rate"),
                                         tr("Machine rate"), tr("Average duration"),
                                         tr("Reported cost")});
    m_agents->verticalHeader()->hide();
    m_agents->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_agents->horizontalHeader()->setStretchLastSection(true);
    m_agents->horizontalHeader()->resizeSection(0, 200);

    auto *charts = new QHBoxLayout;
    charts->addWidget(ChartLook::view(m_rateChart, this, 220));
    charts->addWidget(ChartLook::view(m_costChart, this, 220));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(charts, 2);
    layout->addWidget(m_agents, 1);
}

QString OutcomesPanel::summaryText() const
{
    return m_summary->text();
}

void OutcomesPanel::refresh(qint64 nowMs)
{
    QList<OutcomeFigures> days, agents;
    try {
        days = OutcomeStatistics::byDay(m_store, DaysShown, nowMs);
        agents = OutcomeStatistics::byAgent(m_store, days.constFirst().dayStartMs);
    } catch (const AppError &error) {
        m_summary->setText(tr("The figures cannot be read: %1").arg(error.message()));
        return;
    }
    const OutcomeFigures all = OutcomeStatistics::total(days);
    m_summary->setText(
        tr("Last %1 days: %2 calls · answer rate %3 · machine rate %4 (of %5 with detection) · "
           "average duration %6 s · reported cost %7")
            .arg(DaysShown)
            .arg(all.calls)
            .arg(percent(all.answerRate()), percent(all.machineRate()))
            .arg(all.detected)
            .arg(all.averageDuration(), 0, 'f', 0)
            .arg(costOf(all)));

    QList<QPointF> answer, machine, duration, cost, calls;
    double longest = 1, dearest = 0;
    qint64 busiest = 0;
    for (const OutcomeFigures &day : std::as_const(days)) {
        // Each point sits at noon, so a day's value stands between its midnights.
        const double x = double(day.dayStartMs + DayMs / 2);
        answer.append({x, day.answerRate() * 100});
        machine.append({x, day.machineRate() * 100});
        duration.append({x, day.averageDuration()});
        cost.append({x, day.cost});
        calls.append({x, double(day.calls)});
        longest = std::max(longest, day.averageDuration());
        dearest = std::max(dearest, day.cost);
        busiest = std::max(busiest, day.calls);
    }
    m_answerRate->replace(answer);
    m_machineRate->replace(machine);
    m_averageDuration->replace(duration);
    m_cost->replace(cost);
    m_calls->replace(calls);
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(days.constFirst().dayStartMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(days.constLast().dayStartMs + DayMs);
    // Every other day of the fourteen is labelled.
    ChartAxes::dates(m_rateDays, from, to, u"MMM d"_s, DaysShown / 2 + 1);
    ChartAxes::dates(m_costDays, from, to, u"MMM d"_s, DaysShown / 2 + 1);
    ChartAxes::counts(m_durationAxis, qint64(std::ceil(longest)));
    ChartAxes::counts(m_callsAxis, busiest);
    m_costAxis->setRange(0, dearest > 0 ? dearest * 1.2 : 1);
    m_costAxis->applyNiceNumbers();

    m_agents->setRowCount(int(agents.size()));
    for (int row = 0; row < agents.size(); ++row) {
        const OutcomeFigures &agent = agents.at(row);
        const QStringList cells{agent.key.isEmpty() ? tr("(no agent)") : agent.key,
                                QString::number(agent.calls),
                                percent(agent.answerRate()),
                                agent.detected > 0 ? percent(agent.machineRate())
                                                   : tr("no detection"),
                                tr("%1 s").arg(agent.averageDuration(), 0, 'f', 0),
                                costOf(agent)};
        for (int column = 0; column < cells.size(); ++column)
            m_agents->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
}
