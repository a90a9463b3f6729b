// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentToolsSection.h"

#include "CallOutcome.h"
#include "PhoneNumbers.h"
#include "Validation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLineEdit>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// A tool's switch with its settings indented under it.
QWidget *toolBox(QCheckBox *toggle, QWidget *setting)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toggle);
    if (setting) {
        setting->setContentsMargins(22, 0, 0, 0);
        layout->addWidget(setting);
    }
    return box;
}
} // namespace

AgentToolsSection::AgentToolsSection(QWidget *parent)
    : AgentFormSection(parent)
    , m_hangUp(new QCheckBox(tr("Hang up"), this))
    , m_hangUpStrict(new QCheckBox(tr("Even if the callee speaks again"), this))
    , m_voicemail(new QCheckBox(tr("Leave a voicemail"), this))
    , m_voicemailMessage(new QLineEdit(this))
    , m_transfer(new QCheckBox(tr("Transfer to a person"), this))
    , m_transferTarget(new QLineEdit(this))
    , m_dtmf(new QCheckBox(tr("Play keypad tones (DTMF)"), this))
    , m_machines(new QComboBox(this))
{
    m_hangUp->setObjectName(u"toolHangUp"_s);
    m_hangUpStrict->setObjectName(u"toolHangUpStrict"_s);
    m_voicemail->setObjectName(u"toolLeaveVoicemail"_s);
    m_voicemailMessage->setObjectName(u"toolVoicemailMessage"_s);
    m_voicemailMessage->setPlaceholderText(tr("Empty: the agent words it from the call"));
    m_transfer->setObjectName(u"toolColdTransfer"_s);
    m_transferTarget->setObjectName(u"toolTransferTarget"_s);
    m_transferTarget->setPlaceholderText(tr("+1 415 555 0123"));
    m_dtmf->setObjectName(u"toolPlayDtmf"_s);
    m_machines->setObjectName(u"answeringMachines"_s);
    m_machines->addItem(tr("Not detected"), QString());
    m_machines->addItem(tr("Detect them, and hang up"), CallOutcome::OnMachineHangUp);
    m_machines->addItem(tr("Detect them, and leave the voicemail"),
                        CallOutcome::OnMachineVoicemail);

    QFormLayout *form = newForm();
    addRow(form, tr("hangUp"), toolBox(m_hangUp, m_hangUpStrict), u"tools.hang_up*"_s,
           tr("Lets the agent end the call when the conversation is over."));
    addRow(form, tr("leaveVoicemail"), toolBox(m_voicemail, m_voicemailMessage),
           u"tools.leave_voicemail*"_s,
           tr("On an answering machine: leave this message, then hang up."));
    addRow(form, tr("coldTransfer"), toolBox(m_transfer, m_transferTarget),
           u"tools.cold_transfer*"_s, tr("Hands the call to this number when asked for a person."));
    addRow(form, tr("playDtmfSounds"), toolBox(m_dtmf, nullptr), u"tools.play_dtmf_sounds*"_s,
           tr("Lets the agent press keys, to find its way through phone menus."));
    addRow(form, tr("Answering\n&machines"), m_machines, u"on_machine"_s,
           tr("Phone calls ask Twilio to tell people from machines first; the dial dialog and "
              "the API can choose otherwise per call. Leaving a voicemail needs its tool above."));

    for (QCheckBox *box : {m_hangUp, m_hangUpStrict, m_voicemail, m_transfer, m_dtmf})
        connect(box, &QCheckBox::toggled, this, [this] {
            updateEnabled();
            Q_EMIT changed();
        });
    connect(m_voicemailMessage, &QLineEdit::textChanged, this, &AgentFormSection::changed);
    connect(m_transferTarget, &QLineEdit::textChanged, this, &AgentFormSection::changed);
    connect(m_machines, &QComboBox::currentIndexChanged, this, &AgentFormSection::changed);
    load(AgentConfig{});
}

void AgentToolsSection::load(const AgentConfig &config)
{
    const BuiltInTools &tools = config.call.tools;
    m_hangUp->setChecked(tools.hangUp);
    m_hangUpStrict->setChecked(tools.hangUpStrict);
    m_voicemail->setChecked(tools.leaveVoicemail);
    m_voicemailMessage->setText(tools.voicemailMessage);
    m_transfer->setChecked(tools.coldTransfer);
    m_transferTarget->setText(tools.transferTarget);
    m_dtmf->setChecked(tools.playDtmfSounds);
    const int machines =
        m_machines->findData(config.call.machineDetection ? config.call.onMachine : QString());
    m_machines->setCurrentIndex(std::max(machines, 0));
    updateEnabled();
}

void AgentToolsSection::store(AgentConfig &config) const
{
    // A tool that is off keeps the default settings, as one left out of an API request does;
    // what was typed for it stays in the form in case it is switched on again.
    BuiltInTools tools;
    tools.hangUp = m_hangUp->isChecked();
    if (tools.hangUp)
        tools.hangUpStrict = m_hangUpStrict->isChecked();
    tools.leaveVoicemail = m_voicemail->isChecked();
    if (tools.leaveVoicemail)
        tools.voicemailMessage = m_voicemailMessage->text();
    tools.coldTransfer = m_transfer->isChecked();
    if (tools.coldTransfer) {
        // The dial dialog's reading of a number: "(415) 555-0100" is +14155550100. What the
        // parser cannot read is kept as typed, for showProblems() to say why.
        const QString typed = m_transferTarget->text().trimmed();
        const QString e164 = PhoneNumbers::normalize(typed, m_region).e164;
        tools.transferTarget = e164.isEmpty() ? typed : e164;
    }
    tools.playDtmfSounds = m_dtmf->isChecked();
    config.call.tools = tools;
    const QString onMachine = m_machines->currentData().toString();
    config.call.machineDetection = !onMachine.isEmpty();
    config.call.onMachine = onMachine.isEmpty() ? CallOutcome::OnMachineHangUp : onMachine;
}

int AgentToolsSection::showProblems(const QJsonObject &problems, bool show)
{
    // A number the parser cannot read: its own words ("Too short for a phone number"), not the
    // rule for numbers already in international format.
    QJsonObject shown = problems;
    const QString typed = m_transferTarget->text().trimmed();
    if (m_transfer->isChecked() && !typed.isEmpty()) {
        const QString problem = PhoneNumbers::normalize(typed, m_region).problem;
        if (!problem.isEmpty()) {
            shown.remove(u"tools.cold_transfer.target"_s);
            shown.insert(u"tools.cold_transfer"_s, tr("to: %1").arg(problem));
        }
    }
    return AgentFormSection::showProblems(shown, show);
}

void AgentToolsSection::updateEnabled()
{
    m_hangUpStrict->setEnabled(m_hangUp->isChecked());
    m_voicemailMessage->setEnabled(m_voicemail->isChecked());
    m_transferTarget->setEnabled(m_transfer->isChecked());
}
