// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Campaign.h"

#include <QDialog>
#include <QHash>
#include <QSet>

#include <optional>

class CoreBridge;
class FieldMessage;
class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// Creates or changes a campaign: name, agent, pace, calling hours, retries and start time. Each
// field is checked with readCampaignJson(), the rules the REST API applies, and its message shows
// under it once the field was touched, and under every field on a save attempt.
class CampaignForm : public QDialog
{
    Q_OBJECT
public:
    CampaignForm(CoreBridge &core, QAbstractItemModel *agents, QWidget *parent = nullptr);

    void edit(const Campaign &campaign);
    // The request body the form stands for (all fields: a PUT of them changes everything).
    QJsonObject toJson() const;
    // REST field name -> rule message, as the API would answer.
    QJsonObject problems() const;
    // The message shown under `field` (REST name), or empty.
    QString shownProblem(const QString &field) const;
    void save();

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *agentBox() const { return m_agent; }
    QSpinBox *concurrentBox() const { return m_concurrent; }
    QSpinBox *perMinuteBox() const { return m_perMinute; }
    QLineEdit *hoursStartEdit() const { return m_hoursStart; }
    QLineEdit *hoursEndEdit() const { return m_hoursEnd; }
    QComboBox *zoneBox() const { return m_zone; }
    QSpinBox *attemptsBox() const { return m_attempts; }
    QSpinBox *retryDelayBox() const { return m_retryDelay; }
    QCheckBox *dayBox(int day) const { return m_days.at(day); }
    QCheckBox *retryBox(const QString &outcome) const { return m_retryOn.value(outcome); }
    QCheckBox *startLaterBox() const { return m_startLater; }
    QDateTimeEdit *startAtEdit() const { return m_startAt; }
    QPushButton *saveButton() const { return m_save; }
    QLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    void saved(const Campaign &campaign);

private:
    QWidget *row(QFormLayout *form, const QString &label, QWidget *editor, const QString &field);
    void touch(const QString &field);
    void showProblems(const QJsonObject &problems);

    CoreBridge &m_core;
    std::optional<Campaign> m_editing;
    QLineEdit *m_name;
    QComboBox *m_agent;
    QSpinBox *m_concurrent;
    QSpinBox *m_perMinute;
    QLineEdit *m_hoursStart;
    QLineEdit *m_hoursEnd;
    QList<QCheckBox *> m_days;
    QComboBox *m_zone;
    QSpinBox *m_attempts;
    QSpinBox *m_retryDelay;
    QHash<QString, QCheckBox *> m_retryOn;
    QCheckBox *m_startLater;
    QDateTimeEdit *m_startAt;
    QLabel *m_error;
    QPushButton *m_save;

    struct Message
    {
        FieldMessage *line;
        QString label;
    };
    QHash<QString, Message> m_messages; // REST field name -> its line
    QSet<QString> m_touched;
    QJsonObject m_baseline; // the form as it opened: Save is on once it differs
    bool m_showAll = false;
};
