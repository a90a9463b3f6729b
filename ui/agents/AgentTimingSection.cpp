// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentTimingSection.h"

#include "InactivityMessagesTable.h"
#include "Validation.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

AgentTimingSection::AgentTimingSection(QWidget *parent)
    : AgentFormSection(parent)
    , m_maxDuration(new QSpinBox(this))
    , m_joinTimeout(new QSpinBox(this))
    , m_timeExceeded(new QLineEdit(this))
    , m_inactivity(new InactivityMessagesTable(this))
{
    m_maxDuration->setObjectName(u"agentMaxDuration"_s);
    m_maxDuration->setRange(Rules::MaxDurationMinSeconds, Rules::MaxDurationMaxSeconds);
    m_maxDuration->setSingleStep(60);
    m_maxDuration->setSuffix(tr(" s"));
    m_joinTimeout->setObjectName(u"agentJoinTimeout"_s);
    m_joinTimeout->setRange(Rules::JoinTimeoutMinSeconds, Rules::JoinTimeoutMaxSeconds);
    m_joinTimeout->setSuffix(tr(" s"));
    m_timeExceeded->setObjectName(u"agentTimeExceededMessage"_s);
    m_timeExceeded->setPlaceholderText(tr("Sorry, we are out of time. Goodbye!"));

    QFormLayout *form = newForm();
    addRow(form, tr("Ma&ximum duration"), m_maxDuration, u"max_duration_seconds"_s,
           tr("The call ends after this long (%1-%2 s; default 3600, one hour).")
               .arg(Rules::MaxDurationMinSeconds)
               .arg(Rules::MaxDurationMaxSeconds));
    addRow(form, tr("&Join timeout"), m_joinTimeout, u"join_timeout_seconds"_s,
           tr("How long the phone line may take to connect to the agent (default 30 s)."));
    addRow(form, tr("Time-&up message"), m_timeExceeded, u"time_exceeded_message"_s,
           tr("Said just before the maximum duration hangs up; empty says nothing."));
    addRow(form, tr("&Inactivity"), m_inactivity, u"inactivity_messages*"_s,
           tr("Said in order while the callee is silent; each waits after the previous one."));

    connect(m_maxDuration, &QSpinBox::valueChanged, this, &AgentFormSection::changed);
    connect(m_joinTimeout, &QSpinBox::valueChanged, this, &AgentFormSection::changed);
    connect(m_timeExceeded, &QLineEdit::textChanged, this, &AgentFormSection::changed);
    connect(m_inactivity, &InactivityMessagesTable::changed, this, &AgentFormSection::changed);
    load(AgentConfig{});
}

void AgentTimingSection::load(const AgentConfig &config)
{
    m_maxDuration->setValue(config.call.maxDurationSeconds);
    m_joinTimeout->setValue(config.call.joinTimeoutSeconds);
    m_timeExceeded->setText(config.call.timeExceededMessage);
    m_inactivity->setMessages(config.call.inactivityMessages);
}

void AgentTimingSection::store(AgentConfig &config) const
{
    config.call.maxDurationSeconds = m_maxDuration->value();
    config.call.joinTimeoutSeconds = m_joinTimeout->value();
    config.call.timeExceededMessage = m_timeExceeded->text();
    config.call.inactivityMessages = m_inactivity->messages();
}
