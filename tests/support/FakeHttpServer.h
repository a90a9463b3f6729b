// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiSchema.h"

#include <QAbstractHttpServer>
#include <QJsonObject>
#include <QMutex>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QUrlQuery>

#include <functional>
#include <memory>

class QHttpServerResponder;
class QTcpSocket;

using FakeHeaders = TestHttp::Headers;

// A request as a fake provider received it.
struct RecordedRequest
{
    QByteArray method;
    QString path; // decoded, without the query
    QUrlQuery query;
    FakeHeaders headers;
    QByteArray body;
    qint64 receivedNs = 0; // steady clock, comparable with std::chrono::steady_clock in-process

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
    // A form body, decoded the way Twilio decodes it ("+" is a space).
    QMultiMap<QString, QString> form() const;
};

struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    FakeHeaders headers;
    bool hang = false; // never answer: the client's timeout must act

    static FakeResponse json(const QJsonObject &body, int status = 200);
};

// What a test scripts a fake to do instead of its normal answer, for requests that match.
struct ScriptedFailure
{
    enum class Kind { Status, Garbage, Hang };
    Kind kind = Kind::Status;
    QByteArray method;       // empty: any
    QRegularExpression path; // default (empty pattern): any
    int status = 500;
    QByteArray body; // empty: the fake's own error body for `status`
    int retryAfterSeconds = -1;
    int times = 1; // -1: every matching request from now on
};

// An HTTP server on a free loopback port that plays a provider: records every request, checks it
// as the real service would (method, path, auth, content type, body against the schema), records
// a violation for anything the real service would refuse, and answers like the service, unless a
// test scripted a failure. Subclasses say what a request means and what to answer.
class FakeHttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    FakeHttpServer(QString providerName, QObject *parent = nullptr);
    ~FakeHttpServer() override;

    // Listens on 127.0.0.1 (`port` 0: a free one; a stopped fake may come back on its old port).
    bool start(quint16 port = 0);
    // Closes the listening socket and every connection: clients then meet "connection refused".
    void stop();
    quint16 port() const { return m_port; }
    QString origin() const; // http://127.0.0.1:PORT

    QList<RecordedRequest> requests() const;
    // Requests with this method whose path matches `pathPattern` (a regular expression).
    QList<RecordedRequest> requests(const QByteArray &method, const QString &pathPattern) const;
    int requestCount() const;
    QStringList violations() const;
    void clearRecords();
    void setRecording(bool on) { m_recording = on; }

    void script(const ScriptedFailure &failure);
    void clearScripts();
    // Called for every request received, on the fake's thread (benchmarks time with it).
    void setObserver(std::function<void(const RecordedRequest &)> observer);

protected:
    // Checks a request as the real service would, calling violation() for whatever it would
    // refuse, and answers with the service's refusal then; nullopt for a request it accepts.
    virtual std::optional<FakeResponse> check(const RecordedRequest &request) = 0;
    // The answer to an accepted request that no scripted failure took.
    virtual FakeResponse respond(const RecordedRequest &request) = 0;
    // The provider's own error body for a status.
    virtual QByteArray errorBody(int status, const QString &message) const = 0;
    void violation(const QString &text);
    // Checks `body` against a response schema so the fake itself stays honest.
    void checkOwnAnswer(const ApiSchema &schema, const QJsonObject &operation, int status,
                        const QJsonObject &body);

    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    std::optional<FakeResponse> scriptedFor(const RecordedRequest &request);
    void write(QTcpSocket *socket, const std::shared_ptr<QHttpServerResponder> &responder,
               const FakeResponse &response);

    QString m_provider;
    quint16 m_port = 0;
    bool m_recording = true;
    mutable QMutex m_mutex;
    QList<RecordedRequest> m_requests;
    int m_requestCount = 0;
    QStringList m_violations;
    QList<ScriptedFailure> m_scripts;
    std::function<void(const RecordedRequest &)> m_observer;
    QSet<QTcpSocket *> m_sockets;
    QList<std::shared_ptr<QHttpServerResponder>> m_hanging;
};
