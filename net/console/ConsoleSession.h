// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AudioBackend.h"
#include "Call.h"
#include "ConsoleProtocol.h"
#include "PlaybackBuffer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

// One test conversation over a call's join URL (Ultravox's serverWebSocket medium, or the
// sandbox's local socket speaking the same protocol). Text mode sends user_text_message;
// voice mode streams the microphone as 20 ms binary frames at the input rate and queues the
// agent's frames for the speakers. Pings measure the round trip; hang_up ends the call at
// Ultravox, and a connection that drops is reported as such (Ultravox's join URL serves one
// connection, so a dropped call cannot be rejoined: the operator starts a new test).
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        ConsoleProtocol::Medium medium = ConsoleProtocol::Medium::Text;
        int inputSampleRate = ConsoleProtocol::DefaultSampleRate;
        int outputSampleRate = ConsoleProtocol::DefaultSampleRate;
        int pingIntervalMs = 2000;
        int hangUpTimeoutMs = 2000; // how long the server gets to close after hang_up
    };
    enum class Phase { Idle, Connecting, Open, HangingUp, Ended };

    explicit ConsoleSession(Options options, QObject *parent = nullptr);
    ~ConsoleSession() override;

    // Voice mode: the microphone and speakers (not owned). Set before open().
    void setAudioBackend(AudioBackend *backend) { m_audio = backend; }
    void open(const QUrl &joinUrl);
    void sendText(const QString &text);
    void hangUp();
    void setMuted(bool muted) { m_muted = muted; }
    bool isMuted() const { return m_muted; }

    Phase phase() const { return m_phase; }
    const Options &options() const { return m_options; }
    PlaybackBuffer &playback() { return m_playback; }
    // The conversation so far, in order; only final utterances when `finalOnly`.
    QList<TranscriptMessage> transcript(bool finalOnly = false) const;
    qint64 audioFramesSent() const { return m_framesSent; }
    qint64 audioBytesReceived() const { return m_bytesReceived; }
    double lastRoundTripMs() const { return m_lastRoundTripMs; }

Q_SIGNALS:
    void opened();
    // The utterance at `index` of transcript() was added or grew.
    void transcriptChanged(int index, const QString &role, const QString &text, bool final);
    void agentStateChanged(const QString &state);
    void roundTripMeasured(double milliseconds);
    // A tool call or other event worth a line in the transcript.
    void eventLine(const QString &line);
    // Every data message as it came (the folding panel), or a protocol error.
    void dataMessage(const QString &text);
    void playbackCleared(qint64 droppedBytes);
    void inputLevel(double level);
    // The call is over. `dropped` when the connection was lost rather than ended by either side.
    void ended(const QString &reason, bool dropped);

private:
    void onText(const QString &frame);
    void onBinary(const QByteArray &frame);
    void onDisconnected();
    void onCaptured(const QByteArray &pcm);
    void applyTranscript(const ConsoleProtocol::Message &message);
    void finish(const QString &reason, bool dropped);

    Options m_options;
    Phase m_phase = Phase::Idle;
    QWebSocket m_socket;
    QTimer m_pingTimer;
    QTimer m_hangUpTimer;
    QElapsedTimer m_clock;
    PlaybackBuffer m_playback;
    QPointer<AudioBackend> m_audio;
    QByteArray m_captureRemainder;
    QAbstractSocket::SocketError m_socketError = QAbstractSocket::UnknownSocketError;
    bool m_muted = false;
    bool m_agentHungUp = false;
    qint64 m_framesSent = 0;
    qint64 m_bytesReceived = 0;
    double m_lastRoundTripMs = -1;
    QList<TranscriptMessage> m_utterances;
    QList<bool> m_final;
    QHash<QString, int> m_utteranceIndex; // "role/ordinal" -> index in m_utterances
};
