// SPDX-License-Identifier: GPL-3.0-or-later
// What the live stack does when the providers' state moves under it, with the real clients
// against the fakes: an agent deleted on Ultravox's side comes back on the next update, polling
// writes only what changed, a transcript waits for Ultravox to end the call (or for the grace to
// run out), Ultravox forgetting a call ends the follow-up, and a company's Ultravox URL must be
// https unless it is this machine.
#include "Core.h"
#include "LiveStack.h"

using namespace Qt::StringLiterals;

class TestLiveFollowUp : public QObject, protected LiveStack
{
    Q_OBJECT

    QString placeCall()
    {
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + createAgent(), callBody());
        if (placed.status != 201)
            qWarning("call not placed: %d %s", placed.status, placed.body.constData());
        return placed.object().value(u"call_sid"_s).toString();
    }

    // "^/api/calls/<Ultravox's id>$": where the monitor asks Ultravox about the call.
    QString ultravoxCallPath(const QString &sid)
    {
        return u"^/api/calls/%1$"_s.arg(ultravoxSide(call(sid)).value(u"call_id"_s).toString());
    }

    bool monitorIsIdle() { return m_server->core().monitor().followedCount() == 0; }

    QJsonObject company(const QString &ultravoxUrl) const
    {
        return {
            {u"name"_s, u"Globex"_s},
            {u"twilio"_s,
             QJsonObject{{u"account_sid"_s, QString::fromLatin1(FakeTwilio::AccountSid)},
                         {u"auth_token"_s, QString::fromLatin1(FakeTwilio::AuthToken)},
                         {u"phone_number"_s, QString::fromLatin1(FakeTwilio::FromNumber)}}},
            {u"ultravox"_s, QJsonObject{{u"api_key"_s, QString::fromLatin1(FakeUltravox::ApiKey)},
                                        {u"api_url"_s, ultravoxUrl},
                                        {u"system_prompt"_s, u"You are Globex's assistant."_s}}}};
    }

    static void expectRefusedUrl(const HttpResult &refused)
    {
        QVERIFY2(refused.status == 400, refused.body.constData());
        QCOMPARE(refused.object().value(u"error"_s).toString(), u"validation_error"_s);
        QVERIFY2(refused.object().value(u"details"_s).toObject().contains(u"ultravox.api_url"_s),
                 refused.body.constData());
    }

private Q_SLOTS:
    void init() { startStack(); }
    void cleanup() { stopStack(); }

    void agentDeletedOnUltravoxIsCreatedAgainOnUpdate()
    {
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, agentBody());
        QCOMPARE(created.status, 201);
        const QString id = created.object().value(u"id"_s).toString();
        const QString gone = created.object().value(u"ultravox_agent_id"_s).toString();
        QVERIFY(!gone.isEmpty());
        m_ultravox->removeAgent(gone);
        m_ultravox->clearRecords();

        const HttpResult updated =
            m_server->put(u"/api/v1/agents/"_s + id, agentBody(u"Renamed Agent"_s));
        QVERIFY2(updated.status == 200, updated.body.constData());
        QCOMPARE(updated.object().value(u"status"_s).toString(), u"active"_s);
        const QString again = updated.object().value(u"ultravox_agent_id"_s).toString();
        QVERIFY(!again.isEmpty());
        QVERIFY(again != gone);
        QCOMPARE(m_ultravox->agentCount(), 1);
        QCOMPARE(m_ultravox->agent(again).value(u"name"_s).toString(), u"Renamed Agent"_s);

        // The update met the fake's 404 for the old id, then created the agent anew.
        const QList<RecordedRequest> seen = m_ultravox->requests();
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.at(0).method, QByteArray("PATCH"));
        QCOMPARE(seen.at(0).path, u"/api/agents/"_s + gone);
        QCOMPARE(seen.at(1).method, QByteArray("POST"));
        QCOMPARE(seen.at(1).path, u"/api/agents"_s);

        // What was answered is what is stored, and calls use the new agent.
        const HttpResult read = m_server->get(u"/api/v1/agents/"_s + id);
        QCOMPARE(read.object(), updated.object());
        QCOMPARE(read.header("ETag"), updated.header("ETag"));
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + id, callBody());
        QVERIFY2(placed.status == 201, placed.body.constData());
        QCOMPARE(m_ultravox->requests("POST", u"^/api/agents/%1/calls$"_s.arg(again)).size(), 1);
        const QString sid = placed.object().value(u"call_sid"_s).toString();
        QCOMPARE(finishedCall(sid).value(u"status"_s).toString(), u"completed"_s);
    }

    void pollingWritesNothingWhileNothingChanges_data()
    {
        QTest::addColumn<QStringList>("timeline");
        QTest::addColumn<int>("changes");
        QTest::newRow("ringing") << QStringList{u"ringing"_s} << 1;
        QTest::newRow("in-progress") << QStringList{u"ringing"_s, u"in-progress"_s} << 2;
    }
    void pollingWritesNothingWhileNothingChanges()
    {
        QFETCH(QStringList, timeline);
        QFETCH(int, changes);
        m_twilio->setTimeline(Customer, timeline); // the last status stays
        const QString sid = placeCall();
        QVERIFY(!sid.isEmpty());
        QVERIFY(waitUntil([&] { return call(sid).value(u"status"_s) == timeline.last(); }));
        // A call in progress has its transcript read live: that first read is a change.
        if (timeline.last() == u"in-progress"_s)
            QVERIFY(waitUntil([&] { return transcript(sid).value(u"count"_s).toInt() == 5; }));
        const auto polls = [&] { return m_twilio->requests("GET", u"/Calls/"_s + sid).size(); };
        const qsizetype pollsBefore = polls();
        const QJsonObject before = call(sid);

        QVERIFY(waitUntil([&] { return polls() >= pollsBefore + 5; }));
        const QJsonObject after = call(sid);
        QCOMPARE(after.value(u"status"_s), QJsonValue(timeline.last()));
        QCOMPARE(after.value(u"version"_s), before.value(u"version"_s));
        QCOMPARE(after.value(u"updated_at"_s), before.value(u"updated_at"_s));
        QCOMPARE(eventTypes(sid).count(u"call_status_changed"_s), changes);
        QCOMPARE(m_server->core().monitor().followedCount(), 1);
    }

    void transcriptWaitsForUltravoxToEndTheCall()
    {
        m_ultravox->setCallsEnd(false);
        const QString sid = placeCall();
        QVERIFY(!sid.isEmpty());
        QVERIFY(waitUntil([&] { return call(sid).value(u"status"_s) == u"completed"_s; }));
        const QString ultravoxCall = ultravoxCallPath(sid);
        QVERIFY(waitUntil([&] { return m_ultravox->requests("GET", ultravoxCall).size() >= 3; }));
        QCOMPARE(transcript(sid).value(u"complete"_s), QJsonValue(false));
        QCOMPARE(transcript(sid).value(u"count"_s), QJsonValue(0));
        QCOMPARE(m_ultravox->requests("GET", u"/messages$"_s).size(), 0);
        QCOMPARE(m_server->core().monitor().followedCount(), 1);

        m_ultravox->setCallsEnd(true);
        const QJsonObject done = finishedCall(sid);
        QCOMPARE(transcript(sid).value(u"complete"_s), QJsonValue(true));
        QCOMPARE(transcript(sid).value(u"count"_s), QJsonValue(5));
        QCOMPARE(ultravoxSide(done).value(u"end_reason"_s), QJsonValue(u"hangup"_s));
        QVERIFY(waitUntil([&] { return monitorIsIdle(); }));
    }

    void transcriptIsReadOnceTheGraceRunsOut()
    {
        // Twilio's end_time has whole seconds: the grace must outlast that rounding to be seen.
        TestServerOptions options = liveOptions();
        options.monitorUltravoxGraceMs = 1500;
        m_server.reset();
        m_server = std::make_unique<TestServer>(options);
        QVERIFY(m_server->start());
        m_ultravox->setCallsEnd(false);
        const QString sid = placeCall();
        QVERIFY(!sid.isEmpty());

        const QJsonObject done = finishedCall(sid);
        QCOMPARE(transcript(sid).value(u"complete"_s), QJsonValue(true));
        QCOMPARE(transcript(sid).value(u"count"_s), QJsonValue(5));
        QVERIFY(ultravoxSide(done).value(u"end_reason"_s).isNull());
        // Ultravox was asked again and again before the monitor stopped waiting for its end.
        const qint64 read = m_ultravox->requests("GET", u"/messages$"_s).first().receivedNs;
        qsizetype askedBefore = 0;
        for (const RecordedRequest &asked : m_ultravox->requests("GET", ultravoxCallPath(sid)))
            askedBefore += asked.receivedNs < read ? 1 : 0;
        QVERIFY2(askedBefore >= 3, qPrintable(QString::number(askedBefore)));
        QVERIFY(waitUntil([&] { return monitorIsIdle(); }));
    }

    void ultravoxForgettingTheCallEndsTheFollowUp_data()
    {
        QTest::addColumn<QString>("forgotten");
        QTest::newRow("messages") << u"^/api/calls/[^/]+/messages$"_s;
        QTest::newRow("call") << u"^/api/calls/[^/]+$"_s;
    }
    void ultravoxForgettingTheCallEndsTheFollowUp()
    {
        QFETCH(QString, forgotten);
        m_ultravox->script(failure(ScriptedFailure::Kind::Status, "GET", forgotten, 404, {}, -1,
                                   -1)); // every time
        const QString sid = placeCall();
        QVERIFY(!sid.isEmpty());
        QCOMPARE(finishedCall(sid).value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(transcript(sid).value(u"complete"_s), QJsonValue(true));
        QCOMPARE(transcript(sid).value(u"count"_s), QJsonValue(0));
        QCOMPARE(m_ultravox->requests("GET", forgotten).size(), 1);

        QVERIFY(waitUntil([&] { return monitorIsIdle(); }));
        const int asked = m_ultravox->requestCount() + m_twilio->requestCount();
        QTest::qWait(400); // several times the slowest pace of polling
        QCOMPARE(m_ultravox->requestCount() + m_twilio->requestCount(), asked);
    }

    void companyUltravoxUrlIsHttpsOrThisMachine()
    {
        expectRefusedUrl(
            m_server->post(u"/api/v1/companies"_s, company(u"http://api.example.com/api"_s)));
        QCOMPARE(m_server->get(u"/api/v1/companies"_s).array().size(), 0);

        const QString local = m_ultravox->baseUrl().toString(); // http://127.0.0.1:PORT/api/
        QVERIFY(local.startsWith(u"http://127.0.0.1:"_s) && local.endsWith(u"/api/"_s));
        const HttpResult created = m_server->post(u"/api/v1/companies"_s, company(local));
        QVERIFY2(created.status == 201, created.body.constData());
        QCOMPARE(created.object().value(u"ultravox"_s).toObject().value(u"api_url"_s).toString(),
                 local);
        const QString path =
            u"/api/v1/companies/%1"_s.arg(created.object().value(u"id"_s).toInteger());
        expectRefusedUrl(m_server->put(path, company(u"http://api.example.com/api"_s)));

        // The company's calls reach Ultravox there.
        const HttpResult placed = m_server->post(u"/api/ultravox-calls/initiate-call"_s,
                                                 {{u"companyId"_s, created.object().value(u"id"_s)},
                                                  {u"destinationNumber"_s, Customer}});
        QVERIFY2(placed.status == 200, placed.body.constData());
        QCOMPARE(m_ultravox->requests("POST", u"^/api/calls$"_s).size(), 1);
        const QString sid = placed.object().value(u"callSid"_s).toString();
        QCOMPARE(finishedCall(sid).value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(transcript(sid).value(u"count"_s), QJsonValue(5));
    }
};

QTEST_GUILESS_MAIN(TestLiveFollowUp)
#include "tst_live_followup.moc"
