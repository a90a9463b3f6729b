// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentFormSection.h"

class InactivityMessagesTable;
class QLineEdit;
class QSpinBox;

// How long a call may last and wait, and what the agent says when the callee goes quiet.
class AgentTimingSection : public AgentFormSection
{
    Q_OBJECT
public:
    explicit AgentTimingSection(QWidget *parent = nullptr);

    void load(const AgentConfig &config) override;
    void store(AgentConfig &config) const override;
    InactivityMessagesTable *inactivity() const { return m_inactivity; }

private:
    QSpinBox *m_maxDuration;
    QSpinBox *m_joinTimeout;
    QLineEdit *m_timeExceeded;
    InactivityMessagesTable *m_inactivity;
};
