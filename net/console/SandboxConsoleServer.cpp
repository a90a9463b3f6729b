// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxConsoleServer.h"

#include "LowDelayWebSocketServer.h"
#include "SandboxConsoleAgent.h"
#include "Timestamps.h"

#include <QRegularExpression>
#include <QWebSocket>

using namespace Qt::StringLiterals;

SandboxConsoleServer::SandboxConsoleServer(double timeScale, QObject *parent)
    : QObject(parent)
    , m_timeScale(timeScale)
{
}

SandboxConsoleServer::~SandboxConsoleServer()
{
    // Calls still connected go first, while what they report to still exists; their close is
    // then the end of the sandbox, not something to record.
    for (const QPointer<QWebSocket> &socket : std::as_const(m_sockets)) {
        if (!socket)
            continue;
        socket->disconnect();
        for (QObject *agent : socket->children())
            agent->disconnect();
        delete socket.data();
    }
    delete m_server;
}

bool SandboxConsoleServer::ensureListening(QString *error)
{
    if (m_server && m_server->isListening())
        return true;
    if (!m_server) {
        m_server = new LowDelayWebSocketServer(u"Switchboard sandbox"_s, this);
        connect(m_server, &LowDelayWebSocketServer::newConnection, this,
                &SandboxConsoleServer::onNewConnection);
    }
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        *error = u"the sandbox cannot listen on loopback: "_s + m_server->errorString();
        return false;
    }
    return true;
}

quint16 SandboxConsoleServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QString SandboxConsoleServer::registerCall(const QString &callId, const ConsoleCallSpec &spec)
{
    QMutexLocker locker(&m_mutex);
    m_calls.insert(callId, {spec, false, {}});
    return u"ws://127.0.0.1:%1/calls/%2/join"_s.arg(port()).arg(callId);
}

bool SandboxConsoleServer::knows(const QString &callId) const
{
    QMutexLocker locker(&m_mutex);
    return m_calls.contains(callId);
}

SandboxConsoleServer::CallRecordView SandboxConsoleServer::call(const QString &callId) const
{
    QMutexLocker locker(&m_mutex);
    return m_calls.value(callId).view;
}

void SandboxConsoleServer::recordUtterance(const QString &callId, const TranscriptMessage &message)
{
    QMutexLocker locker(&m_mutex);
    auto it = m_calls.find(callId);
    if (it != m_calls.end())
        it->view.transcript.append(message);
}

void SandboxConsoleServer::recordEnd(const QString &callId, const QString &endReason)
{
    QMutexLocker locker(&m_mutex);
    auto it = m_calls.find(callId);
    if (it != m_calls.end() && !it->view.ended) {
        it->view.ended = true;
        it->view.endedAt = Timestamps::nowMs();
        it->view.endReason = endReason;
    }
}

void SandboxConsoleServer::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        static const QRegularExpression joinPath(u"^/calls/([^/]+)/join$"_s);
        const QRegularExpressionMatch match = joinPath.match(socket->requestUrl().path());
        const QString callId = match.hasMatch() ? match.captured(1) : QString();
        ConsoleCallSpec spec;
        QString refusal;
        {
            QMutexLocker locker(&m_mutex);
            auto it = m_calls.find(callId);
            if (it == m_calls.end())
                refusal = u"unknown call"_s;
            else if (it->joined || it->view.ended)
                refusal = u"this call was already joined"_s;
            else {
                it->joined = true;
                spec = it->spec;
            }
        }
        if (!refusal.isEmpty()) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, refusal);
            socket->deleteLater();
            continue;
        }
        m_sockets.append(socket);
        new SandboxConsoleAgent(socket, callId, spec, m_timeScale, this);
    }
}
