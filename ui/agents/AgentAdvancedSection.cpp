// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentAdvancedSection.h"

#include "Validation.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace {
QSpinBox *millisecondBox(QWidget *parent, const QString &name)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, Rules::VadMaxMs);
    box->setSingleStep(32); // Ultravox's voice detection works in 32 ms frames
    box->setSuffix(QObject::tr(" ms"));
    return box;
}
} // namespace

AgentAdvancedSection::AgentAdvancedSection(QWidget *parent)
    : AgentFormSection(parent)
    , m_recording(new QCheckBox(tr("Record calls"), this))
    , m_turnEndDelay(millisecondBox(this, u"agentTurnEndDelay"_s))
    , m_minimumTurn(millisecondBox(this, u"agentMinimumTurn"_s))
    , m_minimumInterruption(millisecondBox(this, u"agentMinimumInterruption"_s))
{
    m_recording->setObjectName(u"agentRecording"_s);
    QFormLayout *form = newForm();
    addRow(form, tr("&Recording"), m_recording, u"recording_enabled"_s,
           tr("Ultravox keeps a recording of each call. Off by default; mind consent laws."));
    addRow(form, tr("Turn &end delay"), m_turnEndDelay, u"vad_turn_end_delay_ms"_s,
           tr("How long the agent waits once the callee seems done (default 384 ms)."));
    addRow(form, tr("Minimum t&urn"), m_minimumTurn, u"vad_minimum_turn_duration_ms"_s,
           tr("Shorter speech is ignored, e.g. in noisy places (default 0 ms)."));
    addRow(form, tr("Minimum interr&uption"), m_minimumInterruption,
           u"vad_minimum_interruption_duration_ms"_s,
           tr("How long the callee must speak to interrupt the agent (default 90 ms)."));

    connect(m_recording, &QCheckBox::toggled, this, &AgentFormSection::changed);
    for (QSpinBox *box : {m_turnEndDelay, m_minimumTurn, m_minimumInterruption})
        connect(box, &QSpinBox::valueChanged, this, &AgentFormSection::changed);
    load(AgentConfig{});
}

void AgentAdvancedSection::load(const AgentConfig &config)
{
    m_recording->setChecked(config.call.recordingEnabled);
    m_turnEndDelay->setValue(config.call.vadTurnEndDelayMs);
    m_minimumTurn->setValue(config.call.vadMinimumTurnDurationMs);
    m_minimumInterruption->setValue(config.call.vadMinimumInterruptionDurationMs);
}

void AgentAdvancedSection::store(AgentConfig &config) const
{
    config.call.recordingEnabled = m_recording->isChecked();
    config.call.vadTurnEndDelayMs = m_turnEndDelay->value();
    config.call.vadMinimumTurnDurationMs = m_minimumTurn->value();
    config.call.vadMinimumInterruptionDurationMs = m_minimumInterruption->value();
}
