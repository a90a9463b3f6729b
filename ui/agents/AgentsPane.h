// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TestConsole.h"

#include <QPointer>
#include <QWidget>

#include <functional>

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
    // The region of phone numbers typed without a country code.
    void setDefaultRegion(const QString &region);
    void reload();
    // The agent selected in the table, or empty.
    QString currentAgentId() const;
    bool confirmLeave();
    // Opens this agent rather than the first one once the list is there (the agent shown when the
    // window last closed); the first one when it is gone.
    void reopen(const QString &agentId);

    // Writes the agents `ids` (all when empty) to `path` as an export file; returns the problem,
    // or empty when written.
    QString exportTo(const QString &path, const QStringList &ids);
    // Imports an export file; `done` gets a readable report (or why nothing was imported).
    void importFrom(const QString &path, std::function<void(const QString &report)> done);
    void showHistory();
    void duplicateCurrent();

    AgentEditor *editor() const { return m_editor; }
    class AgentHistoryDialog *historyDialog() const { return m_history; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchBox() const { return m_search; }
    AgentTableModel *model() const { return m_model; }
    // Opens the test console on the agent as it is in the form (a new window each time).
    TestConsole *openTestConsole();
    TestConsole *testConsole() const { return m_testConsole; }

Q_SIGNALS:
    void callRequested(const QString &agentId);
    void agentShown(const QString &agentId); // a saved agent opened in the form
    void message(const QString &text, int timeoutMs = 5000);

private:
    void select(const QString &id);
    void openSelected();
    void save();
    void removeCurrent();
    void retryCurrent();
    void showContextMenu(const QPoint &position);
    void loadVoices();
    void chooseExport(bool all);
    void chooseImport();

    CoreBridge &m_core;
    AgentTableModel *m_model;
    AgentFilterProxy *m_proxy;
    QLineEdit *m_search;
    QTableView *m_table;
    QLabel *m_count;
    AgentEditor *m_editor;
    class AgentHistoryDialog *m_history = nullptr;
    QString m_shownId;
    QString m_reopenId;
    bool m_selecting = false;
    QPointer<TestConsole> m_testConsole;
};
