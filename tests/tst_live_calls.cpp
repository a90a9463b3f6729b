// SPDX-License-Identifier: GPL-3.0-or-later
// The whole flow through the REST API with the real Ultravox and Twilio clients pointed at the
// fake providers: agents synced to Ultravox, calls placed, followed to their end and their
// transcripts read, the company route, and every provider failure turned into the spec's error
// body and a call record that says what happened.
#include "Core.h"
#include "LiveStack.h"

using namespace Qt::StringLiterals;

class TestLiveCalls : public QObject, protected LiveStack
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startStack(); }
    void cleanup() { stopStack(); }

    void agentRoundTripReachesUltravox()
    {
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, agentBody());
        QCOMPARE(created.status, 201);
        const QJsonObject agent = created.object();
        QCOMPARE(agent.value(u"status"_s).toString(), u"active"_s);
        const QString remoteId = agent.value(u"ultravox_agent_id"_s).toString();
        QVERIFY(!remoteId.isEmpty());
        QJsonObject remote = m_ultravox->agent(remoteId);
        QCOMPARE(remote.value(u"name"_s).toString(), u"Support Agent"_s);
        QJsonObject callTemplate = remote.value(u"callTemplate"_s).toObject();
        QCOMPARE(callTemplate.value(u"systemPrompt"_s).toString(),
                 u"You help {{customer_name}} for {{company_name}}."_s);
        QCOMPARE(callTemplate.value(u"languageHint"_s).toString(), u"en-US"_s);
        QVERIFY2(!callTemplate.contains(u"voice"_s), "\"default\" leaves the voice to Ultravox");

        QJsonObject changed = agentBody(u"Renamed Agent"_s);
        changed.insert(u"voice"_s, u"Mark"_s);
        const HttpResult updated =
            m_server->put(u"/api/v1/agents/"_s + agent.value(u"id"_s).toString(), changed);
        QCOMPARE(updated.status, 200);
        QCOMPARE(m_ultravox->requests("PATCH", u"/api/agents/"_s + remoteId).size(), 1);
        remote = m_ultravox->agent(remoteId);
        QCOMPARE(remote.value(u"name"_s).toString(), u"Renamed Agent"_s);
        QCOMPARE(remote.value(u"callTemplate"_s).toObject().value(u"voice"_s).toString(),
                 u"Mark"_s);

        QCOMPARE(m_server->del(u"/api/v1/agents/"_s + agent.value(u"id"_s).toString()).status, 204);
        QCOMPARE(m_ultravox->agentCount(), 0);
    }

    void longNamesAreShortenedForUltravoxOnly()
    {
        const QString name = u"Agent "_s + QString(94, u'x');
        const QString id = createAgent(agentBody(name));
        const QJsonObject agent = m_server->get(u"/api/v1/agents/"_s + id).object();
        QCOMPARE(agent.value(u"config"_s).toObject().value(u"name"_s).toString(), name);
        const QJsonObject remote =
            m_ultravox->agent(agent.value(u"ultravox_agent_id"_s).toString());
        QCOMPARE(remote.value(u"name"_s).toString().size(), 64);
    }

    void agentSyncFailuresKeepTheAgent_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("providerStatus");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("apiStatus");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("code");
        const int status = int(ScriptedFailure::Kind::Status);
        QTest::newRow("400 field error")
            << status << 400 << QByteArray(R"({"name":["Agent name already taken."]})") << 502
            << u"provider_error"_s << u"name"_s;
        QTest::newRow("401") << status << 401 << QByteArray(R"({"detail":"Invalid API key."})")
                             << 502 << u"provider_error"_s << QString();
        QTest::newRow("500") << status << 500 << QByteArray() << 502 << u"provider_error"_s
                             << QString();
        QTest::newRow("503") << status << 503 << QByteArray() << 503 << u"provider_unavailable"_s
                             << QString();
        QTest::newRow("garbage") << int(ScriptedFailure::Kind::Garbage) << 200 << QByteArray()
                                 << 502 << u"provider_error"_s << u"unreadable_response"_s;
        QTest::newRow("hang") << int(ScriptedFailure::Kind::Hang) << 0 << QByteArray() << 504
                              << u"provider_timeout"_s << QString();
    }
    void agentSyncFailuresKeepTheAgent()
    {
        QFETCH(int, kind);
        QFETCH(int, providerStatus);
        QFETCH(QByteArray, body);
        QFETCH(int, apiStatus);
        QFETCH(QString, error);
        QFETCH(QString, code);
        m_ultravox->script(
            failure(ScriptedFailure::Kind(kind), "POST", u"/api/agents$"_s, providerStatus, body));
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, agentBody());
        expectProviderError(created, apiStatus, error, u"ultravox"_s, providerStatus, code);
        QCOMPARE(m_ultravox->requests("POST", u"/api/agents$"_s).size(), 1); // never twice

        const QString id =
            created.object().value(u"details"_s).toObject().value(u"agent_id"_s).toString();
        QVERIFY(!id.isEmpty());
        const QJsonObject agent = m_server->get(u"/api/v1/agents/"_s + id).object();
        QCOMPARE(agent.value(u"status"_s).toString(), u"error"_s);
        QVERIFY(agent.value(u"status_reason"_s).toString().contains(u"Ultravox"_s));
        QCOMPARE(agent.value(u"config"_s).toObject().value(u"name"_s).toString(),
                 u"Support Agent"_s);

        const HttpResult refused = m_server->post(u"/api/v1/calls/"_s + id, callBody());
        QCOMPARE(refused.status, 409);
        QVERIFY(refused.object().value(u"message"_s).toString().contains(u"Ultravox"_s));
        QCOMPARE(m_twilio->requestCount(), 0);

        // Fixing it (PUT) syncs it again.
        const HttpResult fixed = m_server->put(u"/api/v1/agents/"_s + id, agentBody());
        QCOMPARE(fixed.status, 200);
        QCOMPARE(fixed.object().value(u"status"_s).toString(), u"active"_s);
    }

    void throttlingIsUnavailableWithRetryAfter_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::newRow("Ultravox creating the agent") << u"ultravox"_s;
        QTest::newRow("Twilio placing the call") << u"twilio"_s;
    }
    void throttlingIsUnavailableWithRetryAfter()
    {
        QFETCH(QString, provider);
        const bool twilio = provider == u"twilio"_s;
        const QString agentId = twilio ? createAgent() : QString();
        if (twilio)
            m_twilio->script(
                failure(ScriptedFailure::Kind::Status, "POST", u"/Calls\\.json$"_s, 429, {}, 7));
        else
            m_ultravox->script(failure(
                ScriptedFailure::Kind::Status, "POST", u"/api/agents$"_s, 429,
                R"({"detail":"Request was throttled. Expected available in 7 seconds."})", 7));
        const HttpResult refused = twilio
                                       ? m_server->post(u"/api/v1/calls/"_s + agentId, callBody())
                                       : m_server->post(u"/api/v1/agents"_s, agentBody());
        expectProviderError(refused, 503, u"provider_unavailable"_s, provider, 429);
        QCOMPARE(refused.header("Retry-After"), QByteArray("7"));
        QCOMPARE(refused.object()
                     .value(u"details"_s)
                     .toObject()
                     .value(u"provider"_s)
                     .toObject()
                     .value(u"retry_after_seconds"_s)
                     .toInt(),
                 7);
        if (twilio) { // nobody was rung, and the record says so
            QCOMPARE(m_twilio->requests("POST", u"/Calls\\.json$"_s).size(), 1);
            const QString callId =
                refused.object().value(u"details"_s).toObject().value(u"call_id"_s).toString();
            QCOMPARE(call(callId).value(u"status"_s).toString(), u"failed"_s);
        }
    }

    void unreachableUltravoxIsUnavailable()
    {
        m_ultravox->stop();
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, agentBody());
        expectProviderError(created, 503, u"provider_unavailable"_s, u"ultravox"_s, 0);
    }

    void callCompletesWithItsTranscript()
    {
        const QString agentId = createAgent();
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + agentId, callBody());
        QVERIFY2(placed.status == 201, placed.body.constData());
        const QString sid = placed.object().value(u"call_sid"_s).toString();
        QVERIFY(sid.startsWith(u"CA"_s));
        QVERIFY(placed.object().value(u"join_url"_s).toString().startsWith(u"wss://"_s));

        // Ultravox first, with the agent's variables under the call's own context.
        const QJsonObject context = m_ultravox->requests("POST", u"/calls$"_s)
                                        .first()
                                        .json()
                                        .value(u"templateContext"_s)
                                        .toObject();
        QCOMPARE(context,
                 QJsonObject({{u"company_name"_s, u"Acme"_s}, {u"customer_name"_s, u"Ada"_s}}));
        const RecordedRequest twilio = m_twilio->requests("POST", u"/Calls\\.json$"_s).first();
        QCOMPARE(twilio.form().value(u"To"_s), Customer);
        QCOMPARE(twilio.form().value(u"From"_s), QString::fromLatin1(FakeTwilio::FromNumber));
        QVERIFY(m_ultravox->requests().last().receivedNs < twilio.receivedNs);

        const QJsonObject done = finishedCall(sid);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(done.value(u"duration_seconds"_s).toInt(), 1);
        QVERIFY(!done.value(u"answered_at"_s).toString().isEmpty());
        const QJsonObject providers = done.value(u"providers"_s).toObject();
        QCOMPARE(providers.value(u"twilio"_s).toObject().value(u"status"_s).toString(),
                 u"completed"_s);
        QCOMPARE(providers.value(u"ultravox"_s).toObject().value(u"end_reason"_s).toString(),
                 u"hangup"_s);
        QVERIFY(
            !providers.value(u"ultravox"_s).toObject().value(u"call_id"_s).toString().isEmpty());

        const QJsonObject read = transcript(sid);
        QCOMPARE(read.value(u"count"_s).toInt(), 5);
        QCOMPARE(read.value(u"messages"_s).toArray().at(2).toObject().value(u"role"_s),
                 QJsonValue(u"tool_call"_s));
        QCOMPARE(m_ultravox->requests("GET", u"/messages$"_s).size(), 3);

        QCOMPARE(eventTypes(sid), QStringList({u"call_initiated"_s, u"call_status_changed"_s,
                                               u"call_status_changed"_s, u"call_status_changed"_s,
                                               u"call_completed"_s}));
        const QJsonObject metrics = m_server->get(u"/api/v1/metrics"_s).object();
        QVERIFY2(QJsonDocument(metrics).toJson().contains("completed"), "metrics count calls");
        QCOMPARE(m_server->core().calls().ongoingCount(), 0);
    }

    void unansweredCallsEndWithoutTranscript_data()
    {
        QTest::addColumn<QStringList>("timeline");
        QTest::addColumn<QString>("status");
        QTest::newRow("busy") << QStringList{u"ringing"_s, u"busy"_s} << u"busy"_s;
        QTest::newRow("no-answer")
            << QStringList{u"ringing"_s, u"ringing"_s, u"no-answer"_s} << u"no-answer"_s;
        QTest::newRow("failed") << QStringList{u"failed"_s} << u"failed"_s;
    }
    void unansweredCallsEndWithoutTranscript()
    {
        QFETCH(QStringList, timeline);
        QFETCH(QString, status);
        m_twilio->setTimeline(Customer, timeline);
        m_ultravox->setEndReason(u"unjoined"_s);
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + createAgent(), callBody());
        QCOMPARE(placed.status, 201);
        const QString sid = placed.object().value(u"call_sid"_s).toString();
        const QJsonObject done = finishedCall(sid);
        QCOMPARE(done.value(u"status"_s).toString(), status);
        QCOMPARE(done.value(u"duration_seconds"_s).toInt(), 0);
        QCOMPARE(ultravoxSide(done).value(u"end_reason"_s), QJsonValue(u"unjoined"_s));
        QCOMPARE(transcript(sid).value(u"count"_s), QJsonValue(0));
        QCOMPARE(m_ultravox->requests("GET", u"/messages$"_s).size(), 0);
        QVERIFY(eventTypes(sid).endsWith(u"call_failed"_s));
    }

    void twilioFailingAfterUltravoxLeavesAFailedRecord_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("providerStatus");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("apiStatus");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("code");
        const int status = int(ScriptedFailure::Kind::Status);
        QTest::newRow("21217 invalid number")
            << status << 400
            << QByteArray(
                   "{\"code\":21217,\"message\":\"Phone number does not appear to be valid\","
                   "\"more_info\":\"https://www.twilio.com/docs/errors/21217\",\"status\":"
                   "400}")
            << 502 << u"provider_error"_s << u"21217"_s;
        QTest::newRow("401") << status << 401 << QByteArray() << 502 << u"provider_error"_s
                             << u"20003"_s;
        QTest::newRow("500 not retried")
            << status << 500 << QByteArray() << 502 << u"provider_error"_s << u"20500"_s;
        QTest::newRow("garbage") << int(ScriptedFailure::Kind::Garbage) << 502 << QByteArray()
                                 << 502 << u"provider_error"_s << QString();
        QTest::newRow("hang") << int(ScriptedFailure::Kind::Hang) << 0 << QByteArray() << 504
                              << u"provider_timeout"_s << QString();
    }
    void twilioFailingAfterUltravoxLeavesAFailedRecord()
    {
        QFETCH(int, kind);
        QFETCH(int, providerStatus);
        QFETCH(QByteArray, body);
        QFETCH(int, apiStatus);
        QFETCH(QString, error);
        QFETCH(QString, code);
        const QString agentId = createAgent();
        m_twilio->script(failure(ScriptedFailure::Kind(kind), "POST", u"/Calls\\.json$"_s,
                                 providerStatus, body));
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + agentId, callBody());
        expectProviderError(placed, apiStatus, error, u"twilio"_s, providerStatus, code);
        QCOMPARE(m_twilio->requests("POST", u"/Calls\\.json$"_s).size(), 1); // nobody rang twice
        if (code == u"21217"_s)
            QCOMPARE(placed.object()
                         .value(u"details"_s)
                         .toObject()
                         .value(u"provider"_s)
                         .toObject()
                         .value(u"more_info"_s)
                         .toString(),
                     u"https://www.twilio.com/docs/errors/21217"_s);

        const QString callId =
            placed.object().value(u"details"_s).toObject().value(u"call_id"_s).toString();
        QVERIFY(!callId.isEmpty());
        const QJsonObject record = call(callId);
        QCOMPARE(record.value(u"status"_s).toString(), u"failed"_s);
        QVERIFY2(!ultravoxSide(record).value(u"call_id"_s).toString().isEmpty(),
                 "the Ultravox call id is kept");
        const QJsonObject recordError = record.value(u"error"_s).toObject();
        QCOMPARE(recordError.value(u"provider"_s).toString(), u"twilio"_s);
        QVERIFY(recordError.value(u"ultravox"_s).toString().contains(u"unjoined"_s));
        QCOMPARE(eventTypes(callId).last(), u"call_failed"_s);
        QCOMPARE(m_server->core().calls().ongoingCount(), 0);
    }

    void unreachableTwilioIsUnavailable()
    {
        const QString agentId = createAgent();
        m_twilio->stop();
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + agentId, callBody());
        expectProviderError(placed, 503, u"provider_unavailable"_s, u"twilio"_s, 0);
        const QString callId =
            placed.object().value(u"details"_s).toObject().value(u"call_id"_s).toString();
        QCOMPARE(call(callId).value(u"status"_s).toString(), u"failed"_s);
    }

    void ultravoxRefusingTheCallLeavesAFailedRecord()
    {
        const QString agentId = createAgent();
        m_ultravox->script(failure(ScriptedFailure::Kind::Status, "POST", u"/calls$"_s, 402,
                                   R"({"detail":"Your free minutes are used up."})"));
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + agentId, callBody());
        expectProviderError(placed, 502, u"provider_error"_s, u"ultravox"_s, 402);
        QVERIFY(placed.object().value(u"message"_s).toString().contains(u"free minutes"_s));
        QCOMPARE(m_twilio->requestCount(), 0);
        const QString callId =
            placed.object().value(u"details"_s).toObject().value(u"call_id"_s).toString();
        QCOMPARE(call(callId).value(u"status"_s).toString(), u"failed"_s);
    }

    void joinUrlWithXmlSpecialsIsEscaped()
    {
        m_ultravox->setJoinUrlSuffix(u"&x=\"1\"&y=<2>"_s);
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + createAgent(), callBody());
        QVERIFY2(placed.status == 201, placed.body.constData());
        const QString twiml =
            m_twilio->requests("POST", u"/Calls\\.json$"_s).first().form().value(u"Twiml"_s);
        QVERIFY2(twiml.contains(u"&amp;x=&quot;1&quot;&amp;y=&lt;2&gt;"_s), qPrintable(twiml));
        QCOMPARE(m_twilio->streamUrl(placed.object().value(u"call_sid"_s).toString()),
                 placed.object().value(u"join_url"_s).toString());
    }

    void hangingUpARingingCallCancelsIt()
    {
        m_twilio->setTimeline(Customer, {u"ringing"_s});
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + createAgent(), callBody());
        const QString sid = placed.object().value(u"call_sid"_s).toString();
        QVERIFY(waitUntil([&] { return call(sid).value(u"status"_s) == u"ringing"_s; }));
        const HttpResult hungUp = m_server->request("POST", u"/api/v1/calls/%1/hangup"_s.arg(sid));
        QVERIFY2(hungUp.status == 200, hungUp.body.constData());
        QCOMPARE(hungUp.object().value(u"status"_s).toString(), u"canceled"_s);
        QCOMPARE(m_twilio->requests("POST", u"/Calls/CA"_s).first().form().value(u"Status"_s),
                 u"canceled"_s);
    }

    void pollingSurvivesProviderHiccups()
    {
        m_twilio->script({ScriptedFailure::Kind::Status,
                          "GET",
                          QRegularExpression(u"/Calls/"_s),
                          503,
                          {},
                          0,
                          4});
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + createAgent(), callBody());
        const QString sid = placed.object().value(u"call_sid"_s).toString();
        QCOMPARE(finishedCall(sid).value(u"status"_s).toString(), u"completed"_s);
    }

    void companyRoutePlacesAnAdHocCall()
    {
        const QString companySid = u"AC"_s + QString(32, u'b');
        m_twilio->addAccount(companySid, u"company-token-0123456789"_s, {u"+14155550199"_s});
        const QJsonObject company{
            {u"name"_s, u"Globex"_s},
            {u"twilio"_s, QJsonObject{{u"account_sid"_s, companySid},
                                      {u"auth_token"_s, u"company-token-0123456789"_s},
                                      {u"phone_number"_s, u"+14155550199"_s}}},
            {u"ultravox"_s, QJsonObject{{u"api_key"_s, QString::fromLatin1(FakeUltravox::ApiKey)},
                                        {u"api_url"_s, m_ultravox->baseUrl().toString().chopped(1)},
                                        {u"system_prompt"_s, u"You are Globex's assistant."_s},
                                        {u"model"_s, u"fixie-ai/ultravox"_s},
                                        {u"voice"_s, u"Jessica"_s},
                                        {u"first_speaker"_s, u"FIRST_SPEAKER_AGENT"_s}}}};
        const HttpResult created = m_server->post(u"/api/v1/companies"_s, company);
        QVERIFY2(created.status == 201, created.body.constData());
        const qint64 id = created.object().value(u"id"_s).toInteger();

        const HttpResult placed =
            m_server->post(u"/api/ultravox-calls/initiate-call"_s,
                           {{u"companyId"_s, id}, {u"destinationNumber"_s, Customer}});
        QVERIFY2(placed.status == 200, placed.body.constData());
        QCOMPARE(placed.object().value(u"message"_s).toString(), u"Call initiated successfully"_s);
        const QString sid = placed.object().value(u"callSid"_s).toString();
        QVERIFY(sid.startsWith(u"CA"_s));

        const QJsonObject sent = m_ultravox->requests("POST", u"^/api/calls$"_s).first().json();
        QCOMPARE(sent.value(u"systemPrompt"_s).toString(), u"You are Globex's assistant."_s);
        QCOMPARE(sent.value(u"model"_s).toString(), u"fixie-ai/ultravox"_s);
        QCOMPARE(sent.value(u"voice"_s).toString(), u"Jessica"_s);
        QCOMPARE(sent.value(u"firstSpeakerSettings"_s).toObject(),
                 QJsonObject({{u"agent"_s, QJsonObject()}}));
        const RecordedRequest twilio = m_twilio->requests("POST", u"/Calls\\.json$"_s).first();
        QVERIFY(twilio.path.contains(companySid));
        QCOMPARE(twilio.form().value(u"From"_s), u"+14155550199"_s);
        QCOMPARE(finishedCall(sid).value(u"company_id"_s).toInteger(), id);
    }

    void companyRouteReportsTheProvidersError()
    {
        const QJsonObject company{
            {u"name"_s, u"Initech"_s},
            {u"twilio"_s,
             QJsonObject{{u"account_sid"_s, QString::fromLatin1(FakeTwilio::AccountSid)},
                         {u"auth_token"_s, QString::fromLatin1(FakeTwilio::AuthToken)},
                         {u"phone_number"_s, QString::fromLatin1(FakeTwilio::FromNumber)}}},
            {u"ultravox"_s, QJsonObject{{u"api_key"_s, u"uvk_wrong_key_0123456789"_s},
                                        {u"api_url"_s, m_ultravox->baseUrl().toString()},
                                        {u"system_prompt"_s, u"Hi."_s}}}};
        const qint64 id =
            m_server->post(u"/api/v1/companies"_s, company).object().value(u"id"_s).toInteger();
        const HttpResult placed =
            m_server->post(u"/api/ultravox-calls/initiate-call"_s, {{u"companyId"_s, id}});
        QCOMPARE(placed.status, 502);
        QVERIFY2(placed.object().value(u"error"_s).toString().contains(u"Ultravox answered 403"_s),
                 placed.body.constData());
        QCOMPARE(m_twilio->requestCount(), 0);
    }

    void detailedHealthProbesBothProviders()
    {
        HttpResult health = m_server->get(u"/api/v1/health/detailed"_s);
        QCOMPARE(health.status, 200);
        QJsonObject checks = health.object().value(u"checks"_s).toObject();
        QCOMPARE(checks.value(u"ultravox_api"_s).toString(), u"ok"_s);
        QCOMPARE(checks.value(u"twilio_api"_s).toString(), u"ok"_s);

        m_twilio->script({ScriptedFailure::Kind::Status, "GET", {}, 401, {}, -1, 1});
        m_ultravox->stop();
        health = m_server->get(u"/api/v1/health/detailed"_s);
        checks = health.object().value(u"checks"_s).toObject();
        QVERIFY2(checks.value(u"ultravox_api"_s)
                     .toString()
                     .startsWith(u"Ultravox could not be reached"_s),
                 health.body.constData());
        QVERIFY2(checks.value(u"twilio_api"_s).toString().startsWith(u"Twilio answered 401"_s),
                 health.body.constData());
        QCOMPARE(health.object().value(u"status"_s).toString(), u"degraded"_s);
    }
};

QTEST_GUILESS_MAIN(TestLiveCalls)
#include "tst_live_calls.moc"
