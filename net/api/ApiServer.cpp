// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiServer.h"

#include "ApiKeyGuard.h"
#include "ApiRequest.h"
#include "AppError.h"
#include "HttpMethod.h"
#include "Ids.h"
#include "MemoryRelease.h"
#include "RequestMetrics.h"
#include "Router.h"
#include "Timestamps.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServer, "switchboard.server")

namespace {
// Headers beyond the body cap: a request whose bytes run past cap + this is cut off early.
constexpr qint64 HeaderAllowance = 64 * 1024;

// A client's X-Request-ID is echoed when it is short and plain; otherwise we make one.
QString requestIdFrom(const QByteArray &header)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9._:\\-]{1,128}$"_s);
    const QString candidate = QString::fromLatin1(header.trimmed());
    if (plain.match(candidate).hasMatch())
        return candidate;
    return Ids::newRequestId();
}

// Half-closes a connection: our side is done writing, the peer may go on until it notices.
void stopSending(QTcpSocket *socket)
{
#ifdef Q_OS_WIN
    ::shutdown(SOCKET(socket->socketDescriptor()), SD_SEND);
#else
    ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
#endif
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 413:
        return "Payload Too Large";
    default:
        return "Error";
    }
}
} // namespace

// Listens for the API server and, for each connection, counts the bytes of the request being
// received before Qt HTTP Server reads them: a body far over the cap is refused without being
// buffered in full.
class GuardedTcpServer : public QTcpServer
{
public:
    GuardedTcpServer(ApiServer *server)
        : QTcpServer(server)
        , m_server(server)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        // Connected before the HTTP server's own handler, so it runs first.
        connect(socket, &QTcpSocket::readyRead, m_server,
                [server = m_server, socket] { server->onSocketData(socket); });
        connect(socket, &QObject::destroyed, m_server,
                [server = m_server, socket] { server->m_connections.remove(socket); });
        m_server->m_connections.insert(socket, {});
        addPendingConnection(socket);
    }

private:
    ApiServer *m_server;
};

ApiServer::ApiServer(ApiServerOptions options, Router &router, ApiKeyGuard &keys,
                     RequestMetrics &metrics, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_options(std::move(options))
    , m_router(router)
    , m_keys(keys)
    , m_metrics(metrics)
    , m_rateLimiter(m_options.limits)
    , m_hosts(m_options.extraHostNames)
{
}

ApiServer::~ApiServer() = default;

bool ApiServer::start(QString *error)
{
    m_tcp = new GuardedTcpServer(this);
    if (!m_tcp->listen(m_options.bindAddress, m_options.port)) {
        *error = u"Cannot listen on %1:%2: %3"_s.arg(m_options.bindAddress.toString())
                     .arg(m_options.port)
                     .arg(m_tcp->errorString());
        if (m_tcp->serverError() == QAbstractSocket::AddressInUseError)
            *error += u". Another program (or another Switchboard) uses that port; choose another "
                      u"with --port."_s;
        delete m_tcp;
        m_tcp = nullptr;
        return false;
    }
    m_port = m_tcp->serverPort();
    bind(m_tcp);
    return true;
}

void ApiServer::stopListening()
{
    if (m_tcp)
        m_tcp->close();
}

void ApiServer::flushConnections()
{
    const QList<QTcpSocket *> sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets) {
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() > 0)
            socket->waitForBytesWritten(2000);
    }
}

QString ApiServer::baseUrl() const
{
    QHostAddress shown = m_options.bindAddress;
    if (shown == QHostAddress::Any || shown == QHostAddress::AnyIPv4)
        shown = QHostAddress::LocalHost;
    else if (shown == QHostAddress::AnyIPv6)
        shown = QHostAddress::LocalHostIPv6;
    const QString host = shown.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + shown.toString() + u']'
                             : shown.toString();
    return u"http://%1:%2"_s.arg(host).arg(m_port);
}

void ApiServer::onSocketData(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (it->rejected) {
        socket->readAll(); // drain: nothing more of this connection is parsed
        return;
    }
    if (it->bytesSinceRequest == 0) {
        // The start of a request: keep its request line for the record of an early refusal.
        const QByteArray start = socket->peek(512);
        const qsizetype lineEnd = start.indexOf("\r\n");
        const QList<QByteArray> parts = start.left(lineEnd < 0 ? start.size() : lineEnd).split(' ');
        it->startMethod = QString::fromLatin1(parts.value(0).left(16));
        it->startPath = QString::fromLatin1(parts.value(1).left(200)).section(u'?', 0, 0);
        it->startHttp10 = lineEnd > 0 && parts.value(2) == "HTTP/1.0";
    }
    it->bytesSinceRequest += socket->bytesAvailable();
    if (it->bytesSinceRequest >
        m_options.bodyLimitFor(it->startMethod, it->startPath) + HeaderAllowance)
        rejectOversized(socket);
}

qint64 ApiServerOptions::bodyLimitFor(const QString &method, const QString &path) const
{
    static const QRegularExpression lists(u"^/api/v1/(campaigns/[^/]+/recipients|dnc)/?$"_s);
    if (method == u"POST"_s && lists.match(path).hasMatch())
        return std::max(maxBodyBytes, maxListBodyBytes);
    return maxBodyBytes;
}

void ApiServer::rejectOversized(QTcpSocket *socket)
{
    Connection &connection = m_connections[socket];
    connection.rejected = true;
    socket->readAll();
    const QString requestId = Ids::newRequestId();
    const qint64 limit = m_options.bodyLimitFor(connection.startMethod, connection.startPath);
    const AppError error(ErrorKind::PayloadTooLarge,
                         u"The request body is larger than the limit of %1 bytes"_s.arg(limit),
                         {{u"max_body_bytes"_s, limit}});
    const ApiResponse response = ApiResponse::fromError(error, requestId);
    QByteArray raw = "HTTP/1.1 413 " + reasonPhrase(413) +
                     "\r\nContent-Type: application/json\r\n" +
                     "Content-Length: " + QByteArray::number(response.body.size()) +
                     "\r\nConnection: close\r\n" + "X-Request-ID: " + requestId.toLatin1() +
                     "\r\nX-Content-Type-Options: nosniff\r\n\r\n" + response.body;
    socket->write(raw);
    // Closing now, with the client still sending, would make the kernel reset the connection and
    // the client could lose our answer. Instead: finish writing, send FIN, keep discarding what
    // arrives, and close for good when the client does or after a grace period.
    connect(socket, &QTcpSocket::bytesWritten, socket, [socket] {
        if (socket->bytesToWrite() == 0)
            stopSending(socket);
    });
    QTimer::singleShot(5000, socket, [socket] { socket->abort(); });
    ApiCallRecord record;
    record.timestamp = Timestamps::nowMs();
    record.method = connection.startMethod;
    record.endpoint = connection.startPath;
    record.statusCode = 413;
    record.requestId = requestId;
    m_metrics.record(record);
    Q_EMIT requestFinished(record);
}

void ApiServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // handleRequest answers every request itself, 404 and 405 included.
}

bool ApiServer::handleRequest(const QHttpServerRequest &httpRequest, QTcpSocket *socket)
{
    auto request = std::make_shared<ApiRequest>();
    request->timer.start();
    request->receivedAtMs = Timestamps::nowMs();
    request->method = httpMethodName(httpRequest.method());
    request->path = httpRequest.url().path();
    if (request->path.size() > 1 && request->path.endsWith(u'/'))
        request->path.chop(1);
    request->query = httpRequest.query();
    request->headers = httpRequest.headers();
    request->body = httpRequest.body();
    request->remoteAddress = httpRequest.remoteAddress();
    request->requestId = requestIdFrom(httpRequest.value("X-Request-ID"));

    Connection &connection = m_connections[socket];
    connection.bytesSinceRequest = 0;
    const quint64 sequence = connection.nextSequence++;
    Outgoing &outgoing = connection.outgoing[sequence];
    outgoing.responder = std::make_shared<QHttpServerResponder>(makeResponder(httpRequest, socket));
    // HTTP/1.0 closes after each answer unless the client asks to keep the connection; a client
    // that reads until the server closes would otherwise wait forever.
    const QByteArray connectionHeader = httpRequest.value("Connection");
    outgoing.closeAfter = connectionHeader.compare("close", Qt::CaseInsensitive) == 0 ||
                          (connection.startHttp10 &&
                           connectionHeader.compare("keep-alive", Qt::CaseInsensitive) != 0);
    outgoing.headOnly = request->method == "HEAD";
    ++m_pending;

    // Rate limiting per key (valid or not, the presented key is the client's identity) or per
    // address without one.
    const QByteArray presentedKey = httpRequest.value("X-API-Key");
    const QString client = presentedKey.isEmpty()
                               ? u"addr:"_s + request->remoteAddress.toString()
                               : u"key:"_s + QString::fromLatin1(presentedKey.toBase64());
    auto rateHeaders = std::make_shared<QByteArray>();
    QPointer<QTcpSocket> guard(socket);
    const Reply reply(
        [this, guard, sequence, request, rateHeaders](ApiResponse response) {
            finish(guard, sequence, request, std::move(response), *rateHeaders);
        },
        request->requestId);

    try {
        if (isMonitorProbe(*request)) {
            // Monitors poll basic health as often as they like: it touches neither the network
            // nor a provider, so it is never refused with 429 and does not use up the client's
            // quota (documented under "Rate limiting" in the OpenAPI document).
            checkHostAndDispatch(httpRequest, request, reply);
            return true;
        }
        const RateLimiter::Decision decision = m_rateLimiter.take(client, request->receivedAtMs);
        *rateHeaders = QByteArray::number(decision.limit) + ' ' +
                       QByteArray::number(decision.remaining) + ' ' +
                       QByteArray::number(decision.resetAt);
        if (!decision.allowed)
            throw AppError(ErrorKind::RateLimited,
                           u"Rate limit exceeded: at most %1 requests a minute, %2 an hour, %3 at "
                           u"once. Retry in %4 s."_s.arg(m_rateLimiter.limits().perMinute)
                               .arg(m_rateLimiter.limits().perHour)
                               .arg(m_rateLimiter.limits().burst)
                               .arg(decision.retryAfter),
                           {{u"retry_after_seconds"_s, decision.retryAfter},
                            {u"limit_per_minute"_s, m_rateLimiter.limits().perMinute},
                            {u"limit_per_hour"_s, m_rateLimiter.limits().perHour},
                            {u"burst"_s, m_rateLimiter.limits().burst}})
                .withRetryAfter(decision.retryAfter);
        checkHostAndDispatch(httpRequest, request, reply);
    } catch (const AppError &error) {
        reply.fail(error);
    } catch (const std::exception &unexpected) {
        reply.fail(AppError(ErrorKind::Internal,
                            u"Unexpected error: %1"_s.arg(QString::fromUtf8(unexpected.what()))));
    }
    return true;
}

bool ApiServer::isMonitorProbe(const ApiRequest &request)
{
    return (request.method == "GET" || request.method == "HEAD") &&
           request.path == u"/api/v1/health"_s;
}

void ApiServer::checkHostAndDispatch(const QHttpServerRequest &httpRequest,
                                     const std::shared_ptr<ApiRequest> &request, const Reply &reply)
{
    if (!m_hosts.allows(httpRequest.value("Host")))
        throw AppError(ErrorKind::ForbiddenHost,
                       u"Host '%1' is not served here. Use localhost or the server's address; "
                       u"other names are refused to protect against DNS rebinding."_s.arg(
                           HostPolicy::hostName(httpRequest.value("Host"))),
                       {{u"host"_s, HostPolicy::hostName(httpRequest.value("Host"))}});
    const qint64 limit =
        m_options.bodyLimitFor(QString::fromLatin1(request->method), request->path);
    if (request->body.size() > limit)
        throw AppError(
            ErrorKind::PayloadTooLarge,
            u"The request body is %1 bytes, over the limit of %2 bytes"_s.arg(request->body.size())
                .arg(limit),
            {{u"max_body_bytes"_s, limit}});
    m_router.dispatch(*request, reply, m_keys);
}

void ApiServer::finish(QPointer<QTcpSocket> socket, quint64 sequence,
                       const std::shared_ptr<ApiRequest> &request, ApiResponse response,
                       const QByteArray &rateHeaders)
{
    --m_pending;
    response.setHeader("X-Request-ID", request->requestId.toLatin1());
    if (!rateHeaders.isEmpty()) {
        const QList<QByteArray> parts = rateHeaders.split(' ');
        response.setHeader("X-RateLimit-Limit", parts.value(0));
        response.setHeader("X-RateLimit-Remaining", parts.value(1));
        response.setHeader("X-RateLimit-Reset", parts.value(2));
    }
    response.setHeader("X-Content-Type-Options", "nosniff");

    ApiCallRecord record;
    record.timestamp = request->receivedAtMs;
    record.method = QString::fromLatin1(request->method);
    record.endpoint = request->path;
    record.statusCode = response.status;
    record.responseTimeMs = double(request->timer.nsecsElapsed()) / 1e6;
    record.requestId = request->requestId;
    m_metrics.record(record);
    Q_EMIT requestFinished(record);

    if (socket) {
        auto it = m_connections.find(socket);
        if (it != m_connections.end()) {
            auto out = it->outgoing.find(sequence);
            if (out != it->outgoing.end()) {
                out->second.response = std::move(response);
                out->second.ready = true;
                flush(socket);
            }
        }
    }
    if (m_pending == 0)
        Q_EMIT drained();
}

// Writes the answers of a connection in the order its requests came (HTTP/1.1 pipelining),
// holding back an early answer until those before it are written.
void ApiServer::flush(QTcpSocket *socket)
{
    Connection &connection = m_connections[socket];
    bool close = false;
    while (!connection.streaming) {
        auto it = connection.outgoing.find(connection.nextToWrite);
        if (it == connection.outgoing.end() || !it->second.ready)
            break;
        Outgoing &out = it->second;
        QHttpServerResponder &responder = *out.responder;
        responder.writeStatusLine(
            static_cast<QHttpServerResponder::StatusCode>(out.response.status));
        if (!out.response.contentType.isEmpty())
            responder.writeHeader("Content-Type", out.response.contentType);
        for (const auto &[name, value] : std::as_const(out.response.headers))
            responder.writeHeader(name, value);
        const std::shared_ptr<StreamedBody> stream = out.headOnly ? nullptr : out.response.stream;
        const qint64 length =
            out.response.stream ? out.response.stream->size : out.response.body.size();
        if (out.response.status != 204)
            responder.writeHeader("Content-Length", QByteArray::number(length));
        if (out.closeAfter)
            responder.writeHeader("Connection", "close");
        responder.writeBody(out.headOnly ? QByteArray()
                                         : (stream ? stream->next() : out.response.body));
        close = close || out.closeAfter;
        const bool large = out.response.body.size() > 4 * 1024 * 1024;
        connection.outgoing.erase(it);
        ++connection.nextToWrite;
        if (large) // the body is in the socket's buffer now; our copies are gone
            releaseFreedMemory();
        if (stream) {
            // The rest goes out as the socket drains; answers after it wait their turn.
            connection.streaming = stream;
            connection.closeAfterStream = close;
            if (!connection.drainHooked) {
                connection.drainHooked = true;
                connect(socket, &QTcpSocket::bytesWritten, this,
                        [this, socket] { continueStream(socket); });
            }
            continueStream(socket);
            return;
        }
    }
    if (close)
        socket->disconnectFromHost();
}

void ApiServer::continueStream(QTcpSocket *socket)
{
    constexpr qint64 BufferedAtMost = 512 * 1024;
    auto it = m_connections.find(socket);
    if (it == m_connections.end() || !it->streaming)
        return;
    while (socket->bytesToWrite() < BufferedAtMost) {
        const QByteArray piece = it->streaming->next();
        if (piece.isEmpty()) {
            const bool close = it->closeAfterStream;
            it->streaming.reset();
            releaseFreedMemory();
            if (close)
                socket->disconnectFromHost();
            else
                flush(socket);
            return;
        }
        socket->write(piece);
    }
}
