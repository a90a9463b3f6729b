// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentFormSection.h"

class QCheckBox;
class QLineEdit;

// Ultravox's built-in tools, each switched on here with its own settings.
class AgentToolsSection : public AgentFormSection
{
    Q_OBJECT
public:
    explicit AgentToolsSection(QWidget *parent = nullptr);

    void load(const AgentConfig &config) override;
    void store(AgentConfig &config) const override;

private:
    void updateEnabled();

    QCheckBox *m_hangUp;
    QCheckBox *m_hangUpStrict;
    QCheckBox *m_voicemail;
    QLineEdit *m_voicemailMessage;
    QCheckBox *m_transfer;
    QLineEdit *m_transferTarget;
    QCheckBox *m_dtmf;
};
