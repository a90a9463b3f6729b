// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentRevisionRepository.h"

#include <QDialog>
#include <QHash>

class CoreBridge;
class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

// An agent's history: every saved revision (when, from where, by whom), the side-by-side
// difference of any two, and Restore, which saves the chosen revision's configuration as a new
// revision and updates Ultravox.
class AgentHistoryDialog : public QDialog
{
    Q_OBJECT
public:
    AgentHistoryDialog(CoreBridge &core, const QString &agentId, QWidget *parent = nullptr);

    // Reads the revisions again (after a restore, or a change elsewhere).
    void reload();
    // Compares revision `left` with revision `right` (numbers).
    void compare(qint64 left, qint64 right);

    QListWidget *list() const { return m_list; }
    QTableWidget *differences() const { return m_differences; }
    QPushButton *restoreButton() const { return m_restore; }
    QComboBox *leftChoice() const { return m_left; }
    QComboBox *rightChoice() const { return m_right; }

    // Voice id -> name, so that the comparison names voices as the form does.
    void setVoiceNames(const QHash<QString, QString> &names);

Q_SIGNALS:
    void restored(const Agent &agent);

private:
    void showDifference();
    void restoreSelected();
    std::optional<AgentRevision> revisionNumbered(qint64 number) const;

    CoreBridge &m_core;
    QString m_agentId;
    QHash<QString, QString> m_voiceNames;
    QList<AgentRevision> m_revisions; // newest first
    QListWidget *m_list;
    QComboBox *m_left;
    QComboBox *m_right;
    QCheckBox *m_onlyChanges;
    QTableWidget *m_differences;
    QLabel *m_status;
    QPushButton *m_restore;
};
