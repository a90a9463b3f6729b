// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Call.h"
#include "ProviderTypes.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>

class QWebSocket;
class LowDelayWebSocketServer;

// The sandbox's side of the console: a real WebSocket on loopback (ws://127.0.0.1:PORT/calls/
// ID/join) speaking Ultravox's serverWebSocket protocol, with a simulated agent behind each
// call (SandboxConsoleAgent). Calls are registered when the sandbox Ultravox creates them; what
// was said and how the call ended are kept for getCall and the transcript.
class SandboxConsoleServer : public QObject
{
    Q_OBJECT
public:
    struct CallRecordView
    {
        bool ended = false;
        qint64 endedAt = 0;
        QString endReason;
        QList<TranscriptMessage> transcript;
    };

    explicit SandboxConsoleServer(double timeScale, QObject *parent = nullptr);
    ~SandboxConsoleServer() override;

    // Listens on loopback (once); false with `error` when no port can be had.
    bool ensureListening(QString *error);
    // Registers a call and returns its join URL.
    QString registerCall(const QString &callId, const ConsoleCallSpec &spec);
    bool knows(const QString &callId) const;
    CallRecordView call(const QString &callId) const;
    quint16 port() const;

    // Called by the agents (their thread is this object's).
    void recordUtterance(const QString &callId, const TranscriptMessage &message);
    void recordEnd(const QString &callId, const QString &endReason);

private:
    void onNewConnection();

    struct Entry
    {
        ConsoleCallSpec spec;
        bool joined = false;
        CallRecordView view;
    };
    double m_timeScale;
    LowDelayWebSocketServer *m_server = nullptr;
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_calls;
    QList<QPointer<QWebSocket>> m_sockets;
};
