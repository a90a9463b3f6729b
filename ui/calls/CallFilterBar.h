// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CallRepository.h"

#include <QTimer>
#include <QWidget>

class CoreBridge;
class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QHBoxLayout;
class QLineEdit;
class QPushButton;

// The call log's filters: free text, agent, status, outcome, kind, campaign, number and dates.
// Every list starts on its "All ..." entry, and Reset filters puts them all back there in one
// click, so a log that shows fewer calls than were made says why and is one click from all.
class CallFilterBar : public QWidget
{
    Q_OBJECT
public:
    CallFilterBar(CoreBridge &core, QAbstractItemModel *agents, QWidget *parent = nullptr);

    CallFilter filter() const;
    bool isFiltering() const; // anything but "all calls"
    void reset();
    void setCampaign(const QString &campaignId); // empty: all campaigns
    void focusSearch();
    void addTrailingWidget(QWidget *widget); // after the filters (Export…)

    QComboBox *agentFilter() const { return m_agent; }
    QComboBox *kindFilter() const { return m_kind; }
    QComboBox *campaignFilter() const { return m_campaign; }
    QPushButton *resetButton() const { return m_reset; }

Q_SIGNALS:
    void changed();

private:
    void reloadCampaigns();
    void agentsChanged();
    void emitChanged();

    CoreBridge &m_core;
    QLineEdit *m_search;
    QComboBox *m_agent;
    QString m_agentId; // the agent chosen, kept while the agents' list changes under it
    bool m_agentsChanging = false;
    QComboBox *m_status;
    QComboBox *m_outcome; // answered by, end reason, cost status
    QComboBox *m_kind;    // all calls, phone calls only, test calls only
    QComboBox *m_campaign;
    QLineEdit *m_number;
    QCheckBox *m_useDates;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QPushButton *m_reset;
    QHBoxLayout *m_secondRow;
    QTimer m_typing;
};
