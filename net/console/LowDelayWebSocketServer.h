// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QWebSocketServer>

class QWebSocket;

// A WebSocket server on loopback whose connections send every frame at once (TCP_NODELAY), as
// streaming servers do. QWebSocketServer leaves Nagle's algorithm on: once the client sends a data
// message (a console's ping), the client's TCP delays its acknowledgements, and Nagle then holds
// each following audio frame until one comes, about 40 ms later. The sandbox's console calls, and
// the stand-ins for Ultravox in the tests and benches, are served by this.
class LowDelayWebSocketServer : public QObject
{
    Q_OBJECT
public:
    explicit LowDelayWebSocketServer(const QString &name, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port = 0);
    bool isListening() const { return m_tcp.isListening(); }
    quint16 serverPort() const { return m_tcp.serverPort(); }
    QString errorString() const { return m_tcp.errorString(); }
    // As QWebSocketServer's: the caller owns the socket (a child of this server until then).
    QWebSocket *nextPendingConnection() { return m_webSockets.nextPendingConnection(); }

Q_SIGNALS:
    void newConnection();

private:
    // The TCP server outlives the WebSocket server, which reads from its sockets.
    QTcpServer m_tcp;
    QWebSocketServer m_webSockets;
};
