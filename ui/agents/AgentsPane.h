// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class AgentEditor;
class AgentFilterProxy;
class AgentTableModel;
class CoreBridge;
class QLabel;
class QLineEdit;
class QTableView;
struct Agent;

// Agents: the table with its search box on the left, the form on the right.
class AgentsPane : public QWidget
{
    Q_OBJECT
public:
    AgentsPane(CoreBridge &core, QWidget *parent = nullptr);

    void newAgent();
    void reload();
    // The agent selected in the table, or empty.
    QString currentAgentId() const;
    bool confirmLeave();

    AgentEditor *editor() const { return m_editor; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchBox() const { return m_search; }
    AgentTableModel *model() const { return m_model; }

Q_SIGNALS:
    void callRequested(const QString &agentId);
    void message(const QString &text, int timeoutMs = 5000);

private:
    void select(const QString &id);
    void openSelected();
    void save();
    void removeCurrent();
    void retryCurrent();
    void showContextMenu(const QPoint &position);
    void loadVoices();

    CoreBridge &m_core;
    AgentTableModel *m_model;
    AgentFilterProxy *m_proxy;
    QLineEdit *m_search;
    QTableView *m_table;
    QLabel *m_count;
    AgentEditor *m_editor;
    QString m_shownId;
    bool m_selecting = false;
};
