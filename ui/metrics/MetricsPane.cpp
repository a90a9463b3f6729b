// SPDX-License-Identifier: GPL-3.0-or-later
#include "MetricsPane.h"

#include "AgentStatusDelegate.h"
#include "Call.h"
#include "CallStatistics.h"
#include "ChartAxes.h"
#include "ChartLook.h"
#include "CoreBridge.h"
#include "EventRepository.h"
#include "EventWords.h"
#include "OutcomesPanel.h"
#include "RecentTableModel.h"
#include "SummaryCard.h"
#include "TableColumns.h"
#include "Timestamps.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace {
constexpr int MinutesShown = 60;
constexpr int HoursShown = 12;

QTableView *recentTable(QAbstractItemModel *model, const QString &name,
                        const QList<TableColumns::Column> &columns, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name + u"Table"_s);
    table->setModel(model);
    table->verticalHeader()->setVisible(false);
    TableColumns::setUp(table, name, columns, {0});
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    return table;
}
} // namespace

MetricsPane::MetricsPane(CoreBridge &core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_requests(new SummaryCard(tr("API requests"), this))
    , m_responseTimes(new SummaryCard(tr("Response time"), this))
    , m_calls(new SummaryCard(tr("Calls"), this))
    , m_agents(new SummaryCard(tr("Agents"), this))
    , m_requestSeries(new QLineSeries(this))
    , m_errorSeries(new QLineSeries(this))
    , m_requestTime(new QDateTimeAxis(this))
    , m_requestCount(new QValueAxis(this))
    , m_p95Series(new QLineSeries(this))
    , m_p99Series(new QLineSeries(this))
    , m_latencyTime(new QDateTimeAxis(this))
    , m_latencyAxis(new QValueAxis(this))
    , m_callsChart(new QChart)
    , m_outcomes(new OutcomesPanel(core.store(), this))
    , m_events(new EventTableModel(200, this))
    , m_apiCalls(new ApiCallTableModel(200, this))
    , m_eventWords(std::make_unique<EventWords>(core.store()))
{
    auto *cards = new QHBoxLayout;
    for (SummaryCard *card : {m_requests, m_responseTimes, m_calls, m_agents})
        cards->addWidget(card);

    m_requestSeries->setName(tr("Requests per minute"));
    m_errorSeries->setName(tr("Errors per minute"));
    m_errorSeries->setColor(QColor(0xc6, 0x28, 0x28));
    auto *requestChart = new QChart;
    requestChart->setTitle(tr("Local API, last hour"));
    requestChart->addSeries(m_requestSeries);
    requestChart->addSeries(m_errorSeries);
    m_requestCount->setObjectName(u"requestCounts"_s);
    requestChart->addAxis(m_requestTime, Qt::AlignBottom);
    requestChart->addAxis(m_requestCount, Qt::AlignLeft);
    for (QLineSeries *series : {m_requestSeries, m_errorSeries}) {
        series->attachAxis(m_requestTime);
        series->attachAxis(m_requestCount);
    }

    m_p95Series->setName(tr("p95 (ms)"));
    m_p99Series->setName(tr("p99 (ms)"));
    auto *latencyChart = new QChart;
    latencyChart->setTitle(tr("Response time, last hour"));
    latencyChart->addSeries(m_p95Series);
    latencyChart->addSeries(m_p99Series);
    m_latencyAxis->setLabelFormat(u"%.1f"_s);
    latencyChart->addAxis(m_latencyTime, Qt::AlignBottom);
    latencyChart->addAxis(m_latencyAxis, Qt::AlignLeft);
    for (QLineSeries *series : {m_p95Series, m_p99Series}) {
        series->attachAxis(m_latencyTime);
        series->attachAxis(m_latencyAxis);
    }
    m_callsChart->setTitle(tr("Calls by status, last %n hour(s)", nullptr, HoursShown));

    auto *charts = new QHBoxLayout;
    charts->addWidget(ChartLook::view(requestChart, this, 200));
    charts->addWidget(ChartLook::view(latencyChart, this, 200));
    charts->addWidget(ChartLook::view(m_callsChart, this, 200));

    auto *tables = new QTabWidget(this);
    m_events->setWords({[this](const EventRecord &event) { return m_eventWords->sentence(event); },
                        [this](const QString &agentId) { return m_eventWords->agentName(agentId); },
                        &EventWords::details});
    tables->addTab(recentTable(m_events, u"events"_s,
                               {{EventTableModel::Time, 80},
                                {EventTableModel::Type, 360},
                                {EventTableModel::Agent, 150},
                                {EventTableModel::Call, 150}},
                               tables),
                   tr("Recent events"));
    tables->addTab(recentTable(m_apiCalls, u"apiRequests"_s,
                               {{ApiCallTableModel::Time, 80},
                                {ApiCallTableModel::Method, 70},
                                {ApiCallTableModel::Endpoint, 320},
                                {ApiCallTableModel::Status, 60}},
                               tables),
                   tr("Recent API requests"));
    tables->addTab(m_outcomes, tr("Call outcomes"));

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(cards);
    topLayout->addLayout(charts, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"metricsSplitter"_s);
    splitter->addWidget(top);
    splitter->addWidget(tables);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(&m_core, &CoreBridge::eventRecorded, this,
            [this](const EventRecord &event) { m_events->prepend(event); });
    connect(&m_core, &CoreBridge::apiRequestFinished, this,
            [this](const ApiCallRecord &call) { m_apiCalls->prepend(call); });
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &MetricsPane::refresh);
    try {
        m_events->reset(EventRepository(m_core.store()).recent(200));
    } catch (const AppError &) {
    }
    m_apiCalls->reset(m_core.requestMetrics().recent(200));
    refresh();
}

MetricsPane::~MetricsPane() = default;

void MetricsPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer.start();
}

void MetricsPane::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

void MetricsPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The look changed (Settings, or the desktop's): the charts take the new colours at once.
    if (event->type() == QEvent::PaletteChange)
        ChartLook::followAll(this);
}

void MetricsPane::refresh()
{
    m_core.metrics(replyTo(this, [this](const QJsonObject &snapshot) { showSnapshot(snapshot); }));
    updateCharts();
    m_outcomes->refresh(Timestamps::nowMs());
}

void MetricsPane::showSnapshot(const QJsonObject &snapshot)
{
    m_snapshot = snapshot;
    const QJsonObject requests = snapshot.value(u"requests"_s).toObject();
    const QJsonObject times = snapshot.value(u"response_times"_s).toObject();
    const QJsonObject calls = snapshot.value(u"calls"_s).toObject();
    const QJsonObject agents = snapshot.value(u"agents"_s).toObject();
    m_requests->setFigures(QString::number(requests.value(u"total"_s).toInteger()),
                           tr("%1 succeeded · %2 errors")
                               .arg(requests.value(u"success"_s).toInteger())
                               .arg(requests.value(u"errors"_s).toInteger()));
    m_responseTimes->setFigures(tr("%1 ms").arg(times.value(u"avg_ms"_s).toDouble(), 0, 'f', 1),
                                tr("average · p95 %1 ms · p99 %2 ms")
                                    .arg(times.value(u"p95_ms"_s).toDouble(), 0, 'f', 1)
                                    .arg(times.value(u"p99_ms"_s).toDouble(), 0, 'f', 1));
    m_calls->setFigures(QString::number(calls.value(u"total"_s).toInteger()),
                        tr("%1 completed · %2 did not · %3 in progress")
                            .arg(calls.value(u"successful"_s).toInteger())
                            .arg(calls.value(u"failed"_s).toInteger())
                            .arg(calls.value(u"ongoing"_s).toInteger()));
    m_agents->setFigures(QString::number(agents.value(u"total"_s).toInteger()),
                         tr("%1 active").arg(agents.value(u"active"_s).toInteger()));
}

void MetricsPane::updateCharts()
{
    const qint64 now = Timestamps::nowMs();
    const QList<RequestMetrics::Minute> minutes =
        m_core.requestMetrics().perMinute(MinutesShown, now);
    QList<QPointF> requests, errors, p95, p99;
    double most = 0, slowest = 1;
    for (const RequestMetrics::Minute &minute : minutes) {
        const double x = double(minute.startMs);
        requests.append({x, double(minute.requests)});
        errors.append({x, double(minute.errors)});
        p95.append({x, minute.p95Ms});
        p99.append({x, minute.p99Ms});
        most = std::max(most, double(minute.requests));
        slowest = std::max(slowest, minute.p99Ms);
    }
    m_requestSeries->replace(requests);
    m_errorSeries->replace(errors);
    m_p95Series->replace(p95);
    m_p99Series->replace(p99);
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(minutes.constFirst().startMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(minutes.constLast().startMs);
    ChartAxes::dates(m_requestTime, from, to, u"HH:mm"_s, 5);
    ChartAxes::dates(m_latencyTime, from, to, u"HH:mm"_s, 5);
    ChartAxes::counts(m_requestCount, qint64(most));
    m_latencyAxis->setRange(0, slowest * 1.1);
    m_latencyAxis->applyNiceNumbers();

    QList<HourlyCalls> hours;
    try {
        hours = CallStatistics::byHour(m_core.store(), HoursShown, now);
    } catch (const AppError &) {
        return;
    }
    m_callsChart->removeAllSeries();
    for (QAbstractAxis *axis : m_callsChart->axes())
        m_callsChart->removeAxis(axis);
    auto *series = new QStackedBarSeries;
    QList<QDateTime> hourStarts;
    for (const HourlyCalls &hour : std::as_const(hours))
        hourStarts << QDateTime::fromMSecsSinceEpoch(hour.hourStartMs);
    qint64 tallest = 0;
    QList<qint64> totals(hours.size(), 0);
    for (const CallStatus status : allCallStatuses()) {
        auto *set = new QBarSet(toString(status));
        set->setColor(StatusPillDelegate::colorFor(toString(status)));
        bool any = false;
        for (qsizetype i = 0; i < hours.size(); ++i) {
            const qint64 count = hours.at(i).byStatus.value(toString(status));
            *set << double(count);
            totals[i] += count;
            any = any || count > 0;
        }
        if (any)
            series->append(set);
        else
            delete set;
    }
    for (const qint64 total : std::as_const(totals))
        tallest = std::max(tallest, total);
    m_callsChart->addSeries(series);
    series->setBarWidth(0.8);
    auto *hoursAxis = new QCategoryAxis;
    hoursAxis->setObjectName(u"callsByStatusHours"_s);
    ChartAxes::hours(hoursAxis, hourStarts, 3);
    auto *countAxis = new QValueAxis;
    countAxis->setObjectName(u"callsByStatusCounts"_s);
    ChartAxes::counts(countAxis, tallest);
    m_callsChart->addAxis(hoursAxis, Qt::AlignBottom);
    m_callsChart->addAxis(countAxis, Qt::AlignLeft);
    series->attachAxis(hoursAxis);
    series->attachAxis(countAxis);
    ChartLook::follow(m_callsChart, palette());
}
