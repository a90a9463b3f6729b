// SPDX-License-Identifier: GPL-3.0-or-later
// The console's WebSocket client against a local fake of Ultravox's serverWebSocket protocol:
// creating the call, text turns, streamed answers, pings, buffer clears, hang up and drops, and
// audio frames of the right size and rate through a test audio backend.
#include "ConsoleProtocol.h"
#include "ConsoleSession.h"
#include "FakeUltravox.h"
#include "LowDelayWebSocketServer.h"
#include "NetworkAccess.h"
#include "TestAudioBackend.h"
#include "TestServer.h"
#include "UltravoxClient.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using ConsoleProtocol::Medium;

class ConsoleProtocolTest : public QObject
{
    Q_OBJECT

private:
    // A console call created on the fake through the real client; returns its join URL.
    QString createCall(FakeUltravox &fake, const ConsoleCallSpec &spec)
    {
        UltravoxClient client(fake.credentials(), std::make_shared<NetworkAccess>(),
                              HttpClientOptions{});
        std::optional<Outcome<UltravoxCall>> outcome;
        client.startConsoleCall(spec, this,
                                [&](const Outcome<UltravoxCall> &done) { outcome = done; });
        if (!waitUntil([&] { return outcome.has_value(); }))
            return {};
        if (!outcome->ok()) {
            qWarning() << "creating the call failed:" << outcome->error().summary();
            return {};
        }
        return outcome->value().joinUrl;
    }

    std::unique_ptr<ConsoleSession> joined(FakeUltravox &fake, ConsoleSession::Options options,
                                           AudioBackend *audio = nullptr)
    {
        ConsoleCallSpec spec;
        spec.call.systemPrompt = u"You are a test."_s;
        spec.textOutput = options.medium == Medium::Text;
        spec.inputSampleRate = options.inputSampleRate;
        spec.outputSampleRate = options.outputSampleRate;
        const QString joinUrl = createCall(fake, spec);
        if (joinUrl.isEmpty())
            return nullptr;
        auto session = std::make_unique<ConsoleSession>(options);
        session->setAudioBackend(audio);
        session->open(QUrl(joinUrl));
        if (!waitUntil([&] {
                return session->phase() == ConsoleSession::Phase::Open &&
                       fake.socket().isConnected();
            }))
            return nullptr;
        return session;
    }

private Q_SLOTS:
    void parsesEveryServerMessage_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("line");
        QTest::newRow("tool call")
            << ConsoleProtocol::toolInvocation(u"transferCall"_s, u"i1"_s,
                                               {{u"destination"_s, u"+14155550100"_s}})
            << u"Tool call: transferCall(destination: +14155550100)"_s;
        QTest::newRow("state") << ConsoleProtocol::state(u"thinking"_s) << u"State: thinking"_s;
        QTest::newRow("clear") << ConsoleProtocol::playbackClearBuffer()
                               << u"Playback buffer cleared (the user spoke over the agent)"_s;
        QTest::newRow("debug") << ConsoleProtocol::debug(u"LLM took 80 ms"_s)
                               << u"Debug: LLM took 80 ms"_s;
        QTest::newRow("unknown type kept")
            << QByteArray(R"({"type":"new_thing","x":1})") << uR"({"type":"new_thing","x":1})"_s;
    }
    void parsesEveryServerMessage()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, line);
        QString error;
        const auto message = ConsoleProtocol::parse(frame, &error);
        QVERIFY2(message, qPrintable(error));
        QCOMPARE(ConsoleProtocol::readableLine(*message), line);
    }

    void refusesGarbage_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not json") << QByteArray("{nope") << u"not a JSON object"_s;
        QTest::newRow("array") << QByteArray("[1]") << u"not a JSON object"_s;
        QTest::newRow("no type") << QByteArray(R"({"text":"x"})") << u"without a type"_s;
        QTest::newRow("bad role") << QByteArray(R"({"type":"transcript","role":"robot"})")
                                  << u"neither user nor agent"_s;
    }
    void refusesGarbage()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, problem);
        QString error;
        QVERIFY(!ConsoleProtocol::parse(frame, &error));
        QVERIFY2(error.contains(problem), qPrintable(error));
    }

    void rendersPlaceholders()
    {
        QCOMPARE(ConsoleProtocol::renderPrompt(u"Hi {{ name }}, order {{order_id}} {{missing}}"_s,
                                               {{u"name"_s, u"Ada"_s}, {u"order_id"_s, 42}}),
                 u"Hi Ada, order 42 {{missing}}"_s);
    }

    void createsAWebSocketCallAsTheSchemaSays()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        QVERIFY(fake.schemaLoaded());
        ConsoleCallSpec spec;
        spec.call.systemPrompt = u"Be brief."_s;
        spec.call.voice = u"Mark"_s;
        spec.textOutput = false;
        spec.inputSampleRate = 8000;
        spec.outputSampleRate = 24000;
        spec.languageHint = u"en"_s;
        const QString joinUrl = createCall(fake, spec);
        QVERIFY2(joinUrl.startsWith(u"ws://127.0.0.1:"_s), qPrintable(joinUrl));
        // The fake answers 400 to what its schema does not allow: a join URL means it passed.
        QCOMPARE(fake.requestCount(), 1);
        const QJsonObject body = fake.lastCallBody();
        const QJsonObject medium =
            body.value(u"medium"_s).toObject().value(u"serverWebSocket"_s).toObject();
        QCOMPARE(medium.value(u"inputSampleRate"_s).toInt(), 8000);
        QCOMPARE(medium.value(u"outputSampleRate"_s).toInt(), 24000);
        QCOMPARE(body.value(u"initialOutputMedium"_s).toString(), u"MESSAGE_MEDIUM_VOICE"_s);
        QCOMPARE(body.value(u"systemPrompt"_s).toString(), u"Be brief."_s);
        QVERIFY(!body.value(u"medium"_s).toObject().contains(u"twilio"_s));
    }

    void textTurnWithAStreamedAnswer()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        auto session = joined(fake, {});
        QVERIFY(session);
        session->sendText(u"Where is my order?"_s);
        QVERIFY(waitUntil(
            [&] { return fake.socket().receivedTypes().contains(u"user_text_message"_s); }));
        QCOMPARE(fake.socket().received().last().value(u"text"_s).toString(),
                 u"Where is my order?"_s);

        QSignalSpy changes(session.get(), &ConsoleSession::transcriptChanged);
        fake.socket().sendText(
            ConsoleProtocol::transcriptFinal(u"user"_s, Medium::Text, u"Where is my order?"_s, 1));
        fake.socket().sendText(
            ConsoleProtocol::transcriptDelta(u"agent"_s, Medium::Text, u"It ships"_s, 2));
        fake.socket().sendText(
            ConsoleProtocol::transcriptDelta(u"agent"_s, Medium::Text, u" today"_s, 2));
        QVERIFY(waitUntil([&] { return changes.size() == 3; }));
        QCOMPARE(session->transcript().last().text, u"It ships today"_s);
        QVERIFY(session->transcript(true).size() == 1); // the agent's utterance is not final yet
        QCOMPARE(changes.last().at(3).toBool(), false);
        fake.socket().sendText(
            ConsoleProtocol::transcriptFinal(u"agent"_s, Medium::Text, u"It ships today."_s, 2));
        QVERIFY(waitUntil([&] { return changes.size() == 4; }));
        QCOMPARE(changes.last().at(0).toInt(), 1); // the same utterance, replaced by the full text
        const QList<TranscriptMessage> final = session->transcript(true);
        QCOMPARE(final.size(), 2);
        QCOMPARE(final.at(0).role, u"user"_s);
        QCOMPARE(final.at(1).text, u"It ships today."_s);
    }

    void toolCallsAreReadableLines()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        auto session = joined(fake, {});
        QVERIFY(session);
        QSignalSpy lines(session.get(), &ConsoleSession::eventLine);
        fake.socket().sendText(ConsoleProtocol::toolInvocation(u"playDtmfSounds"_s, u"i9"_s,
                                                               {{u"digits"_s, u"12"_s}}));
        QVERIFY(waitUntil([&] { return lines.size() == 1; }));
        QCOMPARE(lines.first().first().toString(), u"Tool call: playDtmfSounds(digits: 12)"_s);
        // The console runs no client tools: it says so, and the agent goes on.
        QVERIFY(waitUntil(
            [&] { return fake.socket().receivedTypes().contains(u"client_tool_result"_s); }));
        const QJsonObject result = fake.socket().received().last();
        QCOMPARE(result.value(u"invocationId"_s).toString(), u"i9"_s);
        QCOMPARE(result.value(u"errorType"_s).toString(), u"implementation-error"_s);
        QCOMPARE(session->transcript(true).last().role, u"tool_call"_s);
    }

    void pingsMeasureTheRoundTrip()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        ConsoleSession::Options options;
        options.pingIntervalMs = 30;
        auto session = joined(fake, options);
        QVERIFY(session);
        QSignalSpy trips(session.get(), &ConsoleSession::roundTripMeasured);
        QVERIFY(waitUntil([&] { return trips.size() >= 2; }));
        const double ms = trips.last().first().toDouble();
        QVERIFY2(ms >= 0 && ms < 1000, qPrintable(QString::number(ms)));
        QVERIFY(fake.socket().receivedTypes().count(u"ping"_s) >= 2);
    }

    void hangUpReachesUltravox()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        auto session = joined(fake, {});
        QVERIFY(session);
        QSignalSpy ended(session.get(), &ConsoleSession::ended);
        QSignalSpy gone(&fake.socket(), &FakeUltravoxSocket::disconnected);
        session->hangUp();
        QVERIFY(waitUntil([&] { return ended.size() == 1 && gone.size() == 1; }));
        QVERIFY(fake.socket().receivedTypes().contains(u"hang_up"_s));
        QVERIFY(fake.socket().closedByClient());
        QCOMPARE(ended.first().at(1).toBool(), false);
        QCOMPARE(session->phase(), ConsoleSession::Phase::Ended);
    }

    void closingTheConsoleHangsUp()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        auto session = joined(fake, {});
        QVERIFY(session);
        QSignalSpy gone(&fake.socket(), &FakeUltravoxSocket::disconnected);
        session.reset(); // the window closed mid-call
        QVERIFY(waitUntil([&] { return gone.size() == 1; }));
        QVERIFY(fake.socket().receivedTypes().contains(u"hang_up"_s));
    }

    void theAgentHangingUpEndsTheCall()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        auto session = joined(fake, {});
        QVERIFY(session);
        QSignalSpy ended(session.get(), &ConsoleSession::ended);
        fake.socket().close();
        QVERIFY(waitUntil([&] { return ended.size() == 1; }));
        QCOMPARE(ended.first().at(1).toBool(), false);
        QVERIFY(ended.first().at(0).toString().contains(u"agent ended"_s));
    }

    void aDroppedConnectionIsReported()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        auto session = joined(fake, {});
        QVERIFY(session);
        QSignalSpy ended(session.get(), &ConsoleSession::ended);
        fake.socket().drop();
        QVERIFY(waitUntil([&] { return ended.size() == 1; }));
        QCOMPARE(ended.first().at(1).toBool(), true);
        const QString reason = ended.first().at(0).toString();
        QVERIFY2(reason.contains(u"connection to the call was lost"_s) &&
                     reason.contains(u"start a new test"_s),
                 qPrintable(reason));
    }

    void anUnreachableJoinUrlIsReported()
    {
        ConsoleSession session({});
        QSignalSpy ended(&session, &ConsoleSession::ended);
        session.open(QUrl(u"ws://127.0.0.1:1/calls/x/join"_s));
        QVERIFY(waitUntil([&] { return ended.size() == 1; }));
        QCOMPARE(ended.first().at(1).toBool(), true);
        QVERIFY(ended.first().at(0).toString().startsWith(u"Could not join the call"_s));
    }

    void voiceFramesHaveTheAskedSizeAndRate()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        TestAudioBackend audio;
        ConsoleSession::Options options;
        options.medium = Medium::Voice;
        options.inputSampleRate = 8000;
        options.outputSampleRate = 24000;
        auto session = joined(fake, options, &audio);
        QVERIFY(session);
        QVERIFY(audio.isRunning());
        QCOMPARE(audio.inputRate(), 8000);
        QCOMPARE(audio.outputRate(), 24000);
        QSignalSpy level(session.get(), &ConsoleSession::inputLevel);
        audio.capture(100, true, 10); // 10 ms chunks become 20 ms frames
        QVERIFY(waitUntil([&] { return fake.socket().audioFrameSizes().size() == 5; }));
        for (const int size : fake.socket().audioFrameSizes())
            QCOMPARE(size, 8000 / 50 * 2); // 20 ms of 16-bit mono at 8 kHz
        QVERIFY(level.last().first().toDouble() > 0.1);
        QCOMPARE(session->audioFramesSent(), 5);
    }

    void mutedStillSendsSilence()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        TestAudioBackend audio;
        ConsoleSession::Options options;
        options.medium = Medium::Voice;
        auto session = joined(fake, options, &audio);
        QVERIFY(session);
        session->setMuted(true);
        audio.capture(40, true, 20);
        QVERIFY(waitUntil([&] { return fake.socket().audioFrameSizes().size() == 2; }));
        QCOMPARE(fake.socket().audioFrameSizes().first(), ConsoleProtocol::frameBytes(16000));
        QCOMPARE(fake.socket().lastAudioFrame(),
                 QByteArray(ConsoleProtocol::frameBytes(16000), '\0'));
        session->setMuted(false);
        audio.capture(20, true, 20);
        QVERIFY(waitUntil([&] { return fake.socket().audioFrameSizes().size() == 3; }));
        QVERIFY(fake.socket().lastAudioFrame().count('\0') <
                ConsoleProtocol::frameBytes(16000) / 2);
    }

    void aBufferClearStopsPlaybackAtOnce()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        TestAudioBackend audio;
        ConsoleSession::Options options;
        options.medium = Medium::Voice;
        options.outputSampleRate = 24000;
        auto session = joined(fake, options, &audio);
        QVERIFY(session);
        const int frame = ConsoleProtocol::frameBytes(24000);
        for (int i = 0; i < 10; ++i)
            fake.socket().sendAudio(QByteArray(frame, '\x11'));
        QVERIFY(waitUntil([&] { return session->playback().queuedBytes() == 10 * frame; }));
        QCOMPARE(audio.drain(frame), frame); // the speaker plays the first frame
        QSignalSpy cleared(session.get(), &ConsoleSession::playbackCleared);
        fake.socket().sendText(ConsoleProtocol::playbackClearBuffer());
        QVERIFY(waitUntil([&] { return cleared.size() == 1; }));
        QCOMPARE(cleared.first().first().toLongLong(), qint64(9 * frame));
        QCOMPARE(session->playback().queuedBytes(), 0);
        QCOMPARE(audio.drain(frame), 0); // nothing left to play: the agent fell silent
        QCOMPARE(audio.played().size(), frame);
        fake.socket().sendAudio(QByteArray(frame, '\x22')); // what the agent says next plays
        QVERIFY(waitUntil([&] { return session->playback().queuedBytes() == frame; }));
    }

    void audioDevicesThatFailEndTheCallCleanly()
    {
        FakeUltravox fake;
        QVERIFY(fake.start());
        TestAudioBackend audio;
        audio.setRefuseStart(u"no microphone was found"_s);
        ConsoleCallSpec spec;
        spec.textOutput = false;
        const QString joinUrl = createCall(fake, spec);
        ConsoleSession::Options options;
        options.medium = Medium::Voice;
        ConsoleSession session(options);
        session.setAudioBackend(&audio);
        QSignalSpy lines(&session, &ConsoleSession::eventLine);
        QSignalSpy ended(&session, &ConsoleSession::ended);
        session.open(QUrl(joinUrl));
        QVERIFY(waitUntil([&] { return ended.size() == 1; }));
        QVERIFY(lines.first().first().toString().contains(u"no microphone was found"_s));
        QVERIFY(waitUntil([&] { return fake.socket().receivedTypes().contains(u"hang_up"_s); }));
    }

    // The sandbox's console server (and the fakes) send each audio frame at once: without
    // TCP_NODELAY a frame after the console's ping waited ~40 ms for a delayed acknowledgement.
    void consoleServersSendWithoutDelay()
    {
        LowDelayWebSocketServer server(u"test"_s);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QPointer<QWebSocket> accepted;
        connect(&server, &LowDelayWebSocketServer::newConnection, this,
                [&] { accepted = server.nextPendingConnection(); });
        QWebSocket client;
        client.open(QUrl(u"ws://127.0.0.1:%1/calls/x/join"_s.arg(server.serverPort())));
        QVERIFY(waitUntil(
            [&] { return accepted && client.state() == QAbstractSocket::ConnectedState; }));
        const QList<QTcpSocket *> serverSide = server.findChildren<QTcpSocket *>();
        QCOMPARE(serverSide.size(), 1);
        QCOMPARE(serverSide.first()->socketOption(QAbstractSocket::LowDelayOption).toInt(), 1);
        accepted->sendTextMessage(u"hello"_s);
        QSignalSpy received(&client, &QWebSocket::textMessageReceived);
        QVERIFY(waitUntil([&] { return received.size() == 1; }));
        QCOMPARE(received.first().first().toString(), u"hello"_s);
        delete accepted.data();
    }
};

QTEST_MAIN(ConsoleProtocolTest)
#include "tst_console_protocol.moc"
