// SPDX-License-Identifier: GPL-3.0-or-later
// The store on a real SQLite file: numbered migrations applied once, a newer or damaged database
// refused with a clear message, WAL and foreign keys on, stale writes refused, and concurrent
// writers (each with its own connection, as separate processes have) losing nothing.
#include "AgentRepository.h"
#include "AppError.h"
#include "CallRepository.h"
#include "EventRepository.h"
#include "Ids.h"
#include "Store.h"
#include "Timestamps.h"

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

private Q_SLOTS:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        QVERIFY(m_dir->isValid());
    }

    void migratesOnceAndKeepsData()
    {
        const StoreLocation location = StoreLocation::sqliteInDataDir(m_dir->path());
        Agent agent = newAgent(u"Kept"_s);
        {
            Store store(location);
            store.open();
            QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
            QCOMPARE(scalar(store, u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(),
                     Store::latestSchemaVersion());
            QCOMPARE(scalar(store, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
            QCOMPARE(scalar(store, u"PRAGMA foreign_keys"_s).toInt(), 1);
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

    void refusesANewerSchema()
    {
        const StoreLocation location = StoreLocation::sqliteInDataDir(m_dir->path());
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
        Store store(StoreLocation::sqliteInDataDir(m_dir->path()));
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
        const StoreLocation location = StoreLocation::sqliteInDataDir(m_dir->path());
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

    void callsKeepTheirTranscriptInOrder()
    {
        Store store(StoreLocation::sqliteInDataDir(m_dir->path()));
        store.open();
        CallRepository calls(store);
        CallRecord call;
        call.id = Ids::newCallId();
        call.phoneNumber = u"+14155550123"_s;
        call.createdAt = call.updatedAt = Timestamps::nowMs();
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

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
