// SPDX-License-Identifier: GPL-3.0-or-later
// The Ultravox and Twilio clients alone, against the fake servers: every request shape the
// schemas require, pagination, hang-ups and TwiML. How they fail is tst_provider_failures.
#include "ProviderClientFixture.h"

class TestProviders : public ProviderClientFixture
{
    Q_OBJECT

private Q_SLOTS:
    // The fakes are only worth their checks: requests the real services would refuse must be
    // flagged. Each row is one such mistake, sent by hand.
    void fakesFlagWhatTheServicesWouldRefuse_data()
    {
        QTest::addColumn<bool>("toTwilio");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("withAuth");
        QTest::addColumn<QString>("flagged");
        const QByteArray json = "application/json";
        const QByteArray form = "application/x-www-form-urlencoded";
        const QString calls = u"/2010-04-01/Accounts/%1/Calls.json"_s.arg(
            QString::fromLatin1(FakeTwilio::AccountSid));
        const QByteArray twiml = QUrl::toPercentEncoding(
            u"<Response><Connect><Stream url=\"wss://h/j?a=1&b=2\"/></Connect></Response>"_s);
        QTest::newRow("snake_case field") << false << QByteArray("POST") << u"/api/agents"_s << json
                                          << QByteArray(R"({"name":"A","call_template":{}})")
                                          << true << u"call_template: unknown field"_s;
        QTest::newRow("wrong type") << false << QByteArray("POST") << u"/api/agents"_s << json
                                    << QByteArray(R"({"name":"A","callTemplate":{"voice":7}})")
                                    << true << u"callTemplate.voice: a string expected"_s;
        QTest::newRow("name over 64")
            << false << QByteArray("POST") << u"/api/agents"_s << json
            << (R"({"name":")" + QByteArray(65, 'n') + R"("})") << true << u"at most 64"_s;
        QTest::newRow("no API key") << false << QByteArray("GET") << u"/api/accounts/me"_s
                                    << QByteArray() << QByteArray() << false << u"X-API-Key"_s;
        QTest::newRow("PUT on an agent")
            << false << QByteArray("PUT") << u"/api/agents/6f1c2b7e-0000-4000-8000-000000000001"_s
            << json << QByteArray("{}") << true << u"not allowed"_s;
        QTest::newRow("agent id not a uuid")
            << false << QByteArray("GET") << u"/api/agents/42"_s << QByteArray() << QByteArray()
            << true << u"not a UUID"_s;
        QTest::newRow("form instead of JSON")
            << false << QByteArray("POST") << u"/api/calls"_s << form
            << QByteArray("systemPrompt=x") << true << u"Unsupported media type"_s;
        QTest::newRow("no medium") << false << QByteArray("POST") << u"/api/calls"_s << json
                                   << QByteArray(R"({"systemPrompt":"x"})") << true << u"medium"_s;
        QTest::newRow("both first speakers")
            << false << QByteArray("POST") << u"/api/calls"_s << json
            << QByteArray(
                   R"({"medium":{"twilio":{}},"firstSpeakerSettings":{"user":{},"agent":{}}})")
            << true << u"Exactly one of user or agent"_s;
        QTest::newRow("unknown query parameter")
            << false << QByteArray("GET") << u"/api/voices?page_size=5"_s << QByteArray()
            << QByteArray() << true << u"page_size"_s;
        QTest::newRow("raw plus in To") << true << QByteArray("POST") << calls << form
                                        << ("To=+15551230000&From=%2B14155550100&Twiml=" + twiml)
                                        << true << u"not a valid phone number"_s;
        QTest::newRow("unescaped ampersand in TwiML")
            << true << QByteArray("POST") << calls << form
            << ("To=%2B15551230000&From=%2B14155550100&Twiml=" + twiml) << true
            << u"Document parse failure"_s;
        QTest::newRow("lower-case names") << true << QByteArray("POST") << calls << form
                                          << QByteArray("to=%2B15551230000&from=%2B14155550100")
                                          << true << u"to: unknown parameter"_s;
        QTest::newRow("JSON to Twilio")
            << true << QByteArray("POST") << calls << json << QByteArray(R"({"To":"+15551230000"})")
            << true << u"x-www-form-urlencoded"_s;
        QTest::newRow("From not on the account")
            << true << QByteArray("POST") << calls << form
            << QByteArray("To=%2B15551230000&From=%2B15550000000&Url=https%3A%2F%2Fx") << true
            << u"not yet verified"_s;
        QTest::newRow("misspelt hang-up status")
            << true << QByteArray("POST")
            << calls.chopped(5) + u"/CA"_s + QString(32, u'0') + u".json"_s << form
            << QByteArray("Status=cancelled") << true << u"not one of the allowed"_s;
        QTest::newRow("no Basic auth")
            << true << QByteArray("GET")
            << u"/2010-04-01/Accounts/%1.json"_s.arg(QString::fromLatin1(FakeTwilio::AccountSid))
            << QByteArray() << QByteArray() << false << u"Authorization"_s;
    }
    void fakesFlagWhatTheServicesWouldRefuse()
    {
        QFETCH(bool, toTwilio);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(bool, withAuth);
        QFETCH(QString, flagged);
        FakeHttpServer &fake = toTwilio ? static_cast<FakeHttpServer &>(*m_twilioServer)
                                        : static_cast<FakeHttpServer &>(*m_ultravoxServer);
        TestHttp::Headers headers;
        if (!contentType.isEmpty())
            headers.append(qMakePair(QByteArray("Content-Type"), contentType));
        if (withAuth && toTwilio)
            headers.append(
                qMakePair(QByteArray("Authorization"), "Basic " + QByteArray(FakeTwilio::AccountSid)
                                                                      .append(':')
                                                                      .append(FakeTwilio::AuthToken)
                                                                      .toBase64()));
        else if (withAuth)
            headers.append(qMakePair(QByteArray("X-API-Key"), QByteArray(FakeUltravox::ApiKey)));
        const HttpResult result = TestHttp::send(method, QUrl(fake.origin() + path), body, headers);
        QVERIFY2(result.status >= 400, result.body.constData());
        const QStringList violations = fake.violations();
        QVERIFY2(!violations.isEmpty() && violations.join(u'\n').contains(flagged),
                 qPrintable(violations.join(u'\n')));
        fake.clearRecords(); // flagged as it should be: not a failure of this test
    }

    void clientsAreCachedPerCredentials()
    {
        QCOMPARE(m_factory->ultravox(m_ultravoxServer->credentials()), m_ultravox);
        UltravoxCredentials other = m_ultravoxServer->credentials();
        other.apiKey = u"another-key"_s;
        QVERIFY(m_factory->ultravox(other) != m_ultravox);
        QCOMPARE(m_factory->twilio(m_twilioServer->credentials()), m_twilio);
    }

    void ultravoxAccountIsCheckedWithTheKeyHeader()
    {
        const Outcome<UltravoxAccount> account = checkUltravox();
        QVERIFY2(account.ok(), qPrintable(describe(account.error())));
        QCOMPARE(account.value().allowedConcurrentCalls, 5);
        const auto requests = m_ultravoxServer->requests("GET", u"^/api/accounts/me$"_s);
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().header("X-API-Key"), QByteArray(FakeUltravox::ApiKey));
    }

    void agentCreateUpdateDeleteSendTheSchemaShape()
    {
        const Outcome<RemoteAgent> created = createAgent(spec(u"Support"_s));
        QVERIFY2(created.ok(), qPrintable(describe(created.error())));
        const QString id = created.value().agentId;
        QJsonObject sent = m_ultravoxServer->requests("POST", u"^/api/agents$"_s).first().json();
        QCOMPARE(sent.value(u"name"_s).toString(), u"Support"_s);
        const QJsonObject callTemplate = sent.value(u"callTemplate"_s).toObject();
        QCOMPARE(callTemplate.value(u"systemPrompt"_s).toString(),
                 u"You help {{customer_name}}."_s);
        QCOMPARE(callTemplate.value(u"languageHint"_s).toString(), u"en-US"_s);
        QVERIFY2(!callTemplate.contains(u"voice"_s), "an empty voice is left out");

        const Outcome<RemoteAgent> updated =
            run<RemoteAgent>([&](QObject *context, Callback<RemoteAgent> done) {
                m_ultravox->updateAgent(id, spec(u"Support 2"_s, u"Mark"_s), context, done);
            });
        QVERIFY2(updated.ok(), qPrintable(describe(updated.error())));
        QCOMPARE(updated.value().agentId, id);
        sent = m_ultravoxServer->requests("PATCH", u"^/api/agents/"_s + id + u'$').first().json();
        QCOMPARE(sent.value(u"callTemplate"_s).toObject().value(u"voice"_s).toString(), u"Mark"_s);
        QCOMPARE(m_ultravoxServer->agent(id).value(u"name"_s).toString(), u"Support 2"_s);

        const auto remove = [&] {
            return run<Done>([&](QObject *context, Callback<Done> done) {
                m_ultravox->deleteAgent(id, context, done);
            });
        };
        QVERIFY(remove().ok());
        QCOMPARE(m_ultravoxServer->agentCount(), 0);
        const Outcome<Done> again = remove();
        QVERIFY(!again.ok());
        QCOMPARE(again.error().provider, u"ultravox"_s);
        QCOMPARE(again.error().httpStatus, 404);
        QCOMPARE(again.error().message, u"Not found."_s);
    }

    void voicesFollowEveryPage()
    {
        const Outcome<QList<Voice>> voices =
            run<QList<Voice>>([&](QObject *context, Callback<QList<Voice>> done) {
                m_ultravox->listVoices({}, context, done);
            });
        QVERIFY2(voices.ok(), qPrintable(describe(voices.error())));
        QCOMPARE(voices.value().size(), 5);
        QCOMPARE(m_ultravoxServer->requests("GET", u"^/api/voices$"_s).size(), 3);
        QCOMPARE(voices.value().at(2).name, u"Terrence"_s);
        QCOMPARE(voices.value().at(2).primaryLanguage, u"en-GB"_s);
    }

    void agentCallAndTranscriptAcrossPages()
    {
        const QString agentId = createAgent(spec(u"Caller"_s)).value().agentId;
        const Outcome<UltravoxCall> call = startCall(agentId);
        QVERIFY2(call.ok(), qPrintable(describe(call.error())));
        QVERIFY(call.value().joinUrl.startsWith(u"wss://"_s));
        QVERIFY2(call.value().created > 0, "microsecond ISO dates are read");
        const QJsonObject sent = m_ultravoxServer->requests("POST", u"/calls$"_s).first().json();
        QCOMPARE(sent.value(u"medium"_s).toObject(), QJsonObject({{u"twilio"_s, QJsonObject()}}));
        QCOMPARE(sent.value(u"templateContext"_s).toObject().value(u"customer_name"_s).toString(),
                 u"Ada"_s);

        const Outcome<UltravoxCall> ended =
            run<UltravoxCall>([&](QObject *context, Callback<UltravoxCall> done) {
                m_ultravox->getCall(call.value().callId, context, done);
            });
        QVERIFY(ended.ok());
        QCOMPARE(ended.value().endReason, u"hangup"_s);
        QVERIFY(ended.value().ended > 0);

        const Outcome<QList<TranscriptMessage>> messages = run<QList<TranscriptMessage>>(
            [&](QObject *context, Callback<QList<TranscriptMessage>> done) {
                m_ultravox->getMessages(call.value().callId, context, done);
            });
        QVERIFY2(messages.ok(), qPrintable(describe(messages.error())));
        QStringList roles;
        for (const TranscriptMessage &message : messages.value())
            roles << message.role;
        QCOMPARE(roles, QStringList(
                            {u"agent"_s, u"user"_s, u"tool_call"_s, u"tool_result"_s, u"agent"_s}));
        QCOMPARE(messages.value().last().ordinal, 4);
        QCOMPARE(m_ultravoxServer->requests("GET", u"/messages$"_s).size(), 3); // pages of 2
    }

    void adHocCallMapsTheFirstSpeaker_data()
    {
        QTest::addColumn<QString>("firstSpeaker");
        QTest::addColumn<QJsonValue>("settings");
        QTest::newRow("user") << u"FIRST_SPEAKER_USER"_s
                              << QJsonValue(QJsonObject{{u"user"_s, QJsonObject()}});
        QTest::newRow("agent") << u"FIRST_SPEAKER_AGENT"_s
                               << QJsonValue(QJsonObject{{u"agent"_s, QJsonObject()}});
        QTest::newRow("unset") << QString() << QJsonValue(QJsonValue::Undefined);
    }
    void adHocCallMapsTheFirstSpeaker()
    {
        QFETCH(QString, firstSpeaker);
        QFETCH(QJsonValue, settings);
        const AdHocCallSpec adHoc{u"Be brief."_s, u"fixie-ai/ultravox"_s, u"terrence"_s,
                                  firstSpeaker};
        const Outcome<UltravoxCall> call =
            run<UltravoxCall>([&](QObject *context, Callback<UltravoxCall> done) {
                m_ultravox->startAdHocCall(adHoc, context, done);
            });
        QVERIFY2(call.ok(), qPrintable(describe(call.error())));
        const QJsonObject sent =
            m_ultravoxServer->requests("POST", u"^/api/calls$"_s).first().json();
        QCOMPARE(sent.value(u"systemPrompt"_s).toString(), u"Be brief."_s);
        QCOMPARE(sent.value(u"model"_s).toString(), u"fixie-ai/ultravox"_s);
        QCOMPARE(sent.value(u"voice"_s).toString(), u"terrence"_s);
        QCOMPARE(sent.value(u"firstSpeakerSettings"_s), settings);
        QVERIFY(!sent.contains(u"firstSpeaker"_s));
    }

    void twilioCallLifecycle()
    {
        const QString agentId = createAgent(spec(u"Caller"_s)).value().agentId;
        const QString joinUrl = startCall(agentId).value().joinUrl;
        const Outcome<TwilioCall> placed = placeCall(joinUrl);
        QVERIFY2(placed.ok(), qPrintable(describe(placed.error())));
        QCOMPARE(placed.value().status, u"queued"_s);
        const RecordedRequest sent = m_twilioServer->requests("POST", u"/Calls\\.json$"_s).first();
        QCOMPARE(sent.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(sent.form().value(u"To"_s), u"+15551230000"_s); // "+" arrived as "+"
        QVERIFY(sent.body.contains("To=%2B15551230000"));
        QCOMPARE(m_twilioServer->streamUrl(placed.value().sid), joinUrl);

        QStringList seen;
        TwilioCall last;
        for (int i = 0; i < 3; ++i) {
            const Outcome<TwilioCall> polled =
                run<TwilioCall>([&](QObject *context, Callback<TwilioCall> done) {
                    m_twilio->getCall(placed.value().sid, context, done);
                });
            QVERIFY(polled.ok());
            seen << polled.value().status;
            last = polled.value();
        }
        QCOMPARE(seen, QStringList({u"ringing"_s, u"in-progress"_s, u"completed"_s}));
        QVERIFY2(last.startTime > 0 && last.endTime >= last.startTime, "RFC 2822 dates are read");
        QCOMPARE(last.durationSeconds, 1);
    }

    void hangUpSendsTheRightStatus_data()
    {
        QTest::addColumn<bool>("cancel");
        QTest::addColumn<QString>("expected");
        QTest::newRow("cancel while ringing") << true << u"canceled"_s;
        QTest::newRow("complete") << false << u"completed"_s;
    }
    void hangUpSendsTheRightStatus()
    {
        QFETCH(bool, cancel);
        QFETCH(QString, expected);
        m_twilioServer->setDefaultTimeline({u"ringing"_s});
        const QString joinUrl =
            startCall(createAgent(spec(u"A"_s)).value().agentId).value().joinUrl;
        const QString sid = placeCall(joinUrl).value().sid;
        const Outcome<TwilioCall> ended =
            run<TwilioCall>([&](QObject *context, Callback<TwilioCall> done) {
                m_twilio->hangUp(sid, cancel, context, done);
            });
        QVERIFY2(ended.ok(), qPrintable(describe(ended.error())));
        QCOMPARE(ended.value().status, expected);
        QCOMPARE(m_twilioServer->requests("POST", u"/Calls/CA"_s).first().form().value(u"Status"_s),
                 expected);
    }

    void ownNumbersFollowNextPageUri()
    {
        const Outcome<QList<OwnedNumber>> numbers =
            run<QList<OwnedNumber>>([&](QObject *context, Callback<QList<OwnedNumber>> done) {
                m_twilio->listNumbers(context, done);
            });
        QVERIFY2(numbers.ok(), qPrintable(describe(numbers.error())));
        QCOMPARE(numbers.value().size(), 3);
        QCOMPARE(numbers.value().first().phoneNumber, QString::fromLatin1(FakeTwilio::FromNumber));
        QCOMPARE(m_twilioServer->requests("GET", u"IncomingPhoneNumbers"_s).size(), 3);
    }

    void twilioAccountCheck()
    {
        const Outcome<TwilioAccount> account =
            run<TwilioAccount>([&](QObject *context, Callback<TwilioAccount> done) {
                m_twilio->checkAccount(context, done);
            });
        QVERIFY2(account.ok(), qPrintable(describe(account.error())));
        QCOMPARE(account.value().sid, QString::fromLatin1(FakeTwilio::AccountSid));
        const QByteArray expected =
            "Basic " +
            QByteArray(FakeTwilio::AccountSid).append(':').append(FakeTwilio::AuthToken).toBase64();
        QCOMPARE(m_twilioServer->requests().first().header("Authorization"), expected);
    }

    void joinUrlWithXmlSpecialsStaysValidTwiml()
    {
        m_ultravoxServer->setJoinUrlSuffix(u"&mode=\"x\"&a=<b>'c'"_s);
        const QString joinUrl =
            startCall(createAgent(spec(u"A"_s)).value().agentId).value().joinUrl;
        const Outcome<TwilioCall> placed = placeCall(joinUrl);
        QVERIFY2(placed.ok(), qPrintable(describe(placed.error())));
        QCOMPARE(m_twilioServer->streamUrl(placed.value().sid), joinUrl);
    }

    void overlongTwimlIsRefusedLocally()
    {
        const Outcome<TwilioCall> placed = placeCall(u"wss://x/"_s + QString(4000, u'a'));
        QVERIFY(!placed.ok());
        QCOMPARE(placed.error().provider, u"twilio"_s);
        QCOMPARE(placed.error().httpStatus, 0);
        QVERIFY(placed.error().message.contains(u"4000"_s));
        QCOMPARE(m_twilioServer->requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProviders)
#include "tst_providers.moc"
