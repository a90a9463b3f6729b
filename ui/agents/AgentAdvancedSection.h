// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentFormSection.h"

class QCheckBox;
class QSpinBox;

// Recording, and the voice activity settings that decide when the callee has finished a turn.
class AgentAdvancedSection : public AgentFormSection
{
    Q_OBJECT
public:
    explicit AgentAdvancedSection(QWidget *parent = nullptr);

    void load(const AgentConfig &config) override;
    void store(AgentConfig &config) const override;

private:
    QCheckBox *m_recording;
    QSpinBox *m_turnEndDelay;
    QSpinBox *m_minimumTurn;
    QSpinBox *m_minimumInterruption;
};
