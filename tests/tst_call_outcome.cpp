// SPDX-License-Identifier: GPL-3.0-or-later
// What happened on each call, with the real clients against the fakes: answering-machine
// detection only when asked, answered_by and the hang-up on machines, a price and billed
// duration that arrive late (or never), Ultravox's summaries, the recording (direct, behind a
// redirect that must not see the API key, retried after failures, never half-written, deleted
// on request), and a transcript that grows while the call lasts, in the sandbox too.
#include "Core.h"
#include "LiveStack.h"
#include "SandboxUltravox.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace {
QByteArray sampleWav()
{
    return SandboxUltravox::toneRecording(
        {{u"agent"_s, u"Hello"_s, 0, 0, 400}, {u"user"_s, u"Hi"_s, 1, 500, 900}}, 1000);
}

QStringList twilioForms(FakeTwilio &twilio, const QString &field)
{
    QStringList values;
    for (const RecordedRequest &request : twilio.requests("POST", u"/Calls\\.json$"_s))
        values << (request.form().contains(field) ? request.form().value(field) : u"-"_s);
    return values;
}
} // namespace

class TestCallOutcome : public QObject, protected LiveStack
{
    Q_OBJECT

    QString placeCall(const QJsonObject &extra = {})
    {
        QJsonObject body = callBody();
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + createAgent(), body);
        if (placed.status != 201)
            qWarning("call not placed: %d %s", placed.status, placed.body.constData());
        return placed.object().value(u"call_sid"_s).toString();
    }

    QJsonObject settledCall(const QString &sid, int timeoutMs = 10000)
    {
        waitUntil([&] { return call(sid).value(u"cost_status"_s).toString() != u"pending"_s; },
                  timeoutMs);
        return call(sid);
    }

    QString recordingsFolder() const { return QDir(m_server->dataDir()).filePath(u"recordings"_s); }

    QStringList recordingFiles() const
    {
        return QDir(recordingsFolder()).entryList(QDir::Files | QDir::Hidden | QDir::System);
    }

private Q_SLOTS:
    void init() { startStack(); }
    void cleanup() { stopStack(); }

    void machineDetectionIsSentOnlyWhenAsked()
    {
        const QString plain = placeCall();
        const QString detecting = placeCall({{u"machine_detection"_s, true}});
        const QString voicemail =
            placeCall({{u"machine_detection"_s, true}, {u"on_machine"_s, u"leave_voicemail"_s}});
        QVERIFY(!plain.isEmpty() && !detecting.isEmpty() && !voicemail.isEmpty());
        QCOMPARE(twilioForms(*m_twilio, u"MachineDetection"_s),
                 (QStringList{u"-"_s, u"Enable"_s, u"DetectMessageEnd"_s}));
        QCOMPARE(twilioForms(*m_twilio, u"AsyncAmd"_s), (QStringList{u"-"_s, u"-"_s, u"-"_s}));

        const QJsonObject plainCall = finishedCall(plain);
        QVERIFY(plainCall.value(u"answered_by"_s).isNull());
        QCOMPARE(plainCall.value(u"machine_detection"_s).toBool(), false);
        QVERIFY(plainCall.value(u"on_machine"_s).isNull());
        const QJsonObject detected = finishedCall(detecting);
        QCOMPARE(detected.value(u"answered_by"_s).toString(), u"human"_s);
        QCOMPARE(detected.value(u"on_machine"_s).toString(), u"hang_up"_s);
        QCOMPARE(finishedCall(voicemail).value(u"on_machine"_s).toString(), u"leave_voicemail"_s);
    }

    // An agent can detect machines on all its calls; a call that says otherwise wins, and asking
    // what to do with machines asks to detect them.
    void anAgentsMachineDetectionIsItsCallsDefault()
    {
        QJsonObject detecting = agentBody(u"Detecting agent"_s);
        detecting.insert(u"machine_detection"_s, true);
        detecting.insert(u"on_machine"_s, u"leave_voicemail"_s);
        detecting.insert(u"tools"_s,
                         QJsonObject{{u"leave_voicemail"_s,
                                      QJsonObject{{u"message"_s, u"Please call us back."_s}}}});
        const QString agent = createAgent(detecting);
        QVERIFY(!agent.isEmpty());
        const QJsonObject config =
            m_server->get(u"/api/v1/agents/"_s + agent).object().value(u"config"_s).toObject();
        QCOMPARE(config.value(u"machine_detection"_s).toBool(), true);
        QCOMPARE(config.value(u"on_machine"_s).toString(), u"leave_voicemail"_s);

        const auto place = [&](const QJsonObject &extra) {
            QJsonObject body = callBody();
            for (auto it = extra.begin(); it != extra.end(); ++it)
                body.insert(it.key(), it.value());
            const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + agent, body);
            [&] { QCOMPARE(placed.status, 201); }();
            return placed.object().value(u"call_sid"_s).toString();
        };
        const QString asTheAgentSays = place({});
        const QString notDetected = place({{u"machine_detection"_s, false}});
        const QString hangingUp = place({{u"on_machine"_s, u"hang_up"_s}});
        QCOMPARE(twilioForms(*m_twilio, u"MachineDetection"_s),
                 (QStringList{u"DetectMessageEnd"_s, u"-"_s, u"Enable"_s}));
        QCOMPARE(call(asTheAgentSays).value(u"on_machine"_s).toString(), u"leave_voicemail"_s);
        QCOMPARE(call(notDetected).value(u"machine_detection"_s).toBool(), false);
        QCOMPARE(call(hangingUp).value(u"on_machine"_s).toString(), u"hang_up"_s);

        // Leaving a voicemail takes the agent's voicemail tool.
        QJsonObject toolless = agentBody(u"No voicemail tool"_s);
        toolless.insert(u"machine_detection"_s, true);
        toolless.insert(u"on_machine"_s, u"leave_voicemail"_s);
        const HttpResult refused = m_server->post(u"/api/v1/agents"_s, toolless);
        QCOMPARE(refused.status, 400);
        QVERIFY2(refused.object().value(u"details"_s).toObject().contains(u"on_machine"_s),
                 refused.body.constData());
    }

    void badMachineDetectionRequestsAreRefused_data()
    {
        QTest::addColumn<QJsonObject>("extra");
        QTest::addColumn<QString>("field");
        QTest::newRow("detection not a boolean")
            << QJsonObject{{u"machine_detection"_s, u"yes"_s}} << u"machine_detection"_s;
        QTest::newRow("unknown action")
            << QJsonObject{{u"machine_detection"_s, true}, {u"on_machine"_s, u"sing"_s}}
            << u"on_machine"_s;
        QTest::newRow("action with detection off")
            << QJsonObject{{u"machine_detection"_s, false}, {u"on_machine"_s, u"hang_up"_s}}
            << u"on_machine"_s;
    }

    void badMachineDetectionRequestsAreRefused()
    {
        QFETCH(QJsonObject, extra);
        QFETCH(QString, field);
        QJsonObject body = callBody();
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        const HttpResult refused = m_server->post(u"/api/v1/calls/"_s + createAgent(), body);
        QVERIFY2(refused.status == 400, refused.body.constData());
        QVERIFY2(refused.object().value(u"details"_s).toObject().contains(field),
                 refused.body.constData());
        QCOMPARE(m_twilio->callSids().size(), 0);
    }

    void aMachineIsHungUpOn()
    {
        m_twilio->setAnsweredBy(Customer, u"machine_end_beep"_s);
        QStringList timeline{u"ringing"_s};
        for (int i = 0; i < 200; ++i)
            timeline << u"in-progress"_s;
        m_twilio->setTimeline(Customer, timeline);
        const QString sid = placeCall({{u"machine_detection"_s, true}});
        const QJsonObject ended = finishedCall(sid);
        QCOMPARE(ended.value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(ended.value(u"answered_by"_s).toString(), u"machine"_s);
        QCOMPARE(ended.value(u"end_reason"_s).toString(), u"machine_hang_up"_s);
        QVERIFY(!ended.value(u"end_reason_text"_s).toString().isEmpty());
        const auto hangUps = m_twilio->requests("POST", u"/Calls/%1\\.json$"_s.arg(sid));
        QCOMPARE(hangUps.size(), 1);
        QCOMPARE(hangUps.first().form().value(u"Status"_s), u"completed"_s);
    }

    void operatorHangUpIsTheEndReason()
    {
        QStringList timeline{u"ringing"_s};
        for (int i = 0; i < 200; ++i)
            timeline << u"in-progress"_s;
        m_twilio->setTimeline(Customer, timeline);
        const QString sid = placeCall();
        QVERIFY(
            waitUntil([&] { return call(sid).value(u"status"_s).toString() == u"in-progress"_s; }));
        QCOMPARE(m_server->post(u"/api/v1/calls/%1/hangup"_s.arg(sid), {}).status, 200);
        QCOMPARE(finishedCall(sid).value(u"end_reason"_s).toString(), u"operator"_s);
    }

    void aLatePriceAndBilledDurationArePickedUp()
    {
        m_twilio->setPriceDelay(4);
        m_ultravox->setBillingDelay(3);
        const QString sid = placeCall();
        const QJsonObject ended = finishedCall(sid);
        // The transcript is in, the cost is not: "pending", and nothing guessed meanwhile.
        if (ended.value(u"cost_status"_s).toString() == u"pending"_s)
            QVERIFY(ended.value(u"price"_s).isNull() ||
                    ended.value(u"billed_duration_seconds"_s).isNull());
        const QJsonObject settled = settledCall(sid);
        QCOMPARE(settled.value(u"cost_status"_s).toString(), u"reported"_s);
        QCOMPARE(settled.value(u"price"_s).toString(), u"-0.01400"_s);
        QCOMPARE(settled.value(u"price_unit"_s).toString(), u"USD"_s);
        QCOMPARE(settled.value(u"billed_duration_seconds"_s).toDouble(), 61.5);
        QCOMPARE(settled.value(u"short_summary"_s).toString(), u"A short test call."_s);
        QCOMPARE(settled.value(u"summary"_s).toString(), u"The agent said the order shipped."_s);
        QCOMPARE(settled.value(u"end_reason"_s).toString(), u"callee_hung_up"_s);
        QVERIFY(m_twilio->requests("GET", u"/Calls/%1\\.json$"_s.arg(sid)).size() >= 5);
        // Settled: no more asking.
        QVERIFY(waitUntil([&] { return m_server->core().monitor().followedCount() == 0; }));
        const int asked = m_twilio->requestCount();
        QTest::qWait(300);
        QCOMPARE(m_twilio->requestCount(), asked);
    }

    void aPriceThatNeverComesIsNotReported()
    {
        m_server.reset();
        TestServerOptions options = liveOptions();
        options.costWindowMs = 400;
        m_server = std::make_unique<TestServer>(options);
        QVERIFY(m_server->start());
        m_twilio->setPriceDelay(1000000);
        const QString sid = placeCall();
        const QJsonObject settled = settledCall(sid);
        QCOMPARE(settled.value(u"cost_status"_s).toString(), u"not_reported"_s);
        QVERIFY(settled.value(u"price"_s).isNull());
        QVERIFY(settled.value(u"price_unit"_s).isNull());
    }

    void summariesAreSearchable()
    {
        const QString sid = placeCall();
        finishedCall(sid);
        const QJsonArray found = m_server->get(u"/api/v1/calls?q=order%20shipped"_s)
                                     .object()
                                     .value(u"calls"_s)
                                     .toArray();
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().toObject().value(u"call_sid"_s).toString(), sid);
        QCOMPARE(
            m_server->get(u"/api/v1/calls?q=nothing-like-it"_s).object().value(u"count"_s).toInt(),
            0);
    }

    void aRecordingIsFetchedOnceAndServed()
    {
        m_ultravox->setRecordingAudio(sampleWav());
        const QString sid = placeCall();
        QVERIFY(waitUntil([&] {
            return call(sid).value(u"recording"_s).toObject().value(u"status"_s).toString() ==
                   u"stored"_s;
        }));
        const QJsonObject recording = call(sid).value(u"recording"_s).toObject();
        QCOMPARE(recording.value(u"content_type"_s).toString(), u"audio/wav"_s);
        QCOMPARE(recording.value(u"bytes"_s).toInteger(), sampleWav().size());
        const HttpResult audio = m_server->get(u"/api/v1/calls/%1/recording"_s.arg(sid));
        QCOMPARE(audio.status, 200);
        QCOMPARE(audio.header("Content-Type"), QByteArray("audio/wav"));
        QVERIFY(audio.body == sampleWav());
        QCOMPARE(recordingFiles().size(), 1);
        // Served from the file: Ultravox is asked once.
        m_server->get(u"/api/v1/calls/%1/recording"_s.arg(sid));
        QCOMPARE(m_ultravox->requests("GET", u"/recording$"_s).size(), 1);
        // And it survives a restart without being fetched again.
        QVERIFY(m_server->restart());
        QCOMPARE(m_server->get(u"/api/v1/calls/%1/recording"_s.arg(sid)).status, 200);
        QCOMPARE(m_ultravox->requests("GET", u"/recording$"_s).size(), 1);
    }

    void aRedirectedRecordingIsFetchedWithoutTheKey()
    {
        FakeStorage storage;
        QVERIFY(storage.start());
        m_ultravox->setRecordingAudio(sampleWav(), &storage);
        const QString sid = placeCall();
        QVERIFY(waitUntil([&] {
            return call(sid).value(u"recording"_s).toObject().value(u"status"_s).toString() ==
                   u"stored"_s;
        }));
        QCOMPARE(storage.requests().size(), 1);
        QVERIFY(storage.requests().first().header("X-API-Key").isEmpty());
        QVERIFY(storage.violations().isEmpty());
        QVERIFY(m_server->get(u"/api/v1/calls/%1/recording"_s.arg(sid)).body == sampleWav());
    }

    void aFailedRecordingFetchIsRetriedAndNeverHalfWritten()
    {
        m_ultravox->setRecordingAudio(sampleWav());
        // Twice refused, once cut off by a timeout: each leaves nothing behind.
        m_ultravox->script(
            failure(ScriptedFailure::Kind::Status, "GET", u"/recording$"_s, 503, {}, -1, 2));
        m_ultravox->script(failure(ScriptedFailure::Kind::Hang, "GET", u"/recording$"_s));
        const QString sid = placeCall();
        finishedCall(sid);
        QVERIFY(
            waitUntil([&] { return m_ultravox->requests("GET", u"/recording$"_s).size() >= 2; }));
        QVERIFY2(recordingFiles().isEmpty(), qPrintable(recordingFiles().join(u", "_s)));
        QCOMPARE(call(sid).value(u"recording"_s).toObject().value(u"status"_s).toString(),
                 u"pending"_s);
        QVERIFY(waitUntil(
            [&] {
                return call(sid).value(u"recording"_s).toObject().value(u"status"_s).toString() ==
                       u"stored"_s;
            },
            20000));
        QVERIFY(m_ultravox->requests("GET", u"/recording$"_s).size() >= 3);
        QCOMPARE(recordingFiles().size(), 1);
        QVERIFY(m_server->get(u"/api/v1/calls/%1/recording"_s.arg(sid)).body == sampleWav());
    }

    void aRecordingIsDeletedOnRequest()
    {
        m_ultravox->setRecordingAudio(sampleWav());
        const QString sid = placeCall();
        QVERIFY(waitUntil([&] {
            return call(sid).value(u"recording"_s).toObject().value(u"status"_s).toString() ==
                   u"stored"_s;
        }));
        QCOMPARE(m_server->del(u"/api/v1/calls/%1/recording"_s.arg(sid)).status, 204);
        QVERIFY(recordingFiles().isEmpty());
        QCOMPARE(call(sid).value(u"recording"_s).toObject().value(u"status"_s).toString(),
                 u"deleted"_s);
        const HttpResult gone = m_server->get(u"/api/v1/calls/%1/recording"_s.arg(sid));
        QCOMPARE(gone.status, 404);
        QVERIFY2(gone.object().value(u"message"_s).toString().contains(u"deleted"_s),
                 gone.body.constData());
        QCOMPARE(m_server->del(u"/api/v1/calls/%1/recording"_s.arg(sid)).status, 404);
        QCOMPARE(m_ultravox->requests("GET", u"/recording$"_s).size(), 1);
    }

    void aCallWithoutRecordingSaysWhy()
    {
        const QString sid = placeCall();
        finishedCall(sid);
        QVERIFY(call(sid).value(u"recording"_s).isNull());
        const HttpResult none = m_server->get(u"/api/v1/calls/%1/recording"_s.arg(sid));
        QCOMPARE(none.status, 404);
        QVERIFY2(none.object().value(u"message"_s).toString().contains(u"not recorded"_s),
                 none.body.constData());
        QCOMPARE(m_ultravox->requests("GET", u"/recording$"_s).size(), 0);
    }

    void theTranscriptGrowsWhileTheCallLasts()
    {
        m_ultravox->setGrowingTranscript(true);
        QStringList timeline{u"ringing"_s};
        for (int i = 0; i < 60; ++i)
            timeline << u"in-progress"_s;
        timeline << u"completed"_s;
        m_twilio->setTimeline(Customer, timeline);
        const QString sid = placeCall();
        QList<int> counts;
        QVERIFY(waitUntil(
            [&] {
                const QJsonObject now = transcript(sid);
                if (now.value(u"live"_s).toBool())
                    counts << now.value(u"count"_s).toInt();
                return now.value(u"complete"_s).toBool();
            },
            15000));
        QVERIFY2(!counts.isEmpty(), "never saw the call in progress");
        QVERIFY2(counts.last() > counts.first(), "the live transcript did not grow");
        for (qsizetype i = 1; i < counts.size(); ++i)
            QVERIFY(counts.at(i) >= counts.at(i - 1));
        // Cheap polling: a live read is one request for the newest page, not the whole list.
        int liveReads = 0;
        for (const RecordedRequest &read : m_ultravox->requests("GET", u"/messages$"_s))
            liveReads += read.query.queryItemValue(u"pageSize"_s) == u"100"_s ? 1 : 0;
        QVERIFY2(liveReads >= 2, qPrintable(QString::number(liveReads)));
        const QJsonObject final = transcript(sid);
        QCOMPARE(final.value(u"count"_s).toInt(), 5);
        QCOMPARE(final.value(u"messages"_s)
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(u"start_seconds"_s)
                     .toDouble(),
                 2.0);
        QCOMPARE(call(sid).value(u"transcript_messages"_s).toInt(), 5);
    }
};

// The sandbox alone: no fakes, the simulated providers tell the whole story.
class TestSandboxOutcome : public QObject
{
    Q_OBJECT

    // An agent the simulated Ultravox has created; empty when it did not become active.
    static QString sandboxAgent(TestServer &server)
    {
        const QJsonObject agent{{u"name"_s, u"Sandbox Agent"_s},
                                {u"prompt"_s, u"You help {{customer_name}}."_s},
                                {u"voice"_s, u"default"_s},
                                {u"language"_s, u"en-US"_s}};
        const QString id =
            server.post(u"/api/v1/agents"_s, agent).object().value(u"id"_s).toString();
        const bool active = waitUntil([&] {
            return server.get(u"/api/v1/agents/"_s + id).object().value(u"status"_s).toString() ==
                   u"active"_s;
        });
        return active ? id : QString();
    }

private Q_SLOTS:
    void aSandboxCallTellsEverything()
    {
        TestServerOptions options;
        options.sandboxTimeScale = 0.3; // a call lasts about three seconds
        options.costWindowMs = 60000;
        TestServer server(options);
        QVERIFY(server.start());
        const QString agentId = sandboxAgent(server);
        QVERIFY(!agentId.isEmpty());
        const HttpResult placed =
            server.post(u"/api/v1/calls/"_s + agentId,
                        {{u"phone_number"_s, u"+15557770000"_s}, {u"machine_detection"_s, true}});
        QVERIFY2(placed.status == 201, placed.body.constData());
        const QString sid = placed.object().value(u"call_sid"_s).toString();

        QList<int> live;
        QVERIFY(waitUntil(
            [&] {
                const QJsonObject now =
                    server.get(u"/api/v1/calls/%1/transcript"_s.arg(sid)).object();
                if (now.value(u"live"_s).toBool())
                    live << now.value(u"count"_s).toInt();
                return now.value(u"complete"_s).toBool();
            },
            15000));
        QVERIFY2(live.size() >= 2 && live.last() > live.first(),
                 qPrintable(u"live counts: %1"_s.arg(live.size())));

        QVERIFY(waitUntil(
            [&] {
                const QJsonObject call = server.get(u"/api/v1/calls/"_s + sid).object();
                return call.value(u"cost_status"_s).toString() == u"reported"_s &&
                       call.value(u"recording"_s).toObject().value(u"status"_s).toString() ==
                           u"stored"_s;
            },
            15000));
        const QJsonObject call = server.get(u"/api/v1/calls/"_s + sid).object();
        QCOMPARE(call.value(u"answered_by"_s).toString(), u"human"_s);
        QCOMPARE(call.value(u"price_unit"_s).toString(), u"USD"_s);
        QVERIFY(call.value(u"price"_s).toString().startsWith(u"-0.0"_s));
        QVERIFY(call.value(u"billed_duration_seconds"_s).toDouble() > 0);
        QVERIFY(!call.value(u"summary"_s).toString().isEmpty());
        QCOMPARE(call.value(u"end_reason"_s).toString(), u"callee_hung_up"_s);
        const HttpResult audio = server.get(u"/api/v1/calls/%1/recording"_s.arg(sid));
        QCOMPARE(audio.status, 200);
        QVERIFY(audio.body.startsWith("RIFF"));
    }

    void theSandboxMachineNumberIsHungUpOn()
    {
        TestServerOptions options;
        options.sandboxTimeScale = 0.1;
        TestServer server(options);
        QVERIFY(server.start());
        const QString agentId = sandboxAgent(server);
        QVERIFY(!agentId.isEmpty());
        const HttpResult placed =
            server.post(u"/api/v1/calls/"_s + agentId,
                        {{u"phone_number"_s, u"+14155550105"_s}, {u"machine_detection"_s, true}});
        QVERIFY2(placed.status == 201, placed.body.constData());
        const QString sid = placed.object().value(u"call_sid"_s).toString();
        QVERIFY(waitUntil(
            [&] {
                return server.get(u"/api/v1/calls/%1/transcript"_s.arg(sid))
                    .object()
                    .value(u"complete"_s)
                    .toBool();
            },
            15000));
        const QJsonObject call = server.get(u"/api/v1/calls/"_s + sid).object();
        QCOMPARE(call.value(u"answered_by"_s).toString(), u"machine"_s);
        QCOMPARE(call.value(u"end_reason"_s).toString(), u"machine_hang_up"_s);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int status = 0;
    {
        TestCallOutcome outcome;
        status |= QTest::qExec(&outcome, argc, argv);
    }
    {
        TestSandboxOutcome sandbox;
        status |= QTest::qExec(&sandbox, argc, argv);
    }
    return status;
}

#include "tst_call_outcome.moc"
