// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"
#include "ProviderTypes.h"

#include <QSet>
#include <QWidget>

#include <optional>

class AgentBasicsSection;
class AgentFormSection;
class AgentToolsSection;
class FoldingSection;
class QFrame;
class QLabel;
class QPushButton;
class QScrollArea;

// The agent form: folding sections (Basics, Conversation, Timing, Tools, Advanced), each field
// with its default filled in and a short hint. Every field is checked with the REST API's rules
// as it is typed, the message shown under it (and counted on the section's header when folded),
// and Save stays disabled while anything is wrong or nothing changed.
class AgentEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AgentEditor(QWidget *parent = nullptr);

    void editNew();
    void edit(const Agent &agent);
    // Starts a new agent from `config` (a duplicate, for instance), unsaved.
    void editNewFrom(const AgentConfig &config);
    // The region of phone numbers typed without a country code (the transfer number).
    void setDefaultRegion(const QString &region);
    // The agent changed elsewhere (a script, another window): reload it unless the form has
    // unsaved changes, which are kept.
    void agentChangedElsewhere(const Agent &agent);
    void agentRemovedElsewhere(const QString &id);
    void setVoices(const QList<Voice> &voices, const QString &problem = {});
    void setBusy(bool busy, const QString &message = {});

    bool isDirty() const;
    bool isValid() const { return m_valid; }
    bool isNew() const { return m_agentId.isEmpty(); }
    QString agentId() const { return m_agentId; }
    std::optional<qint64> loadedVersion() const;
    AgentConfig config() const;
    // Asks what to do with unsaved changes; true when it is fine to show something else.
    bool confirmLeave();

    // For tests and the status line: the message under a field, by its REST name.
    QString problemOf(const QString &field) const;
    QPushButton *saveButton() const { return m_save; }
    QPushButton *historyButton() const { return m_history; }
    const QList<FoldingSection *> &sections() const { return m_folds; }
    FoldingSection *section(const QString &title) const;
    QPushButton *testButton() const { return m_test; }

Q_SIGNALS:
    void saveRequested();
    void deleteRequested();
    void retryRequested();
    void callRequested();
    void historyRequested();
    void duplicateRequested();
    // The test console, for the agent as it is in the form (saved or not).
    void testRequested();
    void dirtyChanged(bool dirty);

private:
    void validate();
    void showAgentStatus();
    void loadConfig(const AgentConfig &config);

    QString m_agentId;
    std::optional<Agent> m_loaded;
    AgentConfig m_baseline;
    bool m_valid = false;
    bool m_wasDirty = false;
    bool m_loading = false;
    // A new, untouched form does not greet the operator with "must not be empty".
    bool m_showProblems = false;
    QSet<QString> m_touched; // REST names of the fields changed since the form was loaded

    QLabel *m_title;
    QLabel *m_revision;
    QFrame *m_statusBanner;
    QLabel *m_statusText;
    QPushButton *m_retry;
    AgentBasicsSection *m_basics;
    AgentToolsSection *m_tools;
    QList<AgentFormSection *> m_parts;
    QList<FoldingSection *> m_folds;
    QScrollArea *m_scroll;
    QLabel *m_busy;
    QPushButton *m_save;
    QPushButton *m_test;
    QPushButton *m_revert;
    QPushButton *m_delete;
    QPushButton *m_call;
    QPushButton *m_history;
    QPushButton *m_duplicate;
};
