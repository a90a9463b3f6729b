// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConsoleSession.h"

#include "AudioBackend.h"
#include "QuickAcks.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcConsole, "switchboard.console")

ConsoleSession::ConsoleSession(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_clock.start();
    m_pingTimer.setInterval(m_options.pingIntervalMs);
    m_hangUpTimer.setSingleShot(true);
    m_hangUpTimer.setInterval(m_options.hangUpTimeoutMs);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        m_socket.sendTextMessage(
            QString::fromUtf8(ConsoleProtocol::ping(double(m_clock.nsecsElapsed()) / 1e9)));
    });
    // The server did not close after hang_up: close from this side (which ends the call too).
    connect(&m_hangUpTimer, &QTimer::timeout, this, [this] { m_socket.abort(); });
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_phase = Phase::Open;
        m_pingTimer.start();
        if (m_options.medium == ConsoleProtocol::Medium::Voice && m_audio) {
            QString error;
            if (!m_audio->start(m_options.inputSampleRate, m_options.outputSampleRate, &m_playback,
                                &error)) {
                Q_EMIT eventLine(u"Audio devices unavailable: "_s + error);
                hangUp();
                return;
            }
        }
        Q_EMIT opened();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &ConsoleSession::onText);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &ConsoleSession::onBinary);
    connect(&m_socket, &QWebSocket::disconnected, this, &ConsoleSession::onDisconnected);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError error) { m_socketError = error; });
    connect(&m_playback, &PlaybackBuffer::cleared, this, &ConsoleSession::playbackCleared);
    QuickAcks::keepOn(m_socket);
}

ConsoleSession::~ConsoleSession()
{
    // Never leave a call running (and billed) because its window closed.
    if (m_phase == Phase::Open || m_phase == Phase::Connecting) {
        m_socket.disconnect(this);
        if (m_phase == Phase::Open)
            m_socket.sendTextMessage(QString::fromUtf8(ConsoleProtocol::hangUp()));
        m_socket.close();
    }
    if (m_audio)
        m_audio->stop();
}

void ConsoleSession::open(const QUrl &joinUrl)
{
    if (m_phase != Phase::Idle)
        return;
    m_phase = Phase::Connecting;
    if (m_audio)
        connect(m_audio, &AudioBackend::captured, this, &ConsoleSession::onCaptured);
    m_socket.open(joinUrl);
}

void ConsoleSession::sendText(const QString &text)
{
    if (m_phase != Phase::Open || text.trimmed().isEmpty())
        return;
    m_socket.sendTextMessage(QString::fromUtf8(ConsoleProtocol::userTextMessage(text)));
}

void ConsoleSession::hangUp()
{
    if (m_phase == Phase::Connecting) {
        m_socket.abort();
        finish(u"Hung up before the call was joined"_s, false);
        return;
    }
    if (m_phase != Phase::Open)
        return;
    m_phase = Phase::HangingUp;
    m_pingTimer.stop();
    if (m_audio)
        m_audio->stop();
    m_playback.clear();
    m_socket.sendTextMessage(QString::fromUtf8(ConsoleProtocol::hangUp()));
    // Closing the socket ends a serverWebSocket call at Ultravox as well; the close frame goes
    // after the hang_up message.
    m_socket.close(QWebSocketProtocol::CloseCodeNormal, u"hang up"_s);
    m_hangUpTimer.start();
}

QList<TranscriptMessage> ConsoleSession::transcript(bool finalOnly) const
{
    QList<TranscriptMessage> messages;
    for (qsizetype i = 0; i < m_utterances.size(); ++i) {
        if (!finalOnly || m_final.at(i)) {
            TranscriptMessage message = m_utterances.at(i);
            message.ordinal = messages.size();
            messages.append(message);
        }
    }
    return messages;
}

void ConsoleSession::onText(const QString &frame)
{
    Q_EMIT dataMessage(frame);
    QString error;
    const std::optional<ConsoleProtocol::Message> message =
        ConsoleProtocol::parse(frame.toUtf8(), &error);
    if (!message) {
        Q_EMIT dataMessage(u"(ignored: %1)"_s.arg(error));
        return;
    }
    using Kind = ConsoleProtocol::Message::Kind;
    switch (message->kind) {
    case Kind::Transcript:
        applyTranscript(*message);
        break;
    case Kind::State:
        Q_EMIT agentStateChanged(message->state);
        break;
    case Kind::Pong:
        m_lastRoundTripMs = (double(m_clock.nsecsElapsed()) / 1e9 - message->timestamp) * 1000.0;
        Q_EMIT roundTripMeasured(m_lastRoundTripMs);
        break;
    case Kind::PlaybackClearBuffer:
        m_playback.clear();
        break;
    case Kind::ToolInvocation:
        if (message->toolName == u"hangUp"_s)
            m_agentHungUp = true;
        if (message->type == u"client_tool_invocation"_s && !message->invocationId.isEmpty())
            m_socket.sendTextMessage(
                QString::fromUtf8(ConsoleProtocol::clientToolNotRun(message->invocationId)));
        // Kept with the conversation, as Ultravox's own transcript keeps tool calls.
        m_utterances.append(
            {u"tool_call"_s, ConsoleProtocol::readableLine(*message), message->ordinal});
        m_final.append(true);
        Q_EMIT eventLine(ConsoleProtocol::readableLine(*message));
        break;
    case Kind::Debug:
    case Kind::CallStarted:
    case Kind::Other:
        break;
    }
}

void ConsoleSession::applyTranscript(const ConsoleProtocol::Message &message)
{
    const QString key = message.role + u'/' + QString::number(message.ordinal);
    int index = int(m_utteranceIndex.value(key, -1));
    if (index < 0) {
        index = int(m_utterances.size());
        m_utterances.append({message.role, {}, message.ordinal});
        m_final.append(false);
        m_utteranceIndex.insert(key, index);
    }
    TranscriptMessage &utterance = m_utterances[index];
    // Either the whole text so far or what was added to it.
    if (message.json.contains(u"text"_s))
        utterance.text = message.text;
    else
        utterance.text += message.delta;
    m_final[index] = message.final;
    Q_EMIT transcriptChanged(index, utterance.role, utterance.text, message.final);
}

void ConsoleSession::onBinary(const QByteArray &frame)
{
    m_bytesReceived += frame.size();
    if (m_options.medium == ConsoleProtocol::Medium::Voice && m_phase == Phase::Open)
        m_playback.push(frame);
}

void ConsoleSession::onCaptured(const QByteArray &pcm)
{
    if (m_phase != Phase::Open)
        return;
    Q_EMIT inputLevel(m_muted ? 0.0 : pcmLevel(pcm));
    m_captureRemainder += pcm;
    const int size = ConsoleProtocol::frameBytes(m_options.inputSampleRate);
    while (m_captureRemainder.size() >= size) {
        QByteArray frame = m_captureRemainder.left(size);
        m_captureRemainder.remove(0, size);
        // Muted still sends silence: Ultravox expects one second of audio each second.
        if (m_muted)
            frame.fill('\0');
        m_socket.sendBinaryMessage(frame);
        ++m_framesSent;
    }
}

void ConsoleSession::onDisconnected()
{
    if (m_phase == Phase::Ended)
        return;
    if (m_phase == Phase::HangingUp) {
        finish(u"You hung up"_s, false);
        return;
    }
    const auto code = m_socket.closeCode();
    if (m_phase == Phase::Connecting) {
        finish(u"Could not join the call: %1"_s.arg(m_socket.errorString()), true);
        return;
    }
    // A close handshake leaves a code (Qt reports 1000 also when none came) and no socket error;
    // a connection cut without one leaves the socket's error.
    const bool handshake =
        m_socketError == QAbstractSocket::UnknownSocketError || !m_socket.closeReason().isEmpty();
    if ((code == QWebSocketProtocol::CloseCodeNormal && handshake) || m_agentHungUp) {
        const QString reason = m_socket.closeReason();
        finish(reason.isEmpty() ? u"The agent ended the call"_s
                                : u"The agent ended the call (%1)"_s.arg(reason),
               false);
        return;
    }
    finish(u"The connection to the call was lost (%1). Ultravox ends a call whose socket "
           u"closes, and its join URL does not take a second connection: start a new test."_s.arg(
               m_socket.errorString().isEmpty() ? u"close code %1"_s.arg(int(code))
                                                : m_socket.errorString()),
           true);
}

void ConsoleSession::finish(const QString &reason, bool dropped)
{
    m_phase = Phase::Ended;
    m_pingTimer.stop();
    m_hangUpTimer.stop();
    if (m_audio)
        m_audio->stop();
    m_playback.clear();
    qCInfo(lcConsole) << "test call ended:" << reason;
    Q_EMIT ended(reason, dropped);
}
