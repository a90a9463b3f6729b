// SPDX-License-Identifier: GPL-3.0-or-later
// Calls through the REST API against the sandbox providers: every documented outcome, hang-up,
// the call log and its filters, transcripts, events, ongoing_calls in health, the company route,
// and calls that outlive a restart.
#include "SandboxScenarios.h"
#include "TestServer.h"

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
QString errorOf(const HttpResult &result)
{
    return result.object().value(u"error"_s).toString();
}
} // namespace

class TestApiCalls : public QObject
{
    Q_OBJECT

    QString createAgent(TestServer &server, const QString &name = u"Caller"_s)
    {
        const HttpResult created =
            server.post(u"/api/v1/agents"_s,
                        {{u"name"_s, name},
                         {u"prompt"_s, u"Confirm {{order_id}} with {{customer_name}}."_s},
                         {u"template_variables"_s, QJsonObject{{u"order_id"_s, u"none"_s}}}});
        return created.object().value(u"id"_s).toString();
    }

    // Places a call to `number` and answers its sid.
    QString placeCall(TestServer &server, const QString &agent,
                      const QString &number = u"+14155550123"_s)
    {
        return server.post(u"/api/v1/calls/"_s + agent, {{u"phone_number"_s, number}})
            .object()
            .value(u"call_sid"_s)
            .toString();
    }

    bool waitForStatus(TestServer &server, const QString &sid, const QString &status)
    {
        return waitUntil([&] {
            return server.get(u"/api/v1/calls/"_s + sid).object().value(u"status"_s).toString() ==
                   status;
        });
    }

    int ongoingCalls(TestServer &server)
    {
        return server.get(u"/api/v1/health"_s)
            .object()
            .value(u"uptime"_s)
            .toObject()
            .value(u"ongoing_calls"_s)
            .toInt();
    }

    QJsonObject waitForFinalStatus(TestServer &server, const QString &sid)
    {
        QJsonObject call;
        const bool ended = waitUntil([&] {
            call = server.get(u"/api/v1/calls/"_s + sid).object();
            const QString status = call.value(u"status"_s).toString();
            return status != u"initiated"_s && status != u"ringing"_s && status != u"in-progress"_s;
        });
        [&] { QVERIFY2(ended, QJsonDocument(call).toJson().constData()); }();
        return call;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
        m_agent = createAgent(*m_server);
        QVERIFY(!m_agent.isEmpty());
    }
    void cleanup() { m_server.reset(); }

    void aCallRingsConnectsAndCompletesWithATranscript()
    {
        const HttpResult placed =
            m_server->post(u"/api/v1/calls/"_s + m_agent,
                           {{u"phone_number"_s, u"+14155550123"_s},
                            {u"template_context"_s, QJsonObject{{u"customer_name"_s, u"Ada"_s},
                                                                {u"order_id"_s, u"ORD-7"_s}}},
                            {u"agent_id"_s, m_agent}});
        QCOMPARE(placed.status, 201);
        const QJsonObject answer = placed.object();
        const QString sid = answer.value(u"call_sid"_s).toString();
        QVERIFY(sid.startsWith(u"CA"_s));
        QCOMPARE(sid.size(), 34);
        QVERIFY(answer.value(u"join_url"_s).toString().startsWith(u"wss://"_s));
        QCOMPARE(answer.value(u"status"_s).toString(), u"initiated"_s);
        QCOMPARE(answer.value(u"agent_id"_s).toString(), m_agent);
        QCOMPARE(answer.value(u"phone_number"_s).toString(), u"+14155550123"_s);
        QCOMPARE(answer.value(u"sandbox"_s).toBool(), true);

        QStringList seen;
        QVERIFY(waitUntil([&] {
            const QString status =
                m_server->get(u"/api/v1/calls/"_s + sid).object().value(u"status"_s).toString();
            if (seen.isEmpty() || seen.last() != status)
                seen << status;
            return status == u"completed"_s;
        }));
        QVERIFY2(seen.contains(u"in-progress"_s),
                 qPrintable(seen.join(u','))); // watched it connect

        const QJsonObject call = m_server->get(u"/api/v1/calls/"_s + sid).object();
        QVERIFY(call.value(u"duration_seconds"_s).isDouble());
        QVERIFY(!call.value(u"ended_at"_s).toString().isEmpty());
        QVERIFY(!call.value(u"answered_at"_s).toString().isEmpty());
        QCOMPARE(call.value(u"providers"_s)
                     .toObject()
                     .value(u"twilio"_s)
                     .toObject()
                     .value(u"status"_s)
                     .toString(),
                 u"completed"_s);
        QVERIFY(call.value(u"error"_s).isNull());

        QJsonObject transcript;
        QVERIFY(waitUntil([&] {
            transcript = m_server->get(u"/api/v1/calls/"_s + sid + u"/transcript"_s).object();
            return transcript.value(u"complete"_s).toBool();
        }));
        const QJsonArray messages = transcript.value(u"messages"_s).toArray();
        QVERIFY(messages.size() >= 4);
        // The callee speaks first (the default of an agent), then the agent.
        QCOMPARE(messages.at(0).toObject().value(u"role"_s).toString(), u"user"_s);
        QCOMPARE(messages.at(1).toObject().value(u"role"_s).toString(), u"agent"_s);
        QVERIFY(messages.at(1).toObject().value(u"text"_s).toString().contains(
            u"Ada"_s)); // context reached Ultravox

        // Events in order, newest first, with the Twilio SID.
        QStringList types;
        for (const QJsonValue &event :
             m_server->get(u"/api/v1/metrics/events"_s).object().value(u"events"_s).toArray()) {
            if (event.toObject().value(u"call_sid"_s).toString() == sid)
                types.prepend(event.toObject().value(u"type"_s).toString());
        }
        QCOMPARE(types.first(), u"call_initiated"_s);
        QVERIFY(types.contains(u"call_status_changed"_s));
        QCOMPARE(types.last(), u"call_completed"_s);

        const QJsonObject calls =
            m_server->get(u"/api/v1/metrics"_s).object().value(u"calls"_s).toObject();
        QCOMPARE(calls.value(u"total"_s).toInt(), 1);
        QCOMPARE(calls.value(u"successful"_s).toInt(), 1);
        QCOMPARE(calls.value(u"failed"_s).toInt(), 0);
    }

    void sandboxNumbersEndAsDocumented_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("status");
        QTest::newRow("busy") << u"+14155550101"_s << u"busy"_s;
        QTest::newRow("no-answer") << u"+14155550102"_s << u"no-answer"_s;
        QTest::newRow("failed") << u"+14155550103"_s << u"failed"_s;
    }
    void sandboxNumbersEndAsDocumented()
    {
        QFETCH(QString, number);
        QFETCH(QString, status);
        const HttpResult placed =
            m_server->post(u"/api/v1/calls/"_s + m_agent, {{u"phone_number"_s, number}});
        QCOMPARE(placed.status, 201);
        const QJsonObject call =
            waitForFinalStatus(*m_server, placed.object().value(u"call_sid"_s).toString());
        QCOMPARE(call.value(u"status"_s).toString(), status);
        QVERIFY(waitUntil([&] {
            return m_server
                ->get(u"/api/v1/calls/"_s + call.value(u"id"_s).toString() + u"/transcript"_s)
                .object()
                .value(u"complete"_s)
                .toBool();
        }));
        const QJsonObject transcript =
            m_server->get(u"/api/v1/calls/"_s + call.value(u"id"_s).toString() + u"/transcript"_s)
                .object();
        QCOMPARE(transcript.value(u"count"_s).toInt(), 0); // nobody answered
        const QJsonObject metrics =
            m_server->get(u"/api/v1/metrics"_s).object().value(u"calls"_s).toObject();
        QCOMPARE(metrics.value(u"failed"_s).toInt(), 1);
        QCOMPARE(metrics.value(u"by_status"_s).toObject().value(status).toInt(), 1);
    }

    void twilioRefusingAfterUltravoxLeavesAFailedRecord()
    {
        const HttpResult refused =
            m_server->post(u"/api/v1/calls/"_s + m_agent, {{u"phone_number"_s, u"+14155550104"_s}});
        QCOMPARE(refused.status, 502);
        QCOMPARE(errorOf(refused), u"provider_error"_s);
        const QJsonObject details = refused.object().value(u"details"_s).toObject();
        QCOMPARE(details.value(u"provider"_s).toObject().value(u"provider"_s).toString(),
                 u"twilio"_s);
        QCOMPARE(details.value(u"provider"_s).toObject().value(u"code"_s).toString(), u"21217"_s);
        QVERIFY(refused.object().value(u"message"_s).toString().contains(u"Twilio"_s));

        const QString callId = details.value(u"call_id"_s).toString();
        const QJsonObject call = m_server->get(u"/api/v1/calls/"_s + callId).object();
        QCOMPARE(call.value(u"status"_s).toString(), u"failed"_s);
        QVERIFY(call.value(u"call_sid"_s).isNull());
        QVERIFY(!call.value(u"providers"_s)
                     .toObject()
                     .value(u"ultravox"_s)
                     .toObject()
                     .value(u"call_id"_s)
                     .toString()
                     .isEmpty());
        QCOMPARE(call.value(u"error"_s).toObject().value(u"provider"_s).toString(), u"twilio"_s);
        const QJsonArray events =
            m_server->get(u"/api/v1/metrics/events"_s).object().value(u"events"_s).toArray();
        QCOMPARE(events.at(0).toObject().value(u"type"_s).toString(), u"call_failed"_s);
        QCOMPARE(events.at(0).toObject().value(u"call_sid"_s).toString(), callId);
    }

    void callRequestsAreValidated_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("no number") << QJsonObject{} << u"phone_number"_s;
        QTest::newRow("national number")
            << QJsonObject{{u"phone_number"_s, u"4155550123"_s}} << u"phone_number"_s;
        QTest::newRow("too short")
            << QJsonObject{{u"phone_number"_s, u"+123456"_s}} << u"phone_number"_s;
        QTest::newRow("number as int")
            << QJsonObject{{u"phone_number"_s, 14155550123.0}} << u"phone_number"_s;
        QTest::newRow("context not object")
            << QJsonObject{{u"phone_number"_s, u"+14155550123"_s}, {u"template_context"_s, u"x"_s}}
            << u"template_context"_s;
        QTest::newRow("reserved context key")
            << QJsonObject{{u"phone_number"_s, u"+14155550123"_s},
                           {u"template_context"_s, QJsonObject{{u"timestamp"_s, 1}}}}
            << u"template_context.timestamp"_s;
        QTest::newRow("other agent in body") << QJsonObject{{u"phone_number"_s, u"+14155550123"_s},
                                                            {u"agent_id"_s, u"agent_other"_s}}
                                             << u"agent_id"_s;
    }
    void callRequestsAreValidated()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        const HttpResult result = m_server->post(u"/api/v1/calls/"_s + m_agent, body);
        QCOMPARE(result.status, 400);
        QVERIFY2(result.object().value(u"details"_s).toObject().contains(field),
                 result.body.constData());
        QCOMPARE(m_server->get(u"/api/v1/calls"_s).object().value(u"total"_s).toInt(), 0);
    }

    void callingAnUnknownAgentIs404()
    {
        const HttpResult result =
            m_server->post(u"/api/v1/calls/agent_nope"_s, {{u"phone_number"_s, u"+14155550123"_s}});
        QCOMPARE(result.status, 404);
        QCOMPARE(errorOf(result), u"not_found"_s);
    }

    void hangingUpARingingCallCancelsIt()
    {
        TestServerOptions slow;
        slow.sandboxTimeScale = 1.0; // real sandbox pace: rings for seconds
        TestServer server(slow);
        QVERIFY(server.start());
        const QString agent = createAgent(server);
        const QString sid = placeCall(server, agent);
        QVERIFY(waitForStatus(server, sid, u"ringing"_s));
        QCOMPARE(ongoingCalls(server), 1);
        const HttpResult hungUp = server.request("POST", u"/api/v1/calls/"_s + sid + u"/hangup"_s);
        QCOMPARE(hungUp.status, 200);
        QCOMPARE(hungUp.object().value(u"status"_s).toString(), u"canceled"_s);
        QCOMPARE(ongoingCalls(server), 0);

        const HttpResult again = server.request("POST", u"/api/v1/calls/"_s + sid + u"/hangup"_s);
        QCOMPARE(again.status, 409);
        QCOMPARE(errorOf(again), u"conflict"_s);
        QCOMPARE(server.request("POST", u"/api/v1/calls/CA0000/hangup"_s).status, 404);
    }

    void hangingUpAnAnsweredCallCompletesIt()
    {
        TestServerOptions slow;
        slow.sandboxTimeScale = 1.0;
        TestServer server(slow);
        QVERIFY(server.start());
        const QString agent = createAgent(server);
        const QString sid = placeCall(server, agent);
        QVERIFY(waitForStatus(server, sid, u"in-progress"_s));
        // An agent with a call in progress cannot be deleted.
        QCOMPARE(server.del(u"/api/v1/agents/"_s + agent).status, 409);
        const HttpResult hungUp = server.request("POST", u"/api/v1/calls/"_s + sid + u"/hangup"_s);
        QCOMPARE(hungUp.status, 200);
        QCOMPARE(hungUp.object().value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(server.del(u"/api/v1/agents/"_s + agent).status, 204);
        // The log keeps the call and the agent's name after the agent is gone.
        QCOMPARE(server.get(u"/api/v1/calls/"_s + sid).object().value(u"agent_name"_s).toString(),
                 u"Caller"_s);
    }

    void theCallLogFilters()
    {
        const QString other = createAgent(*m_server, u"Other"_s);
        QStringList sids;
        for (const QString &number : {u"+14155550123"_s, u"+14155550101"_s, u"+447700900123"_s})
            sids << placeCall(*m_server, m_agent, number);
        sids << m_server
                    ->post(u"/api/v1/calls/"_s + other, {{u"phone_number"_s, u"+14155550123"_s}})
                    .object()
                    .value(u"call_sid"_s)
                    .toString();
        for (const QString &sid : std::as_const(sids))
            waitForFinalStatus(*m_server, sid);

        const auto total = [&](const QString &query) {
            return m_server->get(u"/api/v1/calls?"_s + query).object().value(u"total"_s).toInt();
        };
        QCOMPARE(total({}), 4);
        QCOMPARE(total(u"agent_id="_s + m_agent), 3);
        QCOMPARE(total(u"agent_id="_s + other), 1);
        QCOMPARE(total(u"status=busy"_s), 1);
        QCOMPARE(total(u"status=completed"_s), 3);
        QCOMPARE(total(u"phone_number=%2B14155550123"_s), 2);
        QCOMPARE(total(u"phone_number=%2B44*"_s), 1);
        QCOMPARE(total(u"q=Other"_s), 1);
        QCOMPARE(total(u"q=100%25"_s), 0); // % is a character, not a wildcard
        QCOMPARE(total(u"from=2000-01-01&to=2999-01-01"_s), 4);
        QCOMPARE(total(u"to=2000-01-01"_s), 0);

        const QJsonObject page = m_server->get(u"/api/v1/calls?limit=2&offset=1"_s).object();
        QCOMPARE(page.value(u"count"_s).toInt(), 2);
        QCOMPARE(page.value(u"calls"_s).toArray().at(0).toObject().value(u"call_sid"_s).toString(),
                 sids.at(2));
        QCOMPARE(m_server->get(u"/api/v1/calls?status=ringing-ish"_s).status, 400);
        QCOMPARE(m_server->get(u"/api/v1/calls?limit=1001"_s).status, 400);
        QCOMPARE(m_server->get(u"/api/v1/calls?from=yesterday"_s).status, 400);
    }

    void callsOutliveARestart()
    {
        TestServerOptions slow;
        slow.sandboxTimeScale = 0.3; // about three seconds per call
        TestServer server(slow);
        QVERIFY(server.start());
        const QString agent = createAgent(server);
        const QString sid = placeCall(server, agent);
        QVERIFY(server.restart()); // stopped while the call rings
        const QJsonObject resumed = waitForFinalStatus(server, sid);
        QCOMPARE(resumed.value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(server.get(u"/api/v1/metrics/events"_s)
                     .object()
                     .value(u"events"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"type"_s)
                     .toString(),
                 u"call_completed"_s);
    }

    void companyRouteUsesTheCompanysNumber()
    {
        const QJsonObject company{
            {u"name"_s, u"Acme Sales"_s},
            {u"twilio"_s, QJsonObject{{u"account_sid"_s, QString(u"AC"_s + QString(32, u'1'))},
                                      {u"auth_token"_s, u"token-0123456789abcdef"_s},
                                      {u"phone_number"_s, u"+14155550199"_s}}},
            {u"ultravox"_s, QJsonObject{{u"api_key"_s, u"uv-key-0123456789"_s},
                                        {u"system_prompt"_s, u"You sell anvils."_s}}}};
        const HttpResult created = m_server->post(u"/api/v1/companies"_s, company);
        QCOMPARE(created.status, 201);
        const qint64 id = created.object().value(u"id"_s).toInteger();

        const HttpResult placed =
            m_server->post(u"/api/ultravox-calls/initiate-call"_s,
                           {{u"companyId"_s, id}, {u"destinationNumber"_s, u"+919398178764"_s}});
        QCOMPARE(placed.status, 200);
        QCOMPARE(placed.object().value(u"message"_s).toString(), u"Call initiated successfully"_s);
        const QString sid = placed.object().value(u"callSid"_s).toString();
        QVERIFY(sid.startsWith(u"CA"_s));
        QVERIFY(placed.object().value(u"joinUrl"_s).toString().startsWith(u"wss://"_s));
        const QJsonObject call = m_server->get(u"/api/v1/calls/"_s + sid).object();
        QCOMPARE(call.value(u"company_id"_s).toInteger(), id);
        QCOMPARE(call.value(u"phone_number"_s).toString(), u"+919398178764"_s);
        QCOMPARE(call.value(u"from_number"_s).toString(), u"+14155550199"_s);

        // Without a destination, the company's own number, as the route's spec says.
        const HttpResult toDefault =
            m_server->post(u"/api/ultravox-calls/initiate-call"_s, {{u"companyId"_s, id}});
        QCOMPARE(toDefault.status, 200);
        QCOMPARE(
            m_server->get(u"/api/v1/calls/"_s + toDefault.object().value(u"callSid"_s).toString())
                .object()
                .value(u"phone_number"_s)
                .toString(),
            u"+14155550199"_s);
    }

    void companyRouteErrorsUseItsOwnWords()
    {
        HttpResult missing = m_server->post(u"/api/ultravox-calls/initiate-call"_s,
                                            {{u"destinationNumber"_s, u"+14155550123"_s}});
        QCOMPARE(missing.status, 400);
        QCOMPARE(errorOf(missing), u"Company ID is required"_s);
        QVERIFY(!missing.object().value(u"request_id"_s).toString().isEmpty());

        HttpResult unknown =
            m_server->post(u"/api/ultravox-calls/initiate-call"_s, {{u"companyId"_s, 999}});
        QCOMPARE(unknown.status, 404);
        QCOMPARE(errorOf(unknown), u"Twilio configuration not found"_s);

        const HttpResult noTwilio =
            m_server->post(u"/api/v1/companies"_s,
                           {{u"name"_s, u"Voice only"_s},
                            {u"ultravox"_s, QJsonObject{{u"api_key"_s, u"uv-key-0123456789"_s},
                                                        {u"system_prompt"_s, u"Hi."_s}}}});
        QCOMPARE(noTwilio.status, 201);
        HttpResult noConfig =
            m_server->post(u"/api/ultravox-calls/initiate-call"_s,
                           {{u"companyId"_s, noTwilio.object().value(u"id"_s).toInteger()}});
        QCOMPARE(noConfig.status, 404);
        QCOMPARE(errorOf(noConfig), u"Twilio configuration not found"_s);

        HttpResult badType =
            m_server->post(u"/api/ultravox-calls/initiate-call"_s, {{u"companyId"_s, u"abc"_s}});
        QCOMPARE(badType.status, 400);
        // Far beyond any integer: refused as such, not cast (which is undefined behaviour).
        for (const double huge : {1e300, -1e300, 1.5}) {
            const HttpResult notAnId =
                m_server->post(u"/api/ultravox-calls/initiate-call"_s, {{u"companyId"_s, huge}});
            QCOMPARE(notAnId.status, 400);
            QCOMPARE(errorOf(notAnId), u"Company ID must be a positive integer"_s);
        }
        HttpResult badNumber =
            m_server->post(u"/api/ultravox-calls/initiate-call"_s,
                           {{u"companyId"_s, 1}, {u"destinationNumber"_s, u"555-0123"_s}});
        QCOMPARE(badNumber.status, 400);
        QVERIFY(errorOf(badNumber).contains(u"destinationNumber"_s));
    }

private:
    std::unique_ptr<TestServer> m_server;
    QString m_agent;
};

QTEST_GUILESS_MAIN(TestApiCalls)
#include "tst_api_calls.moc"
