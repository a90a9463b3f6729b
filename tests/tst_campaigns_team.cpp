// SPDX-License-Identifier: GPL-3.0-or-later
// Campaigns in team mode: two instances on one PostgreSQL server (started by the test) share one
// campaign against the fake providers. Each recipient is dialed once, both instances dial, the
// limits hold team-wide, and when one instance freezes half-way (as a killed or hung machine
// would: it closes nothing) the other takes its recipients over after their leases run out,
// learns the fate of its open attempts, and finishes the campaign without calling anyone twice.
// And a `switchboard --headless` process killed with SIGKILL in the middle of a campaign, then
// started again on the same data folder, dials nobody twice.
#include "Core.h"
#include "FakeTwilio.h"
#include "FakeUltravox.h"
#include "HttpProviderFactory.h"
#include "TeamInstance.h"
#include "TempPostgres.h"
#include "TestHttp.h"

#include <QJsonArray>
#include <QProcess>
#include <QtTest>

#include <signal.h>

using namespace Qt::StringLiterals;

namespace {
constexpr int LeaseTtlMs = 1500;
const QByteArray ApiKey = "campaign-test-key-42";

QByteArray csvOf(int count, int first)
{
    QByteArray csv = "phone_number,customer_name\n";
    for (int i = 0; i < count; ++i)
        csv += u"+1415555%1,Ada\n"_s.arg(first + i, 4, 10, QChar(u'0')).toUtf8();
    return csv;
}
} // namespace

class TestCampaignsTeam : public QObject
{
    Q_OBJECT

    TempPostgres m_postgres;
    std::unique_ptr<FakeUltravox> m_ultravox;
    std::unique_ptr<FakeTwilio> m_twilio;
    std::unique_ptr<TeamInstance> m_a;
    std::unique_ptr<TeamInstance> m_b;
    int m_databases = 0;

    TestServerOptions options(const QString &url, const QString &name) const
    {
        TestServerOptions options;
        options.databaseUrl = url;
        options.keychainService = u"switchboard-test-campaign-"_s + name;
        options.leaseTtlMs = LeaseTtlMs;
        options.defaults.ultravox = m_ultravox->credentials();
        options.defaults.twilio = m_twilio->credentials();
        options.defaults.fromNumber = QString::fromLatin1(FakeTwilio::FromNumber);
        options.providers = [] {
            HttpClientOptions client;
            client.timeoutMs = 2000;
            return std::make_unique<HttpProviderFactory>(client);
        };
        return options;
    }

    QString createCampaign(int maxConcurrent)
    {
        const HttpResult agent =
            m_a->post(u"/api/v1/agents"_s,
                      {{u"name"_s, u"Reminder"_s}, {u"prompt"_s, u"Remind {{customer_name}}."_s}});
        const QJsonObject body{
            {u"name"_s, u"Team list"_s},
            {u"agent_id"_s, agent.object().value(u"id"_s).toString()},
            {u"max_concurrent_calls"_s, maxConcurrent},
            {u"calls_per_minute"_s, 1000},
            {u"calling_hours"_s,
             QJsonObject{{u"start"_s, u"00:00"_s},
                         {u"end"_s, u"24:00"_s},
                         {u"days"_s, QJsonArray{u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s, u"fri"_s,
                                                u"sat"_s, u"sun"_s}}}}};
        return m_a->post(u"/api/v1/campaigns"_s, body).object().value(u"id"_s).toString();
    }

    QJsonObject counts(TeamInstance &instance, const QString &id)
    {
        return instance.get(u"/api/v1/campaigns/"_s + id).object().value(u"counts"_s).toObject();
    }

    bool completed(TeamInstance &instance, const QString &id, int timeoutMs)
    {
        return waitUntil(
            [&] {
                return instance.get(u"/api/v1/campaigns/"_s + id).object().value(u"status"_s) ==
                       u"completed"_s;
            },
            timeoutMs);
    }

    int instancesThatDialed(const QString &database, const QString &id)
    {
        return m_postgres
            .psql(
                database,
                u"SELECT COUNT(DISTINCT instance) FROM campaign_attempts WHERE campaign_id = '%1' "
                u"AND call_sid IS NOT NULL"_s.arg(id))
            .trimmed()
            .toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_postgres.start(&error), qPrintable(error));
    }

    void init()
    {
        m_ultravox = std::make_unique<FakeUltravox>();
        m_twilio = std::make_unique<FakeTwilio>();
        QVERIFY(m_ultravox->start());
        QVERIFY(m_twilio->start());
        m_twilio->acceptJoinUrlsFrom(m_ultravox.get());
        m_twilio->setDefaultTimeline({u"ringing"_s, u"ringing"_s, u"in-progress"_s,
                                      u"in-progress"_s, u"in-progress"_s, u"completed"_s});
        const QString database = u"campaigns%1"_s.arg(++m_databases);
        QString error;
        QVERIFY2(m_postgres.createDatabase(database, &error), qPrintable(error));
        m_a = std::make_unique<TeamInstance>(u"a"_s, options(m_postgres.url(database), u"a"_s));
        m_b = std::make_unique<TeamInstance>(u"b"_s, options(m_postgres.url(database), u"b"_s));
        QVERIFY2(m_a->start(&error), qPrintable(error));
        QVERIFY2(m_b->start(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_a->thaw();
        m_b.reset();
        m_a.reset();
        const QStringList violations = m_ultravox->violations() + m_twilio->violations();
        m_ultravox.reset();
        m_twilio.reset();
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
    }

    void twoInstancesDialEachRecipientOnce()
    {
        const QString id = createCampaign(4);
        const HttpResult imported =
            m_a->server().request("POST", u"/api/v1/campaigns/%1/recipients"_s.arg(id),
                                  csvOf(30, 100), {{"Content-Type", "text/csv"}});
        QCOMPARE(imported.object().value(u"accepted"_s).toInt(), 30);
        QCOMPARE(m_b->post(u"/api/v1/campaigns/%1/start"_s.arg(id), {}).status, 200);
        QVERIFY(completed(*m_a, id, 60000));
        const QStringList dialed = m_twilio->dialedNumbers();
        QCOMPARE(dialed.size(), 30);
        QCOMPARE(QSet<QString>(dialed.cbegin(), dialed.cend()).size(), 30);
        QVERIFY2(m_twilio->peakConcurrentCalls() <= 4,
                 qPrintable(QString::number(m_twilio->peakConcurrentCalls())));
        QCOMPARE(counts(*m_b, id).value(u"completed"_s).toInt(), 30);
        QCOMPARE(instancesThatDialed(u"campaigns%1"_s.arg(m_databases), id), 2);
    }

    void theOtherTakesOverWhenOneFreezes()
    {
        const QString id = createCampaign(4);
        m_a->server().request("POST", u"/api/v1/campaigns/%1/recipients"_s.arg(id), csvOf(30, 400),
                              {{"Content-Type", "text/csv"}});
        QCOMPARE(m_a->post(u"/api/v1/campaigns/%1/start"_s.arg(id), {}).status, 200);
        QVERIFY(waitUntil([&] { return m_twilio->dialedNumbers().size() >= 10; }, 30000));
        m_a->freeze(); // mid-campaign, with calls under way, closing nothing
        QVERIFY(completed(*m_b, id, 90000));
        const QStringList dialed = m_twilio->dialedNumbers();
        QCOMPARE(QSet<QString>(dialed.cbegin(), dialed.cend()).size(), dialed.size());
        const QJsonObject finalCounts = counts(*m_b, id);
        // A call the frozen instance was in the middle of placing (Ultravox asked, Twilio not
        // yet) cannot be found at Twilio: it is unknown, never dialed again on its own.
        QCOMPARE(finalCounts.value(u"completed"_s).toInt() +
                     finalCounts.value(u"unknown"_s).toInt(),
                 30);
        QCOMPARE(dialed.size(), finalCounts.value(u"completed"_s).toInt());
        QVERIFY(finalCounts.value(u"completed"_s).toInt() >= 26);
    }

    // A headless Switchboard on `dataDir` with the default accounts at the fakes.
    std::unique_ptr<QProcess> startHeadless(const QString &dataDir, quint16 port)
    {
        QProcessEnvironment environment = TestHttp::headlessChildEnvironment(ApiKey, u"1"_s);
        environment.insert(u"ULTRAVOX_API_KEY"_s, m_ultravox->credentials().apiKey);
        environment.insert(u"TWILIO_ACCOUNT_SID"_s, QString::fromLatin1(FakeTwilio::AccountSid));
        environment.insert(u"TWILIO_AUTH_TOKEN"_s, QString::fromLatin1(FakeTwilio::AuthToken));
        environment.insert(u"TWILIO_PHONE_NUMBER"_s, QString::fromLatin1(FakeTwilio::FromNumber));
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment);
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        process->start(
            QStringLiteral(SWITCHBOARD_BINARY),
            {u"--headless"_s, u"--data-dir"_s, dataDir, u"--port"_s, QString::number(port),
             u"--ultravox-url"_s, m_ultravox->credentials().baseUrl.toString(), u"--twilio-url"_s,
             m_twilio->baseUrl().toString(), u"--rate-limit-per-minute"_s, u"100000"_s,
             u"--rate-limit-per-hour"_s, u"10000000"_s, u"--rate-limit-burst"_s, u"100000"_s});
        const bool serving = waitUntil(
            [&] {
                return TestHttp::send("GET", QUrl(u"http://127.0.0.1:%1/api/v1/health"_s.arg(port)),
                                      {}, {}, 500)
                           .status == 200;
            },
            20000);
        if (!serving)
            qWarning("the headless Switchboard did not start");
        return process;
    }

    HttpResult send(quint16 port, const QByteArray &method, const QString &path,
                    const QByteArray &body = {}, const QByteArray &type = "application/json")
    {
        return TestHttp::send(method, QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)), body,
                              {{"X-API-Key", ApiKey}, {"Content-Type", type}});
    }

    void killedHeadlessRunDialsNobodyTwice()
    {
        QTemporaryDir dataDir;
        const quint16 port = TestHttp::freePort();
        std::unique_ptr<QProcess> first = startHeadless(dataDir.path(), port);
        const QString agentId =
            send(port, "POST", u"/api/v1/agents"_s,
                 R"({"name": "Reminder", "prompt": "Remind {{customer_name}}."})")
                .object()
                .value(u"id"_s)
                .toString();
        QVERIFY(!agentId.isEmpty());
        const QString id =
            send(port, "POST", u"/api/v1/campaigns"_s,
                 u"{\"name\": \"Killed\", \"agent_id\": \"%1\", \"max_concurrent_calls\": 3, "
                 u"\"calls_per_minute\": 1000, "
                 u"\"calling_hours\": {\"start\": \"00:00\", \"end\": \"24:00\", \"days\": "
                 u"[\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]}}"_s.arg(agentId)
                     .toUtf8())
                .object()
                .value(u"id"_s)
                .toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(send(port, "POST", u"/api/v1/campaigns/%1/recipients"_s.arg(id), csvOf(20, 700),
                      "text/csv")
                     .object()
                     .value(u"accepted"_s)
                     .toInt(),
                 20);
        QCOMPARE(send(port, "POST", u"/api/v1/campaigns/%1/start"_s.arg(id)).status, 200);
        QVERIFY(waitUntil([&] { return m_twilio->dialedNumbers().size() >= 6; }, 30000));
        ::kill(pid_t(first->processId()), SIGKILL);
        QVERIFY(first->waitForFinished(10000));
        const int dialedBefore = int(m_twilio->dialedNumbers().size());

        std::unique_ptr<QProcess> second = startHeadless(dataDir.path(), port);
        const bool done = waitUntil(
            [&] {
                return send(port, "GET", u"/api/v1/campaigns/"_s + id)
                           .object()
                           .value(u"status"_s) == u"completed"_s;
            },
            60000);
        QVERIFY2(done, send(port, "GET", u"/api/v1/campaigns/"_s + id).body.constData());
        const QStringList dialed = m_twilio->dialedNumbers();
        QVERIFY2(dialed.size() > dialedBefore,
                 send(port, "GET", u"/api/v1/campaigns/"_s + id)
                     .body.constData()); // the second run went on with the list
        QCOMPARE(QSet<QString>(dialed.cbegin(), dialed.cend()).size(), dialed.size());
        const QJsonObject finalCounts =
            send(port, "GET", u"/api/v1/campaigns/"_s + id).object().value(u"counts"_s).toObject();
        QCOMPARE(finalCounts.value(u"completed"_s).toInt() +
                     finalCounts.value(u"unknown"_s).toInt(),
                 20);
        QCOMPARE(dialed.size(), finalCounts.value(u"completed"_s).toInt());
        second->terminate();
        second->waitForFinished(10000);
    }
};

QTEST_GUILESS_MAIN(TestCampaignsTeam)
#include "tst_campaigns_team.moc"
