// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

class QWebSocket;
class LowDelayWebSocketServer;

// Ultravox's side of a serverWebSocket call, on loopback, for tests: the join URLs FakeUltravox
// hands out for such calls lead here. It records what the client sends (data messages and audio
// frames), answers pings, and lets a test speak for the agent, clear the playback buffer, hang
// up or drop the connection without a close frame.
class FakeUltravoxSocket : public QObject
{
    Q_OBJECT
public:
    explicit FakeUltravoxSocket(QObject *parent = nullptr);
    ~FakeUltravoxSocket() override;

    QString joinUrl(const QString &callId) const;

    bool isConnected() const;
    QString joinedCallId() const { return m_callId; }
    const QList<QJsonObject> &received() const { return m_received; }
    QStringList receivedTypes() const;
    const QList<int> &audioFrameSizes() const { return m_audioFrameSizes; }
    QByteArray lastAudioFrame() const { return m_lastAudioFrame; }
    bool closedByClient() const { return m_closedByClient; }
    void setAnswerPings(bool answer) { m_answerPings = answer; }

    void sendText(const QByteArray &frame);
    void sendAudio(const QByteArray &pcm);
    // Ends the call from Ultravox's side with a normal close.
    void close();
    // The network goes away: no close frame.
    void drop();

Q_SIGNALS:
    void joined(const QString &callId);
    void messageReceived(const QJsonObject &message);
    void audioReceived(int bytes);
    void disconnected();

private:
    LowDelayWebSocketServer *m_server;
    QPointer<QWebSocket> m_socket;
    QString m_callId;
    QList<QJsonObject> m_received;
    QList<int> m_audioFrameSizes;
    QByteArray m_lastAudioFrame;
    bool m_closedByClient = false;
    bool m_answerPings = true;
};
