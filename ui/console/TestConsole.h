// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"
#include "AudioBackend.h"
#include "ConsoleProtocol.h"
#include "ConsoleSession.h"

#include <QPointer>
#include <QWidget>

class CoreBridge;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableWidget;
class QTextBrowser;
class QToolButton;

// The test console: talk to an agent as it is in the form, saved or not, without a phone line.
// The operator fills the template context, picks Text or Voice, and starts an Ultravox call
// joined over a WebSocket (the sandbox's local one without accounts). The transcript streams
// in, tool calls show as lines, data messages fold away below, and the round trip is shown.
// Closing the window hangs up: a test call is never left running.
class TestConsole : public QWidget
{
    Q_OBJECT
public:
    // `audio` is the sound card to use in voice mode (Qt Multimedia unless a test gives its own).
    TestConsole(CoreBridge &core, const QString &agentId, const AgentConfig &config,
                AudioBackend *audio = nullptr, QWidget *parent = nullptr);
    ~TestConsole() override;

    // The names a template context can fill: the agent's variables, then the prompt's
    // placeholders, each once.
    static QStringList contextNames(const AgentConfig &config);

    // For tests and screenshots.
    void setMedium(ConsoleProtocol::Medium medium);
    void setContextValue(const QString &name, const QString &value);
    void startCall();
    void sendText(const QString &text);
    void hangUp();
    QString transcriptText() const;
    QString statusText() const;
    QString dataMessagesText() const;
    QString callId() const { return m_callId; }
    ConsoleSession *session() const { return m_session; }
    bool isInCall() const;

Q_SIGNALS:
    // The test call ended and its record was finished (the call log shows it).
    void callFinished(const QString &callId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QJsonObject templateContext() const;
    void joined(const QString &callId, const QString &joinUrl);
    void renderTranscript();
    void setRunning(bool running);
    void onEnded(const QString &reason, bool dropped);

    CoreBridge &m_core;
    QString m_agentId;
    AgentConfig m_config;
    QPointer<AudioBackend> m_audio;
    QPointer<ConsoleSession> m_session;
    QString m_callId;

    struct Line
    {
        QString role; // "agent", "user", "tool", "event"
        QString text;
        bool final = true;
    };
    QList<Line> m_lines;
    QHash<int, int> m_lineOfUtterance; // session transcript index -> m_lines index

    QTableWidget *m_context;
    QRadioButton *m_text;
    QRadioButton *m_voice;
    QComboBox *m_inputDevice;
    QProgressBar *m_level;
    QCheckBox *m_mute;
    QWidget *m_voiceRow;
    QPushButton *m_start;
    QPushButton *m_hangUp;
    QLabel *m_status;
    QLabel *m_roundTrip;
    QLabel *m_agentState;
    QTextBrowser *m_transcript;
    QLineEdit *m_input;
    QPushButton *m_send;
    QToolButton *m_dataToggle;
    QPlainTextEdit *m_dataMessages;
};
