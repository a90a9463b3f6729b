// SPDX-License-Identifier: GPL-3.0-or-later
// Each way a provider fails, seen through the real clients: status codes with their bodies,
// Retry-After, garbage, a hang, a refused connection; retries only where they are safe.
#include "ProviderClientFixture.h"

#include <QElapsedTimer>

class TestProviderFailures : public ProviderClientFixture
{
    Q_OBJECT

private Q_SLOTS:
    void wrongKeyIsTheProvidersRefusal()
    {
        UltravoxCredentials wrong = m_ultravoxServer->credentials();
        wrong.apiKey = u"not-the-key"_s;
        const auto client = m_factory->ultravox(wrong);
        const Outcome<UltravoxAccount> account =
            run<UltravoxAccount>([&](QObject *context, Callback<UltravoxAccount> done) {
                client->checkAccount(context, done);
            });
        QVERIFY(!account.ok());
        QCOMPARE(account.error().httpStatus, 403);
        QCOMPARE(account.error().message, u"Invalid API key."_s);
        QCOMPARE(m_ultravoxServer->requestCount(), 1); // a 403 is not retried
    }

    void twilioErrorBodyIsParsed()
    {
        m_twilioServer->script(
            {ScriptedFailure::Kind::Status, "POST", QRegularExpression(u"Calls"_s), 400,
             "{\"code\":21217,\"message\":\"Phone number does not appear to be valid\","
             "\"more_info\":\"https://www.twilio.com/docs/errors/21217\",\"status\":400}",
             -1, 1});
        const QString joinUrl =
            startCall(createAgent(spec(u"A"_s)).value().agentId).value().joinUrl;
        const Outcome<TwilioCall> placed = placeCall(joinUrl);
        QVERIFY(!placed.ok());
        const ProviderError &error = placed.error();
        QCOMPARE(error.provider, u"twilio"_s);
        QCOMPARE(error.kind, ErrorKind::Provider);
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(error.code, u"21217"_s);
        QCOMPARE(error.message, u"Phone number does not appear to be valid"_s);
        QCOMPARE(error.moreInfo, u"https://www.twilio.com/docs/errors/21217"_s);
        QVERIFY(error.body.contains(u"21217"_s));
    }

    void ultravoxFieldErrorsAreNamed()
    {
        m_ultravoxServer->script(
            {ScriptedFailure::Kind::Status, "POST", QRegularExpression(u"agents"_s), 400,
             R"({"name":["Ensure this field has no more than 64 characters."]})", -1, 1});
        const Outcome<RemoteAgent> created = createAgent(spec(u"A"_s));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, u"name"_s);
        QCOMPARE(created.error().message,
                 u"name: Ensure this field has no more than 64 characters."_s);
    }

    void readsRetryButCreationsDoNot_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("500") << 500;
        QTest::newRow("502") << 502;
        QTest::newRow("503") << 503;
    }
    void readsRetryButCreationsDoNot()
    {
        QFETCH(int, status);
        m_ultravoxServer->script({ScriptedFailure::Kind::Status, "GET", {}, status, {}, -1, 2});
        const Outcome<UltravoxAccount> account = checkUltravox();
        QVERIFY2(account.ok(), qPrintable(describe(account.error())));
        QCOMPARE(m_ultravoxServer->requests("GET", u"accounts"_s).size(), 3);

        m_ultravoxServer->script({ScriptedFailure::Kind::Status, "POST", {}, status, {}, -1, 1});
        const Outcome<RemoteAgent> created = createAgent(spec(u"Once"_s));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().httpStatus, status);
        QCOMPARE(created.error().kind,
                 status == 503 ? ErrorKind::ProviderUnavailable : ErrorKind::Provider);
        QCOMPARE(m_ultravoxServer->requests("POST", u"agents"_s).size(), 1);
        QCOMPARE(m_ultravoxServer->agentCount(), 0);
    }

    void readsGiveUpAfterTheLastAttempt()
    {
        m_twilioServer->script({ScriptedFailure::Kind::Status, "GET", {}, 500, {}, -1, -1});
        const Outcome<TwilioAccount> account =
            run<TwilioAccount>([&](QObject *context, Callback<TwilioAccount> done) {
                m_twilio->checkAccount(context, done);
            });
        QVERIFY(!account.ok());
        QCOMPARE(account.error().httpStatus, 500);
        QCOMPARE(account.error().code, u"20500"_s);
        QCOMPARE(m_twilioServer->requestCount(), 3);
    }

    void retryAfterIsHonouredWhenShort()
    {
        m_ultravoxServer->script({ScriptedFailure::Kind::Status, "GET", {}, 429, {}, 1, 1});
        QElapsedTimer timer;
        timer.start();
        const Outcome<UltravoxAccount> account = checkUltravox();
        QVERIFY2(account.ok(), qPrintable(describe(account.error())));
        QVERIFY2(timer.elapsed() >= 900, "waited the second Retry-After asked for");
        QCOMPARE(m_ultravoxServer->requestCount(), 2);
    }

    void retryAfterIsReportedWhenLong()
    {
        m_ultravoxServer->script({ScriptedFailure::Kind::Status, "GET", {}, 429, {}, 120, 1});
        QElapsedTimer timer;
        timer.start();
        const Outcome<UltravoxAccount> account = checkUltravox();
        QVERIFY(!account.ok());
        QVERIFY(timer.elapsed() < 1000);
        QCOMPARE(account.error().httpStatus, 429);
        QCOMPARE(account.error().retryAfterSeconds, 120);
        QCOMPARE(m_ultravoxServer->requestCount(), 1);

        m_ultravoxServer->script({ScriptedFailure::Kind::Status, "POST", {}, 429, {}, 1, 1});
        const Outcome<RemoteAgent> created = createAgent(spec(u"A"_s));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().retryAfterSeconds, 1);
        QCOMPARE(m_ultravoxServer->requests("POST", u"agents"_s).size(), 1);
    }

    void garbageBodiesAreClearErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("200 with HTML") << 200;
        QTest::newRow("502 with HTML") << 502;
    }
    void garbageBodiesAreClearErrors()
    {
        QFETCH(int, status);
        m_ultravoxServer->script({ScriptedFailure::Kind::Garbage, "POST", {}, status, {}, -1, 1});
        const Outcome<RemoteAgent> created = createAgent(spec(u"A"_s));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().provider, u"ultravox"_s);
        QCOMPARE(created.error().httpStatus, status);
        QVERIFY2(created.error().message.contains(u"not"_s) &&
                     created.error().message.contains(u"JSON"_s),
                 qPrintable(created.error().message));
        QVERIFY(created.error().body.contains(u"Bad gateway"_s));
        QVERIFY(created.error().summary().startsWith(u"Ultravox answered %1"_s.arg(status)));
    }

    void missingFieldsInASuccessAreErrors()
    {
        m_twilioServer->script(
            {ScriptedFailure::Kind::Status, "GET", {}, 200, "{\"status\":\"ok\"}", -1, 1});
        const Outcome<TwilioAccount> account =
            run<TwilioAccount>([&](QObject *context, Callback<TwilioAccount> done) {
                m_twilio->checkAccount(context, done);
            });
        QVERIFY(!account.ok());
        QCOMPARE(account.error().code, u"unreadable_response"_s);
        QVERIFY(account.error().message.contains(u"sid"_s));
    }

    void aHangingProviderTimesOut()
    {
        m_ultravoxServer->script({ScriptedFailure::Kind::Hang, "POST", {}, 0, {}, -1, 1});
        QElapsedTimer timer;
        timer.start();
        const Outcome<RemoteAgent> created = createAgent(spec(u"A"_s));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().kind, ErrorKind::ProviderTimeout);
        QCOMPARE(created.error().httpStatus, 0);
        QVERIFY(timer.elapsed() >= 360 &&
                timer.elapsed() < 3000); // coarse timers may fire 5% early
        QCOMPARE(m_ultravoxServer->requestCount(), 1);
        QVERIFY(created.error().summary().startsWith(u"Ultravox did not answer in time"_s));

        // A read that hangs is not sent again either: it would only double the wait.
        m_ultravoxServer->script({ScriptedFailure::Kind::Hang, "GET", {}, 0, {}, -1, 1});
        QCOMPARE(checkUltravox().error().kind, ErrorKind::ProviderTimeout);
        QCOMPARE(m_ultravoxServer->requestCount(), 2);
    }

    void aRefusedConnectionIsUnavailable()
    {
        m_twilioServer->stop();
        const Outcome<TwilioAccount> account =
            run<TwilioAccount>([&](QObject *context, Callback<TwilioAccount> done) {
                m_twilio->checkAccount(context, done);
            });
        QVERIFY(!account.ok());
        QCOMPARE(account.error().kind, ErrorKind::ProviderUnavailable);
        QCOMPARE(account.error().provider, u"twilio"_s);
        QVERIFY2(account.error().message.contains(u"3 attempts"_s),
                 qPrintable(account.error().message));
        QVERIFY(account.error().summary().startsWith(u"Twilio could not be reached"_s));
    }

    void callbacksNeverOutliveTheirContext()
    {
        m_ultravoxServer->script({ScriptedFailure::Kind::Hang, {}, {}, 0, {}, -1, 1});
        bool called = false;
        {
            QObject context;
            m_ultravox->checkAccount(
                &context, [&called](const Outcome<UltravoxAccount> &) { called = true; });
        }
        QTest::qWait(700); // past the timeout
        QVERIFY(!called);
    }

    void nextLinksToOtherHostsAreNotFollowed()
    {
        FakeUltravox elsewhere;
        QVERIFY(elsewhere.start());
        const QString foreignNext = elsewhere.baseUrl().toString() + u"voices?cursor=2"_s;
        m_ultravoxServer->script({ScriptedFailure::Kind::Status, "GET",
                                  QRegularExpression(u"voices"_s), 200,
                                  QJsonDocument(QJsonObject{{u"next"_s, foreignNext},
                                                            {u"previous"_s, QJsonValue::Null},
                                                            {u"results"_s, QJsonArray()},
                                                            {u"total"_s, 9}})
                                      .toJson(),
                                  -1, 1});
        const Outcome<QList<Voice>> voices =
            run<QList<Voice>>([&](QObject *context, Callback<QList<Voice>> done) {
                m_ultravox->listVoices({}, context, done);
            });
        QVERIFY(!voices.ok());
        QVERIFY(voices.error().message.contains(u"not followed"_s));
        QCOMPARE(elsewhere.requestCount(), 0); // the API key never left
    }
};

QTEST_GUILESS_MAIN(TestProviderFailures)
#include "tst_provider_failures.moc"
