// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentConversationSection.h"

#include "Validation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
constexpr int TemperatureDecimals = 2;

double rounded(double value)
{
    const double scale = std::pow(10.0, TemperatureDecimals);
    return std::round(value * scale) / scale;
}
} // namespace

AgentConversationSection::AgentConversationSection(QWidget *parent)
    : AgentFormSection(parent)
    , m_firstSpeaker(new QComboBox(this))
    , m_opening(new QComboBox(this))
    , m_greeting(new QLineEdit(this))
    , m_delay(new QSpinBox(this))
    , m_interruptible(new QCheckBox(tr("The callee may interrupt the opening"), this))
    , m_model(new QComboBox(this))
    , m_temperature(new QDoubleSpinBox(this))
{
    m_firstSpeaker->setObjectName(u"agentFirstSpeaker"_s);
    m_firstSpeaker->addItem(tr("The callee (recommended for outbound calls)"), u"callee"_s);
    m_firstSpeaker->addItem(tr("The agent"), u"agent"_s);
    m_opening->setObjectName(u"agentOpening"_s);
    m_opening->addItem(tr("Worded by the agent from its prompt"));
    m_opening->addItem(tr("This exact line"));
    m_opening->addItem(tr("Worded by the agent from this instruction"));
    m_greeting->setObjectName(u"agentGreeting"_s);
    m_greeting->setPlaceholderText(tr("Hi, this is Anna from Acme. Is now a good time?"));
    m_delay->setObjectName(u"agentGreetingDelay"_s);
    m_delay->setRange(0, Rules::GreetingDelayMaxMs);
    m_delay->setSingleStep(250);
    m_delay->setSuffix(tr(" ms"));
    m_interruptible->setObjectName(u"agentInterruptible"_s);
    m_model->setObjectName(u"agentModel"_s);
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->addItems({QString(), u"ultravox-v0.7"_s, u"ultravox-v0.6"_s, u"fixie-ai/ultravox"_s});
    m_model->lineEdit()->setPlaceholderText(tr("Ultravox's default"));
    m_temperature->setObjectName(u"agentTemperature"_s);
    m_temperature->setRange(0.0, 1.0);
    m_temperature->setDecimals(TemperatureDecimals);
    m_temperature->setSingleStep(0.1);

    QFormLayout *form = newForm();
    addRow(form, tr("&First speaker"), m_firstSpeaker, u"first_speaker"_s,
           tr("Outbound: let the callee say hello, so an answering machine is not talked over."));
    addRow(form, tr("&Opening"), m_opening, u"opening"_s,
           tr("What the agent says first when it speaks first."));
    addRow(form, tr("Opening &text"), m_greeting, u"greeting_text|greeting_prompt"_s,
           tr("The line itself, or the instruction to word it from (up to %1 characters).")
               .arg(Rules::SpokenTextMax));
    addRow(form, tr("&Delay"), m_delay, u"greeting_delay_ms"_s,
           tr("Wait this long before the opening, so the callee is ready (0-%1 ms).")
               .arg(Rules::GreetingDelayMaxMs));
    addRow(form, tr("Interruptible"), m_interruptible, u"greeting_interruptible"_s, {});
    addRow(form, tr("&Model"), m_model, u"model"_s,
           tr("Leave empty for Ultravox's current default model."));
    addRow(form, tr("&Temperature"), m_temperature, u"temperature"_s,
           tr("0 keeps answers steady; up to 1 makes them more varied. Default 0."));

    connect(m_firstSpeaker, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        Q_EMIT changed();
    });
    connect(m_opening, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        Q_EMIT changed();
    });
    connect(m_greeting, &QLineEdit::textChanged, this, &AgentFormSection::changed);
    connect(m_delay, &QSpinBox::valueChanged, this, &AgentFormSection::changed);
    connect(m_interruptible, &QCheckBox::toggled, this, &AgentFormSection::changed);
    connect(m_model, &QComboBox::currentTextChanged, this, &AgentFormSection::changed);
    connect(m_temperature, &QDoubleSpinBox::valueChanged, this, &AgentFormSection::changed);
    load(AgentConfig{});
}

void AgentConversationSection::load(const AgentConfig &config)
{
    const CallSettings &call = config.call;
    m_firstSpeaker->setCurrentIndex(call.firstSpeaker == FirstSpeaker::Agent ? 1 : 0);
    m_opening->setCurrentIndex(!call.greetingText.isEmpty()     ? FixedText
                               : !call.greetingPrompt.isEmpty() ? GeneratedFromInstruction
                                                                : GeneratedFromPrompt);
    m_greeting->setText(!call.greetingText.isEmpty() ? call.greetingText : call.greetingPrompt);
    m_delay->setValue(call.greetingDelayMs);
    m_interruptible->setChecked(call.greetingInterruptible);
    m_model->setCurrentText(call.model);
    m_loadedTemperature = call.temperature;
    m_temperature->setValue(call.temperature);
    updateEnabled();
}

void AgentConversationSection::store(AgentConfig &config) const
{
    CallSettings &call = config.call;
    call.firstSpeaker =
        m_firstSpeaker->currentIndex() == 1 ? FirstSpeaker::Agent : FirstSpeaker::Callee;
    // The opening's settings mean something only when the agent speaks first; otherwise they
    // keep their defaults, as an API client that leaves them out gets.
    const CallSettings defaults;
    call.greetingText = defaults.greetingText;
    call.greetingPrompt = defaults.greetingPrompt;
    call.greetingDelayMs = defaults.greetingDelayMs;
    call.greetingInterruptible = defaults.greetingInterruptible;
    if (call.firstSpeaker == FirstSpeaker::Agent) {
        if (m_opening->currentIndex() == FixedText)
            call.greetingText = m_greeting->text();
        else if (m_opening->currentIndex() == GeneratedFromInstruction)
            call.greetingPrompt = m_greeting->text();
        call.greetingDelayMs = m_delay->value();
        call.greetingInterruptible = m_interruptible->isChecked();
    }
    call.model = m_model->currentText().trimmed();
    call.temperature = rounded(m_loadedTemperature) == m_temperature->value()
                           ? m_loadedTemperature
                           : m_temperature->value();
}

void AgentConversationSection::updateEnabled()
{
    const bool agentFirst = m_firstSpeaker->currentIndex() == 1;
    m_opening->setEnabled(agentFirst);
    m_greeting->setEnabled(agentFirst && m_opening->currentIndex() != GeneratedFromPrompt);
    m_delay->setEnabled(agentFirst);
    m_interruptible->setEnabled(agentFirst);
}
