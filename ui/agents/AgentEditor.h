// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"
#include "ProviderTypes.h"

#include <QWidget>

#include <optional>

class FieldMessage;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class VariablesTable;

// The agent form. Every field is checked with the spec's rules as it is typed, the message shown
// under it, and Save stays disabled while anything is wrong or nothing changed.
class AgentEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AgentEditor(QWidget *parent = nullptr);

    void editNew();
    void edit(const Agent &agent);
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

    // For tests and the status line.
    QString problemOf(const QString &field) const;
    QPushButton *saveButton() const { return m_save; }

Q_SIGNALS:
    void saveRequested();
    void deleteRequested();
    void retryRequested();
    void callRequested();
    void dirtyChanged(bool dirty);

private:
    void validate();
    void showAgentStatus();
    void updatePromptCount();

    QString m_agentId;
    std::optional<Agent> m_loaded;
    AgentConfig m_baseline;
    bool m_valid = false;
    bool m_wasDirty = false;
    // A new, untouched form does not greet the operator with "must not be empty".
    bool m_showProblems = false;

    QLabel *m_title;
    QFrame *m_statusBanner;
    QLabel *m_statusText;
    QPushButton *m_retry;
    QLineEdit *m_name;
    FieldMessage *m_nameMessage;
    QPlainTextEdit *m_prompt;
    QLabel *m_promptCount;
    FieldMessage *m_promptMessage;
    QComboBox *m_voice;
    FieldMessage *m_voiceMessage;
    QComboBox *m_language;
    FieldMessage *m_languageMessage;
    VariablesTable *m_variables;
    FieldMessage *m_variablesMessage;
    QLabel *m_busy;
    QPushButton *m_save;
    QPushButton *m_revert;
    QPushButton *m_delete;
    QPushButton *m_call;
};
