// SPDX-License-Identifier: GPL-3.0-or-later
// An agent's whole call template over real HTTP, with the real Ultravox client talking to the fake
// Ultravox (which checks every body against Ultravox's schema): each field round-trips, each bad
// value is a 400 naming the field, every combination of tools and settings reaches Ultravox in
// its schema's shape, revisions restore exactly, and imports skip what they report as skipped.
#include "LiveStack.h"
#include "UltravoxCallTemplate.h"
#include "Validation.h"

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
// Every new field set away from its default.
QJsonObject fullAgent(const QString &name = u"Full Template"_s)
{
    QJsonObject body{{u"name"_s, name},
                     {u"prompt"_s, u"You help {{customer_name}} for {{company_name}}."_s},
                     {u"voice"_s, u"default"_s},
                     {u"language"_s, u"en-US"_s},
                     {u"template_variables"_s, QJsonObject{{u"company_name"_s, u"Acme"_s}}}};
    body.insert(u"first_speaker"_s, u"agent"_s);
    body.insert(u"greeting_text"_s, u"Hi, this is Anna from Acme."_s);
    body.insert(u"greeting_delay_ms"_s, 1500);
    body.insert(u"greeting_interruptible"_s, false);
    body.insert(u"model"_s, u"ultravox-v0.7"_s);
    body.insert(u"temperature"_s, 0.35);
    body.insert(u"max_duration_seconds"_s, 900);
    body.insert(u"join_timeout_seconds"_s, 45);
    body.insert(u"time_exceeded_message"_s, u"We are out of time, goodbye."_s);
    body.insert(u"inactivity_messages"_s,
                QJsonArray{QJsonObject{{u"duration_seconds"_s, 8},
                                       {u"message"_s, u"Are you still there?"_s},
                                       {u"end_behavior"_s, u"continue"_s}},
                           QJsonObject{{u"duration_seconds"_s, 12},
                                       {u"message"_s, u"I will hang up now."_s},
                                       {u"end_behavior"_s, u"hang_up_soft"_s}}});
    body.insert(u"recording_enabled"_s, true);
    body.insert(u"machine_detection"_s, true);
    body.insert(u"on_machine"_s, u"leave_voicemail"_s);
    body.insert(u"vad_turn_end_delay_ms"_s, 640);
    body.insert(u"vad_minimum_turn_duration_ms"_s, 100);
    body.insert(u"vad_minimum_interruption_duration_ms"_s, 200);
    body.insert(u"tools"_s,
                QJsonObject{{u"hang_up"_s, QJsonObject{{u"strict"_s, false}}},
                            {u"leave_voicemail"_s, QJsonObject{{u"message"_s, u"Call us back."_s}}},
                            {u"cold_transfer"_s, QJsonObject{{u"target"_s, u"+14155550123"_s}}},
                            {u"play_dtmf_sounds"_s, QJsonObject()}});
    return body;
}

QJsonObject configOf(const HttpResult &result)
{
    return result.object().value(u"config"_s).toObject();
}
} // namespace

class TestAgentTemplate : public QObject, public LiveStack
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startStack(); }
    void cleanup() { stopStack(); }

    void durationsAreUltravoxStrings_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << u"0s"_s;
        QTest::newRow("whole seconds") << qint64(30000) << u"30s"_s;
        QTest::newRow("vad default") << qint64(384) << u"0.384s"_s;
        QTest::newRow("trailing zeros") << qint64(90) << u"0.09s"_s;
        QTest::newRow("mixed") << qint64(1500) << u"1.5s"_s;
        QTest::newRow("hour") << qint64(3600000) << u"3600s"_s;
    }
    void durationsAreUltravoxStrings()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(UltravoxCallTemplate::duration(ms), text);
        static const QRegularExpression schema(u"^-?(?:0|[1-9][0-9]{0,11})(?:\\.[0-9]{1,9})?s$"_s);
        QVERIFY(schema.match(text).hasMatch());
    }

    void seedFieldsAloneBehaveAsBeforeWithTheCalleeFirst()
    {
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, agentBody());
        QCOMPARE(created.status, 201);
        const QJsonObject config = configOf(created);
        QCOMPARE(config.value(u"first_speaker"_s).toString(), u"callee"_s);
        QCOMPARE(config.value(u"temperature"_s).toDouble(), 0.0);
        QCOMPARE(config.value(u"max_duration_seconds"_s).toInt(), 3600);
        QCOMPARE(config.value(u"join_timeout_seconds"_s).toInt(), 30);
        QCOMPARE(config.value(u"recording_enabled"_s).toBool(), false);
        QCOMPARE(config.value(u"machine_detection"_s).toBool(), false);
        QCOMPARE(config.value(u"on_machine"_s).toString(), u"hang_up"_s);
        QCOMPARE(config.value(u"vad_turn_end_delay_ms"_s).toInt(), 384);
        QCOMPARE(config.value(u"vad_minimum_interruption_duration_ms"_s).toInt(), 90);
        QCOMPARE(config.value(u"tools"_s).toObject(), QJsonObject());
        QCOMPARE(config.value(u"inactivity_messages"_s).toArray(), QJsonArray());
        QCOMPARE(config.value(u"model"_s).toString(), QString());
        QCOMPARE(created.object().value(u"revision"_s).toInt(), 1);

        const QJsonObject sent = m_ultravox->requests("POST", u"^/api/agents$"_s).last().json();
        const QJsonObject callTemplate = sent.value(u"callTemplate"_s).toObject();
        QCOMPARE(callTemplate.value(u"systemPrompt"_s).toString(),
                 agentBody().value(u"prompt"_s).toString());
        QCOMPARE(callTemplate.value(u"firstSpeakerSettings"_s).toObject(),
                 (QJsonObject{{u"user"_s, QJsonObject()}}));
        QCOMPARE(callTemplate.value(u"selectedTools"_s).toArray(), QJsonArray());
        QCOMPARE(callTemplate.value(u"maxDuration"_s).toString(), u"3600s"_s);
        QVERIFY(!callTemplate.contains(u"voice"_s));
        QVERIFY(!callTemplate.contains(u"model"_s));

        // The call it places starts with the callee speaking.
        const QString id = created.object().value(u"id"_s).toString();
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + id, callBody());
        QCOMPARE(placed.status, 201);
        QCOMPARE(placed.object().value(u"agent_revision"_s).toInt(), 1);
    }

    void everyFieldRoundTripsThroughTheApiAndARestart()
    {
        const QJsonObject body = fullAgent();
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, body);
        QCOMPARE(created.status, 201);
        const QString id = created.object().value(u"id"_s).toString();
        QJsonObject config = configOf(created);
        for (auto it = body.constBegin(); it != body.constEnd(); ++it)
            QVERIFY2(config.value(it.key()) == it.value(), qPrintable(it.key()));

        // What Ultravox got, in its own words.
        const QJsonObject callTemplate =
            m_ultravox->agent(created.object().value(u"ultravox_agent_id"_s).toString())
                .value(u"callTemplate"_s)
                .toObject();
        QCOMPARE(
            callTemplate.value(u"firstSpeakerSettings"_s).toObject(),
            (QJsonObject{{u"agent"_s, QJsonObject{{u"text"_s, u"Hi, this is Anna from Acme."_s},
                                                  {u"delay"_s, u"1.5s"_s},
                                                  {u"uninterruptible"_s, true}}}}));
        QCOMPARE(callTemplate.value(u"model"_s).toString(), u"ultravox-v0.7"_s);
        QCOMPARE(callTemplate.value(u"temperature"_s).toDouble(), 0.35);
        QCOMPARE(callTemplate.value(u"maxDuration"_s).toString(), u"900s"_s);
        QCOMPARE(callTemplate.value(u"joinTimeout"_s).toString(), u"45s"_s);
        QCOMPARE(callTemplate.value(u"timeExceededMessage"_s).toString(),
                 u"We are out of time, goodbye."_s);
        QCOMPARE(callTemplate.value(u"recordingEnabled"_s).toBool(), true);
        QCOMPARE(callTemplate.value(u"vadSettings"_s).toObject(),
                 (QJsonObject{{u"turnEndpointDelay"_s, u"0.64s"_s},
                              {u"minimumTurnDuration"_s, u"0.1s"_s},
                              {u"minimumInterruptionDuration"_s, u"0.2s"_s}}));
        QCOMPARE(callTemplate.value(u"inactivityMessages"_s).toArray(),
                 (QJsonArray{QJsonObject{{u"duration"_s, u"8s"_s},
                                         {u"message"_s, u"Are you still there?"_s},
                                         {u"endBehavior"_s, u"END_BEHAVIOR_UNSPECIFIED"_s}},
                             QJsonObject{{u"duration"_s, u"12s"_s},
                                         {u"message"_s, u"I will hang up now."_s},
                                         {u"endBehavior"_s, u"END_BEHAVIOR_HANG_UP_SOFT"_s}}}));
        QCOMPARE(
            callTemplate.value(u"selectedTools"_s).toArray(),
            (QJsonArray{QJsonObject{{u"toolName"_s, u"hangUp"_s},
                                    {u"parameterOverrides"_s, QJsonObject{{u"strict"_s, false}}}},
                        QJsonObject{{u"toolName"_s, u"leaveVoicemail"_s},
                                    {u"parameterOverrides"_s,
                                     QJsonObject{{u"message"_s, u"Call us back."_s}}}},
                        QJsonObject{{u"toolName"_s, u"coldTransfer"_s},
                                    {u"parameterOverrides"_s,
                                     QJsonObject{{u"target"_s, u"+14155550123"_s}}}},
                        QJsonObject{{u"toolName"_s, u"playDtmfSounds"_s}}}));

        // Back to the defaults by PUT with the seed's fields: Ultravox gets every default again
        // (a PATCH that left them out would keep the old values there).
        const HttpResult reset = m_server->put(u"/api/v1/agents/"_s + id, agentBody(u"Reset"_s));
        QCOMPARE(reset.status, 200);
        const QJsonObject patched = m_ultravox->requests("PATCH", u"^/api/agents/"_s).last().json();
        const QJsonObject patchedTemplate = patched.value(u"callTemplate"_s).toObject();
        QCOMPARE(patchedTemplate.value(u"selectedTools"_s).toArray(), QJsonArray());
        QCOMPARE(patchedTemplate.value(u"recordingEnabled"_s).toBool(true), false);
        QCOMPARE(patchedTemplate.value(u"firstSpeakerSettings"_s).toObject(),
                 (QJsonObject{{u"user"_s, QJsonObject()}}));

        QCOMPARE(m_server->put(u"/api/v1/agents/"_s + id, body).status, 200);
        QVERIFY(m_server->restart());
        config = configOf(m_server->get(u"/api/v1/agents/"_s + id));
        for (auto it = body.constBegin(); it != body.constEnd(); ++it)
            QVERIFY2(config.value(it.key()) == it.value(), qPrintable(it.key()));
    }

    void invalidValuesAreRefusedNamingTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("named");
        QTest::addColumn<QString>("says");
        const auto row = [](const char *name, const QString &field, const QJsonValue &value,
                            const QString &named, const QString &says) {
            QTest::newRow(name) << field << value << named << says;
        };
        row("first speaker unknown", u"first_speaker"_s, u"user"_s, u"first_speaker"_s,
            u"'callee' or 'agent'"_s);
        row("first speaker number", u"first_speaker"_s, 1, u"first_speaker"_s, u"string"_s);
        row("greeting without agent first", u"greeting_text"_s, u"Hello"_s, u"greeting_text"_s,
            u"first_speaker is 'agent'"_s);
        row("greeting too long", u"greeting_prompt"_s, QString(1001, u'x'), u"greeting_prompt"_s,
            u"at most 1000"_s);
        row("delay negative", u"greeting_delay_ms"_s, -1, u"greeting_delay_ms"_s, u"0-10000"_s);
        row("delay fraction", u"greeting_delay_ms"_s, 1.5, u"greeting_delay_ms"_s,
            u"whole number"_s);
        row("interruptible string", u"greeting_interruptible"_s, u"yes"_s,
            u"greeting_interruptible"_s, u"true or false"_s);
        row("model with spaces", u"model"_s, u"my model"_s, u"model"_s, u"model name"_s);
        row("model too long", u"model"_s, QString(101, u'm'), u"model"_s, u"at most 100"_s);
        row("temperature above one", u"temperature"_s, 1.5, u"temperature"_s, u"between 0 and 1"_s);
        row("temperature below zero", u"temperature"_s, -0.1, u"temperature"_s,
            u"between 0 and 1"_s);
        row("temperature string", u"temperature"_s, u"hot"_s, u"temperature"_s, u"number"_s);
        row("max duration too short", u"max_duration_seconds"_s, 5, u"max_duration_seconds"_s,
            u"10-7200 seconds"_s);
        row("max duration too long", u"max_duration_seconds"_s, 7201, u"max_duration_seconds"_s,
            u"10-7200 seconds"_s);
        row("max duration huge", u"max_duration_seconds"_s, 1e15, u"max_duration_seconds"_s,
            u"10-7200 seconds"_s);
        row("join timeout zero", u"join_timeout_seconds"_s, 0, u"join_timeout_seconds"_s,
            u"1-300 seconds"_s);
        row("time exceeded too long", u"time_exceeded_message"_s, QString(1001, u'x'),
            u"time_exceeded_message"_s, u"at most 1000"_s);
        row("inactivity not a list", u"inactivity_messages"_s, u"later"_s, u"inactivity_messages"_s,
            u"array"_s);
        row("inactivity entry not an object", u"inactivity_messages"_s, QJsonArray{1},
            u"inactivity_messages[0]"_s, u"object"_s);
        row("inactivity message empty", u"inactivity_messages"_s,
            QJsonArray{QJsonObject{{u"duration_seconds"_s, 5}, {u"message"_s, u" "_s}}},
            u"inactivity_messages[0].message"_s, u"empty"_s);
        row("inactivity duration missing", u"inactivity_messages"_s,
            QJsonArray{QJsonObject{{u"message"_s, u"Hello?"_s}}},
            u"inactivity_messages[0].duration_seconds"_s, u"required"_s);
        row("inactivity duration zero", u"inactivity_messages"_s,
            QJsonArray{QJsonObject{{u"duration_seconds"_s, 0}, {u"message"_s, u"Hello?"_s}}},
            u"inactivity_messages[0].duration_seconds"_s, u"1-3600 seconds"_s);
        row("inactivity end unknown", u"inactivity_messages"_s,
            QJsonArray{QJsonObject{{u"duration_seconds"_s, 5},
                                   {u"message"_s, u"Hello?"_s},
                                   {u"end_behavior"_s, u"explode"_s}}},
            u"inactivity_messages[0].end_behavior"_s, u"hang_up_soft"_s);
        row("inactivity unknown field", u"inactivity_messages"_s,
            QJsonArray{QJsonObject{
                {u"duration_seconds"_s, 5}, {u"message"_s, u"Hello?"_s}, {u"loud"_s, true}}},
            u"inactivity_messages[0].loud"_s, u"not a known field"_s);
        QJsonArray eleven;
        for (int i = 0; i < 11; ++i)
            eleven.append(QJsonObject{{u"duration_seconds"_s, 5}, {u"message"_s, u"Hello?"_s}});
        row("inactivity too many", u"inactivity_messages"_s, eleven, u"inactivity_messages"_s,
            u"at most 10"_s);
        row("recording string", u"recording_enabled"_s, u"on"_s, u"recording_enabled"_s,
            u"true or false"_s);
        row("on_machine unknown", u"on_machine"_s, u"sing"_s, u"on_machine"_s,
            u"'hang_up' or 'leave_voicemail'"_s);
        row("voicemail without its tool", u"on_machine"_s, u"leave_voicemail"_s, u"on_machine"_s,
            u"tools.leave_voicemail"_s);
        row("vad delay too long", u"vad_turn_end_delay_ms"_s, 5001, u"vad_turn_end_delay_ms"_s,
            u"0-5000 milliseconds"_s);
        row("vad minimum negative", u"vad_minimum_turn_duration_ms"_s, -5,
            u"vad_minimum_turn_duration_ms"_s, u"0-5000"_s);
        row("vad interruption string", u"vad_minimum_interruption_duration_ms"_s, u"90"_s,
            u"vad_minimum_interruption_duration_ms"_s, u"whole number"_s);
        row("tools not an object", u"tools"_s, QJsonArray{u"hang_up"_s}, u"tools"_s, u"object"_s);
        row("tool unknown", u"tools"_s, QJsonObject{{u"warm_transfer"_s, QJsonObject()}},
            u"tools.warm_transfer"_s, u"not a known field"_s);
        row("transfer without target", u"tools"_s, QJsonObject{{u"cold_transfer"_s, QJsonObject()}},
            u"tools.cold_transfer.target"_s, u"required"_s);
        row("transfer to a local number", u"tools"_s,
            QJsonObject{{u"cold_transfer"_s, QJsonObject{{u"target"_s, u"4155550123"_s}}}},
            u"tools.cold_transfer.target"_s, u"international format"_s);
        row("transfer to letters", u"tools"_s,
            QJsonObject{{u"cold_transfer"_s, QJsonObject{{u"target"_s, u"+1415CALLME"_s}}}},
            u"tools.cold_transfer.target"_s, u"digits only"_s);
        row("hang up strict string", u"tools"_s,
            QJsonObject{{u"hang_up"_s, QJsonObject{{u"strict"_s, u"yes"_s}}}},
            u"tools.hang_up.strict"_s, u"true or false"_s);
        row("voicemail too long", u"tools"_s,
            QJsonObject{{u"leave_voicemail"_s, QJsonObject{{u"message"_s, QString(1001, u'v')}}}},
            u"tools.leave_voicemail.message"_s, u"at most 1000"_s);
        row("dtmf with settings", u"tools"_s,
            QJsonObject{{u"play_dtmf_sounds"_s, QJsonObject{{u"digits"_s, u"1"_s}}}},
            u"tools.play_dtmf_sounds.digits"_s, u"not a known field"_s);
        row("tool setting not an object", u"tools"_s, QJsonObject{{u"hang_up"_s, true}},
            u"tools.hang_up"_s, u"object"_s);
    }
    void invalidValuesAreRefusedNamingTheField()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, named);
        QFETCH(QString, says);
        QJsonObject body = agentBody();
        body.insert(field, value);
        const HttpResult refused = m_server->post(u"/api/v1/agents"_s, body);
        QCOMPARE(refused.status, 400);
        const QJsonObject details = refused.object().value(u"details"_s).toObject();
        QVERIFY2(details.contains(named), refused.body.constData());
        QVERIFY2(details.value(named).toString().contains(says), refused.body.constData());
        QCOMPARE(m_server->get(u"/api/v1/agents"_s).array().size(), 0);
        QCOMPARE(m_ultravox->requests("POST", u"^/api/agents$"_s).size(), 0);

        // The same on an update, which leaves the agent as it was.
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, agentBody());
        const QString id = created.object().value(u"id"_s).toString();
        QCOMPARE(m_server->put(u"/api/v1/agents/"_s + id, body).status, 400);
        QCOMPARE(configOf(m_server->get(u"/api/v1/agents/"_s + id)), configOf(created));
    }

    void everyCombinationReachesUltravoxInItsSchema_data()
    {
        QTest::addColumn<QJsonObject>("extra");
        const QStringList tools{u"hang_up"_s, u"leave_voicemail"_s, u"cold_transfer"_s,
                                u"play_dtmf_sounds"_s};
        const QList<QPair<const char *, QJsonObject>> settings{
            {"callee first", {}},
            {"agent first, generated", {{u"first_speaker"_s, u"agent"_s}}},
            {"agent first, text, delayed",
             {{u"first_speaker"_s, u"agent"_s},
              {u"greeting_text"_s, u"Hello!"_s},
              {u"greeting_delay_ms"_s, 250},
              {u"greeting_interruptible"_s, false}}},
            {"agent first, prompt",
             {{u"first_speaker"_s, u"agent"_s}, {u"greeting_prompt"_s, u"Greet warmly"_s}}},
            {"limits and inactivity",
             {{u"max_duration_seconds"_s, 10},
              {u"join_timeout_seconds"_s, 300},
              {u"temperature"_s, 1},
              {u"model"_s, u"fixie-ai/ultravox"_s},
              {u"inactivity_messages"_s,
               QJsonArray{QJsonObject{{u"duration_seconds"_s, 3600},
                                      {u"message"_s, u"Bye"_s},
                                      {u"end_behavior"_s, u"hang_up_strict"_s}}}},
              {u"vad_turn_end_delay_ms"_s, 0},
              {u"vad_minimum_turn_duration_ms"_s, 5000},
              {u"vad_minimum_interruption_duration_ms"_s, 1}}},
        };
        for (int mask = 0; mask < 16; ++mask) {
            QJsonObject chosen;
            QStringList names;
            for (int bit = 0; bit < 4; ++bit) {
                if (!(mask & (1 << bit)))
                    continue;
                const QString tool = tools.at(bit);
                names << tool;
                QJsonObject own;
                if (tool == u"cold_transfer"_s)
                    own.insert(u"target"_s, u"+442071838750"_s);
                if (tool == u"leave_voicemail"_s && mask % 2)
                    own.insert(u"message"_s, u"Please call back."_s);
                if (tool == u"hang_up"_s && mask > 7)
                    own.insert(u"strict"_s, false);
                chosen.insert(tool, own);
            }
            for (const auto &[label, extra] : settings) {
                QJsonObject body = extra;
                body.insert(u"tools"_s, chosen);
                const QByteArray name =
                    QByteArray(label) + " / " +
                    (names.isEmpty() ? QByteArray("no tools") : names.join(u'+').toLatin1());
                QTest::newRow(name.constData()) << body;
            }
        }
    }
    void everyCombinationReachesUltravoxInItsSchema()
    {
        QFETCH(QJsonObject, extra);
        QJsonObject body = agentBody();
        for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
            body.insert(it.key(), it.value());
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, body);
        // The fake answers 400 to anything off its schema; the agent would be in error.
        QVERIFY2(created.status == 201, created.body.constData());
        QCOMPARE(created.object().value(u"status"_s).toString(), u"active"_s);
        const QJsonObject callTemplate = m_ultravox->requests("POST", u"^/api/agents$"_s)
                                             .last()
                                             .json()
                                             .value(u"callTemplate"_s)
                                             .toObject();
        QCOMPARE(callTemplate.value(u"selectedTools"_s).toArray().size(),
                 extra.value(u"tools"_s).toObject().size());
        QCOMPARE(callTemplate.value(u"firstSpeakerSettings"_s).toObject().size(), 1);
        // And an update sends the same shape with PATCH.
        const QString id = created.object().value(u"id"_s).toString();
        QCOMPARE(m_server->put(u"/api/v1/agents/"_s + id, body).status, 200);
        QCOMPARE(m_ultravox->requests("PATCH", u"^/api/agents/"_s)
                     .last()
                     .json()
                     .value(u"callTemplate"_s)
                     .toObject(),
                 callTemplate);
    }

    void revisionsKeepEverySaveAndRestoreExactly()
    {
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, agentBody(u"History"_s));
        const QString id = created.object().value(u"id"_s).toString();
        const QJsonObject first = configOf(created);
        const HttpResult secondSave =
            m_server->put(u"/api/v1/agents/"_s + id, fullAgent(u"History"_s));
        QCOMPARE(secondSave.status, 200);
        // A save that changes nothing adds no revision.
        QCOMPARE(m_server->put(u"/api/v1/agents/"_s + id, fullAgent(u"History"_s)).status, 200);
        QJsonObject third = agentBody(u"History"_s);
        third.insert(u"temperature"_s, 0.8);
        const HttpResult saved = m_server->put(u"/api/v1/agents/"_s + id, third);
        QCOMPARE(saved.object().value(u"revision"_s).toInt(), 3);

        const QJsonArray list = m_server->get(u"/api/v1/agents/%1/revisions"_s.arg(id)).array();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0)[u"revision"_s].toInt(), 3);
        QCOMPARE(list.at(2)[u"revision"_s].toInt(), 1);
        QCOMPARE(list.at(2)[u"source"_s].toString(), u"api"_s);
        QVERIFY(!list.at(0).toObject().contains(u"config"_s));

        const HttpResult one = m_server->get(u"/api/v1/agents/%1/revisions/1"_s.arg(id));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.object().value(u"config"_s).toObject(), first);
        const QJsonObject second = m_server->get(u"/api/v1/agents/%1/revisions/2"_s.arg(id))
                                       .object()
                                       .value(u"config"_s)
                                       .toObject();
        QCOMPARE(second, configOf(secondSave));

        // Restore 2: a new revision 4 with exactly revision 2's config, and Ultravox told.
        const int patches = int(m_ultravox->requests("PATCH", u"^/api/agents/"_s).size());
        const HttpResult restored =
            m_server->request("POST", u"/api/v1/agents/%1/revisions/2/restore"_s.arg(id));
        QCOMPARE(restored.status, 200);
        QCOMPARE(restored.object().value(u"revision"_s).toInt(), 4);
        QCOMPARE(configOf(restored), second);
        QCOMPARE(m_server->get(u"/api/v1/agents/%1/revisions/4"_s.arg(id))
                     .object()
                     .value(u"config"_s)
                     .toObject(),
                 second);
        const QJsonObject four = m_server->get(u"/api/v1/agents/%1/revisions/4"_s.arg(id)).object();
        QCOMPARE(four.value(u"source"_s).toString(), u"restore"_s);
        QCOMPARE(four.value(u"restored_from"_s).toInt(), 2);
        QCOMPARE(m_ultravox->requests("PATCH", u"^/api/agents/"_s).size(), patches + 1);
        QCOMPARE(m_ultravox->requests("PATCH", u"^/api/agents/"_s)
                     .last()
                     .json()
                     .value(u"callTemplate"_s)
                     .toObject(),
                 UltravoxCallTemplate::fromAgentConfig([&] {
                     FieldErrors ignored;
                     return AgentConfig::fromJson(second, ignored);
                 }()));

        // A call placed now records revision 4.
        const HttpResult placed = m_server->post(u"/api/v1/calls/"_s + id, callBody());
        QCOMPARE(placed.status, 201);
        QCOMPARE(placed.object().value(u"agent_revision"_s).toInt(), 4);

        QCOMPARE(m_server->get(u"/api/v1/agents/%1/revisions/9"_s.arg(id)).status, 404);
        QCOMPARE(m_server->get(u"/api/v1/agents/%1/revisions/zero"_s.arg(id)).status, 400);
        QCOMPARE(
            m_server->request("POST", u"/api/v1/agents/%1/revisions/9/restore"_s.arg(id)).status,
            404);
        QCOMPARE(m_server->get(u"/api/v1/agents/agent_nope/revisions"_s).status, 404);
    }

    void duplicateCopiesEverythingButTheName()
    {
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, fullAgent(u"Original"_s));
        const QString id = created.object().value(u"id"_s).toString();
        const HttpResult copy =
            m_server->post(u"/api/v1/agents/%1/duplicate"_s.arg(id), {{u"name"_s, u"Copy"_s}});
        QCOMPARE(copy.status, 201);
        QJsonObject expected = configOf(created);
        expected.insert(u"name"_s, u"Copy"_s);
        QCOMPARE(configOf(copy), expected);
        QVERIFY(copy.object().value(u"id"_s).toString() != id);
        const HttpResult unnamed =
            m_server->request("POST", u"/api/v1/agents/%1/duplicate"_s.arg(id));
        QCOMPARE(configOf(unnamed).value(u"name"_s).toString(), u"Original copy"_s);
        const HttpResult bad =
            m_server->post(u"/api/v1/agents/%1/duplicate"_s.arg(id), {{u"name"_s, u"No.dots"_s}});
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.object().value(u"details"_s).toObject().contains(u"name"_s));
    }

    void importSkipsWhatItReportsAndCreatesTheRest()
    {
        m_server->post(u"/api/v1/agents"_s, fullAgent(u"Existing"_s));
        const QJsonObject exported = m_server->get(u"/api/v1/agents/export"_s).object();
        QCOMPARE(exported.value(u"format"_s).toString(), u"switchboard-agents"_s);
        QCOMPARE(exported.value(u"agents"_s).toArray().size(), 1);

        QJsonObject renamed = exported.value(u"agents"_s).toArray().at(0).toObject();
        renamed.insert(u"name"_s, u"Imported Copy"_s);
        QJsonObject broken = fullAgent(u"Broken"_s);
        broken.insert(u"temperature"_s, 3);
        QJsonObject badTransfer = fullAgent(u"Bad Transfer"_s);
        badTransfer.insert(u"tools"_s,
                           QJsonObject{{u"cold_transfer"_s, QJsonObject{{u"target"_s, u"911"_s}}}});
        const QJsonObject document{
            {u"format"_s, u"switchboard-agents"_s},
            {u"version"_s, 1},
            {u"agents"_s, QJsonArray{renamed, broken, u"not an agent"_s,
                                     exported.value(u"agents"_s).toArray().at(0), badTransfer,
                                     QJsonObject{{u"config"_s, agentBody(u"Whole Agent"_s)}}}}};
        const HttpResult imported = m_server->post(u"/api/v1/agents/import"_s, document);
        QCOMPARE(imported.status, 200);
        const QJsonArray done = imported.object().value(u"imported"_s).toArray();
        const QJsonArray skipped = imported.object().value(u"skipped"_s).toArray();
        QCOMPARE(done.size(), 2);
        QCOMPARE(done.at(0)[u"name"_s].toString(), u"Imported Copy"_s);
        QCOMPARE(done.at(1)[u"name"_s].toString(), u"Whole Agent"_s);
        QCOMPARE(skipped.size(), 4);
        QVERIFY(skipped.at(0)[u"reason"_s].toString().contains(u"temperature"_s));
        QVERIFY(skipped.at(1)[u"reason"_s].toString().contains(u"not an agent"_s));
        QVERIFY(skipped.at(2)[u"reason"_s].toString().contains(u"exists already"_s));
        QVERIFY(skipped.at(3)[u"errors"_s].toObject().contains(u"tools.cold_transfer.target"_s));

        // Nothing reported skipped exists; the imported ones do, whole, with a revision.
        QStringList names;
        for (const QJsonValue &agent : m_server->get(u"/api/v1/agents"_s).array())
            names << agent[u"config"_s][u"name"_s].toString();
        names.sort();
        QCOMPARE(names, (QStringList{u"Existing"_s, u"Imported Copy"_s, u"Whole Agent"_s}));
        const QString copyId = done.at(0)[u"agent_id"_s].toString();
        const QJsonObject copy = m_server->get(u"/api/v1/agents/"_s + copyId).object();
        QCOMPARE(copy.value(u"config"_s).toObject(), renamed);
        QTRY_COMPARE(
            m_server->get(u"/api/v1/agents/"_s + copyId).object().value(u"status"_s).toString(),
            u"active"_s);
        QCOMPARE(m_server->get(u"/api/v1/agents/%1/revisions/1"_s.arg(copyId))
                     .object()
                     .value(u"source"_s)
                     .toString(),
                 u"import"_s);

        // A file that is no export at all changes nothing.
        const HttpResult refused =
            m_server->post(u"/api/v1/agents/import"_s, {{u"format"_s, u"csv"_s}});
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.object().value(u"details"_s).toObject().contains(u"agents"_s));
        QCOMPARE(m_server->get(u"/api/v1/agents"_s).array().size(), 3);

        // Export of one agent by id; an unknown id is a 404.
        const QJsonObject one = m_server->get(u"/api/v1/agents/export?ids="_s + copyId).object();
        QCOMPARE(one.value(u"agents"_s).toArray().size(), 1);
        QCOMPARE(m_server->get(u"/api/v1/agents/export?ids=agent_nope"_s).status, 404);
    }

    void companiesTakeTheSameFirstSpeakerAndModelRules()
    {
        const QJsonObject company{
            {u"name"_s, u"Globex"_s},
            {u"ultravox"_s, QJsonObject{{u"api_key"_s, u"uv-key-0123456789"_s},
                                        {u"system_prompt"_s, u"Be brief."_s},
                                        {u"first_speaker"_s, u"agent"_s},
                                        {u"model"_s, u"my model"_s}}}};
        const HttpResult refused = m_server->post(u"/api/v1/companies"_s, company);
        QCOMPARE(refused.status, 400);
        const QJsonObject details = refused.object().value(u"details"_s).toObject();
        QVERIFY2(details.value(u"ultravox.model"_s).toString().contains(u"model name"_s),
                 refused.body.constData());
        QVERIFY(!details.contains(u"ultravox.first_speaker"_s));
    }
};

QTEST_GUILESS_MAIN(TestAgentTemplate)
#include "tst_agent_template.moc"
