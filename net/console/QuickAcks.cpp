// SPDX-License-Identifier: GPL-3.0-or-later
#include "QuickAcks.h"

#include <QTcpSocket>
#include <QWebSocket>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

void QuickAcks::keepOn(QWebSocket &socket)
{
#ifdef Q_OS_LINUX
    QObject::connect(&socket, &QWebSocket::connected, &socket, [&socket] {
        // QWebSocket keeps its TCP (or TLS) socket as a child; it reads from it first, since it
        // connected to readyRead before this.
        auto *tcp = socket.findChild<QTcpSocket *>();
        if (!tcp)
            return;
        QObject::connect(tcp, &QIODevice::readyRead, tcp, [tcp] {
            const qintptr descriptor = tcp->socketDescriptor();
            const int on = 1;
            if (descriptor >= 0)
                ::setsockopt(int(descriptor), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
        });
    });
#else
    Q_UNUSED(socket);
#endif
}
