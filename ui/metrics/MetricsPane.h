// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QTimer>
#include <QWidget>

#include <memory>

class ApiCallTableModel;
class CoreBridge;
class EventTableModel;
class EventWords;
class OutcomesPanel;
class QBarCategoryAxis;
class QChart;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QStackedBarSeries;
class QValueAxis;
class SummaryCard;

// The spec's figures as cards, charts over time and the latest events and API requests,
// refreshed every two seconds while shown and added to as they happen.
class MetricsPane : public QWidget
{
    Q_OBJECT
public:
    MetricsPane(CoreBridge &core, QWidget *parent = nullptr);
    ~MetricsPane() override;
    void refresh();
    QJsonObject lastSnapshot() const { return m_snapshot; }
    EventTableModel *events() const { return m_events; }
    ApiCallTableModel *apiCalls() const { return m_apiCalls; }
    OutcomesPanel *outcomes() const { return m_outcomes; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showSnapshot(const QJsonObject &snapshot);
    void updateCharts();

    CoreBridge &m_core;
    QJsonObject m_snapshot;
    SummaryCard *m_requests;
    SummaryCard *m_responseTimes;
    SummaryCard *m_calls;
    SummaryCard *m_agents;
    QLineSeries *m_requestSeries;
    QLineSeries *m_errorSeries;
    QDateTimeAxis *m_requestTime;
    QValueAxis *m_requestCount;
    QLineSeries *m_p95Series;
    QLineSeries *m_p99Series;
    QDateTimeAxis *m_latencyTime;
    QValueAxis *m_latencyAxis;
    QChart *m_callsChart;
    OutcomesPanel *m_outcomes;
    EventTableModel *m_events;
    ApiCallTableModel *m_apiCalls;
    std::unique_ptr<EventWords> m_eventWords;
    QTimer m_timer;
};
