// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CallRepository.h"

#include <QWidget>

class CallDetails;
class CallFilterBar;
class CallLogModel;
class CoreBridge;
class QAbstractItemModel;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

// The call log: filters by agent, status, campaign, number and date, free-text search, the calls as
// they happen, a detail panel with the transcript, Call again, and export of what is shown.
class CallsPane : public QWidget
{
    Q_OBJECT
public:
    CallsPane(CoreBridge &core, QAbstractItemModel *agents, QWidget *parent = nullptr);

    void reload();
    void showCall(const QString &callId);
    // Shows the call selected in the log (setting the filters back to All if they hide it).
    void openCall(const QString &callId);
    void focusSearch();
    CallLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    CallDetails *details() const { return m_details; }
    QComboBox *kindFilter() const;
    QComboBox *campaignFilter() const;
    QComboBox *agentFilter() const;
    QPushButton *resetFiltersButton() const;
    // Shows only the calls of one campaign (empty: of all).
    void setCampaignFilter(const QString &campaignId);
    QPushButton *deleteTestButton() const { return m_deleteTest; }
    // Exports what the filters show; `path` ending in .json writes JSON, otherwise CSV.
    qint64 exportTo(const QString &path);

Q_SIGNALS:
    void callAgainRequested(const CallRecord &call);
    void message(const QString &text, int timeoutMs = 5000);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void keepGlanceColumnsInView();
    CallFilter currentFilter() const;
    void applyFilter();
    void exportFiltered();
    void updateCount();

    CoreBridge &m_core;
    CallLogModel *m_model;
    CallFilterBar *m_filters;
    QPushButton *m_deleteTest;
    QTableView *m_table;
    QLabel *m_count;
    CallDetails *m_details;
    QSplitter *m_splitter;
};
