// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeHttpServer.h"

#include "HttpMethod.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>

#include <chrono>

using namespace Qt::StringLiterals;

namespace {
QString formDecode(QByteArray text)
{
    text.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text));
}
} // namespace

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    return TestHttp::headerValue(headers, name);
}

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QMultiMap<QString, QString> RecordedRequest::form() const
{
    QMultiMap<QString, QString> fields;
    if (body.isEmpty())
        return fields;
    for (const QByteArray &pair : body.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0)
            fields.insert(formDecode(pair), QString());
        else
            fields.insert(formDecode(pair.left(equals)), formDecode(pair.mid(equals + 1)));
    }
    return fields;
}

FakeResponse FakeResponse::json(const QJsonObject &body, int status)
{
    FakeResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

FakeHttpServer::FakeHttpServer(QString providerName, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_provider(std::move(providerName))
{
}

FakeHttpServer::~FakeHttpServer()
{
    stop();
}

bool FakeHttpServer::start(quint16 port)
{
    const quint16 bound = listen(QHostAddress::LocalHost, port);
    if (bound == 0)
        return false;
    m_port = bound;
    return true;
}

void FakeHttpServer::stop()
{
    m_hanging.clear();
    for (QTcpServer *server : servers()) {
        server->close();
        delete server;
    }
    const QSet<QTcpSocket *> sockets = std::exchange(m_sockets, {});
    for (QTcpSocket *socket : sockets)
        socket->abort();
}

QString FakeHttpServer::origin() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_port);
}

QList<RecordedRequest> FakeHttpServer::requests() const
{
    QMutexLocker locker(&m_mutex);
    return m_requests;
}

QList<RecordedRequest> FakeHttpServer::requests(const QByteArray &method,
                                                const QString &pathPattern) const
{
    const QRegularExpression pattern(pathPattern);
    QList<RecordedRequest> matching;
    for (const RecordedRequest &request : requests()) {
        if (request.method == method && pattern.match(request.path).hasMatch())
            matching.append(request);
    }
    return matching;
}

int FakeHttpServer::requestCount() const
{
    QMutexLocker locker(&m_mutex);
    return m_requestCount;
}

QStringList FakeHttpServer::violations() const
{
    QMutexLocker locker(&m_mutex);
    return m_violations;
}

void FakeHttpServer::clearRecords()
{
    QMutexLocker locker(&m_mutex);
    m_requests.clear();
    m_violations.clear();
    m_requestCount = 0;
}

void FakeHttpServer::script(const ScriptedFailure &failure)
{
    QMutexLocker locker(&m_mutex);
    m_scripts.append(failure);
}

void FakeHttpServer::clearScripts()
{
    QMutexLocker locker(&m_mutex);
    m_scripts.clear();
}

void FakeHttpServer::setObserver(std::function<void(const RecordedRequest &)> observer)
{
    m_observer = std::move(observer);
}

void FakeHttpServer::violation(const QString &text)
{
    QMutexLocker locker(&m_mutex);
    m_violations.append(m_provider + u": "_s + text);
}

void FakeHttpServer::checkOwnAnswer(const ApiSchema &schema, const QJsonObject &operation,
                                    int status, const QJsonObject &body)
{
    const QJsonObject responseSchema = schema.responseSchema(operation, status);
    if (responseSchema.isEmpty()) {
        violation(u"(fake) no response schema for status %1"_s.arg(status));
        return;
    }
    for (const QString &problem :
         schema.check(body, responseSchema, ApiSchema::Direction::Response))
        violation(u"(fake answered off-schema) "_s + problem);
}

std::optional<FakeResponse> FakeHttpServer::scriptedFor(const RecordedRequest &request)
{
    QMutexLocker locker(&m_mutex);
    for (auto it = m_scripts.begin(); it != m_scripts.end(); ++it) {
        if (!it->method.isEmpty() && it->method != request.method)
            continue;
        if (!it->path.pattern().isEmpty() && !it->path.match(request.path).hasMatch())
            continue;
        const ScriptedFailure failure = *it;
        if (it->times > 0 && --it->times == 0)
            m_scripts.erase(it);
        locker.unlock();
        FakeResponse response;
        switch (failure.kind) {
        case ScriptedFailure::Kind::Hang:
            response.hang = true;
            break;
        case ScriptedFailure::Kind::Garbage:
            response.status = failure.status;
            response.body = failure.body.isEmpty() ? QByteArray("<html><body>Bad gateway\x01\xff"
                                                                "</body>")
                                                   : failure.body;
            response.contentType = "text/html";
            break;
        case ScriptedFailure::Kind::Status:
            response.status = failure.status;
            response.body = failure.body.isEmpty()
                                ? errorBody(failure.status, u"scripted failure"_s)
                                : failure.body;
            break;
        }
        if (failure.retryAfterSeconds >= 0)
            response.headers.append(qMakePair(QByteArray("Retry-After"),
                                              QByteArray::number(failure.retryAfterSeconds)));
        return response;
    }
    return std::nullopt;
}

bool FakeHttpServer::handleRequest(const QHttpServerRequest &httpRequest, QTcpSocket *socket)
{
    if (!m_sockets.contains(socket)) {
        m_sockets.insert(socket);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_sockets.remove(socket); });
    }
    RecordedRequest request;
    request.method = httpMethodName(httpRequest.method());
    request.path = httpRequest.url().path();
    request.query = httpRequest.query();
    request.headers = httpRequest.headers();
    request.body = httpRequest.body();
    request.receivedNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::steady_clock::now().time_since_epoch())
                             .count();
    {
        QMutexLocker locker(&m_mutex);
        ++m_requestCount;
        if (m_recording)
            m_requests.append(request);
    }
    if (m_observer)
        m_observer(request);

    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(httpRequest, socket));
    // Scripted failures stand for the service failing, so they come before its own checks; the
    // request is still checked, as a malformed one would be a bug whatever the service said.
    const std::optional<FakeResponse> refusal = check(request);
    const std::optional<FakeResponse> scripted = scriptedFor(request);
    const FakeResponse response = scripted ? *scripted : refusal ? *refusal : respond(request);
    if (response.hang) {
        m_hanging.append(responder);
        return true;
    }
    write(socket, responder, response);
    return true;
}

void FakeHttpServer::write(QTcpSocket *socket,
                           const std::shared_ptr<QHttpServerResponder> &responder,
                           const FakeResponse &response)
{
    if (!m_sockets.contains(socket))
        return;
    responder->writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    if (!response.body.isEmpty())
        responder->writeHeader("Content-Type", response.contentType);
    for (const auto &[name, value] : response.headers)
        responder->writeHeader(name, value);
    responder->writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder->writeBody(response.body);
}

void FakeHttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // handleRequest answers everything.
}
