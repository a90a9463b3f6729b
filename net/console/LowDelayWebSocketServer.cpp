// SPDX-License-Identifier: GPL-3.0-or-later
#include "LowDelayWebSocketServer.h"

#include <QTcpSocket>
#include <QWebSocket>

LowDelayWebSocketServer::LowDelayWebSocketServer(const QString &name, QObject *parent)
    : QObject(parent)
    , m_tcp(this)
    , m_webSockets(name, QWebSocketServer::NonSecureMode, this)
{
    connect(&m_tcp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            m_webSockets.handleConnection(socket);
        }
    });
    connect(&m_webSockets, &QWebSocketServer::newConnection, this,
            &LowDelayWebSocketServer::newConnection);
}

bool LowDelayWebSocketServer::listen(const QHostAddress &address, quint16 port)
{
    return m_tcp.listen(address, port);
}
