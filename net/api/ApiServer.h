// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiResponse.h"
#include "HostPolicy.h"
#include "RateLimiter.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>

#include <map>
#include <memory>

class ApiKeyGuard;
class GuardedTcpServer;
class QHttpServerResponder;
class RequestMetrics;
class Router;
struct ApiCallRecord;
struct ApiRequest;

struct ApiServerOptions
{
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8000;
    RateLimiter::Limits limits;
    qint64 maxBodyBytes = 1024 * 1024;
    // Recipient and do-not-call lists (POST .../recipients, POST /api/v1/dnc) may be far larger:
    // 100,000 rows of CSV are a few megabytes.
    qint64 maxListBodyBytes = 64 * 1024 * 1024;
    QStringList extraHostNames; // besides localhost and addresses, see HostPolicy

    qint64 bodyLimitFor(const QString &method, const QString &path) const;
};

// The local REST API on Qt HTTP Server. Every request passes the same gate, in this order:
// rate limit, Host header, body size, route (404/405), API key (except the public allowlist), then
// its controller. Every answer carries X-Request-ID and the X-RateLimit-* headers, every error
// the spec's body, and every request lands in RequestMetrics.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    ApiServer(ApiServerOptions options, Router &router, ApiKeyGuard &keys, RequestMetrics &metrics,
              QObject *parent = nullptr);
    ~ApiServer() override;

    // Starts listening; false with a message naming the address and the reason otherwise.
    bool start(QString *error);
    // Stops accepting connections; requests in flight still get their answers.
    void stopListening();
    // Pushes every answer still buffered in a socket out to the kernel (before the process exits).
    void flushConnections();
    quint16 port() const { return m_port; }
    QString baseUrl() const; // http://127.0.0.1:8000
    int pendingCount() const { return m_pending; }
    RateLimiter &rateLimiter() { return m_rateLimiter; }

Q_SIGNALS:
    void requestFinished(const ApiCallRecord &call);
    void drained(); // the last request in flight was answered

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    friend class GuardedTcpServer;
    struct Outgoing
    {
        std::shared_ptr<QHttpServerResponder> responder;
        ApiResponse response;
        bool ready = false;
        bool closeAfter = false;
        bool headOnly = false; // HEAD: the GET answer's headers, no body
    };
    struct Connection
    {
        std::shared_ptr<StreamedBody> streaming; // a body still being written: later answers wait
        bool closeAfterStream = false;
        bool drainHooked = false; // bytesWritten continues streams on this socket
        qint64 bytesSinceRequest = 0;
        bool rejected = false;
        QString startMethod; // of the request being received, for an early 413's record
        QString startPath;
        bool startHttp10 = false; // an HTTP/1.0 request: closed after its answer unless kept alive
        quint64 nextSequence = 0;
        quint64 nextToWrite = 0;
        std::map<quint64, Outgoing> outgoing;
    };

    // GET/HEAD /api/v1/health: exempt from the rate limit, for monitors that poll it.
    static bool isMonitorProbe(const ApiRequest &request);
    void checkHostAndDispatch(const QHttpServerRequest &httpRequest,
                              const std::shared_ptr<ApiRequest> &request, const Reply &reply);
    void finish(QPointer<QTcpSocket> socket, quint64 sequence,
                const std::shared_ptr<ApiRequest> &request, ApiResponse response,
                const QByteArray &rateHeaders);
    void flush(QTcpSocket *socket);
    void continueStream(QTcpSocket *socket);
    void onSocketData(QTcpSocket *socket);
    void rejectOversized(QTcpSocket *socket);

    ApiServerOptions m_options;
    Router &m_router;
    ApiKeyGuard &m_keys;
    RequestMetrics &m_metrics;
    RateLimiter m_rateLimiter;
    HostPolicy m_hosts;
    GuardedTcpServer *m_tcp = nullptr;
    quint16 m_port = 0;
    int m_pending = 0;
    QHash<QTcpSocket *, Connection> m_connections;
};
