// SPDX-License-Identifier: GPL-3.0-or-later
// The rules every request meets, over real HTTP: the API key, the spec's error body on every
// error (404, 405, 413 and non-JSON included), request ids, the Host check and rate limiting.
#include "ApiKeyGuard.h"
#include "RateLimiter.h"
#include "TestServer.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
void expectErrorBody(const HttpResult &result, int status, const QString &error)
{
    QVERIFY2(result.status == status, qPrintable(u"expected %1, got %2: %3"_s.arg(status)
                                                     .arg(result.status)
                                                     .arg(QString::fromUtf8(result.body))));
    QVERIFY(result.header("Content-Type").startsWith("application/json"));
    const QJsonObject body = result.object();
    QCOMPARE(body.value(u"error"_s).toString(), error);
    QVERIFY(!body.value(u"message"_s).toString().isEmpty());
    QVERIFY(body.value(u"details"_s).isObject());
    QVERIFY(body.value(u"timestamp"_s).toString().endsWith(u'Z'));
    QCOMPARE(body.value(u"request_id"_s).toString().toLatin1(), result.header("X-Request-ID"));
    QVERIFY(!result.header("X-RateLimit-Limit").isEmpty());
}

const QByteArray validAgentBody = "{\"name\":\"Protocol Agent\",\"prompt\":\"Be brief.\"}";
} // namespace

class TestApiProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
    }
    void cleanup() { m_server.reset(); }

    void apiKeyIsRequiredExceptOnPublicRoutes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::newRow("list agents") << QByteArray("GET") << u"/api/v1/agents"_s;
        QTest::newRow("create agent") << QByteArray("POST") << u"/api/v1/agents"_s;
        QTest::newRow("get agent") << QByteArray("GET") << u"/api/v1/agents/agent_x"_s;
        QTest::newRow("delete agent") << QByteArray("DELETE") << u"/api/v1/agents/agent_x"_s;
        QTest::newRow("call") << QByteArray("POST") << u"/api/v1/calls/agent_x"_s;
        QTest::newRow("calls") << QByteArray("GET") << u"/api/v1/calls"_s;
        QTest::newRow("metrics") << QByteArray("GET") << u"/api/v1/metrics"_s;
        QTest::newRow("events") << QByteArray("GET") << u"/api/v1/metrics/events"_s;
        QTest::newRow("api calls") << QByteArray("GET") << u"/api/v1/metrics/api-calls"_s;
        QTest::newRow("companies") << QByteArray("GET") << u"/api/v1/companies"_s;
        QTest::newRow("company route")
            << QByteArray("POST") << u"/api/ultravox-calls/initiate-call"_s;
    }
    void apiKeyIsRequiredExceptOnPublicRoutes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        const HttpResult missing = m_server->request(method, path, "{}", {}, false);
        expectErrorBody(missing, 401, u"unauthorized"_s);
        QVERIFY(missing.object().value(u"message"_s).toString().contains(u"X-API-Key"_s));
        const HttpResult wrong =
            m_server->request(method, path, "{}", {{"X-API-Key", "wrong-key-0123456789"}}, false);
        expectErrorBody(wrong, 401, u"unauthorized"_s);
        const HttpResult tooShort =
            m_server->request(method, path, "{}", {{"X-API-Key", "short"}}, false);
        expectErrorBody(tooShort, 401, u"unauthorized"_s);
        QVERIFY(tooShort.object().value(u"message"_s).toString().contains(u"10-200"_s));
        const HttpResult tooLong =
            m_server->request(method, path, "{}", {{"X-API-Key", QByteArray(201, 'k')}}, false);
        expectErrorBody(tooLong, 401, u"unauthorized"_s);
    }

    void publicRoutesNeedNoKey_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("health") << u"/api/v1/health"_s;
        QTest::newRow("detailed health") << u"/api/v1/health/detailed"_s;
        QTest::newRow("openapi") << u"/openapi.json"_s;
        QTest::newRow("swagger ui") << u"/docs"_s;
        QTest::newRow("redoc") << u"/redoc"_s;
    }
    void publicRoutesNeedNoKey()
    {
        QFETCH(QString, path);
        QCOMPARE(m_server->request("GET", path, {}, {}, false).status, 200);
    }

    void constantTimeComparisonIsExact()
    {
        QVERIFY(ApiKeyGuard::constantTimeEquals("abcdef", "abcdef"));
        QVERIFY(!ApiKeyGuard::constantTimeEquals("abcdef", "abcdeg"));
        QVERIFY(!ApiKeyGuard::constantTimeEquals("abcdef", "abcde"));
        QVERIFY(!ApiKeyGuard::constantTimeEquals("", "a"));
        ApiKeyGuard guard;
        guard.setKey(u"correct-key-123"_s);
        QString reason;
        QCOMPARE(guard.check("correct-key-123", &reason), ApiKeyGuard::Verdict::Accepted);
        QCOMPARE(guard.check("correct-key-124", &reason), ApiKeyGuard::Verdict::Wrong);
        QCOMPARE(guard.check("correct-key-1234", &reason), ApiKeyGuard::Verdict::Wrong);
        QCOMPARE(guard.check("", &reason), ApiKeyGuard::Verdict::Missing);
        QCOMPARE(guard.check("   ", &reason), ApiKeyGuard::Verdict::Malformed);
    }

    void unknownRoutesGet404WithTheErrorBody()
    {
        expectErrorBody(m_server->get(u"/api/v1/nothing"_s), 404, u"not_found"_s);
        expectErrorBody(m_server->get(u"/"_s), 404, u"not_found"_s);
        expectErrorBody(m_server->request("GET", u"/api/v2/agents"_s, {}, {}, false), 404,
                        u"not_found"_s);
    }

    void wrongMethodsGet405WithAllow()
    {
        const HttpResult result =
            m_server->request("PATCH", u"/api/v1/agents/agent_x"_s, validAgentBody);
        expectErrorBody(result, 405, u"method_not_allowed"_s);
        const QByteArray allow = result.header("Allow");
        QVERIFY2(allow.contains("GET") && allow.contains("PUT") && allow.contains("DELETE"),
                 allow.constData());
        expectErrorBody(m_server->request("DELETE", u"/api/v1/agents"_s), 405,
                        u"method_not_allowed"_s);
        expectErrorBody(m_server->request("POST", u"/api/v1/health"_s, "{}"), 405,
                        u"method_not_allowed"_s);
    }

    void headAndOptionsAnswerWithoutABody()
    {
        const HttpResult get = m_server->get(u"/api/v1/agents"_s);
        const HttpResult head = m_server->request("HEAD", u"/api/v1/agents"_s);
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        QCOMPARE(head.header("Content-Length"), QByteArray::number(get.body.size()));
        const HttpResult options = m_server->request("OPTIONS", u"/api/v1/agents/agent_x"_s);
        QCOMPARE(options.status, 204);
        QCOMPARE(options.header("Allow"), QByteArray("GET, PUT, DELETE, HEAD, OPTIONS"));
        expectErrorBody(m_server->request("OPTIONS", u"/api/v1/nowhere"_s), 404, u"not_found"_s);
    }

    void nonJsonBodiesGet400_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("plain text") << QByteArray("name=agent");
        QTest::newRow("truncated json") << QByteArray("{\"name\": \"x\"");
        QTest::newRow("array") << QByteArray("[{\"name\": \"x\"}]");
        QTest::newRow("string") << QByteArray("\"agent\"");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage", 11);
    }
    void nonJsonBodiesGet400()
    {
        QFETCH(QByteArray, body);
        const HttpResult result = m_server->request("POST", u"/api/v1/agents"_s, body,
                                                    {{"Content-Type", "application/json"}});
        expectErrorBody(result, 400, u"invalid_json"_s);
        QCOMPARE(m_server->get(u"/api/v1/agents"_s).array().size(), 0);
    }

    void validJsonThatIsNotAnObjectIsNamed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("named");
        QTest::newRow("string") << QByteArray("\"agent\"") << u"a string"_s;
        QTest::newRow("number") << QByteArray(" 42.5 ") << u"a number"_s;
        QTest::newRow("array") << QByteArray("[{\"name\": \"x\"}]") << u"an array"_s;
        QTest::newRow("null") << QByteArray("null") << u"null"_s;
        QTest::newRow("true") << QByteArray("true") << u"a boolean"_s;
        QTest::newRow("false") << QByteArray("false\n") << u"a boolean"_s;
    }
    void validJsonThatIsNotAnObjectIsNamed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, named);
        for (const QString &path : {u"/api/v1/agents"_s, u"/api/v1/companies"_s}) {
            const HttpResult result =
                m_server->request("POST", path, body, {{"Content-Type", "application/json"}});
            expectErrorBody(result, 400, u"invalid_json"_s);
            const QJsonObject error = result.object();
            QCOMPARE(error.value(u"message"_s).toString(),
                     u"The request body must be a JSON object, not "_s + named);
            QCOMPARE(error.value(u"details"_s).toObject().value(u"body"_s).toString(),
                     u"must be a JSON object, not "_s + named);
        }
        // Broken JSON is still called broken, with where it broke.
        const HttpResult broken = m_server->request("POST", u"/api/v1/agents"_s, "\"unterminated");
        QVERIFY(broken.object()
                    .value(u"message"_s)
                    .toString()
                    .startsWith(u"The request body is not valid JSON"_s));
        const HttpResult twoValues = m_server->request("POST", u"/api/v1/agents"_s, "1, 2");
        QVERIFY(twoValues.object()
                    .value(u"message"_s)
                    .toString()
                    .startsWith(u"The request body is not valid JSON"_s));
        QCOMPARE(m_server->get(u"/api/v1/agents"_s).array().size(), 0);
    }

    void bodiesOverOneMebibyteGet413()
    {
        QByteArray body = "{\"name\":\"Big\",\"prompt\":\"" + QByteArray(1024 * 1024, 'p') + "\"}";
        const HttpResult result = m_server->request("POST", u"/api/v1/agents"_s, body);
        expectErrorBody(result, 413, u"payload_too_large"_s);
        // Just under the limit is read (and refused for its prompt length instead).
        QByteArray fits =
            "{\"name\":\"Big\",\"prompt\":\"" + QByteArray(1024 * 1024 - 64, 'p') + "\"}";
        expectErrorBody(m_server->request("POST", u"/api/v1/agents"_s, fits), 400,
                        u"validation_error"_s);
    }

    void hugeBodiesAreCutOffEarly()
    {
        // 8 MiB announced and sent: the server answers 413 and closes without buffering it all.
        const QByteArray head = "POST /api/v1/agents HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " +
                                QByteArray(TestServer::ApiKey) +
                                "\r\nContent-Type: application/json\r\nContent-Length: " +
                                QByteArray::number(8 * 1024 * 1024) + "\r\n\r\n";
        const QByteArray answer =
            TestHttp::sendRaw(m_server->port(), head + QByteArray(8 * 1024 * 1024, 'x'));
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        QVERIFY(answer.contains("payload_too_large"));
        QCOMPARE(m_server->get(u"/api/v1/health"_s).status, 200); // still serving
    }

    void requestIdIsEchoedOrGenerated()
    {
        const HttpResult given = m_server->request("GET", u"/api/v1/agents/agent_missing"_s, {},
                                                   {{"X-Request-ID", "trace-abc-123"}});
        QCOMPARE(given.header("X-Request-ID"), QByteArray("trace-abc-123"));
        QCOMPARE(given.object().value(u"request_id"_s).toString(), u"trace-abc-123"_s);

        const HttpResult generated = m_server->get(u"/api/v1/agents"_s);
        QVERIFY(QUuid::fromString(QString::fromLatin1(generated.header("X-Request-ID"))).isNull() ==
                false);
        const HttpResult other = m_server->get(u"/api/v1/agents"_s);
        QVERIFY(other.header("X-Request-ID") != generated.header("X-Request-ID"));

        // An id with spaces or control characters is not echoed (header injection).
        const HttpResult unsafe =
            m_server->request("GET", u"/api/v1/agents"_s, {}, {{"X-Request-ID", "bad id<script>"}});
        QVERIFY(unsafe.header("X-Request-ID") != "bad id<script>");
    }

    void foreignHostHeadersAreRefused_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("status");
        QTest::newRow("localhost") << QByteArray("localhost:8000") << 200;
        QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1:8000") << 200;
        QTest::newRow("[::1]") << QByteArray("[::1]:8000") << 200;
        QTest::newRow("LAN address") << QByteArray("192.168.1.20:8000") << 200;
        QTest::newRow("sub.localhost") << QByteArray("app.localhost") << 200;
        QTest::newRow("rebinding name") << QByteArray("evil.example.com") << 403;
        QTest::newRow("rebinding name with port") << QByteArray("attacker.test:8000") << 403;
    }
    void foreignHostHeadersAreRefused()
    {
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        const QByteArray request = "GET /api/v1/agents HTTP/1.1\r\nHost: " + host +
                                   "\r\nX-API-Key: " + QByteArray(TestServer::ApiKey) +
                                   "\r\nConnection: close\r\n\r\n";
        const QByteArray answer = TestHttp::sendRaw(m_server->port(), request);
        QVERIFY2(answer.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status))),
                 answer.left(300).constData());
        if (status == 403) {
            QVERIFY(answer.contains("forbidden_host"));
            QVERIFY(answer.contains("X-RateLimit-Remaining: "));
        }
    }

    void pipelinedAnswersKeepTheirOrder()
    {
        // A slow request (a provider round trip) first, a fast one after, on one connection.
        const QByteArray key = TestServer::ApiKey;
        const QByteArray slow =
            "POST /api/v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key +
            "\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(validAgentBody.size()) + "\r\nX-Request-ID: first\r\n\r\n" +
            validAgentBody;
        const QByteArray fast =
            "GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Request-ID: second\r\n"
            "Connection: close\r\n\r\n";
        const QByteArray answer = TestHttp::sendRaw(m_server->port(), slow + fast);
        const qsizetype first = answer.indexOf("X-Request-ID: first");
        const qsizetype second = answer.indexOf("X-Request-ID: second");
        QVERIFY2(first >= 0 && second > first, answer.constData());
        QVERIFY(answer.startsWith("HTTP/1.1 201"));
    }

    void http10ConnectionsCloseAfterTheAnswerUnlessKeptAlive()
    {
        // Clients of HTTP/1.0 that read until the connection closes must not wait forever.
        QElapsedTimer timer;
        timer.start();
        const QByteArray answer = TestHttp::sendRaw(
            m_server->port(), "GET /api/v1/health HTTP/1.0\r\nHost: localhost\r\n\r\n", 3000);
        QVERIFY2(timer.elapsed() < 2000, "the server kept the HTTP/1.0 connection open");
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(200).constData());
        QVERIFY(answer.contains("Connection: close"));
        QVERIFY(answer.endsWith('}'));

        // Asked to keep it, the server does: the connection is still open when the wait ends.
        timer.restart();
        const QByteArray kept = TestHttp::sendRaw(
            m_server->port(),
            "GET /api/v1/health HTTP/1.0\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n",
            700);
        QVERIFY(timer.elapsed() >= 650);
        QVERIFY2(kept.startsWith("HTTP/1.1 200"), kept.left(200).constData());
        QVERIFY(!kept.contains("Connection: close"));
    }

    void rateLimitHeadersOnEveryResponse()
    {
        const HttpResult ok = m_server->get(u"/api/v1/agents"_s);
        QVERIFY(!ok.header("X-RateLimit-Limit").isEmpty());
        QVERIFY(!ok.header("X-RateLimit-Remaining").isEmpty());
        const qint64 reset = ok.header("X-RateLimit-Reset").toLongLong();
        QVERIFY(reset >= QDateTime::currentSecsSinceEpoch());
        QVERIFY(reset <= QDateTime::currentSecsSinceEpoch() + 3600);
        QVERIFY(!m_server->get(u"/api/v1/nothing"_s).header("X-RateLimit-Remaining").isEmpty());
    }

    void defaultLimitsAllowABurstOfTenThen429()
    {
        TestServerOptions options;
        options.limits = RateLimits{}; // the spec's defaults: 60/min, 1000/h, burst 10
        TestServer limited(options);
        QVERIFY(limited.start());
        for (int i = 0; i < 10; ++i) {
            const HttpResult result = limited.get(u"/api/v1/agents"_s);
            QCOMPARE(result.status, 200);
            QCOMPARE(result.header("X-RateLimit-Limit"), QByteArray("60"));
            QCOMPARE(result.header("X-RateLimit-Remaining").toInt(), 9 - i);
        }
        const HttpResult refused = limited.get(u"/api/v1/agents"_s);
        expectErrorBody(refused, 429, u"rate_limit_exceeded"_s);
        const int retryAfter = refused.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60, refused.header("Retry-After").constData());
        QCOMPARE(refused.header("X-RateLimit-Remaining"), QByteArray("0"));
        // Another key (even a wrong one) is counted apart: it gets its 401, not this key's 429.
        expectErrorBody(limited.request("GET", u"/api/v1/agents"_s, {},
                                        {{"X-API-Key", "another-key-0123456789"}}, false),
                        401, u"unauthorized"_s);
        // After the refill time, one more request passes.
        QTest::qWait(1100);
        QCOMPARE(limited.get(u"/api/v1/agents"_s).status, 200);
    }

    void monitorsPollingHealthAreNeverRefused()
    {
        TestServerOptions options;
        options.limits = RateLimits{}; // the spec's defaults: 60/min, 1000/h, burst 10
        TestServer limited(options);
        QVERIFY(limited.start());
        // 200 polls at once, from one address, with and without a key: all answered 200.
        QNetworkAccessManager manager;
        QList<QNetworkReply *> replies;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 200; ++i) {
            QNetworkRequest request(limited.url(u"/api/v1/health"_s));
            if (i % 2)
                request.setRawHeader("X-API-Key", TestServer::ApiKey);
            replies << (i % 10 == 9 ? manager.head(request) : manager.get(request));
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(replies.cbegin(), replies.cend(),
                                   [](QNetworkReply *reply) { return reply->isFinished(); });
            },
            20000));
        qInfo("200 health polls answered in %lld ms", qlonglong(clock.elapsed()));
        for (QNetworkReply *reply : std::as_const(replies)) {
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            reply->deleteLater();
        }
        // Polling used none of the client's quota: the full burst is still there.
        const HttpResult agents = limited.get(u"/api/v1/agents"_s);
        QCOMPARE(agents.status, 200);
        QCOMPARE(agents.header("X-RateLimit-Remaining").toInt(), 9);
        // The detailed check asks the providers, so it stays limited like any other route.
        for (int i = 0; i < 12; ++i)
            limited.get(u"/api/v1/health/detailed"_s);
        QCOMPARE(limited.get(u"/api/v1/health/detailed"_s).status, 429);
        QCOMPARE(limited.get(u"/api/v1/health"_s).status, 200);
    }

    void perMinuteAndPerHourLimitsHold()
    {
        RateLimiter limiter(RateLimits{5, 7, 100});
        qint64 now = 1'000'000;
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.take(u"k"_s, now + i).allowed);
        RateLimiter::Decision sixth = limiter.take(u"k"_s, now + 10);
        QVERIFY(!sixth.allowed);
        QVERIFY(sixth.retryAfter >= 59 && sixth.retryAfter <= 60);
        QVERIFY(limiter.take(u"k"_s, now + 61'000).allowed); // a new minute
        QVERIFY(limiter.take(u"k"_s, now + 61'001).allowed);
        const RateLimiter::Decision hourly = limiter.take(u"k"_s, now + 61'002);
        QVERIFY(!hourly.allowed); // 7 in the hour
        QVERIFY(hourly.retryAfter > 3000);
        QVERIFY(limiter.take(u"other"_s, now + 61'003).allowed);
    }

    void theLimiterRemembersABoundedNumberOfClients()
    {
        // A client making up a new key for every request within the hour: memory stays bounded,
        // and a client seen recently keeps its count.
        RateLimiter limiter(RateLimits{1000, 2, 1000}); // two an hour
        qint64 now = 1'000'000;
        QVERIFY(limiter.take(u"steady"_s, now).allowed);
        QVERIFY(limiter.take(u"steady"_s, now).allowed);
        for (qsizetype i = 0; i < RateLimiter::MaxClients * 2; ++i) {
            limiter.take(u"key:%1"_s.arg(i), ++now);
            if (i % 1000 == 0)
                limiter.take(u"steady"_s, now); // refused (its hour is used up), but seen
        }
        QVERIFY(limiter.clientCount() <= RateLimiter::MaxClients);
        QVERIFY(!limiter.take(u"steady"_s, ++now).allowed);
    }

    void limitsComeFromTheOptions()
    {
        TestServerOptions options;
        options.limits = RateLimits{3, 100, 2};
        TestServer limited(options);
        QVERIFY(limited.start());
        QCOMPARE(limited.get(u"/api/v1/agents"_s).header("X-RateLimit-Limit"), QByteArray("3"));
        QCOMPARE(limited.get(u"/api/v1/agents"_s).status, 200);
        QCOMPARE(limited.get(u"/api/v1/agents"_s).status, 429);
    }

    void metricsCountRequestsAndListRecentOnes()
    {
        m_server->get(u"/api/v1/agents"_s);
        m_server->get(u"/api/v1/nothing"_s);
        m_server->request("POST", u"/api/v1/agents"_s, validAgentBody);
        const QJsonObject metrics = m_server->get(u"/api/v1/metrics"_s).object();
        const QJsonObject requests = metrics.value(u"requests"_s).toObject();
        QCOMPARE(requests.value(u"total"_s).toInt(),
                 3); // the metrics request itself is still running
        QCOMPARE(requests.value(u"errors"_s).toInt(), 1);
        QCOMPARE(requests.value(u"success"_s).toInt(), 2);
        const QJsonObject times = metrics.value(u"response_times"_s).toObject();
        QVERIFY(times.value(u"avg_ms"_s).toDouble() > 0);
        QVERIFY(times.value(u"p99_ms"_s).toDouble() >= times.value(u"p95_ms"_s).toDouble());
        QCOMPARE(metrics.value(u"agents"_s).toObject().value(u"total"_s).toInt(), 1);

        const QJsonObject recent = m_server->get(u"/api/v1/metrics/api-calls?limit=2"_s).object();
        QCOMPARE(recent.value(u"limit"_s).toInt(), 2);
        QCOMPARE(recent.value(u"count"_s).toInt(), 2);
        const QJsonObject newest = recent.value(u"api_calls"_s).toArray().at(0).toObject();
        QCOMPARE(newest.value(u"endpoint"_s).toString(), u"/api/v1/metrics"_s);
        QCOMPARE(newest.value(u"method"_s).toString(), u"GET"_s);
        QCOMPARE(newest.value(u"status_code"_s).toInt(), 200);
        QVERIFY(newest.contains(u"response_time_ms"_s));
        QCOMPARE(m_server->get(u"/api/v1/metrics/api-calls"_s).object().value(u"limit"_s).toInt(),
                 100);
        expectErrorBody(m_server->get(u"/api/v1/metrics/api-calls?limit=1001"_s), 400,
                        u"validation_error"_s);
        expectErrorBody(m_server->get(u"/api/v1/metrics/events?limit=0"_s), 400,
                        u"validation_error"_s);
        QCOMPARE(m_server->get(u"/api/v1/metrics/events?limit=1000"_s).status, 200);
    }

private:
    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TestApiProtocol)
#include "tst_api_protocol.moc"
