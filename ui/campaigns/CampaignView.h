// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Campaign.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class CoreBridge;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class RecipientTableModel;

// One campaign: what it is, how far it got (a progress bar and the count of every recipient
// state, read with one grouped query), the buttons its status allows, and its recipients a page
// at a time. Follows the campaign live while it runs.
class CampaignView : public QWidget
{
    Q_OBJECT
public:
    CampaignView(CoreBridge &core, QWidget *parent = nullptr);

    void show(const std::optional<Campaign> &campaign);
    std::optional<Campaign> campaign() const { return m_campaign; }
    // Reads the campaign, its counts and the recipients shown again.
    void refresh();
    // Writes the results (every recipient with every attempt) to `path` as CSV.
    qint64 exportTo(const QString &path);

    QProgressBar *progressBar() const { return m_progress; }
    QLabel *countsLabel() const { return m_counts; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *rulesLabel() const { return m_rules; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *importButton() const { return m_import; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *showCallsButton() const { return m_showCalls; }
    QPushButton *retryUnknownButton() const { return m_retryUnknown; }
    QComboBox *stateFilter() const { return m_stateFilter; }
    RecipientTableModel *recipients() const { return m_recipients; }
    QTableView *recipientTable() const { return m_table; }

Q_SIGNALS:
    void editRequested(const Campaign &campaign);
    void importRequested(const Campaign &campaign);
    void showCallsRequested(const QString &campaignId);
    void message(const QString &text, int timeoutMs = 5000);

private:
    void run(int action);
    void updateButtons();
    void updateHeader();
    void exportResults();
    void scheduleRefresh();

    CoreBridge &m_core;
    std::optional<Campaign> m_campaign;
    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_rules;
    int m_accountLimit = -1; // the Ultravox account's calls at once, once the dispatcher read it
    QProgressBar *m_progress;
    QLabel *m_counts;
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_cancel;
    QPushButton *m_edit;
    QPushButton *m_import;
    QPushButton *m_export;
    QPushButton *m_showCalls;
    QPushButton *m_delete;
    QPushButton *m_retryUnknown; // shown while some recipients' last call has an unknown fate
    QComboBox *m_stateFilter;
    RecipientTableModel *m_recipients;
    QTableView *m_table;
    QLabel *m_recipientCount;
    QTimer m_coalesce; // many changes in a burst: one read
    QTimer m_poll;     // other team members' progress arrives with no signal here
};
