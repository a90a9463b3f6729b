// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeUltravoxSocket.h"

#include "ConsoleProtocol.h"
#include "LowDelayWebSocketServer.h"

#include <QJsonDocument>
#include <QWebSocket>

using namespace Qt::StringLiterals;

FakeUltravoxSocket::FakeUltravoxSocket(QObject *parent)
    : QObject(parent)
    , m_server(new LowDelayWebSocketServer(u"Fake Ultravox"_s, this))
{
    m_server->listen(QHostAddress::LocalHost, 0);
    connect(m_server, &LowDelayWebSocketServer::newConnection, this, [this] {
        QWebSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            return;
        m_socket = socket;
        m_callId = socket->requestUrl().path().section(u'/', 2, 2);
        m_closedByClient = false;
        connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
            m_received.append(message);
            if (m_answerPings && message.value(u"type"_s) == u"ping"_s)
                sendText(ConsoleProtocol::pong(message.value(u"timestamp"_s).toDouble()));
            Q_EMIT messageReceived(message);
        });
        connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &pcm) {
            m_audioFrameSizes.append(int(pcm.size()));
            m_lastAudioFrame = pcm;
            Q_EMIT audioReceived(int(pcm.size()));
        });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            // A close frame from the client (hang up) carries a code; a dropped one does not.
            m_closedByClient = socket->closeCode() == QWebSocketProtocol::CloseCodeNormal;
            socket->deleteLater();
            Q_EMIT disconnected();
        });
        Q_EMIT joined(m_callId);
    });
}

FakeUltravoxSocket::~FakeUltravoxSocket() = default;

QString FakeUltravoxSocket::joinUrl(const QString &callId) const
{
    return u"ws://127.0.0.1:%1/calls/%2/join?token=t0k"_s.arg(m_server->serverPort()).arg(callId);
}

bool FakeUltravoxSocket::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

QStringList FakeUltravoxSocket::receivedTypes() const
{
    QStringList types;
    for (const QJsonObject &message : m_received)
        types << message.value(u"type"_s).toString();
    return types;
}

void FakeUltravoxSocket::sendText(const QByteArray &frame)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(frame));
}

void FakeUltravoxSocket::sendAudio(const QByteArray &pcm)
{
    if (m_socket)
        m_socket->sendBinaryMessage(pcm);
}

void FakeUltravoxSocket::close()
{
    if (m_socket)
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, u"agent_hangup"_s);
}

void FakeUltravoxSocket::drop()
{
    if (m_socket)
        m_socket->abort();
}
