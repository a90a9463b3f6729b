// SPDX-License-Identifier: GPL-3.0-or-later
// Team mode with two instances on one real PostgreSQL 15 (started by the test): each instance on
// its own thread with its own store connections and its own operator keychain. What one changes
// (through its REST API, or through the services as its window does) reaches the other's service
// signals and REST answers within a second; stale writes get 409 with the current record; the
// team key is set up once and entered by the other operator, and company secrets sit sealed in
// the database; a call is followed by one instance only, and taken over when that one hangs or
// closes; the database going away turns writes into 503, keeps cached reads answering, and
// everything recovers (and catches up on what it missed) when the server returns.
#include "Core.h"
#include "FakeTwilio.h"
#include "FakeUltravox.h"
#include "HttpProviderFactory.h"
#include "KeyringSession.h"
#include "SecretStore.h"
#include "Store.h"
#include "TeamInstance.h"
#include "TempPostgres.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using Clock = TeamInstance::Clock;

namespace {
constexpr int LeaseTtlMs = 1500;

qint64 msBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

QJsonObject agentBody(const QString &name)
{
    return {{u"name"_s, name},
            {u"prompt"_s, u"Confirm {{order_id}} with the customer."_s},
            {u"template_variables"_s, QJsonObject{{u"order_id"_s, u"none"_s}}}};
}

TestServerOptions teamOptions(const QString &url, const QString &operatorName)
{
    TestServerOptions options;
    options.databaseUrl = url;
    options.keychainService = u"switchboard-test-"_s + operatorName;
    options.leaseTtlMs = LeaseTtlMs;
    return options;
}
} // namespace

class TestTeam : public QObject
{
    Q_OBJECT

    TempPostgres m_postgres;
    std::unique_ptr<TeamInstance> m_a;
    std::unique_ptr<TeamInstance> m_b;
    QString m_phrase;

    // Waits for `instance` to raise `kind` for `id`; returns ms since `since`, or -1.
    qint64 heardWithin(TeamInstance &instance, const QString &kind, const QString &id,
                       Clock::time_point since, qint64 version = 0, int timeoutMs = 5000)
    {
        waitUntil([&] { return instance.heardAt(kind, id, version).has_value(); }, timeoutMs);
        const auto at = instance.heardAt(kind, id, version);
        return at ? msBetween(since, *at) : -1;
    }

    QString createAgent(TeamInstance &instance, const QString &name)
    {
        const HttpResult created = instance.post(u"/api/v1/agents"_s, agentBody(name));
        if (created.status != 201)
            qWarning("create failed: %d %s", created.status, created.body.constData());
        return created.object().value(u"id"_s).toString();
    }

    bool feedLive(TeamInstance &instance)
    {
        bool live = false;
        instance.call([&live](Core &core) { live = core.feed().isLive(); });
        return live;
    }

    int followed(TeamInstance &instance)
    {
        int count = 0;
        instance.call([&count](Core &core) { count = core.monitor().followedCount(); });
        return count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_postgres.start(&error), qPrintable(error));
        QVERIFY2(m_postgres.createDatabase(u"team"_s, &error), qPrintable(error));
        m_a =
            std::make_unique<TeamInstance>(u"a"_s, teamOptions(m_postgres.url(u"team"_s), u"a"_s));
        m_b =
            std::make_unique<TeamInstance>(u"b"_s, teamOptions(m_postgres.url(u"team"_s), u"b"_s));
        QVERIFY2(m_a->start(&error), qPrintable(error));
        QVERIFY2(m_b->start(&error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_b.reset();
        m_a.reset();
    }

    void teamKeyIsSetUpOnceAndEnteredByTheOthers()
    {
        TeamKeyService::State before = TeamKeyService::State::Unknown;
        m_a->call([&](Core &core) {
            before = core.teamKey().state();
            m_phrase = core.teamKey().setUp();
        });
        QCOMPARE(before, TeamKeyService::State::NeedsSetup);
        QVERIFY(!m_phrase.isEmpty());

        // What b sees and does, collected on b's thread and checked here.
        TeamKeyService::State beforeEntry = TeamKeyService::State::Unknown;
        TeamKeyService::State afterEntry = TeamKeyService::State::Unknown;
        QString problem;
        std::optional<ErrorKind> setUpAgain;
        std::optional<ErrorKind> mistyped;
        QString recovered;
        m_b->call([&](Core &core) {
            TeamKeyService &key = core.teamKey();
            beforeEntry = key.state();
            problem = key.problem();
            try {
                key.setUp(); // a set it up already
            } catch (const AppError &error) {
                setUpAgain = error.kind();
            }
            try {
                // One symbol changed: the checksum no longer matches (a phrase without an A or a 7
                // made the old replace() change nothing, one run in forty).
                QString wrong = m_phrase;
                wrong[0] = wrong.at(0) == u'B' ? u'C' : u'B';
                key.enterPhrase(wrong);
            } catch (const AppError &error) {
                mistyped = error.kind();
            }
            // Typed by hand: lower case, spaces for dashes.
            key.enterPhrase(m_phrase.toLower().replace(u'-', u' '));
            afterEntry = key.state();
            recovered = key.recoveryPhrase();
        });
        QCOMPARE(beforeEntry, TeamKeyService::State::NeedsKey);
        QVERIFY2(problem.contains(u"recovery phrase"_s), qPrintable(problem));
        QCOMPARE(setUpAgain, std::optional<ErrorKind>(ErrorKind::Conflict));
        QCOMPARE(mistyped, std::optional<ErrorKind>(ErrorKind::Validation));
        QCOMPARE(afterEntry, TeamKeyService::State::Ready);
        QCOMPARE(recovered, m_phrase);
    }

    void agentCreatedOnOneInstanceReachesTheOther()
    {
        const Clock::time_point start = Clock::now();
        const QString id = createAgent(*m_a, u"Shared agent"_s);
        QVERIFY(!id.isEmpty());
        const qint64 signalMs = heardWithin(*m_b, u"agentChanged"_s, id, start);
        QVERIFY2(signalMs >= 0 && signalMs < 1000, qPrintable(QString::number(signalMs)));

        QVERIFY(waitUntil([&] { return m_b->get(u"/api/v1/agents/"_s + id).status == 200; }, 1000));
        const qint64 restMs = msBetween(start, Clock::now());
        QVERIFY2(restMs < 1000, qPrintable(QString::number(restMs)));
        bool listed = false;
        for (const QJsonValue &agent : m_b->get(u"/api/v1/agents"_s).array())
            listed = listed || agent.toObject().value(u"id"_s).toString() == id;
        QVERIFY(listed);
        // The final state (active once Ultravox answered) arrives too.
        QVERIFY(waitUntil([&] {
            return m_b->get(u"/api/v1/agents/"_s + id).object().value(u"status"_s).toString() ==
                   u"active"_s;
        }));
    }

    void theCallTemplateAndRevisionsReachTheOtherInstance()
    {
        const QString id = createAgent(*m_a, u"Template shared"_s);
        QVERIFY(!id.isEmpty());
        QJsonObject body = agentBody(u"Template shared"_s);
        body.insert(u"first_speaker"_s, u"agent"_s);
        body.insert(u"greeting_text"_s, u"Hello from a"_s);
        body.insert(u"temperature"_s, 0.6);
        body.insert(u"max_duration_seconds"_s, 120);
        body.insert(u"inactivity_messages"_s,
                    QJsonArray{QJsonObject{{u"duration_seconds"_s, 9},
                                           {u"message"_s, u"Still there?"_s},
                                           {u"end_behavior"_s, u"hang_up_strict"_s}}});
        body.insert(u"vad_turn_end_delay_ms"_s, 256);
        body.insert(u"recording_enabled"_s, true);
        body.insert(u"tools"_s,
                    QJsonObject{{u"cold_transfer"_s, QJsonObject{{u"target"_s, u"+14155550199"_s}}},
                                {u"hang_up"_s, QJsonObject{{u"strict"_s, true}}}});
        const HttpResult saved = m_a->put(u"/api/v1/agents/"_s + id, body);
        QCOMPARE(saved.status, 200);
        const QJsonObject config = saved.object().value(u"config"_s).toObject();
        // b reads the whole template and the same history, saved by a.
        QVERIFY(waitUntil([&] {
            return m_b->get(u"/api/v1/agents/"_s + id).object().value(u"config"_s).toObject() ==
                   config;
        }));
        const QJsonArray history = m_b->get(u"/api/v1/agents/%1/revisions"_s.arg(id)).array();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.at(0)[u"revision"_s].toInt(), 2);
        QCOMPARE(m_b->get(u"/api/v1/agents/%1/revisions/2"_s.arg(id))
                     .object()
                     .value(u"config"_s)
                     .toObject(),
                 config);
        // b restores revision 1; a sees revision 3 with revision 1's config.
        const QJsonObject first = m_b->get(u"/api/v1/agents/%1/revisions/1"_s.arg(id))
                                      .object()
                                      .value(u"config"_s)
                                      .toObject();
        QCOMPARE(m_b->server()
                     .request("POST", u"/api/v1/agents/%1/revisions/1/restore"_s.arg(id))
                     .status,
                 200);
        QVERIFY(waitUntil([&] {
            const QJsonObject seen = m_a->get(u"/api/v1/agents/"_s + id).object();
            return seen.value(u"revision"_s).toInt() == 3 &&
                   seen.value(u"config"_s).toObject() == first;
        }));
    }

    void windowChangesReachTheOtherInstance()
    {
        const QString id = createAgent(*m_a, u"Edited in the window"_s);
        QVERIFY(!id.isEmpty());
        // As the window does it: through the services, on the instance's own thread.
        Clock::time_point start;
        qint64 version = 0;
        m_a->call([&](Core &core) {
            const Agent agent = core.agents().get(id);
            AgentConfig config = agent.config;
            config.name = u"Renamed in the window"_s;
            start = Clock::now();
            core.agents().update(id, config, agent.version, [](const AgentResult &) {});
            version = agent.version + 1;
        });
        const qint64 changedMs = heardWithin(*m_b, u"agentChanged"_s, id, start, version);
        QVERIFY2(changedMs >= 0 && changedMs < 1000, qPrintable(QString::number(changedMs)));
        const QByteArray seenByB = m_b->get(u"/api/v1/agents/"_s + id).body;
        QVERIFY2(seenByB.contains("Renamed in the window"), seenByB.constData());

        m_a->call([&](Core &core) {
            start = Clock::now();
            core.agents().remove(id, [](const std::optional<AppError> &) {});
        });
        const qint64 removedMs = heardWithin(*m_b, u"agentRemoved"_s, id, start);
        QVERIFY2(removedMs >= 0 && removedMs < 1000, qPrintable(QString::number(removedMs)));
        QVERIFY(waitUntil([&] { return m_b->get(u"/api/v1/agents/"_s + id).status == 404; }));
    }

    void staleUpdateGets409WithTheCurrentRecord()
    {
        const QString id = createAgent(*m_a, u"Contested"_s);
        const HttpResult read = m_a->get(u"/api/v1/agents/"_s + id);
        const QByteArray seen = read.header("ETag");
        QVERIFY(!seen.isEmpty());
        QVERIFY(waitUntil([&] { return m_b->get(u"/api/v1/agents/"_s + id).status == 200; }));

        const HttpResult first =
            m_b->put(u"/api/v1/agents/"_s + id, agentBody(u"B was first"_s), seen);
        QVERIFY2(first.status == 200, first.body.constData());
        const HttpResult late =
            m_a->put(u"/api/v1/agents/"_s + id, agentBody(u"A was late"_s), seen);
        QVERIFY2(late.status == 409, late.body.constData());
        const QJsonObject current =
            late.object().value(u"details"_s).toObject().value(u"current"_s).toObject();
        QCOMPARE(current.value(u"config"_s).toObject().value(u"name"_s).toString(),
                 u"B was first"_s);
        QVERIFY(current.value(u"version"_s).toInteger() >
                seen.mid(1, seen.size() - 2).toLongLong());
        QVERIFY(late.object().value(u"message"_s).toString().contains(u"someone else"_s));
        QVERIFY(m_a->get(u"/api/v1/agents/"_s + id).body.contains("B was first"));
    }

    void companySecretsAreSealedInTheDatabase()
    {
        const QString token = u"tw-plain-token-7f3a9c"_s;
        const QString apiKey = u"uv-plain-key-51be02"_s;
        const Clock::time_point start = Clock::now();
        const HttpResult created = m_a->post(
            u"/api/v1/companies"_s,
            {{u"name"_s, u"Acme Sales"_s},
             {u"twilio"_s, QJsonObject{{u"account_sid"_s, QString(u"AC"_s + QString(32, u'1'))},
                                       {u"auth_token"_s, token},
                                       {u"phone_number"_s, u"+14155550199"_s}}},
             {u"ultravox"_s,
              QJsonObject{{u"api_key"_s, apiKey}, {u"system_prompt"_s, u"You sell anvils."_s}}}});
        QCOMPARE(created.status, 201);
        const qint64 id = created.object().value(u"id"_s).toInteger();
        const qint64 ms = heardWithin(*m_b, u"companyChanged"_s, QString::number(id), start);
        QVERIFY2(ms >= 0 && ms < 1000, qPrintable(QString::number(ms)));

        // The other operator opens them with the key they entered...
        std::optional<QString> readToken;
        std::optional<QString> readKey;
        m_b->call([&](Core &core) {
            readToken = core.companySecrets().read(CompanySecretKeys::twilioAuthToken(id));
            readKey = core.companySecrets().read(CompanySecretKeys::ultravoxApiKey(id));
        });
        QCOMPARE(readToken.value_or(QString()), token);
        QCOMPARE(readKey.value_or(QString()), apiKey);

        // ...while the database itself holds nothing readable.
        const QByteArray dump = m_postgres.dump(u"team"_s);
        QVERIFY(dump.contains("sealed_secrets"));
        QVERIFY(dump.contains(CompanySecretKeys::twilioAuthToken(id).toUtf8()));
        QVERIFY2(!dump.contains(token.toUtf8()), "the Twilio token is in the dump in plain text");
        QVERIFY2(!dump.contains(apiKey.toUtf8()), "the Ultravox key is in the dump in plain text");
        QVERIFY(!dump.contains(m_phrase.toUtf8()));

        QCOMPARE(m_b->del(u"/api/v1/companies/%1"_s.arg(id)).status, 204);
        QVERIFY(
            waitUntil([&] { return m_a->get(u"/api/v1/companies/%1"_s.arg(id)).status == 404; }));
        QCOMPARE(m_postgres.psql(u"team"_s, u"SELECT COUNT(*) FROM sealed_secrets"_s), u"0"_s);
    }

    void callsAndEventsReachTheOtherAndOnlyThePlacerPolls()
    {
        const QString agent = createAgent(*m_a, u"Caller"_s);
        m_b->clearHeard();
        const Clock::time_point start = Clock::now();
        const HttpResult placed =
            m_a->post(u"/api/v1/calls/"_s + agent, {{u"phone_number"_s, u"+14155550123"_s}});
        QCOMPARE(placed.status, 201);
        const QString sid = placed.object().value(u"call_sid"_s).toString();
        const QString callId =
            m_a->get(u"/api/v1/calls/"_s + sid).object().value(u"id"_s).toString();
        const qint64 ms = heardWithin(*m_b, u"callChanged"_s, callId, start);
        QVERIFY2(ms >= 0 && ms < 1000, qPrintable(QString::number(ms)));
        QCOMPARE(m_b->get(u"/api/v1/calls/"_s + sid).status, 200);

        int placerFollowed = 0;
        int otherFollowed = 0;
        waitUntil(
            [&] {
                placerFollowed = std::max(placerFollowed, followed(*m_a));
                otherFollowed = std::max(otherFollowed, followed(*m_b));
                return m_b->get(u"/api/v1/calls/"_s + sid).object().value(u"status"_s) ==
                       u"completed"_s;
            },
            10000);
        QCOMPARE(m_b->get(u"/api/v1/calls/"_s + sid).object().value(u"status"_s).toString(),
                 u"completed"_s);
        QVERIFY(placerFollowed >= 1);
        QCOMPARE(otherFollowed, 0);
        // The events of the call were recorded by a and heard by b.
        bool heardEvent = false;
        for (const TeamInstance::Heard &heard : m_b->heard())
            heardEvent = heardEvent || heard.kind == u"eventRecorded"_s;
        QVERIFY(heardEvent);
    }

    void missedChangesAreCaughtUpAfterAGap()
    {
        // b loses every connection while frozen, so the notification of a's write reaches
        // nobody on b's side; b must notice, reconnect and catch up by itself.
        QString tag;
        m_b->call([&tag](Core &core) { tag = core.store().instanceTag(); });
        m_b->freeze();
        m_postgres.psql(u"team"_s, u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   u"WHERE application_name = '%1'"_s.arg(tag));
        QVERIFY(waitUntil([&] {
            return m_postgres.psql(u"team"_s, u"SELECT COUNT(*) FROM pg_stat_activity WHERE "
                                              u"application_name = '%1'"_s.arg(tag)) == u"0"_s;
        }));
        const Clock::time_point start = Clock::now();
        const QString id = createAgent(*m_a, u"Made during the gap"_s);
        QVERIFY(!id.isEmpty());
        m_b->thaw();
        const qint64 ms = heardWithin(*m_b, u"agentChanged"_s, id, start, 0, 10000);
        QVERIFY2(ms >= 0, "b never caught up");
        QVERIFY(waitUntil([&] { return m_b->get(u"/api/v1/agents/"_s + id).status == 200; }));
        QVERIFY(waitUntil([&] { return feedLive(*m_b); }));
    }

    void healthShowsTheTeamChecks()
    {
        const QJsonObject health = m_a->get(u"/api/v1/health"_s).object();
        const QJsonObject checks = health.value(u"checks"_s).toObject();
        QCOMPARE(checks.value(u"database"_s).toString(), u"ok"_s);
        QCOMPARE(checks.value(u"sync"_s).toString(), u"ok"_s);
        QCOMPARE(checks.value(u"team_key"_s).toString(), u"ok"_s);
        QCOMPARE(health.value(u"database"_s).toObject().value(u"engine"_s).toString(),
                 u"postgresql"_s);
    }

    void callsOfAHungOrClosedInstanceAreTakenOver()
    {
        // Both instances ask the same (fake) Twilio and Ultravox, as colleagues' desktops do.
        FakeUltravox ultravox;
        FakeTwilio twilio;
        QVERIFY(ultravox.start());
        QVERIFY(twilio.start());
        twilio.acceptJoinUrlsFrom(&ultravox);
        const QString customer = u"+15551230042"_s;
        QStringList timeline{u"ringing"_s};
        for (int i = 0; i < 120; ++i)
            timeline << u"in-progress"_s;
        twilio.setTimeline(customer, timeline << u"completed"_s);

        QString error;
        QVERIFY2(m_postgres.createDatabase(u"leases"_s, &error), qPrintable(error));
        auto options = [&](const QString &name) {
            TestServerOptions shared = teamOptions(m_postgres.url(u"leases"_s), name);
            shared.defaults.ultravox = ultravox.credentials();
            shared.defaults.twilio = twilio.credentials();
            shared.defaults.fromNumber = QString::fromLatin1(FakeTwilio::FromNumber);
            shared.monitorFirstMs = 40;
            shared.monitorMaxMs = 40;
            shared.providers = [] {
                HttpClientOptions client;
                client.timeoutMs = 1000;
                return std::make_unique<HttpProviderFactory>(client);
            };
            return shared;
        };
        TeamInstance placer(u"c"_s, options(u"c"_s));
        TeamInstance other(u"d"_s, options(u"d"_s));
        QVERIFY2(placer.start(&error), qPrintable(error));
        QVERIFY2(other.start(&error), qPrintable(error));

        const QString agent = createAgent(placer, u"Long talker"_s);
        QVERIFY(!agent.isEmpty());
        const HttpResult placed =
            placer.post(u"/api/v1/calls/"_s + agent, {{u"phone_number"_s, customer}});
        QCOMPARE(placed.status, 201);
        const QString sid = placed.object().value(u"call_sid"_s).toString();
        QVERIFY(waitUntil([&] { return followed(placer) == 1; }));
        for (int i = 0; i < 5; ++i) { // a second instance leaves the call to its placer
            QTest::qWait(100);
            QCOMPARE(followed(other), 0);
        }

        placer.freeze();
        const Clock::time_point frozen = Clock::now();
        QVERIFY(waitUntil([&] { return followed(other) == 1; }, 3 * LeaseTtlMs + 2000));
        const qint64 takeoverMs = msBetween(frozen, Clock::now());
        QVERIFY2(takeoverMs >= LeaseTtlMs * 4 / 5, qPrintable(QString::number(takeoverMs)));

        // Back from its hang, the placer learns it no longer holds the call and stops polling.
        placer.thaw();
        QVERIFY(waitUntil([&] { return followed(placer) == 0; }, LeaseTtlMs));
        QCOMPARE(followed(other), 1);

        // Closed cleanly, an instance hands its calls over at once, without waiting for the
        // lease to run out: the other one hears of it and claims them.
        other.stop();
        const Clock::time_point closed = Clock::now();
        QVERIFY(waitUntil([&] { return followed(placer) == 1; }, 3 * LeaseTtlMs));
        const qint64 handOverMs = msBetween(closed, Clock::now());
        QVERIFY2(handOverMs < LeaseTtlMs * 2 / 3, qPrintable(QString::number(handOverMs)));

        // It follows the call to its end and reads the transcript.
        QJsonObject transcript;
        QVERIFY(waitUntil(
            [&] {
                transcript = placer.get(u"/api/v1/calls/%1/transcript"_s.arg(sid)).object();
                return transcript.value(u"complete"_s).toBool();
            },
            20000));
        QCOMPARE(placer.get(u"/api/v1/calls/"_s + sid).object().value(u"status"_s).toString(),
                 u"completed"_s);
        QVERIFY(waitUntil([&] { return followed(placer) == 0; }));
        QCOMPARE(m_postgres.psql(u"leases"_s, u"SELECT COUNT(*) FROM call_leases"_s), u"0"_s);
        placer.stop();
        QVERIFY2(ultravox.violations().isEmpty(), qPrintable(ultravox.violations().join(u'\n')));
        QVERIFY2(twilio.violations().isEmpty(), qPrintable(twilio.violations().join(u'\n')));
    }

    void theDatabaseGoingAwayIsRiddenOut()
    {
        const QString before = createAgent(*m_a, u"Known before the outage"_s);
        QVERIFY(waitUntil([&] { return m_b->get(u"/api/v1/agents/"_s + before).status == 200; }));
        QVERIFY(m_postgres.stop(true));

        // Both notice within a couple of heartbeats, and health says what is wrong.
        QVERIFY(waitUntil([&] { return !feedLive(*m_a) && !feedLive(*m_b); }, 4000));
        const HttpResult health = m_a->get(u"/api/v1/health"_s);
        QCOMPARE(health.status, 503);
        const QString database =
            health.object().value(u"checks"_s).toObject().value(u"database"_s).toString();
        QVERIFY2(database.contains(u"unreachable"_s) || database.contains(u"went away"_s),
                 qPrintable(database));
        QVERIFY(database.contains(u"127.0.0.1"_s));

        // Reads of what is known keep answering; writes fail loudly.
        QCOMPARE(m_a->get(u"/api/v1/agents/"_s + before).status, 200);
        const HttpResult list = m_b->get(u"/api/v1/agents"_s);
        QCOMPARE(list.status, 200);
        QVERIFY(list.array().size() >= 1);
        const HttpResult write =
            m_a->post(u"/api/v1/agents"_s, agentBody(u"Made during the outage"_s));
        QCOMPARE(write.status, 503);
        QVERIFY2(write.object().value(u"message"_s).toString().contains(u"not saved"_s),
                 write.body.constData());
        QVERIFY(!write.header("Retry-After").isEmpty());

        QString error;
        QVERIFY2(m_postgres.start(&error), qPrintable(error));
        QVERIFY(waitUntil([&] { return feedLive(*m_a) && feedLive(*m_b); }, 10000));
        QString after;
        QVERIFY(waitUntil(
            [&] {
                after = createAgent(*m_a, u"Made after the outage"_s);
                return !after.isEmpty();
            },
            10000));
        const Clock::time_point start = Clock::now();
        QVERIFY(waitUntil([&] { return m_b->get(u"/api/v1/agents/"_s + after).status == 200; }));
        QVERIFY(msBetween(start, Clock::now()) < 1000);
        QCOMPARE(m_a->get(u"/api/v1/health"_s).status, 200);
    }
};

SWITCHBOARD_TEST_MAIN_WITH_KEYRING(TestTeam)
#include "tst_team.moc"
