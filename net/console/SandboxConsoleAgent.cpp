// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxConsoleAgent.h"

#include "AudioBackend.h"
#include "SandboxConsoleServer.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QWebSocket>
#include <QtEndian>

#include <cmath>

using namespace Qt::StringLiterals;
using ConsoleProtocol::Medium;

namespace {
// A frame louder than this counts as the user speaking (the level meter's scale, 0..1).
constexpr double SpeechLevel = 0.02;
// Frames in a row that make an interruption: a click is not the user talking over the agent.
constexpr int FramesToInterrupt = 3;

QString contextValue(const QJsonObject &context, const QStringList &keys)
{
    for (const QString &key : keys) {
        const QJsonValue value = context.value(key);
        if (value.isString() && !value.toString().trimmed().isEmpty())
            return value.toString().trimmed();
    }
    return {};
}

// The first sentence of the rendered prompt, which usually says what the agent is for.
QString purpose(const QString &prompt)
{
    const QString trimmed = prompt.simplified();
    static const QRegularExpression sentenceEnd(u"[.!?](\\s|$)"_s);
    const QRegularExpressionMatch match = sentenceEnd.match(trimmed);
    QString sentence = match.hasMatch() ? trimmed.left(match.capturedStart() + 1) : trimmed;
    if (sentence.size() > 160)
        sentence = sentence.left(157) + u"..."_s;
    return sentence;
}
} // namespace

SandboxConsoleAgent::SandboxConsoleAgent(QWebSocket *socket, const QString &callId,
                                         ConsoleCallSpec spec, double timeScale,
                                         SandboxConsoleServer *server)
    : QObject(socket)
    , m_socket(socket)
    , m_callId(callId)
    , m_spec(std::move(spec))
    , m_medium(m_spec.textOutput ? Medium::Text : Medium::Voice)
    , m_timeScale(timeScale)
    , m_server(server)
{
    m_stepTimer.setTimerType(Qt::PreciseTimer);
    m_silenceTimer.setSingleShot(true);
    m_replyTimer.setSingleShot(true);
    connect(&m_stepTimer, &QTimer::timeout, this, &SandboxConsoleAgent::step);
    connect(&m_silenceTimer, &QTimer::timeout, this, [this] {
        const double seconds = m_userSpeechFrames * ConsoleProtocol::FrameMs / 1000.0;
        m_userSpeechFrames = 0;
        userSaid(u"(spoke for %1 s)"_s.arg(seconds, 0, 'f', 1), Medium::Voice);
    });
    connect(&m_replyTimer, &QTimer::timeout, this, [this] {
        const QString reply = std::exchange(m_pendingReply, {});
        const bool farewell = reply.startsWith(u"Goodbye"_s);
        say(reply, farewell);
    });
    connect(socket, &QWebSocket::textMessageReceived, this, &SandboxConsoleAgent::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &SandboxConsoleAgent::onBinary);
    connect(socket, &QWebSocket::disconnected, this, [this] {
        end(m_ended ? QString() : u"connection_error"_s);
        m_socket->deleteLater();
    });
    m_socket->sendTextMessage(QString::fromUtf8(ConsoleProtocol::callStarted(callId)));
    m_socket->sendTextMessage(QString::fromUtf8(ConsoleProtocol::state(u"listening"_s)));
    // Ultravox's default: the agent speaks first.
    QTimer::singleShot(scaled(200), this, [this] { say(greeting(m_spec)); });
}

int SandboxConsoleAgent::scaled(int ms) const
{
    return std::max(1, int(ms * m_timeScale));
}

QString SandboxConsoleAgent::greeting(const ConsoleCallSpec &spec)
{
    QString name =
        contextValue(spec.templateContext, {u"customer_name"_s, u"name"_s, u"first_name"_s});
    if (name.isEmpty())
        name = u"there"_s;
    const QString agent = spec.agentName.isEmpty() ? u"your agent"_s : spec.agentName;
    QString text = u"Hello %1, this is %2 on a sandbox test call."_s.arg(name, agent);
    const QString why = purpose(spec.call.systemPrompt);
    if (!why.isEmpty())
        text += u" I was told: \"%1\""_s.arg(why);
    return text;
}

QString SandboxConsoleAgent::replyTo(const QString &userText, const ConsoleCallSpec &spec)
{
    const QString lower = userText.toLower();
    if (lower.contains(u"bye"_s))
        return u"Goodbye, and thank you for testing me."_s;
    QStringList facts;
    for (auto it = spec.templateContext.constBegin();
         it != spec.templateContext.constEnd() && facts.size() < 2; ++it) {
        if (it.value().isString() && !it.value().toString().isEmpty())
            facts << QString(it.key()).replace(u'_', u' ') + u" as "_s + it.value().toString();
    }
    QString reply = u"You said \"%1\"."_s.arg(userText.simplified().left(120));
    if (!facts.isEmpty())
        reply += u" I have your %1."_s.arg(facts.join(u" and "_s));
    reply += u" How else can I help?"_s;
    return reply;
}

QByteArray SandboxConsoleAgent::syllable(int sampleRate, int index, int durationMs)
{
    const int samples = sampleRate * durationMs / 1000;
    QByteArray pcm(samples * 2, Qt::Uninitialized);
    const double f0 = 140.0 + 25.0 * (index % 5);
    const double glide = (index % 2 == 0) ? 0.15 : -0.1;
    double phase = 0;
    for (int i = 0; i < samples; ++i) {
        const double t = double(i) / samples;
        const double frequency = f0 * (1.0 + glide * t);
        phase += 2 * M_PI * frequency / sampleRate;
        double value = 0;
        // A few harmonics falling off like a voice's, below Nyquist.
        for (int harmonic = 1; harmonic <= 6 && harmonic * frequency < sampleRate / 2; ++harmonic)
            value += std::sin(harmonic * phase) / harmonic;
        const double envelope = std::sin(M_PI * t);
        qToLittleEndian<qint16>(qint16(value * envelope * 0.25 * 32767), pcm.data() + 2 * i);
    }
    return pcm;
}

void SandboxConsoleAgent::say(const QString &text, bool hangUpAfter)
{
    if (m_ended)
        return;
    m_speaking = true;
    m_hangUpAfter = hangUpAfter;
    m_spoken.clear();
    m_socket->sendTextMessage(QString::fromUtf8(ConsoleProtocol::state(u"speaking"_s)));
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    const int frameSize = ConsoleProtocol::frameBytes(m_spec.outputSampleRate);
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString delta = (i == 0 ? QString() : u" "_s) + words.at(i);
        if (m_medium == Medium::Text) {
            m_outgoing.enqueue({{}, delta});
            continue;
        }
        QByteArray audio;
        const int syllables = std::max<int>(1, int(words.at(i).size()) / 3);
        for (int s = 0; s < syllables; ++s) {
            audio += syllable(m_spec.outputSampleRate, m_syllables++, 120);
            audio += QByteArray(m_spec.outputSampleRate * 30 / 1000 * 2, '\0');
        }
        audio += QByteArray(m_spec.outputSampleRate * 60 / 1000 * 2, '\0');
        audio.append(QByteArray((frameSize - audio.size() % frameSize) % frameSize, '\0'));
        for (qsizetype offset = 0; offset < audio.size(); offset += frameSize)
            m_outgoing.enqueue({audio.mid(offset, frameSize), offset == 0 ? delta : QString()});
    }
    m_stepTimer.start(scaled(m_medium == Medium::Text ? 40 : ConsoleProtocol::FrameMs));
}

void SandboxConsoleAgent::step()
{
    if (m_outgoing.isEmpty()) {
        m_stepTimer.stop();
        finishUtterance();
        return;
    }
    const Outgoing next = m_outgoing.dequeue();
    if (!next.delta.isEmpty()) {
        m_spoken += next.delta;
        m_socket->sendTextMessage(QString::fromUtf8(
            ConsoleProtocol::transcriptDelta(u"agent"_s, m_medium, next.delta, m_ordinal)));
    }
    if (!next.audio.isEmpty())
        m_socket->sendBinaryMessage(next.audio);
}

void SandboxConsoleAgent::finishUtterance()
{
    if (!m_speaking)
        return;
    m_speaking = false;
    m_socket->sendTextMessage(QString::fromUtf8(
        ConsoleProtocol::transcriptFinal(u"agent"_s, m_medium, m_spoken, m_ordinal)));
    m_server->recordUtterance(m_callId, {u"agent"_s, m_spoken, m_ordinal});
    ++m_ordinal;
    if (m_hangUpAfter) {
        callTool(u"hangUp"_s, {{u"reason"_s, u"the user said goodbye"_s}});
        end(u"agent_hangup"_s);
        return;
    }
    m_socket->sendTextMessage(QString::fromUtf8(ConsoleProtocol::state(u"listening"_s)));
}

void SandboxConsoleAgent::interrupt()
{
    m_stepTimer.stop();
    m_outgoing.clear();
    m_hangUpAfter = false;
    if (m_medium == Medium::Voice)
        m_socket->sendTextMessage(QString::fromUtf8(ConsoleProtocol::playbackClearBuffer()));
    finishUtterance();
}

void SandboxConsoleAgent::userSaid(const QString &text, Medium medium)
{
    if (m_ended)
        return;
    if (m_speaking)
        interrupt();
    m_replyTimer.stop();
    m_socket->sendTextMessage(
        QString::fromUtf8(ConsoleProtocol::transcriptFinal(u"user"_s, medium, text, m_ordinal)));
    m_server->recordUtterance(m_callId, {u"user"_s, text, m_ordinal});
    ++m_ordinal;
    const QString lower = text.toLower();
    if (lower.contains(u"transfer"_s))
        callTool(u"transferCall"_s, {{u"destination"_s, u"+14155550100"_s}});
    if (lower.contains(u"voicemail"_s))
        callTool(u"leaveVoicemail"_s, {{u"message"_s, u"Please call us back."_s}});
    static const QRegularExpression press(u"press (\\d+)"_s);
    const QRegularExpressionMatch digits = press.match(lower);
    if (digits.hasMatch())
        callTool(u"playDtmfSounds"_s, {{u"digits"_s, digits.captured(1)}});
    m_socket->sendTextMessage(QString::fromUtf8(ConsoleProtocol::state(u"thinking"_s)));
    m_pendingReply = replyTo(text, m_spec);
    m_replyTimer.start(scaled(150));
}

void SandboxConsoleAgent::callTool(const QString &name, const QJsonObject &parameters)
{
    static int invocations = 0;
    m_socket->sendTextMessage(QString::fromUtf8(ConsoleProtocol::debug(
        u"The sandbox agent calls its %1 tool (simulated: nothing is dialled)"_s.arg(name))));
    m_socket->sendTextMessage(QString::fromUtf8(
        ConsoleProtocol::toolInvocation(name, u"sandbox-%1"_s.arg(++invocations), parameters)));
    m_server->recordUtterance(
        m_callId, {u"tool_call"_s, ConsoleProtocol::toolCallLine(name, parameters), m_ordinal++});
}

void SandboxConsoleAgent::onText(const QString &frame)
{
    QString error;
    const std::optional<ConsoleProtocol::Message> message =
        ConsoleProtocol::parse(frame.toUtf8(), &error);
    if (!message) {
        m_socket->sendTextMessage(QString::fromUtf8(ConsoleProtocol::debug(u"Ignored "_s + error)));
        return;
    }
    const QJsonObject &json = message->json;
    if (message->type == u"ping"_s) {
        m_socket->sendTextMessage(
            QString::fromUtf8(ConsoleProtocol::pong(json.value(u"timestamp"_s).toDouble())));
    } else if (message->type == u"user_text_message"_s) {
        userSaid(json.value(u"text"_s).toString(), Medium::Text);
    } else if (message->type == u"hang_up"_s) {
        end(u"hangup"_s);
    } else if (message->type == u"set_output_medium"_s) {
        Medium medium;
        if (ConsoleProtocol::mediumFromName(json.value(u"medium"_s).toString(), &medium))
            m_medium = medium;
    } else if (message->type == u"client_tool_result"_s) {
        // Tool results are only acknowledged: the simulated tools need none.
    } else {
        m_socket->sendTextMessage(QString::fromUtf8(
            ConsoleProtocol::debug(u"Unknown message type '%1'"_s.arg(message->type))));
    }
}

void SandboxConsoleAgent::onBinary(const QByteArray &frame)
{
    const int expected = ConsoleProtocol::frameBytes(m_spec.inputSampleRate);
    if (frame.size() % 2 != 0 || frame.size() > 10 * expected) {
        m_socket->sendTextMessage(QString::fromUtf8(ConsoleProtocol::debug(
            u"Audio frame of %1 bytes: expected 16-bit PCM at %2 Hz, %3 bytes per 20 ms"_s
                .arg(frame.size())
                .arg(m_spec.inputSampleRate)
                .arg(expected))));
        return;
    }
    if (pcmLevel(frame) < SpeechLevel) {
        return; // silence: the silence timer decides when the user has finished
    }
    ++m_userSpeechFrames;
    if (m_speaking && m_medium == Medium::Voice && m_userSpeechFrames >= FramesToInterrupt)
        interrupt();
    m_silenceTimer.start(scaled(400));
}

void SandboxConsoleAgent::end(const QString &reason)
{
    if (m_ended)
        return;
    m_ended = true;
    m_stepTimer.stop();
    m_silenceTimer.stop();
    m_replyTimer.stop();
    m_server->recordEnd(m_callId, reason);
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, reason);
}
