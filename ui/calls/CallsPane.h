// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CallRepository.h"

#include <QTimer>
#include <QWidget>

class CallDetails;
class CallLogModel;
class CoreBridge;
class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
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
    void focusSearch();
    CallLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    CallDetails *details() const { return m_details; }
    QComboBox *kindFilter() const { return m_kind; }
    QComboBox *campaignFilter() const { return m_campaign; }
    // Shows only the calls of one campaign (empty: of all).
    void setCampaignFilter(const QString &campaignId);
    QPushButton *deleteTestButton() const { return m_deleteTest; }
    // Exports what the filters show; `path` ending in .json writes JSON, otherwise CSV.
    qint64 exportTo(const QString &path);

Q_SIGNALS:
    void callAgainRequested(const CallRecord &call);
    void message(const QString &text, int timeoutMs = 5000);

private:
    CallFilter currentFilter() const;
    void applyFilter();
    void exportFiltered();
    void updateCount();
    void reloadCampaigns();

    CoreBridge &m_core;
    CallLogModel *m_model;
    QComboBox *m_agent;
    QComboBox *m_status;
    QComboBox *m_kind;     // all calls, phone calls only, test calls only
    QComboBox *m_campaign; // all campaigns, or one
    QPushButton *m_deleteTest;
    QLineEdit *m_number;
    QCheckBox *m_useDates;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLineEdit *m_search;
    QComboBox *m_outcome; // answered by, end reason, cost status
    QTableView *m_table;
    QLabel *m_count;
    CallDetails *m_details;
    QTimer m_typing;
};
