// SPDX-License-Identifier: GPL-3.0-or-later
#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcInstance, "switchboard.instance")

namespace {
constexpr int TimeoutMs = 2000;
}

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent)
    : QObject(parent)
{
    // Per user (the socket lives in the user's runtime folder) and per data folder, so a second
    // Switchboard on another data folder is allowed.
    const QByteArray folder =
        QCryptographicHash::hash(dataDir.toUtf8(), QCryptographicHash::Sha256);
    m_name = u"switchboard-"_s + QString::fromLatin1(folder.toHex().left(16));
}

bool SingleInstance::handOver(const QString &message)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(TimeoutMs))
        return false;
    socket.write((u"activate "_s + message + u'\n').toUtf8());
    if (!socket.waitForBytesWritten(TimeoutMs))
        return false;
    // The running instance answers "ok" once it has taken the message.
    if (!socket.waitForReadyRead(TimeoutMs))
        return false;
    return socket.readAll().startsWith("ok");
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        // A stale socket from a crashed instance: nobody answered handOver(), so remove it.
        QLocalServer::removeServer(m_name);
        if (!m_server->listen(m_name)) {
            qCWarning(lcInstance) << "cannot receive tel: links from other launches:"
                                  << m_server->errorString();
            return false;
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (!socket->canReadLine())
                    return;
                const QString line = QString::fromUtf8(socket->readLine()).trimmed();
                if (!line.startsWith(u"activate"_s))
                    return;
                socket->write("ok\n");
                socket->flush();
                Q_EMIT activationRequested(line.mid(8).trimmed());
            });
        }
    });
    return true;
}
