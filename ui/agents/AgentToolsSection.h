// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentFormSection.h"

class QCheckBox;
class QComboBox;
class QLineEdit;

// Ultravox's built-in tools, each switched on here with its own settings, and what the agent's
// phone calls do when an answering machine picks up (which leaves the voicemail with its tool).
class AgentToolsSection : public AgentFormSection
{
    Q_OBJECT
public:
    explicit AgentToolsSection(QWidget *parent = nullptr);

    void load(const AgentConfig &config) override;
    void store(AgentConfig &config) const override;
    int showProblems(const QJsonObject &problems, bool show) override;
    // The region of numbers typed without a country code (the settings' default region).
    void setDefaultRegion(const QString &region) { m_region = region; }

private:
    void updateEnabled();

    QCheckBox *m_hangUp;
    QCheckBox *m_hangUpStrict;
    QCheckBox *m_voicemail;
    QLineEdit *m_voicemailMessage;
    QCheckBox *m_transfer;
    QLineEdit *m_transferTarget;
    QCheckBox *m_dtmf;
    QComboBox *m_machines; // machine_detection and on_machine
    QString m_region = QStringLiteral("US");
};
