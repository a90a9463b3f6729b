// SPDX-License-Identifier: GPL-3.0-or-later
// Test calls through the REST API, joined with the console's client: the sandbox's local
// WebSocket and its simulated agent (text and voice), the call log's test flag and filter,
// metrics that leave test calls out, and deletion. Also against the fake Ultravox (no sandbox),
// where the call must be the agent as configured, over serverWebSocket.
#include "ConsoleSession.h"
#include "FakeUltravox.h"
#include "HttpProviderFactory.h"
#include "SandboxConsoleAgent.h"
#include "TestAudioBackend.h"
#include "TestServer.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using ConsoleProtocol::Medium;

class ConsoleSandboxTest : public QObject
{
    Q_OBJECT

    QString createAgent(TestServer &server)
    {
        const HttpResult created = server.post(
            u"/api/v1/agents"_s,
            {{u"name"_s, u"Order desk"_s},
             {u"prompt"_s, u"Confirm order {{order_id}} with {{customer_name}}. Be brief."_s},
             {u"template_variables"_s, QJsonObject{{u"order_id"_s, u"none"_s}}}});
        const QString id = created.object().value(u"id"_s).toString();
        waitUntil([&] {
            return server.get(u"/api/v1/agents/"_s + id).object().value(u"status"_s) == u"active"_s;
        });
        return id;
    }

    QJsonObject startTest(TestServer &server, const QString &agentId, const QJsonObject &body)
    {
        const HttpResult result = server.post(u"/api/v1/agents/%1/test-calls"_s.arg(agentId), body);
        [&] { QVERIFY2(result.status == 201, result.body.constData()); }();
        return result.object();
    }

    std::unique_ptr<ConsoleSession> join(const QJsonObject &call, ConsoleSession::Options options,
                                         AudioBackend *audio = nullptr)
    {
        auto session = std::make_unique<ConsoleSession>(options);
        session->setAudioBackend(audio);
        session->open(QUrl(call.value(u"join_url"_s).toString()));
        if (!waitUntil([&] { return session->phase() == ConsoleSession::Phase::Open; }))
            return nullptr;
        return session;
    }

    static bool hasFinal(const ConsoleSession &session, const QString &role, const QString &part)
    {
        for (const TranscriptMessage &message : session.transcript(true)) {
            if (message.role == role && message.text.contains(part))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase() { qputenv("QT_LOGGING_RULES", "switchboard.*.info=false"); }

    void aTextTestInTheSandbox()
    {
        TestServer server;
        QVERIFY(server.start());
        const QString agent = createAgent(server);
        const QJsonObject call =
            startTest(server, agent,
                      {{u"medium"_s, u"text"_s},
                       {u"template_context"_s,
                        QJsonObject{{u"customer_name"_s, u"Ada"_s}, {u"order_id"_s, u"A-42"_s}}}});
        QVERIFY2(call.value(u"join_url"_s).toString().startsWith(u"ws://127.0.0.1:"_s),
                 qPrintable(call.value(u"join_url"_s).toString()));
        QCOMPARE(call.value(u"test"_s).toBool(), true);
        QCOMPARE(call.value(u"status"_s).toString(), u"in-progress"_s);
        const QString callId = call.value(u"call_id"_s).toString();
        QVERIFY(!callId.isEmpty());

        ConsoleSession::Options options;
        options.pingIntervalMs = 50;
        auto session = join(call, options);
        QVERIFY(session);
        QSignalSpy changes(session.get(), &ConsoleSession::transcriptChanged);
        QSignalSpy trips(session.get(), &ConsoleSession::roundTripMeasured);
        // The agent speaks first, with the prompt rendered from the context, streamed.
        QVERIFY(waitUntil([&] { return hasFinal(*session, u"agent"_s, u"Hello Ada"_s); }));
        QVERIFY(hasFinal(*session, u"agent"_s, u"Confirm order A-42 with Ada."_s));
        QVERIFY2(changes.size() > 3, "the greeting came in one piece, not streamed");
        QVERIFY(waitUntil([&] { return !trips.isEmpty(); }));

        session->sendText(u"When does it ship?"_s);
        QVERIFY(waitUntil([&] { return hasFinal(*session, u"agent"_s, u"When does it ship?"_s); }));
        QVERIFY(hasFinal(*session, u"user"_s, u"When does it ship?"_s));
        QVERIFY(hasFinal(*session, u"agent"_s, u"order id as A-42"_s));

        QSignalSpy ended(session.get(), &ConsoleSession::ended);
        session->hangUp();
        QVERIFY(waitUntil([&] { return ended.size() == 1; }));
        QCOMPARE(ended.first().at(1).toBool(), false);
        // The sandbox saw the hang-up; the call monitor finds the call ended and stores what
        // was said (the console also does at once, through the window).
        QJsonObject stored;
        QVERIFY(waitUntil([&] {
            stored = server.get(u"/api/v1/calls/"_s + callId).object();
            return stored.value(u"status"_s) == u"completed"_s &&
                   server.get(u"/api/v1/calls/%1/transcript"_s.arg(callId))
                       .object()
                       .value(u"complete"_s)
                       .toBool();
        }));
        QCOMPARE(stored.value(u"test"_s).toBool(), true);
        // The saved agent ran unchanged: the call names its revision.
        QVERIFY(stored.value(u"agent_revision"_s).toInteger() >= 1);
        QCOMPARE(stored.value(u"providers"_s)
                     .toObject()
                     .value(u"ultravox"_s)
                     .toObject()
                     .value(u"end_reason"_s)
                     .toString(),
                 u"hangup"_s);
        const QJsonArray messages = server.get(u"/api/v1/calls/%1/transcript"_s.arg(callId))
                                        .object()
                                        .value(u"messages"_s)
                                        .toArray();
        QVERIFY(messages.size() >= 3);
        QCOMPARE(messages.at(1).toObject().value(u"text"_s).toString(), u"When does it ship?"_s);
    }

    void theAgentsToolsAndItsHangUp()
    {
        TestServer server;
        QVERIFY(server.start());
        const QJsonObject call = startTest(server, createAgent(server), {});
        auto session = join(call, {});
        QVERIFY(session);
        QSignalSpy lines(session.get(), &ConsoleSession::eventLine);
        QSignalSpy ended(session.get(), &ConsoleSession::ended);
        QVERIFY(waitUntil([&] { return hasFinal(*session, u"agent"_s, u"Hello there"_s); }));
        session->sendText(u"Please transfer me, then press 5"_s);
        QVERIFY(waitUntil([&] { return lines.size() == 2; }));
        QCOMPARE(lines.at(0).first().toString(),
                 u"Tool call: transferCall(destination: +14155550100)"_s);
        QCOMPARE(lines.at(1).first().toString(), u"Tool call: playDtmfSounds(digits: 5)"_s);
        session->sendText(u"Thanks, bye"_s);
        QVERIFY(waitUntil([&] { return ended.size() == 1; }));
        QCOMPARE(ended.first().at(1).toBool(), false); // the agent hung up: not a drop
        QVERIFY(lines.last().first().toString().startsWith(u"Tool call: hangUp"_s));
    }

    void aVoiceTestInTheSandbox()
    {
        TestServer server;
        QVERIFY(server.start());
        const QJsonObject call = startTest(server, createAgent(server),
                                           {{u"medium"_s, u"voice"_s},
                                            {u"input_sample_rate"_s, 16000},
                                            {u"output_sample_rate"_s, 24000}});
        TestAudioBackend audio;
        ConsoleSession::Options options;
        options.medium = Medium::Voice;
        options.inputSampleRate = 16000;
        options.outputSampleRate = 24000;
        auto session = join(call, options, &audio);
        QVERIFY(session);
        // The greeting comes as 20 ms frames at 24 kHz, with the words as it goes.
        QVERIFY(waitUntil([&] { return session->playback().queuedBytes() >= 10 * 960; }));
        QCOMPARE(session->audioBytesReceived() % ConsoleProtocol::frameBytes(24000), 0);
        QVERIFY(!session->transcript().isEmpty());
        QCOMPARE(session->transcript().first().role, u"agent"_s);
        // The caller talks over the agent: the sandbox clears the playback buffer at once.
        QSignalSpy cleared(session.get(), &ConsoleSession::playbackCleared);
        audio.capture(200, true, 20);
        QVERIFY(waitUntil([&] { return !cleared.isEmpty(); }));
        QVERIFY(cleared.first().first().toLongLong() > 0);
        QCOMPARE(session->playback().queuedBytes(), 0);
        // Silence after speech: a user turn, then an answer.
        audio.capture(600, false, 20);
        QVERIFY(waitUntil([&] { return hasFinal(*session, u"user"_s, u"spoke for"_s); }, 5000));
        session->hangUp();
    }

    void testCallsAreMarkedFilteredUncountedAndDeletable()
    {
        TestServer server;
        QVERIFY(server.start());
        const QString agent = createAgent(server);
        const QString testId = startTest(server, agent, {}).value(u"call_id"_s).toString();
        const HttpResult phone =
            server.post(u"/api/v1/calls/"_s + agent, {{u"phone_number"_s, u"+14155550123"_s}});
        QCOMPARE(phone.status, 201);
        const QString phoneId = phone.object().value(u"id"_s).toString();

        const auto ids = [&](const QString &query) {
            QStringList found;
            for (const QJsonValue &call :
                 server.get(u"/api/v1/calls"_s + query).object().value(u"calls"_s).toArray())
                found << call.toObject().value(u"id"_s).toString();
            return found;
        };
        QCOMPARE(ids(u"?test=true"_s), QStringList{testId});
        QCOMPARE(ids(u"?test=false"_s), QStringList{phoneId});
        QCOMPARE(ids({}).size(), 2);
        const HttpResult bad = server.get(u"/api/v1/calls?test=maybe"_s);
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.body.contains("test"));

        const QJsonObject metrics = server.get(u"/api/v1/metrics"_s).object();
        QCOMPARE(metrics.value(u"calls"_s).toObject().value(u"total"_s).toInt(), 1);

        QCOMPARE(server.del(u"/api/v1/calls/"_s + phoneId).status, 409); // the log of record
        QCOMPARE(server.del(u"/api/v1/calls/"_s + testId).status, 204);
        QCOMPARE(server.get(u"/api/v1/calls/"_s + testId).status, 404);
        QCOMPARE(server.get(u"/api/v1/calls/"_s + phoneId).status, 200);
    }

    void badRequestsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("medium") << QByteArray(R"({"medium":"fax"})") << u"medium"_s;
        QTest::newRow("medium type") << QByteArray(R"({"medium":3})") << u"medium"_s;
        QTest::newRow("context") << QByteArray(R"({"template_context":"x"})")
                                 << u"template_context"_s;
        QTest::newRow("rate") << QByteArray(R"({"input_sample_rate":12345})")
                              << u"input_sample_rate"_s;
        QTest::newRow("unknown") << QByteArray(R"({"phone_number":"+14155550123"})")
                                 << u"phone_number"_s;
        QTest::newRow("not json") << QByteArray("{") << QString();
    }
    void badRequestsNameTheField()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        TestServer server;
        QVERIFY(server.start());
        const QString agent = createAgent(server);
        const HttpResult result =
            server.request("POST", u"/api/v1/agents/%1/test-calls"_s.arg(agent), body,
                           {{"Content-Type", "application/json"}});
        QCOMPARE(result.status, 400);
        if (!field.isEmpty())
            QVERIFY2(result.object().value(u"details"_s).toObject().contains(field),
                     result.body.constData());
        QCOMPARE(server.get(u"/api/v1/calls"_s).object().value(u"total"_s).toInt(), 0);
        QCOMPARE(server
                     .request("POST", u"/api/v1/agents/nope/test-calls"_s, "{}",
                              {{"Content-Type", "application/json"}})
                     .status,
                 404);
    }

    void againstUltravoxTheCallIsTheAgentOverAWebSocket()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        TestServerOptions options;
        options.providers = [] { return std::make_unique<HttpProviderFactory>(); };
        options.defaults.ultravox = fake.credentials();
        TestServer server(options);
        QVERIFY(server.start());
        const QString agent = createAgent(server);
        const QJsonObject call =
            startTest(server, agent,
                      {{u"template_context"_s, QJsonObject{{u"customer_name"_s, u"Grace"_s}}}});
        const QJsonObject body = fake.lastCallBody();
        QCOMPARE(body.value(u"systemPrompt"_s).toString(),
                 u"Confirm order none with Grace. Be brief."_s);
        QCOMPARE(body.value(u"initialOutputMedium"_s).toString(), u"MESSAGE_MEDIUM_TEXT"_s);
        QVERIFY(body.value(u"medium"_s).toObject().contains(u"serverWebSocket"_s));
        // The agent's whole call template goes along (issue 11's UltravoxCallTemplate).
        QVERIFY(body.contains(u"firstSpeakerSettings"_s));
        auto session = join(call, {});
        QVERIFY(session);
        QVERIFY(waitUntil([&] { return fake.socket().isConnected(); }));
        QSignalSpy ended(session.get(), &ConsoleSession::ended);
        fake.socket().drop();
        QVERIFY(waitUntil([&] { return ended.size() == 1; }));
        QCOMPARE(ended.first().at(1).toBool(), true);
    }

    void theSimulatedAgentsWords()
    {
        ConsoleCallSpec spec;
        spec.agentName = u"Desk"_s;
        spec.call.systemPrompt = u"Help with returns. Never promise refunds."_s;
        spec.templateContext = {{u"first_name"_s, u"Lin"_s}};
        QCOMPARE(SandboxConsoleAgent::greeting(spec),
                 u"Hello Lin, this is Desk on a sandbox test call. I was told: \"Help with "
                 u"returns.\""_s);
        QVERIFY(SandboxConsoleAgent::replyTo(u"Goodbye now"_s, spec).startsWith(u"Goodbye"_s));
        const QByteArray syllable = SandboxConsoleAgent::syllable(16000, 0, 120);
        QCOMPARE(syllable.size(), 16000 * 120 / 1000 * 2);
        QVERIFY(pcmLevel(syllable) > 0.05);
    }
};

QTEST_MAIN(ConsoleSandboxTest)
#include "tst_console_sandbox.moc"
