// SPDX-License-Identifier: GPL-3.0-or-later
// Four switchboard processes (--headless --sandbox --database postgresql://...) started at the
// same moment on one empty PostgreSQL 15 database the test runs itself: they migrate it once and
// set the team key up once; an agent created on one is served by another within a second;
// 4 x 500 concurrent creates leave exactly 2,000 agents; a stale update gets 409 across
// processes; killing the PostgreSQL server in the middle of a load loses no acknowledged write,
// every write in the meantime gets a 503, and every instance recovers when the server returns.
#include "Store.h"
#include "TempPostgres.h"
#include "TestHttp.h"
#include "TestServer.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
const QString binary = QStringLiteral(SWITCHBOARD_BINARY);
const QByteArray apiKey = "team-load-test-key-42";

// One operator's headless Switchboard, with no keychain (the key comes from the environment).
class Instance
{
public:
    Instance(const QString &databaseUrl)
        : m_port(TestHttp::freePort())
    {
        QProcessEnvironment environment = TestHttp::headlessChildEnvironment(apiKey, u"0.02"_s);
        environment.insert(u"QT_LOGGING_RULES"_s, u"switchboard.*.info=false"_s);
        m_data.setAutoRemove(true);
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        const QString huge = u"100000000"_s;
        m_process.start(binary, {u"--headless"_s, u"--sandbox"_s, u"--database"_s, databaseUrl,
                                 u"--data-dir"_s, m_data.path(), u"--port"_s,
                                 QString::number(m_port), u"--rate-limit-per-minute"_s, huge,
                                 u"--rate-limit-per-hour"_s, huge, u"--rate-limit-burst"_s, huge});
    }
    ~Instance()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000)) {
                m_process.kill();
                m_process.waitForFinished();
            }
        }
    }
    bool serving()
    {
        return output().contains(u"Press Ctrl+C"_s) &&
               TestHttp::send("GET", url(u"/api/v1/health"_s), {}, {}, 2000).status == 200;
    }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    QUrl url(const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path));
    }
    HttpResult send(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                    TestHttp::Headers headers = {})
    {
        headers.append({QByteArray("X-API-Key"), apiKey});
        return TestHttp::send(method, url(path),
                              body.isEmpty() ? QByteArray()
                                             : QJsonDocument(body).toJson(QJsonDocument::Compact),
                              headers);
    }
    QString output()
    {
        m_output += QString::fromUtf8(m_process.readAll());
        return m_output;
    }

private:
    quint16 m_port;
    QTemporaryDir m_data;
    QProcess m_process;
    QString m_output;
};

QJsonObject agentBody(const QString &name)
{
    return {{u"name"_s, name}, {u"prompt"_s, u"Answer questions about {{topic}}."_s}};
}

// Many POSTs at once from one thread: each instance gets its own queue of `perInstance`
// creates, of which the network manager keeps six in flight per instance.
struct Load
{
    struct Answer
    {
        int status = 0;
        QString id;
        QString error;
    };
    QNetworkAccessManager manager;
    QList<Answer> answers;
    int pending = 0;

    Load() { manager.setProxy(QNetworkProxy::NoProxy); }

    void fire(const QList<Instance *> &instances, int perInstance, const QString &tag)
    {
        for (int i = 0; i < perInstance; ++i) {
            for (int n = 0; n < instances.size(); ++n) {
                QNetworkRequest request(instances.at(n)->url(u"/api/v1/agents"_s));
                request.setHeader(QNetworkRequest::ContentTypeHeader,
                                  QByteArray("application/json"));
                request.setRawHeader("X-API-Key", apiKey);
                request.setTransferTimeout(60000);
                const QByteArray body =
                    QJsonDocument(agentBody(u"%1 %2-%3"_s.arg(tag).arg(n).arg(i)))
                        .toJson(QJsonDocument::Compact);
                QNetworkReply *reply = manager.post(request, body);
                ++pending;
                QObject::connect(reply, &QNetworkReply::finished, &manager, [this, reply] {
                    Answer answer;
                    answer.status =
                        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
                    answer.id = json.value(u"id"_s).toString();
                    answer.error = answer.status == 0 ? reply->errorString()
                                                      : json.value(u"message"_s).toString();
                    answers.append(answer);
                    --pending;
                    reply->deleteLater();
                });
            }
        }
    }
    QMap<int, int> statuses() const
    {
        QMap<int, int> counts;
        for (const Answer &answer : answers)
            ++counts[answer.status];
        return counts;
    }
    QString describe() const
    {
        QStringList parts;
        const QMap<int, int> counts = statuses();
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            parts << u"%1 x%2"_s.arg(it.key()).arg(it.value());
        return parts.join(u", "_s);
    }
};
} // namespace

class TestTeamLoad : public QObject
{
    Q_OBJECT

    TempPostgres m_postgres;
    QList<Instance *> m_instances;
    int m_expectedAgents = 0;

    QSet<QString> storedIds()
    {
        const QString ids = m_postgres.psql(u"load"_s, u"SELECT id FROM agents"_s);
        const QStringList lines = ids.split(u'\n', Qt::SkipEmptyParts);
        return QSet<QString>(lines.cbegin(), lines.cend());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_postgres.start(&error), qPrintable(error));
        QVERIFY2(m_postgres.createDatabase(u"load"_s, &error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        qDeleteAll(m_instances);
        m_instances.clear();
    }

    void fourInstancesStartTogetherOnAnEmptyDatabase()
    {
        for (int i = 0; i < 4; ++i)
            m_instances << new Instance(m_postgres.url(u"load"_s));
        QVERIFY(waitUntil(
            [&] {
                for (Instance *instance : std::as_const(m_instances)) {
                    if (!instance->running() || !instance->serving())
                        return false;
                }
                return true;
            },
            30000));
        for (Instance *instance : std::as_const(m_instances))
            QVERIFY2(instance->running(), qPrintable(instance->output()));
        QCOMPARE(m_postgres.psql(u"load"_s, u"SELECT COUNT(*) FROM schema_migrations"_s),
                 QString::number(Store::latestSchemaVersion()));
        int setUps = 0;
        for (Instance *instance : std::as_const(m_instances))
            setUps += instance->output().contains(u"this is a new team database"_s) ? 1 : 0;
        QCOMPARE(setUps, 1); // exactly one of them made the team key, and showed its phrase
    }

    void anAgentCreatedOnOneIsServedByAnotherWithinASecond()
    {
        const HttpResult created =
            m_instances.at(0)->send("POST", u"/api/v1/agents"_s, agentBody(u"Seen everywhere"_s));
        QCOMPARE(created.status, 201);
        ++m_expectedAgents;
        const QString id = created.object().value(u"id"_s).toString();
        QElapsedTimer timer;
        timer.start();
        for (int other = 1; other < 4; ++other) {
            QVERIFY(waitUntil(
                [&] {
                    return m_instances.at(other)->send("GET", u"/api/v1/agents/"_s + id).status ==
                           200;
                },
                1000));
        }
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    }

    void fourTimesFiveHundredConcurrentCreates()
    {
        Load load;
        QElapsedTimer timer;
        timer.start();
        load.fire(m_instances, 500, u"Load"_s);
        QVERIFY(waitUntil([&] { return load.pending == 0; }, 180000));
        const qint64 elapsed = timer.elapsed();
        qInfo("2000 creates on 4 instances in %lld ms (%.0f/s): %s", elapsed,
              2000.0 * 1000 / double(elapsed), qPrintable(load.describe()));
        QCOMPARE(load.statuses().value(201), 2000);
        m_expectedAgents += 2000;

        QSet<QString> acknowledged;
        for (const Load::Answer &answer : std::as_const(load.answers))
            acknowledged.insert(answer.id);
        QCOMPARE(acknowledged.size(), 2000); // no two creates share an id
        QCOMPARE(m_postgres.psql(u"load"_s, u"SELECT COUNT(*) FROM agents"_s),
                 QString::number(m_expectedAgents));
        QCOMPARE(m_postgres.psql(u"load"_s, u"SELECT COUNT(DISTINCT name) FROM agents"_s),
                 QString::number(m_expectedAgents));
        for (Instance *instance : std::as_const(m_instances)) {
            const HttpResult list = instance->send("GET", u"/api/v1/agents?limit=1"_s);
            QCOMPARE(list.header("X-Total-Count"), QByteArray::number(m_expectedAgents));
        }
    }

    void aStaleUpdateFromAnotherProcessGets409()
    {
        const QString id = m_instances.at(0)
                               ->send("POST", u"/api/v1/agents"_s, agentBody(u"Contested"_s))
                               .object()
                               .value(u"id"_s)
                               .toString();
        ++m_expectedAgents;
        const QByteArray seen =
            m_instances.at(1)->send("GET", u"/api/v1/agents/"_s + id).header("ETag");
        QVERIFY(!seen.isEmpty());
        QCOMPARE(m_instances.at(2)
                     ->send("PUT", u"/api/v1/agents/"_s + id, agentBody(u"Winner"_s),
                            {{"If-Match", seen}})
                     .status,
                 200);
        const HttpResult late = m_instances.at(1)->send(
            "PUT", u"/api/v1/agents/"_s + id, agentBody(u"Loser"_s), {{"If-Match", seen}});
        QCOMPARE(late.status, 409);
        QVERIFY(late.object()
                    .value(u"details"_s)
                    .toObject()
                    .value(u"current"_s)
                    .toObject()
                    .contains(u"version"_s));
    }

    void killingTheServerMidLoadLosesNoAcknowledgedWrite()
    {
        Load load;
        load.fire(m_instances, 150, u"Outage"_s);
        QVERIFY(waitUntil([&] { return load.answers.size() >= 150; }, 60000));
        QVERIFY(m_postgres.stop(true)); // SIGQUIT: no checkpoint, no goodbye
        QTest::qWait(1500);
        QString error;
        QVERIFY2(m_postgres.start(&error), qPrintable(error));
        QVERIFY(waitUntil([&] { return load.pending == 0; }, 120000));
        qInfo("during the outage: %s", qPrintable(load.describe()));

        // Every write was answered: saved (201) or refused with the database named (503).
        const QMap<int, int> statuses = load.statuses();
        QCOMPARE(statuses.value(201) + statuses.value(503), 600);
        QVERIFY(statuses.value(201) >= 150);
        for (const Load::Answer &answer : std::as_const(load.answers)) {
            if (answer.status == 503)
                QVERIFY2(answer.error.contains(u"database"_s), qPrintable(answer.error));
        }
        // Nothing acknowledged is missing after the crash restart.
        const QSet<QString> stored = storedIds();
        for (const Load::Answer &answer : std::as_const(load.answers)) {
            if (answer.status == 201)
                QVERIFY2(stored.contains(answer.id), qPrintable(answer.id));
        }

        // Every instance recovers on its own: healthy, writing, and hearing the others.
        for (Instance *instance : std::as_const(m_instances)) {
            QVERIFY(waitUntil(
                [&] {
                    const HttpResult health = instance->send("GET", u"/api/v1/health"_s);
                    return health.status == 200 && health.object()
                                                           .value(u"checks"_s)
                                                           .toObject()
                                                           .value(u"sync"_s)
                                                           .toString() == u"ok"_s;
                },
                15000));
        }
        QStringList made;
        for (int n = 0; n < 4; ++n) {
            const HttpResult created = m_instances.at(n)->send(
                "POST", u"/api/v1/agents"_s, agentBody(u"After the outage %1"_s.arg(n)));
            QVERIFY2(created.status == 201, created.body.constData());
            made << created.object().value(u"id"_s).toString();
        }
        for (int n = 0; n < 4; ++n) {
            Instance *next = m_instances.at((n + 1) % 4);
            QVERIFY(waitUntil(
                [&] { return next->send("GET", u"/api/v1/agents/"_s + made.at(n)).status == 200; },
                1000));
        }
        for (Instance *instance : std::as_const(m_instances))
            QVERIFY2(instance->running(), qPrintable(instance->output()));
    }
};

QTEST_GUILESS_MAIN(TestTeamLoad)
#include "tst_team_load.moc"
