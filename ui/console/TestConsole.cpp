// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestConsole.h"

#include "ConsoleSession.h"
#include "CoreBridge.h"
#include "QtAudioBackend.h"
#include "Theme.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// The data-messages panel keeps the newest lines only: a long voice call sends many.
constexpr int DataMessagesKept = 2000;
} // namespace

TestConsole::TestConsole(CoreBridge &core, const QString &agentId, const AgentConfig &config,
                         AudioBackend *audio, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_core(core)
    , m_agentId(agentId)
    , m_config(config)
    , m_audio(audio)
    , m_context(new QTableWidget(this))
    , m_text(new QRadioButton(tr("&Text"), this))
    , m_voice(new QRadioButton(tr("&Voice"), this))
    , m_inputDevice(new QComboBox(this))
    , m_level(new QProgressBar(this))
    , m_mute(new QCheckBox(tr("&Mute"), this))
    , m_voiceRow(new QWidget(this))
    , m_start(new QPushButton(tr("&Start test call"), this))
    , m_hangUp(new QPushButton(tr("&Hang up"), this))
    , m_status(new QLabel(this))
    , m_roundTrip(new QLabel(this))
    , m_agentState(new QLabel(this))
    , m_transcript(new QTextBrowser(this))
    , m_input(new QLineEdit(this))
    , m_send(new QPushButton(tr("Sen&d"), this))
    , m_dataToggle(new QToolButton(this))
    , m_dataMessages(new QPlainTextEdit(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Test %1").arg(config.name.isEmpty() ? tr("new agent") : config.name));
    resize(760, 640);

    const QStringList names = contextNames(config);
    m_context->setColumnCount(2);
    m_context->setHorizontalHeaderLabels({tr("Variable"), tr("Value")});
    m_context->horizontalHeader()->setStretchLastSection(true);
    m_context->verticalHeader()->hide();
    m_context->setRowCount(int(names.size()));
    const QJsonObject defaults = config.templateVariablesJson();
    for (int row = 0; row < names.size(); ++row) {
        auto *name = new QTableWidgetItem(names.at(row));
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        m_context->setItem(row, 0, name);
        m_context->setItem(row, 1, new QTableWidgetItem(defaults.value(names.at(row)).toString()));
    }
    m_context->setMaximumHeight(names.isEmpty() ? 60 : 120);

    m_text->setChecked(true);
    for (const QAudioDevice &device : QMediaDevices::audioInputs())
        m_inputDevice->addItem(device.description(), QVariant::fromValue(device));
    if (m_inputDevice->count() == 0)
        m_inputDevice->addItem(tr("No microphone found"));
    m_level->setRange(0, 100);
    m_level->setTextVisible(false);
    m_level->setMaximumHeight(12);
    m_level->setAccessibleName(tr("Microphone level"));
    auto *voiceLayout = new QHBoxLayout(m_voiceRow);
    voiceLayout->setContentsMargins(0, 0, 0, 0);
    voiceLayout->addWidget(new QLabel(tr("Microphone:"), this));
    voiceLayout->addWidget(m_inputDevice, 1);
    voiceLayout->addWidget(m_level, 1);
    voiceLayout->addWidget(m_mute);
    m_voiceRow->setVisible(false);

    auto *mediumRow = new QHBoxLayout;
    mediumRow->addWidget(new QLabel(tr("Talk by:"), this));
    mediumRow->addWidget(m_text);
    mediumRow->addWidget(m_voice);
    mediumRow->addStretch();
    mediumRow->addWidget(m_start);
    mediumRow->addWidget(m_hangUp);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_agentState);
    statusRow->addWidget(m_roundTrip);

    m_transcript->setAccessibleName(tr("Transcript"));
    m_input->setPlaceholderText(tr("Type what the caller says, then Enter"));
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_send);

    m_dataToggle->setText(tr("Data messages"));
    m_dataToggle->setCheckable(true);
    m_dataToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_dataToggle->setArrowType(Qt::RightArrow);
    m_dataToggle->setAutoRaise(true);
    m_dataMessages->setReadOnly(true);
    m_dataMessages->setMaximumBlockCount(DataMessagesKept);
    m_dataMessages->setVisible(false);
    m_dataMessages->setMaximumHeight(140);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Template context"), this));
    layout->addWidget(m_context);
    layout->addLayout(mediumRow);
    layout->addWidget(m_voiceRow);
    layout->addLayout(statusRow);
    layout->addWidget(m_transcript, 1);
    layout->addLayout(inputRow);
    layout->addWidget(m_dataToggle);
    layout->addWidget(m_dataMessages);

    connect(m_voice, &QRadioButton::toggled, m_voiceRow, &QWidget::setVisible);
    connect(m_start, &QPushButton::clicked, this, &TestConsole::startCall);
    connect(m_hangUp, &QPushButton::clicked, this, &TestConsole::hangUp);
    connect(m_send, &QPushButton::clicked, this, [this] { sendText(m_input->text()); });
    connect(m_input, &QLineEdit::returnPressed, this, [this] { sendText(m_input->text()); });
    connect(m_mute, &QCheckBox::toggled, this, [this](bool muted) {
        if (m_session)
            m_session->setMuted(muted);
    });
    connect(m_dataToggle, &QToolButton::toggled, this, [this](bool open) {
        m_dataMessages->setVisible(open);
        m_dataToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    setRunning(false);
    m_status->setText(core.isSandbox() ? tr("Sandbox: the simulated agent answers; nothing is "
                                            "billed.")
                                       : tr("Starts an Ultravox call without a phone line."));
}

TestConsole::~TestConsole()
{
    // The session's destructor sends hang_up and closes the socket if the call still runs; the
    // record is finished with what was said so far.
    if (m_session && m_session->phase() != ConsoleSession::Phase::Ended && !m_callId.isEmpty())
        m_core.finishTestCall(m_callId, m_session->transcript(true), u"hangup"_s,
                              replyTo(this, [](const CallResult &) {}));
    delete m_session.data();
}

QStringList TestConsole::contextNames(const AgentConfig &config)
{
    QStringList names;
    for (const auto &[key, value] : config.templateVariables)
        names << key;
    for (const QString &placeholder : promptPlaceholders(config.prompt)) {
        if (!names.contains(placeholder))
            names << placeholder;
    }
    return names;
}

void TestConsole::setMedium(ConsoleProtocol::Medium medium)
{
    (medium == ConsoleProtocol::Medium::Text ? m_text : m_voice)->setChecked(true);
}

void TestConsole::setContextValue(const QString &name, const QString &value)
{
    for (int row = 0; row < m_context->rowCount(); ++row) {
        if (m_context->item(row, 0)->text() == name)
            m_context->item(row, 1)->setText(value);
    }
}

QJsonObject TestConsole::templateContext() const
{
    QJsonObject context;
    for (int row = 0; row < m_context->rowCount(); ++row) {
        const QString value = m_context->item(row, 1) ? m_context->item(row, 1)->text() : QString();
        if (!value.isEmpty())
            context.insert(m_context->item(row, 0)->text(), value);
    }
    return context;
}

bool TestConsole::isInCall() const
{
    return m_session && m_session->phase() != ConsoleSession::Phase::Ended;
}

void TestConsole::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_hangUp->setEnabled(running);
    m_text->setEnabled(!running);
    m_voice->setEnabled(!running);
    m_context->setEnabled(!running);
    m_inputDevice->setEnabled(!running);
    m_input->setEnabled(running);
    m_send->setEnabled(running);
}

void TestConsole::startCall()
{
    if (isInCall())
        return;
    TestCallRequest request;
    request.medium =
        m_voice->isChecked() ? ConsoleProtocol::Medium::Voice : ConsoleProtocol::Medium::Text;
    request.templateContext = templateContext();
    m_lines.clear();
    m_lineOfUtterance.clear();
    renderTranscript();
    m_dataMessages->clear();
    m_roundTrip->clear();
    m_agentState->clear();
    setRunning(true);
    m_start->setEnabled(false);
    m_hangUp->setEnabled(false);
    m_status->setText(tr("Starting the test call..."));
    QPointer<TestConsole> self(this);
    m_core.startTestCall(
        m_agentId, m_config, request, replyTo(this, [self](const CallResult &result) {
            if (!self)
                return;
            if (result.error) {
                self->setRunning(false);
                self->m_status->setText(
                    tr("Could not start the test call: %1").arg(result.error->message()));
                return;
            }
            self->joined(result.call.id, result.call.joinUrl);
        }));
}

void TestConsole::joined(const QString &callId, const QString &joinUrl)
{
    m_callId = callId;
    ConsoleSession::Options options;
    options.medium =
        m_voice->isChecked() ? ConsoleProtocol::Medium::Voice : ConsoleProtocol::Medium::Text;
    delete m_session.data();
    m_session = new ConsoleSession(options, this);
    if (options.medium == ConsoleProtocol::Medium::Voice) {
        if (!m_audio) {
            auto *qtAudio = new QtAudioBackend(this);
            qtAudio->setInputDevice(m_inputDevice->currentData().value<QAudioDevice>());
            m_audio = qtAudio;
        }
        m_session->setAudioBackend(m_audio);
        m_session->setMuted(m_mute->isChecked());
    }
    connect(m_session, &ConsoleSession::opened, this, [this] {
        m_hangUp->setEnabled(true);
        m_status->setText(tr("In the test call %1").arg(m_callId));
        m_input->setFocus();
    });
    connect(m_session, &ConsoleSession::transcriptChanged, this,
            [this](int index, const QString &role, const QString &text, bool final) {
                auto it = m_lineOfUtterance.find(index);
                if (it == m_lineOfUtterance.end()) {
                    m_lines.append({role, text, final});
                    it = m_lineOfUtterance.insert(index, int(m_lines.size() - 1));
                }
                m_lines[*it].text = text;
                m_lines[*it].final = final;
                renderTranscript();
            });
    connect(m_session, &ConsoleSession::eventLine, this, [this](const QString &line) {
        m_lines.append({u"tool"_s, line, true});
        renderTranscript();
    });
    connect(m_session, &ConsoleSession::dataMessage, m_dataMessages,
            &QPlainTextEdit::appendPlainText);
    connect(m_session, &ConsoleSession::agentStateChanged, this,
            [this](const QString &state) { m_agentState->setText(tr("Agent: %1").arg(state)); });
    connect(m_session, &ConsoleSession::roundTripMeasured, this, [this](double ms) {
        m_roundTrip->setText(tr("Round trip: %1 ms").arg(ms, 0, 'f', 1));
    });
    connect(m_session, &ConsoleSession::inputLevel, this,
            [this](double level) { m_level->setValue(int(level * 100)); });
    connect(m_session, &ConsoleSession::playbackCleared, this, [this](qint64 dropped) {
        if (dropped > 0)
            m_dataMessages->appendPlainText(
                tr("(dropped %1 ms of queued agent audio)")
                    .arg(dropped * 1000 / (2 * m_session->options().outputSampleRate)));
    });
    connect(m_session, &ConsoleSession::ended, this, &TestConsole::onEnded);
    m_status->setText(tr("Joining %1...").arg(joinUrl));
    m_session->open(QUrl(joinUrl));
}

void TestConsole::sendText(const QString &text)
{
    if (!m_session || text.trimmed().isEmpty())
        return;
    m_session->sendText(text);
    m_input->clear();
}

void TestConsole::hangUp()
{
    if (m_session)
        m_session->hangUp();
}

void TestConsole::onEnded(const QString &reason, bool dropped)
{
    setRunning(false);
    m_level->setValue(0);
    m_lines.append({u"event"_s, reason, true});
    renderTranscript();
    m_status->setText(dropped ? tr("Connection lost: %1").arg(reason) : reason);
    const QString callId = m_callId;
    QPointer<TestConsole> self(this);
    m_core.finishTestCall(
        callId, m_session->transcript(true), dropped ? u"connection_error"_s : QString(),
        replyTo(this, [self, callId](const CallResult &result) {
            if (!self)
                return;
            if (result.error)
                self->m_status->setText(tr("The test call ended but could not be saved: %1")
                                            .arg(result.error->message()));
            Q_EMIT self->callFinished(callId);
        }));
}

void TestConsole::renderTranscript()
{
    QString html;
    for (const Line &line : std::as_const(m_lines)) {
        const QString text = line.text.toHtmlEscaped();
        if (line.role == u"agent"_s || line.role == u"user"_s) {
            const bool agent = line.role == u"agent"_s;
            html += u"<p><b style='color:%1'>%2:</b> %3%4</p>"_s.arg(
                Theme::color(agent ? Theme::Role::Info : Theme::Role::Success).name(),
                agent ? tr("Agent") : tr("You"), text, line.final ? QString() : u" <i>...</i>"_s);
        } else {
            html += u"<p style='color:%1'><i>%2</i></p>"_s.arg(
                Theme::color(Theme::Role::Muted).name(), text);
        }
    }
    m_transcript->setHtml(html);
    m_transcript->verticalScrollBar()->setValue(m_transcript->verticalScrollBar()->maximum());
}

QString TestConsole::transcriptText() const
{
    return m_transcript->toPlainText();
}

QString TestConsole::statusText() const
{
    return m_status->text();
}

QString TestConsole::dataMessagesText() const
{
    return m_dataMessages->toPlainText();
}

void TestConsole::closeEvent(QCloseEvent *event)
{
    hangUp();
    QWidget::closeEvent(event);
}
