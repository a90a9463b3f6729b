// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConsoleProtocol.h"
#include "ProviderTypes.h"

#include <QObject>
#include <QQueue>
#include <QTimer>

class QWebSocket;
class SandboxConsoleServer;

// The simulated agent on one sandbox test call. It greets first, answers every user turn with
// words made from its prompt and template context, streamed as transcript deltas then a final
// text; in voice it also sends generated speech-like audio (a syllable per word) in 20 ms frames
// at the output rate, in real time, and when the user talks over it, it stops, sends
// playback_clear_buffer and ends its utterance where it was. It answers ping with pong, ends
// the call on hang_up, and calls its tools when asked ("transfer", "voicemail", "press 1",
// "bye").
class SandboxConsoleAgent : public QObject
{
    Q_OBJECT
public:
    SandboxConsoleAgent(QWebSocket *socket, const QString &callId, ConsoleCallSpec spec,
                        double timeScale, SandboxConsoleServer *server);

    // The reply to a user turn (exposed for tests of what the simulated agent says).
    static QString replyTo(const QString &userText, const ConsoleCallSpec &spec);
    static QString greeting(const ConsoleCallSpec &spec);
    // A syllable of synthetic speech: a voiced tone with a pitch glide and an envelope.
    static QByteArray syllable(int sampleRate, int index, int durationMs);

private:
    struct Outgoing
    {
        QByteArray audio; // one frame (voice), empty in text mode
        QString delta;    // transcript words that start with this frame
    };
    void onText(const QString &frame);
    void onBinary(const QByteArray &frame);
    void say(const QString &text, bool hangUpAfter = false);
    void step();
    void finishUtterance();
    void interrupt();
    void userSaid(const QString &text, ConsoleProtocol::Medium medium);
    void callTool(const QString &name, const QJsonObject &parameters);
    void end(const QString &reason);
    int scaled(int ms) const;

    QWebSocket *m_socket;
    QString m_callId;
    ConsoleCallSpec m_spec;
    ConsoleProtocol::Medium m_medium;
    double m_timeScale;
    SandboxConsoleServer *m_server;
    QTimer m_stepTimer;
    QTimer m_silenceTimer;
    QTimer m_replyTimer;
    QQueue<Outgoing> m_outgoing;
    qint64 m_ordinal = 0;
    QString m_spoken; // what the current utterance has said so far
    QString m_pendingReply;
    bool m_speaking = false;
    bool m_hangUpAfter = false;
    bool m_ended = false;
    int m_userSpeechFrames = 0;
    int m_syllables = 0;
};
