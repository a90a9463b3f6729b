// SPDX-License-Identifier: GPL-3.0-or-later
// The store on both engines: a real SQLite file, and (with SWITCHBOARD_TEST_ENGINE=postgresql, the
// ctest entry tst_store_postgres) a real PostgreSQL 15 server the test starts itself. Numbered
// migrations applied once, also by instances starting together; a newer or damaged database
// refused with a clear message; WAL and foreign keys on SQLite; stale writes refused; concurrent
// writers (each with its own connection, as separate processes have) losing nothing; call leases
// held by one instance at a time; and on PostgreSQL the change notifications and the way the
// store rides out the server going away.
#include "AgentRepository.h"
#include "AgentRevisionRepository.h"
#include "AppError.h"
#include "CallLeaseRepository.h"
#include "CallRepository.h"
#include "CampaignRepository.h"
#include "CampaignResults.h"
#include "DncRepository.h"
#include "EventRepository.h"
#include "Ids.h"
#include "Store.h"
#include "TeamRepository.h"
#include "TempPostgres.h"
#include "Timestamps.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QtConcurrent>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
Agent newAgent(const QString &name)
{
    Agent agent;
    agent.id = Ids::newAgentId();
    agent.config.name = name;
    agent.config.prompt = u"Prompt"_s;
    agent.config.templateVariables = {{u"b_second"_s, u"2"_s}, {u"a_first"_s, u"1"_s}};
    agent.status = AgentStatus::Active;
    agent.createdAt = agent.updatedAt = Timestamps::nowMs();
    return agent;
}

CallRecord newCall()
{
    CallRecord call;
    call.id = Ids::newCallId();
    call.phoneNumber = u"+14155550123"_s;
    call.createdAt = call.updatedAt = Timestamps::nowMs();
    return call;
}

QVariant scalar(Store &store, const QString &sql)
{
    QSqlQuery query(store.connection());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT

    bool m_postgres = qEnvironmentVariable("SWITCHBOARD_TEST_ENGINE") == u"postgresql"_s;
    std::unique_ptr<TempPostgres> m_server;
    int m_databases = 0;
    StoreLocation m_location;

    // A fresh database for every test: a file in a new folder, or a new PostgreSQL database.
    StoreLocation freshLocation()
    {
        if (!m_postgres)
            return StoreLocation::sqliteInDataDir(m_dir->path());
        const QString name = u"store_%1"_s.arg(++m_databases);
        QString error;
        if (!m_server->createDatabase(name, &error))
            qFatal("cannot create database %s: %s", qPrintable(name), qPrintable(error));
        StoreLocation location;
        StoreLocation::parse(m_server->url(name), &location, &error);
        return location;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!m_postgres)
            return;
        m_server = std::make_unique<TempPostgres>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void init()
    {
        m_dir.reset(new QTemporaryDir);
        QVERIFY(m_dir->isValid());
        if (m_postgres && !m_server->isRunning()) { // a test that stopped it failed half-way
            QString error;
            QVERIFY2(m_server->start(&error), qPrintable(error));
        }
        m_location = freshLocation();
    }

    void migratesOnceAndKeepsData()
    {
        const StoreLocation location = m_location;
        Agent agent = newAgent(u"Kept"_s);
        {
            Store store(location);
            store.open();
            QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
            QCOMPARE(scalar(store, u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(),
                     Store::latestSchemaVersion());
            if (!m_postgres) {
                QCOMPARE(scalar(store, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
                QCOMPARE(scalar(store, u"PRAGMA foreign_keys"_s).toInt(), 1);
                // The page cache's bound that bench/README.md lists: 2 MiB a connection.
                QCOMPARE(scalar(store, u"PRAGMA cache_size"_s).toInt(), -2048);
            }
            AgentRepository(store).insert(agent);
            EventRepository(store).append(
                {0, Timestamps::nowMs(), u"agent_created"_s, agent.id, {}, 0, {}});
        }
        Store again(location);
        again.open();
        QCOMPARE(scalar(again, u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(),
                 Store::latestSchemaVersion());
        const std::optional<Agent> found = AgentRepository(again).find(agent.id);
        QVERIFY(found.has_value());
        QCOMPARE(found->config, agent.config); // variable order survives too
        QCOMPARE(EventRepository(again).count(), 1);
    }

    // Who reacts to a change writes in a transaction of its own: it must run after ours commits,
    // never for a change rolled back, and at once when no transaction is open.
    void actionsWaitForTheTransactionToCommit()
    {
        Store store(m_location);
        store.open();
        QStringList ran;
        store.afterCommit([&] { ran << u"no transaction"_s; });
        QCOMPARE(ran, QStringList{u"no transaction"_s});
        {
            Store::Transaction transaction(store);
            AgentRepository(store).insert(newAgent(u"Committed"_s));
            store.afterCommit([&] {
                ran << u"committed"_s;
                // The reaction can open its own transaction now.
                Store::Transaction reaction(store);
                AgentRepository(store).insert(newAgent(u"Reaction"_s));
                reaction.commit();
            });
            QCOMPARE(ran.size(), 1);
            transaction.commit();
        }
        QCOMPARE(ran.last(), u"committed"_s);
        {
            Store::Transaction transaction(store);
            AgentRepository(store).insert(newAgent(u"Rolled back"_s));
            store.afterCommit([&] { ran << u"rolled back"_s; });
        }
        QCOMPARE(ran.size(), 2);
        QCOMPARE(scalar(store, u"SELECT COUNT(*) FROM agents"_s).toInt(), 2);
        store.afterCommit([&] { ran << u"after"_s; });
        QCOMPARE(ran.last(), u"after"_s);
    }

    void refusesANewerSchema()
    {
        const StoreLocation location = m_location;
        {
            Store store(location);
            store.open();
            store.execDirect(
                u"INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)"_s);
        }
        Store newer(location);
        try {
            newer.open();
            QFAIL("a database from a newer version was accepted");
        } catch (const AppError &error) {
            QCOMPARE(error.kind(), ErrorKind::Unavailable);
            QVERIFY2(error.message().contains(u"schema version 99"_s), qPrintable(error.message()));
            QVERIFY(error.message().contains(u"newer"_s));
        }
    }

    void refusesADamagedFile()
    {
        if (m_postgres)
            QSKIP("a file of garbage is an SQLite matter");
        const StoreLocation location = StoreLocation::sqliteInDataDir(m_dir->path());
        QFile file(location.sqlitePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        Store store(location);
        try {
            store.open();
            QFAIL("a damaged file was opened");
        } catch (const AppError &error) {
            QVERIFY2(error.message().contains(location.sqlitePath), qPrintable(error.message()));
            QVERIFY(error.message().contains(u"damaged"_s));
        }
    }

    void parsesDatabaseUrls_data()
    {
        if (m_postgres)
            QSKIP("engine-independent: covered by the SQLite run");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("display");
        QTest::newRow("postgres") << u"postgresql://sb:secret@db.local:5433/switchboard"_s << true
                                  << u"postgresql://sb@db.local:5433/switchboard"_s;
        QTest::newRow("postgres short scheme")
            << u"postgres://u:p@h/d"_s << true << u"postgresql://u@h:5432/d"_s;
        QTest::newRow("sqlite absolute")
            << u"sqlite:///var/lib/sb.db"_s << true << u"/var/lib/sb.db"_s;
        QTest::newRow("no database") << u"postgresql://u:p@h:5432/"_s << false << QString();
        QTest::newRow("mysql") << u"mysql://u:p@h/d"_s << false << QString();
        QTest::newRow("garbage") << u"not a url"_s << false << QString();
    }
    void parsesDatabaseUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        QFETCH(QString, display);
        StoreLocation location;
        QString error;
        QCOMPARE(StoreLocation::parse(url, &location, &error), valid);
        if (valid)
            QCOMPARE(location.displayName(), display); // never the password
        else
            QVERIFY(!error.isEmpty() && !error.contains(u"secret"_s));
    }

    void staleWritesChangeNothing()
    {
        Store store(m_location);
        store.open();
        AgentRepository agents(store);
        Agent agent = newAgent(u"Original"_s);
        agents.insert(agent);
        Agent first = agent;
        Agent second = agent;
        first.config.name = u"First"_s;
        QVERIFY(agents.update(first));
        QCOMPARE(first.version, 2);
        second.config.name = u"Second"_s;
        QVERIFY(!agents.update(second));
        QCOMPARE(agents.find(agent.id)->config.name, u"First"_s);
    }

    void concurrentWritersLoseNothing()
    {
        // Four writers, each with its own store and connection (like four processes), 250
        // creates each, all at once on one file.
        const StoreLocation location = m_location;
        {
            Store setup(location);
            setup.open();
        }
        QList<QFuture<int>> writers;
        for (int writer = 0; writer < 4; ++writer) {
            writers << QtConcurrent::run([location, writer] {
                Store store(location);
                store.open();
                int written = 0;
                for (int i = 0; i < 250; ++i) {
                    AgentRepository(store).insert(newAgent(u"W%1 %2"_s.arg(writer).arg(i)));
                    ++written;
                }
                return written;
            });
        }
        int total = 0;
        for (QFuture<int> &future : writers)
            total += future.result();
        QCOMPARE(total, 1000);
        Store reader(location);
        reader.open();
        QCOMPARE(AgentRepository(reader).count(), 1000);
        QCOMPARE(scalar(reader, u"SELECT COUNT(DISTINCT name) FROM agents"_s).toInt(), 1000);
    }

    void theWholeCallTemplateAndItsRevisionsRoundTrip()
    {
        Agent agent = newAgent(u"Template"_s);
        CallSettings &call = agent.config.call;
        call.firstSpeaker = FirstSpeaker::Agent;
        call.greetingPrompt = u"Say hello in \"quotes\" and ünïcode"_s;
        call.greetingDelayMs = 750;
        call.greetingInterruptible = false;
        call.model = u"ultravox-v0.7"_s;
        call.temperature = 0.42;
        call.maxDurationSeconds = 600;
        call.joinTimeoutSeconds = 12;
        call.timeExceededMessage = u"Time is up."_s;
        call.inactivityMessages = {{5, u"Hello?"_s, InactivityEnd::Continue},
                                   {10, u"Bye."_s, InactivityEnd::HangUpStrict}};
        call.recordingEnabled = true;
        call.vadTurnEndDelayMs = 512;
        call.vadMinimumTurnDurationMs = 64;
        call.vadMinimumInterruptionDurationMs = 128;
        call.tools.hangUp = true;
        call.tools.hangUpStrict = false;
        call.tools.leaveVoicemail = true;
        call.tools.voicemailMessage = u"Call back."_s;
        call.tools.coldTransfer = true;
        call.tools.transferTarget = u"+14155550123"_s;
        call.tools.playDtmfSounds = true;
        agent.revision = 1;
        {
            Store store(m_location);
            store.open();
            Store::Transaction transaction(store);
            AgentRepository(store).insert(agent);
            AgentRevisionRepository(store).insert(
                {agent.id, 1, agent.config, RevisionSources::Window, u"ada@desk"_s, 1000, 0});
            AgentConfig second = agent.config;
            second.call = CallSettings{};
            AgentRevisionRepository(store).insert(
                {agent.id, 2, second, RevisionSources::Restore, u"bob@desk"_s, 2000, 1});
            transaction.commit();
        }
        Store again(m_location);
        again.open();
        const std::optional<Agent> found = AgentRepository(again).find(agent.id);
        QVERIFY(found.has_value());
        QVERIFY(found->config.call == agent.config.call);
        QCOMPARE(found->revision, 1);
        const QList<AgentRevision> revisions = AgentRevisionRepository(again).list(agent.id);
        QCOMPARE(revisions.size(), 2);
        QCOMPARE(revisions.at(0).number, 2); // newest first
        QCOMPARE(revisions.at(0).restoredFrom, 1);
        QCOMPARE(revisions.at(0).source, RevisionSources::Restore);
        QVERIFY(revisions.at(0).config.call == CallSettings{});
        const std::optional<AgentRevision> first = AgentRevisionRepository(again).find(agent.id, 1);
        QVERIFY(first.has_value());
        QCOMPARE(first->config, agent.config);
        QCOMPARE(first->savedBy, u"ada@desk"_s);
        QCOMPARE(first->createdAt, 1000);
        QVERIFY(!AgentRevisionRepository(again).find(agent.id, 3).has_value());

        // A call keeps the revision it was placed with; deleting the agent drops its history.
        CallRecord placed;
        placed.id = Ids::newCallId();
        placed.agentId = agent.id;
        placed.agentRevision = 2;
        placed.phoneNumber = u"+14155550123"_s;
        placed.createdAt = placed.updatedAt = Timestamps::nowMs();
        CallRepository(again).insert(placed);
        QCOMPARE(CallRepository(again).find(placed.id)->agentRevision, 2);
        QVERIFY(AgentRepository(again).remove(agent.id));
        QCOMPARE(AgentRevisionRepository(again).list(agent.id).size(), 0);
    }

    void callsKeepTheirTranscriptInOrder()
    {
        Store store(m_location);
        store.open();
        CallRepository calls(store);
        CallRecord call = newCall();
        call.templateContext = {{u"n"_s, 1}};
        calls.insert(call);
        calls.replaceTranscript(call.id, {{u"agent"_s, u"one"_s, 0}, {u"user"_s, u"two"_s, 1}});
        calls.replaceTranscript(
            call.id,
            {{u"agent"_s, u"one"_s, 0}, {u"user"_s, u"two"_s, 1}, {u"agent"_s, u"three"_s, 2}});
        const QList<TranscriptMessage> messages = calls.transcript(call.id);
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages.at(2).text, u"three"_s);
        QCOMPARE(calls.unfinishedCount(), 1);
        QCOMPARE(calls.find(call.id)->templateContext, call.templateContext);
    }

    void callOutcomesRoundTripAndFilter()
    {
        Store store(m_location);
        store.open();
        CallRepository calls(store);
        CallRecord call = newCall();
        call.status = CallStatus::Completed;
        call.transcriptFetched = true;
        call.endReason = u"hangup"_s;
        call.machineDetection = true;
        call.onMachine = u"hang_up"_s;
        call.answeredBy = u"machine"_s;
        call.price = u"-0.01400"_s;
        call.priceUnit = u"USD"_s;
        call.billedSeconds = 61.5;
        call.shortSummary = u"Left a message."_s;
        call.summary = u"The agent left a call-back message."_s;
        call.costSettled = true;
        call.transcriptCount = 2;
        call.recordingEnabled = true;
        call.recordingStatus = u"stored"_s;
        call.recordingType = u"audio/wav"_s;
        call.recordingBytes = 96044;
        calls.insert(call);
        const std::optional<CallRecord> found = calls.find(call.id);
        QVERIFY(found.has_value());
        QCOMPARE(found->answeredBy, u"machine"_s);
        QCOMPARE(found->onMachine, u"hang_up"_s);
        QVERIFY(found->machineDetection);
        QCOMPARE(found->price, u"-0.01400"_s);
        QCOMPARE(found->priceUnit, u"USD"_s);
        QCOMPARE(found->billedSeconds, 61.5);
        QCOMPARE(found->summary, call.summary);
        QVERIFY(found->costSettled);
        QCOMPARE(found->transcriptCount, 2);
        QCOMPARE(found->recordingStatus, u"stored"_s);
        QCOMPARE(found->recordingBytes, 96044);
        QVERIFY(calls.awaitingOutcome().isEmpty());

        // Live messages: appended once, with their timespans; an overlapping read adds nothing.
        TranscriptMessage first{u"agent"_s, u"one"_s, 0, 100, 900};
        calls.appendTranscript(call.id, {first});
        calls.appendTranscript(call.id, {first, {u"user"_s, u"two"_s, 1, 1000, 1800}});
        const QList<TranscriptMessage> messages = calls.transcript(call.id);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(1).startMs, 1000);
        QCOMPARE(messages.at(1).endMs, 1800);

        CallFilter filter;
        filter.answeredBy = u"machine"_s;
        QCOMPARE(calls.count(filter), 1);
        filter.answeredBy = u"human"_s;
        QCOMPARE(calls.count(filter), 0);
        filter = {};
        filter.endReason = u"callee_hung_up"_s;
        QCOMPARE(calls.count(filter), 1);
        filter.endReason = u"operator"_s;
        QCOMPARE(calls.count(filter), 0);
        filter = {};
        filter.costStatus = u"reported"_s;
        QCOMPARE(calls.count(filter), 1);
        filter.costStatus = u"pending"_s;
        QCOMPARE(calls.count(filter), 0);
        filter = {};
        filter.text = u"call-back"_s;
        QCOMPARE(calls.count(filter), 1);

        // A call whose cost is still awaited is followed after a restart.
        CallRecord pending = call;
        pending.id = Ids::newCallId();
        pending.costSettled = false;
        pending.price.clear();
        calls.insert(pending);
        QCOMPARE(calls.awaitingOutcome().size(), 1);
        QCOMPARE(calls.awaitingOutcome().first().id, pending.id);
    }

    void testCallsAreKeptApartAndDeletable()
    {
        Store store(m_location);
        store.open();
        CallRepository calls(store);
        CallRecord phone;
        phone.id = Ids::newCallId();
        phone.phoneNumber = u"+14155550123"_s;
        phone.createdAt = phone.updatedAt = Timestamps::nowMs();
        calls.insert(phone);
        CallRecord test = phone;
        test.id = Ids::newCallId();
        test.phoneNumber = u""_s;
        test.test = true;
        test.status = CallStatus::Completed;
        calls.insert(test);
        calls.replaceTranscript(test.id, {{u"agent"_s, u"hello"_s, 0}});

        QVERIFY(calls.find(test.id)->test);
        QVERIFY(!calls.find(phone.id)->test);
        CallFilter onlyTests;
        onlyTests.test = true;
        QCOMPARE(calls.count(onlyTests), 1);
        QCOMPARE(calls.list(onlyTests).first().id, test.id);
        onlyTests.test = false;
        QCOMPARE(calls.list(onlyTests).first().id, phone.id);
        QCOMPARE(calls.count({}), 2);
        // The metrics' counts leave test calls out, in progress or ended.
        QCOMPARE(calls.countByStatus().value(u"completed"_s), 0);
        QCOMPARE(calls.countByStatus().value(u"initiated"_s), 1);
        test.status = CallStatus::InProgress;
        QVERIFY(calls.update(test));
        QCOMPARE(calls.unfinishedCount(), 1);
        QVERIFY(calls.find(test.id)->test); // an update keeps the flag

        calls.remove(test.id);
        QVERIFY(!calls.find(test.id));
        QVERIFY(calls.transcript(test.id).isEmpty());
        QCOMPARE(calls.count({}), 1);
    }

    void doNotCallSearchAndCampaignResults()
    {
        Store store(m_location);
        store.open();
        DncRepository numbers(store);
        QCOMPARE(
            numbers.add({u"+14155550124"_s, u"+14155550125"_s, u"+442079460958"_s}, u"asked"_s), 3);
        QCOMPARE(numbers.count(), 3);
        QCOMPARE(numbers.count(u"415555"_s), 2);
        QCOMPARE(numbers.count(u"+44"_s), 1);
        const QList<DncEntry> found = numbers.list(10, 0, u"(555) 0124"_s); // digits only
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().phoneNumber, u"+14155550124"_s);
        QCOMPARE(numbers.count(u"%_'"_s), 3); // no wildcard or quote gets through
        QCOMPARE(numbers.list(1, 1, u"4155"_s).first().phoneNumber, u"+14155550125"_s);

        Campaign campaign;
        campaign.id = CampaignIds::newCampaignId();
        campaign.name = u"Results"_s;
        campaign.agentId = u"agent_none"_s;
        campaign.createdAt = campaign.updatedAt = Timestamps::nowMs();
        CampaignRepository campaigns(store);
        campaigns.insert(campaign);
        campaigns.addRecipients(campaign.id,
                                {{2, u"+14155550130"_s, QJsonObject{{u"name"_s, u"Ada, Jr."_s}}},
                                 {3, u"+14155550131"_s, QJsonObject{}}});
        QBuffer csv;
        csv.open(QIODevice::WriteOnly);
        QCOMPARE(CampaignResults::writeCsv(store, campaign.id, csv), 2);
        const QList<QByteArray> rows = csv.data().split('\n');
        QCOMPARE(rows.size(), 4); // header, two recipients, the last line's end
        QCOMPARE(rows.at(0) + '\n', CampaignResults::header());
        QCOMPARE(rows.at(1),
                 "2,+14155550130,pending,0,,,,,,,,,\"{\"\"name\"\":\"\"Ada, Jr.\"\"}\"\r");
        QCOMPARE(rows.at(2), "3,+14155550131,pending,0,,,,,,,,,{}\r");
    }

    void concurrentFirstStartsMigrateOnce()
    {
        // Four instances meet an empty database at the same moment: one migrates, the others
        // wait and find nothing to do.
        const StoreLocation location = m_location;
        QList<QFuture<QString>> starts;
        for (int i = 0; i < 4; ++i) {
            starts << QtConcurrent::run([location] {
                try {
                    Store store(location);
                    store.open();
                    return store.schemaVersion() == Store::latestSchemaVersion()
                               ? QString()
                               : u"opened at an old version"_s;
                } catch (const AppError &error) {
                    return error.message();
                }
            });
        }
        for (QFuture<QString> &start : starts)
            QVERIFY2(start.result().isEmpty(), qPrintable(start.result()));
        Store store(location);
        store.open();
        QCOMPARE(scalar(store, u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(),
                 Store::latestSchemaVersion());
        QCOMPARE(scalar(store, u"SELECT COUNT(DISTINCT version) FROM schema_migrations"_s).toInt(),
                 Store::latestSchemaVersion());
    }

    void leasesGoToOneHolder()
    {
        Store store(m_location);
        store.open();
        CallRecord call;
        call.id = Ids::newCallId();
        call.phoneNumber = u"+14155550123"_s;
        call.createdAt = call.updatedAt = Timestamps::nowMs();
        CallRepository(store).insert(call);

        CallLeaseRepository leases(store);
        QVERIFY(leases.acquire(call.id, u"a"_s, 400));
        QVERIFY(!leases.acquire(call.id, u"b"_s, 400)); // held and alive: a keeps it
        QVERIFY(leases.acquire(call.id, u"a"_s, 400));  // the holder may take it again
        QCOMPARE(leases.holder(call.id), u"a"_s);
        QCOMPARE(leases.renew(u"a"_s, 400), QStringList{call.id});
        QVERIFY(leases.claimExpired(u"b"_s, 400).isEmpty());

        QTest::qWait(600); // a stops renewing: b takes over, and a learns it at its next renewal
        QCOMPARE(leases.claimExpired(u"b"_s, 400), QStringList{call.id});
        QVERIFY(leases.claimExpired(u"c"_s, 400).isEmpty());
        QCOMPARE(leases.holder(call.id), u"b"_s);
        QVERIFY(leases.renew(u"a"_s, 400).isEmpty());

        leases.handOver(u"b"_s); // a clean shutdown: anyone may claim at once
        QCOMPARE(leases.claimExpired(u"c"_s, 400), QStringList{call.id});
        leases.release(call.id, u"c"_s);
        QVERIFY(leases.holder(call.id).isEmpty());

        // An unfinished call without a lease is offered to whoever claims first.
        QCOMPARE(leases.adoptOrphans(), 1);
        QCOMPARE(leases.adoptOrphans(), 0);
        QCOMPARE(leases.claimExpired(u"d"_s, 400), QStringList{call.id});
    }

    void teamSettingsKeepTheFirstValue()
    {
        Store store(m_location);
        store.open();
        TeamRepository team(store);
        QVERIFY(!team.setting(u"team_key_check"_s));
        QVERIFY(team.insertSettingIfAbsent(u"team_key_check"_s, u"first"_s));
        QVERIFY(!team.insertSettingIfAbsent(u"team_key_check"_s, u"second"_s));
        QCOMPARE(team.setting(u"team_key_check"_s).value_or(QString()), u"first"_s);

        team.putSealedSecret(u"company/1/twilio_auth_token"_s, u"sealed-1"_s);
        team.putSealedSecret(u"company/1/twilio_auth_token"_s, u"sealed-2"_s);
        QCOMPARE(team.sealedSecret(u"company/1/twilio_auth_token"_s).value_or(QString()),
                 u"sealed-2"_s);
        team.removeSealedSecret(u"company/1/twilio_auth_token"_s);
        QVERIFY(!team.sealedSecret(u"company/1/twilio_auth_token"_s));
    }

    void changesAreAnnouncedOnCommit()
    {
        if (!m_postgres)
            QSKIP("LISTEN/NOTIFY is PostgreSQL's");
        Store writer(m_location);
        writer.open();
        Store listener(m_location);
        QSqlDatabase db = listener.openDedicatedConnection(u"tst-listener"_s);
        QList<QJsonObject> heard;
        QObject context;
        QVERIFY(db.driver()->subscribeToNotification(u"switchboard_changes"_s));
        QObject::connect(
            db.driver(), &QSqlDriver::notification, &context,
            [&heard](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                heard << QJsonDocument::fromJson(payload.toString().toUtf8()).object();
            });

        AgentRepository agents(writer);
        Agent agent = newAgent(u"Announced"_s);
        {
            Store::Transaction transaction(writer);
            agents.insert(agent);
            QTest::qWait(200);
            QVERIFY2(heard.isEmpty(), "announced before the commit");
            transaction.commit();
        }
        QVERIFY(agents.update(agent));
        QVERIFY(agents.remove(agent.id));
        const EventRecord event = EventRepository(writer).append(
            {0, Timestamps::nowMs(), u"agent_deleted"_s, agent.id, {}, 0, {}});
        QTRY_COMPARE_WITH_TIMEOUT(heard.size(), 4, 2000);

        QCOMPARE(heard.at(0).value(u"t"_s).toString(), u"agents"_s);
        QCOMPARE(heard.at(0).value(u"op"_s).toString(), u"I"_s);
        QCOMPARE(heard.at(0).value(u"id"_s).toString(), agent.id);
        QCOMPARE(heard.at(0).value(u"v"_s).toInteger(), 1);
        QCOMPARE(heard.at(0).value(u"o"_s).toString(), writer.instanceTag());
        QCOMPARE(heard.at(1).value(u"op"_s).toString(), u"U"_s);
        QCOMPARE(heard.at(1).value(u"v"_s).toInteger(), 2);
        QCOMPARE(heard.at(2).value(u"op"_s).toString(), u"D"_s);
        QCOMPARE(heard.at(3).value(u"t"_s).toString(), u"events"_s);
        QCOMPARE(heard.at(3).value(u"id"_s).toString(), QString::number(event.id));
        db = QSqlDatabase();
        Store::closeDedicatedConnection(u"tst-listener"_s);
    }

    void ridesOutTheServerGoingAway()
    {
        if (!m_postgres)
            QSKIP("a shared server going away is a PostgreSQL matter");
        Store store(m_location);
        store.open();
        AgentRepository agents(store);
        agents.insert(newAgent(u"Before"_s));

        QVERIFY(m_server->stop(true));
        try {
            agents.insert(newAgent(u"During"_s));
            QFAIL("a write to a stopped server was acknowledged");
        } catch (const AppError &error) {
            QCOMPARE(error.kind(), ErrorKind::Unavailable);
            QVERIFY2(error.message().contains(u"not have been saved"_s) ||
                         error.message().contains(u"not saved"_s),
                     qPrintable(error.message()));
            QVERIFY(error.message().contains(m_location.displayName()));
            QVERIFY(!error.message().contains(QString::fromLatin1(TempPostgres::Password)));
        }
        QVERIFY(!store.availability().reachable);
        // Meanwhile every attempt fails at once instead of hanging on the dead server.
        QElapsedTimer quick;
        quick.start();
        for (int i = 0; i < 5; ++i) {
            try {
                agents.count();
            } catch (const AppError &error) {
                QCOMPARE(error.kind(), ErrorKind::Unavailable);
            }
        }
        QVERIFY2(quick.elapsed() < 3000, qPrintable(QString::number(quick.elapsed())));

        QString reason;
        QVERIFY2(m_server->start(&reason), qPrintable(reason));
        // Back within the backoff's ceiling (5 s) plus a margin.
        bool written = false;
        QElapsedTimer back;
        back.start();
        while (!written && back.elapsed() < 8000) {
            try {
                agents.insert(newAgent(u"After"_s));
                written = true;
            } catch (const AppError &) {
                QTest::qWait(100);
            }
        }
        QVERIFY2(written, "the store did not reconnect");
        QVERIFY(store.availability().reachable);
        QCOMPARE(agents.count(), 2);
    }

    void unreachableServerFailsClearly()
    {
        if (!m_postgres)
            QSKIP("PostgreSQL only");
        StoreLocation nowhere = m_location;
        nowhere.port = 1; // nothing listens there
        Store store(nowhere);
        try {
            store.open();
            QFAIL("opened a database on a closed port");
        } catch (const AppError &error) {
            QCOMPARE(error.kind(), ErrorKind::Unavailable);
            QVERIFY2(error.message().contains(u"Cannot open the database"_s),
                     qPrintable(error.message()));
            QVERIFY(error.message().contains(nowhere.displayName()));
        }
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
