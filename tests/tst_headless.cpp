// SPDX-License-Identifier: GPL-3.0-or-later
// The switchboard binary itself: --version, bad options, the headless sandbox answering on its
// port, clean shutdown on SIGTERM/SIGINT with nothing lost, and clear errors (with distinct exit
// codes) when the port is taken, the data folder cannot be used or the database is damaged.
#include "KeyringSession.h"
#include "TestHttp.h"

#include <QProcess>
#include <QTcpServer>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {
const QString binary = QStringLiteral(SWITCHBOARD_BINARY);
const QByteArray apiKey = "headless-test-key-42";

// No keychain for the child (no session bus, no display): the environment's key is used.
QProcessEnvironment childEnvironment()
{
    return TestHttp::headlessChildEnvironment(apiKey, u"0.05"_s);
}

struct Finished
{
    int exitCode = -1;
    QString output;
};

Finished runToEnd(const QStringList &arguments,
                  QProcessEnvironment environment = childEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(binary, arguments);
    process.waitForFinished(20000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAll())};
}

class RunningServer
{
public:
    RunningServer(const QString &dataDir, QStringList extra = {},
                  QProcessEnvironment environment = childEnvironment())
        : m_port(TestHttp::freePort())
    {
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(&m_process, &QProcess::readyRead, &m_process,
                         [this] { m_output += QString::fromUtf8(m_process.readAll()); });
        m_process.start(binary, QStringList{u"--headless"_s, u"--sandbox"_s, u"--data-dir"_s,
                                            dataDir, u"--port"_s, QString::number(m_port)} +
                                    extra);
    }
    ~RunningServer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    bool waitUntilServing()
    {
        for (int i = 0; i < 200; ++i) {
            if (m_process.state() == QProcess::NotRunning)
                return false;
            if (m_output.contains(u"Press Ctrl+C"_s) &&
                TestHttp::send("GET", url(u"/api/v1/health"_s), {}, {}, 1000).status == 200)
                return true;
            QTest::qWait(50);
        }
        return false;
    }
    QUrl url(const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path));
    }
    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return TestHttp::send(method, url(path), body, {{"X-API-Key", apiKey}});
    }
    int stop(int signalNumber)
    {
        ::kill(pid_t(m_process.processId()), signalNumber);
        if (!m_process.waitForFinished(15000))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QString output()
    {
        m_output += QString::fromUtf8(m_process.readAll());
        return m_output;
    }
    quint16 port() const { return m_port; }
    QProcess &process() { return m_process; }

private:
    quint16 m_port;
    QProcess m_process;
    QString m_output;
};
} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelp()
    {
        const Finished version = runToEnd({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.output.contains(QStringLiteral(SWITCHBOARD_VERSION_STRING)),
                 qPrintable(version.output));
        const Finished help = runToEnd({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        for (const QString &option :
             {u"--headless"_s, u"--port"_s, u"--bind"_s, u"--data-dir"_s, u"--database"_s,
              u"--sandbox"_s, u"--ultravox-url"_s, u"--twilio-url"_s, u"--rate-limit-per-minute"_s,
              u"--rate-limit-per-hour"_s, u"--rate-limit-burst"_s})
            QVERIFY2(help.output.contains(option), qPrintable(option));
    }

    void badOptionsNameTheProblem_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown option") << QStringList{u"--headles"_s} << u"headles"_s;
        QTest::newRow("port out of range")
            << QStringList{u"--headless"_s, u"--port"_s, u"70000"_s} << u"--port"_s;
        QTest::newRow("port not a number")
            << QStringList{u"--headless"_s, u"--port"_s, u"http"_s} << u"--port"_s;
        QTest::newRow("bind not an address")
            << QStringList{u"--headless"_s, u"--bind"_s, u"my-laptop"_s} << u"--bind"_s;
        QTest::newRow("zero rate limit")
            << QStringList{u"--headless"_s, u"--rate-limit-burst"_s, u"0"_s}
            << u"--rate-limit-burst"_s;
        QTest::newRow("bad provider url")
            << QStringList{u"--headless"_s, u"--twilio-url"_s, u"ftp://x"_s} << u"--twilio-url"_s;
        QTest::newRow("bad database url")
            << QStringList{u"--headless"_s, u"--database"_s, u"mysql://x/y"_s} << u"--database"_s;
        QTest::newRow("stray argument") << QStringList{u"--headless"_s, u"hello"_s} << u"hello"_s;
    }
    void badOptionsNameTheProblem()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const Finished result = runToEnd(arguments + QStringList{u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.output.contains(mentions), qPrintable(result.output));
    }

    void servesTheSandboxAndStopsCleanlyOnSigterm()
    {
        QTemporaryDir dir;
        QString agentId;
        QString inFlightId;
        {
            // Slow simulated providers (200 ms an answer), so a request is surely in flight.
            QProcessEnvironment slow = childEnvironment();
            slow.insert(u"SWITCHBOARD_SANDBOX_TIME_SCALE"_s, u"5"_s);
            RunningServer server(dir.path(), {}, slow);
            QVERIFY2(server.waitUntilServing(), qPrintable(server.output()));
            const QString banner = server.output();
            QVERIFY2(banner.contains(u"http://127.0.0.1:%1/api/v1"_s.arg(server.port())),
                     qPrintable(banner));
            QVERIFY(banner.contains(u"Sandbox mode"_s));
            QVERIFY(banner.contains(u"SWITCHBOARD_API_KEY"_s));
            QVERIFY(!banner.contains(
                QString::fromLatin1(apiKey))); // never printed when it came from outside

            const QJsonObject health =
                TestHttp::send("GET", server.url(u"/api/v1/health"_s)).object();
            QCOMPARE(health.value(u"mode"_s).toString(), u"sandbox"_s);
            QVERIFY(health.value(u"checks"_s)
                        .toObject()
                        .value(u"keychain"_s)
                        .toString()
                        .startsWith(u"unavailable"_s));

            const HttpResult created = server.send("POST", u"/api/v1/agents"_s,
                                                   "{\"name\":\"Persisted\",\"prompt\":\"Hi.\"}");
            QCOMPARE(created.status, 201);
            agentId = created.object().value(u"id"_s).toString();
            // A request in flight when SIGTERM arrives still gets its answer.
            QNetworkAccessManager manager;
            QNetworkRequest request(server.url(u"/api/v1/agents"_s));
            request.setRawHeader("X-API-Key", apiKey);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            QNetworkReply *inFlight =
                manager.post(request, QByteArray("{\"name\":\"In flight\",\"prompt\":\"Hi.\"}"));
            QTest::qWait(100);
            QCOMPARE(server.stop(SIGTERM), 0);
            QVERIFY(QTest::qWaitFor([&] { return inFlight->isFinished(); }, 5000));
            QCOMPARE(inFlight->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
            inFlightId =
                QJsonDocument::fromJson(inFlight->readAll()).object().value(u"id"_s).toString();
            QVERIFY(server.output().contains(u"Stopped."_s));
            inFlight->deleteLater();
        }
        RunningServer again(dir.path());
        QVERIFY(again.waitUntilServing());
        QCOMPARE(again.send("GET", u"/api/v1/agents/"_s + agentId).status, 200);
        const QJsonObject answered = again.send("GET", u"/api/v1/agents/"_s + inFlightId).object();
        QCOMPARE(answered.value(u"status"_s).toString(), u"active"_s); // finished before the exit
        QCOMPARE(again.stop(SIGINT), 0);
    }

    void generatesAKeyForTheRunWithoutKeychainOrEnvironment()
    {
        QTemporaryDir dir;
        QProcessEnvironment environment = childEnvironment();
        environment.remove(u"SWITCHBOARD_API_KEY"_s);
        RunningServer server(dir.path(), {}, environment);
        QVERIFY(server.waitUntilServing());
        const QString banner = server.output();
        QVERIFY2(banner.contains(u"for this run only"_s), qPrintable(banner));
        const QRegularExpressionMatch key =
            QRegularExpression(u"(sb_[A-Za-z0-9_-]{40,})"_s).match(banner);
        QVERIFY(key.hasMatch());
        QCOMPARE(TestHttp::send("GET", server.url(u"/api/v1/agents"_s), {},
                                {{"X-API-Key", key.captured(1).toLatin1()}})
                     .status,
                 200);
    }

    void theEnvironmentsKeyBeatsTheOneInTheKeychain()
    {
        QVERIFY2(KeyringSession::active(), "not running inside the keyring session");
        // The child reaches this test's private keyring.
        QProcessEnvironment withKeychain = childEnvironment();
        withKeychain.insert(u"DBUS_SESSION_BUS_ADDRESS"_s,
                            qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
        withKeychain.remove(u"SWITCHBOARD_API_KEY"_s);
        QTemporaryDir dir;
        QString storedKey;
        {
            // An earlier run: no key set, so one is made and kept in the keychain.
            RunningServer first(dir.path(), {}, withKeychain);
            QVERIFY2(first.waitUntilServing(), qPrintable(first.output()));
            const QRegularExpressionMatch key =
                QRegularExpression(u"stored in the keychain, shown only now\\): (sb_\\S+)"_s)
                    .match(first.output());
            QVERIFY2(key.hasMatch(), qPrintable(first.output()));
            storedKey = key.captured(1);
            QCOMPARE(first.stop(SIGTERM), 0);
        }
        {
            // Started again with a key (and an Ultravox key) in its environment: those win.
            QProcessEnvironment explicitKeys = withKeychain;
            explicitKeys.insert(u"SWITCHBOARD_API_KEY"_s, QString::fromLatin1(apiKey));
            explicitKeys.insert(u"ULTRAVOX_API_KEY"_s, u"environment-ultravox-key"_s);
            RunningServer server(dir.path(), {}, explicitKeys);
            QVERIFY2(server.waitUntilServing(), qPrintable(server.output()));
            const QString banner = server.output();
            QVERIFY2(banner.contains(u"API key: from SWITCHBOARD_API_KEY in the environment"_s),
                     qPrintable(banner));
            QVERIFY2(banner.contains(u"ULTRAVOX_API_KEY (environment)"_s), qPrintable(banner));
            QVERIFY2(banner.contains(u"TWILIO_AUTH_TOKEN (not set)"_s), qPrintable(banner));
            QVERIFY(!banner.contains(QString::fromLatin1(apiKey)));
            QVERIFY(!banner.contains(u"environment-ultravox-key"_s));
            QCOMPARE(server.send("GET", u"/api/v1/agents"_s).status, 200);
            QCOMPARE(TestHttp::send("GET", server.url(u"/api/v1/agents"_s), {},
                                    {{"X-API-Key", storedKey.toLatin1()}})
                         .status,
                     401);
            const HttpResult detailed = server.send("GET", u"/api/v1/health/detailed"_s);
            const QJsonObject sources = detailed.object().value(u"credentials"_s).toObject();
            QCOMPARE(sources.value(u"SWITCHBOARD_API_KEY"_s).toString(), u"environment"_s);
            QCOMPARE(sources.value(u"ULTRAVOX_API_KEY"_s).toString(), u"environment"_s);
            QCOMPARE(sources.value(u"TWILIO_ACCOUNT_SID"_s).toString(), u"not set"_s);
            QVERIFY(!detailed.body.contains(apiKey));
            QVERIFY(!detailed.body.contains("environment-ultravox-key"));
            QCOMPARE(server.stop(SIGTERM), 0);
        }
        {
            // Without it, the kept key serves again: the environment's was not written over it.
            RunningServer again(dir.path(), {}, withKeychain);
            QVERIFY2(again.waitUntilServing(), qPrintable(again.output()));
            QVERIFY2(again.output().contains(u"API key: the one in the keychain"_s),
                     qPrintable(again.output()));
            const HttpResult detailed =
                TestHttp::send("GET", again.url(u"/api/v1/health/detailed"_s), {},
                               {{"X-API-Key", storedKey.toLatin1()}});
            QCOMPARE(detailed.object()
                         .value(u"credentials"_s)
                         .toObject()
                         .value(u"SWITCHBOARD_API_KEY"_s)
                         .toString(),
                     u"keychain"_s);
            QCOMPARE(again.stop(SIGTERM), 0);
        }
    }

    void aSecondInstanceOnTheSameDataFolderIsRefused()
    {
        QTemporaryDir dir;
        RunningServer first(dir.path());
        QVERIFY(first.waitUntilServing());
        const Finished second =
            runToEnd({u"--headless"_s, u"--sandbox"_s, u"--data-dir"_s, dir.path(), u"--port"_s,
                      QString::number(TestHttp::freePort())});
        QCOMPARE(second.exitCode, 3);
        QVERIFY2(second.output.contains(u"Another Switchboard"_s), qPrintable(second.output));
        QVERIFY(second.output.contains(QString::number(first.process().processId())));
        QCOMPARE(first.stop(SIGTERM), 0);
        // Once it is gone the folder is free again, also after a crash (the lock is stale then).
        RunningServer third(dir.path());
        QVERIFY(third.waitUntilServing());
        third.process().kill();
        third.process().waitForFinished();
        RunningServer fourth(dir.path());
        QVERIFY(fourth.waitUntilServing());
    }

    void aTakenPortIsAClearError()
    {
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        const Finished result =
            runToEnd({u"--headless"_s, u"--sandbox"_s, u"--data-dir"_s, dir.path(), u"--port"_s,
                      QString::number(occupant.serverPort())});
        QCOMPARE(result.exitCode, 5);
        QVERIFY2(result.output.contains(QString::number(occupant.serverPort())),
                 qPrintable(result.output));
        QVERIFY(result.output.contains(u"--port"_s));
    }

    void anUnusableDataFolderIsAClearError()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(u"not-a-folder"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const Finished result = runToEnd({u"--headless"_s, u"--sandbox"_s, u"--data-dir"_s,
                                          dir.filePath(u"not-a-folder/data"_s), u"--port"_s,
                                          QString::number(TestHttp::freePort())});
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.output.contains(u"not-a-folder"_s), qPrintable(result.output));
        QVERIFY(result.output.contains(u"--data-dir"_s));
    }

    void aDamagedDatabaseIsAClearError()
    {
        QTemporaryDir dir;
        QFile database(dir.filePath(u"switchboard.db"_s));
        QVERIFY(database.open(QIODevice::WriteOnly));
        database.write("this is not a database, just text that happens to be here");
        database.close();
        const Finished result =
            runToEnd({u"--headless"_s, u"--sandbox"_s, u"--data-dir"_s, dir.path(), u"--port"_s,
                      QString::number(TestHttp::freePort())});
        QCOMPARE(result.exitCode, 4);
        QVERIFY2(result.output.contains(u"switchboard.db"_s), qPrintable(result.output));
    }

    void withoutADisplayTheWindowSaysHowToRun()
    {
        QProcessEnvironment environment = childEnvironment();
        environment.remove(u"QT_QPA_PLATFORM"_s);
        const Finished result = runToEnd({}, environment);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.output.contains(u"--headless"_s));
    }
};

// The keyring session serves the test that keeps a key in a real keychain; the other tests give
// their child a bus that does not exist, so it has no keychain.
SWITCHBOARD_TEST_MAIN_WITH_KEYRING(TestHeadless)
#include "tst_headless.moc"
