// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentFormSection.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

// Who speaks first and how the agent opens; the model and its temperature.
class AgentConversationSection : public AgentFormSection
{
    Q_OBJECT
public:
    explicit AgentConversationSection(QWidget *parent = nullptr);

    void load(const AgentConfig &config) override;
    void store(AgentConfig &config) const override;

    enum Opening { GeneratedFromPrompt, FixedText, GeneratedFromInstruction };

private:
    void updateEnabled();

    QComboBox *m_firstSpeaker;
    QComboBox *m_opening;
    QLineEdit *m_greeting;
    QSpinBox *m_delay;
    QCheckBox *m_interruptible;
    QComboBox *m_model;
    QDoubleSpinBox *m_temperature;
    double m_loadedTemperature = 0.0; // kept when the spin box shows it rounded
};
