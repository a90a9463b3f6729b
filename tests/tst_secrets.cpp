// SPDX-License-Identifier: GPL-3.0-or-later
// Secrets against a real gnome-keyring in a private D-Bus session that this test starts itself:
// the keychain-backed store, the local API key, and company secrets that the API never returns
// and the database never holds.
#include "AppError.h"
#include "Credentials.h"
#include "KeychainSecretStore.h"
#include "KeyringSession.h"
#include "TestServer.h"

#include <QProcess>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
// What the Secret Service itself holds, asked with libsecret's command-line tool when present,
// otherwise through a second, independent store instance.
std::optional<QString> keyringValue(const QString &service, const QString &key)
{
    KeychainSecretStore independent(service);
    return independent.read(key);
}

QByteArray everythingOnDisk(const QString &dataDir)
{
    QByteArray bytes;
    for (const QFileInfo &file : QDir(dataDir).entryInfoList(QDir::Files | QDir::Hidden)) {
        QFile f(file.absoluteFilePath());
        if (f.open(QIODevice::ReadOnly))
            bytes += f.readAll();
    }
    return bytes;
}

const QString token = u"twilio-token-5f2a9c0b7e"_s;
const QString ultravoxKey = u"uv-secret-key-8d41e6a2"_s;

QJsonObject companyBody()
{
    return {{u"name"_s, u"Acme"_s},
            {u"twilio"_s, QJsonObject{{u"account_sid"_s, QString(u"AC"_s + QString(32, u'b'))},
                                      {u"auth_token"_s, token},
                                      {u"phone_number"_s, u"+14155550100"_s}}},
            {u"ultravox"_s,
             QJsonObject{{u"api_key"_s, ultravoxKey}, {u"system_prompt"_s, u"Hello."_s}}}};
}
} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(KeyringSession::active(), "not running inside the keyring session");
    }

    void storeWritesReadsAndRemovesThroughTheKeyring()
    {
        KeychainSecretStore store(u"switchboard-test-store"_s);
        QVERIFY(!store.read(u"missing"_s).has_value());
        store.write(u"greeting"_s, u"hello keyring"_s);
        QVERIFY(store.isPersistent());
        QCOMPARE(store.status(), u"ok"_s);
        QCOMPARE(keyringValue(u"switchboard-test-store"_s, u"greeting"_s).value_or(QString()),
                 u"hello keyring"_s);

        if (!QStandardPaths::findExecutable(u"secret-tool"_s).isEmpty()) {
            QProcess lookup;
            lookup.start(u"secret-tool"_s,
                         {u"search"_s, u"--all"_s, u"server"_s, u"switchboard-test-store"_s});
            QVERIFY(lookup.waitForFinished());
            QVERIFY2(lookup.readAllStandardOutput().contains("hello keyring") ||
                         lookup.readAllStandardError().contains("hello keyring"),
                     "secret-tool does not see the secret");
        }
        store.remove(u"greeting"_s);
        QVERIFY(!store.read(u"greeting"_s).has_value());
        QVERIFY(!keyringValue(u"switchboard-test-store"_s, u"greeting"_s).has_value());
    }

    void apiKeyIsGeneratedOnceAndKeptInTheKeychain()
    {
        qunsetenv("SWITCHBOARD_API_KEY");
        KeychainSecretStore store(u"switchboard-test-apikey"_s);
        const Credentials::ApiKey first = Credentials::loadOrCreateApiKey(store);
        QCOMPARE(first.source, Credentials::Source::Generated);
        QVERIFY(first.key.size() >= 40);
        KeychainSecretStore later(u"switchboard-test-apikey"_s); // as after a restart
        const Credentials::ApiKey second = Credentials::loadOrCreateApiKey(later);
        QCOMPARE(second.source, Credentials::Source::Keychain);
        QCOMPARE(second.key, first.key);
    }

    void environmentKeyIsUsedWhenTheKeychainHoldsNone()
    {
        KeychainSecretStore store(u"switchboard-test-envkey"_s);
        qputenv("SWITCHBOARD_API_KEY", "env-provided-key-123");
        const Credentials::ApiKey key = Credentials::loadOrCreateApiKey(store);
        QCOMPARE(key.source, Credentials::Source::Environment);
        QCOMPARE(key.key, u"env-provided-key-123"_s);
        QVERIFY(!store.read(Credentials::Keys::ApiKey).has_value()); // not copied into the keychain
        qputenv("SWITCHBOARD_API_KEY", "short");
        QVERIFY_THROWS_EXCEPTION(AppError, Credentials::loadOrCreateApiKey(store));
        qunsetenv("SWITCHBOARD_API_KEY");
    }

    void whatIsSetExplicitlyWinsOverTheKeychain()
    {
        // A key kept from an earlier run, and new credentials in the environment (a systemd unit,
        // a container): the environment's are the ones used, and the keychain is left alone.
        KeychainSecretStore store(u"switchboard-test-precedence"_s);
        store.write(Credentials::Keys::ApiKey, u"stored-api-key-0123456789"_s);
        store.write(Credentials::Keys::UltravoxApiKey, u"stored-ultravox-key-0123"_s);
        store.write(Credentials::Keys::TwilioAccountSid, u"AC00000000000000000000000000000000"_s);
        store.write(Credentials::Keys::TwilioPhoneNumber, u"+14155550100"_s);
        qputenv("SWITCHBOARD_API_KEY", "environment-api-key-0123");
        qputenv("ULTRAVOX_API_KEY", "environment-ultravox-key-01");
        qputenv("TWILIO_ACCOUNT_SID", "AC11111111111111111111111111111111");
        qunsetenv("TWILIO_AUTH_TOKEN");
        qunsetenv("TWILIO_PHONE_NUMBER");

        const Credentials::ApiKey key = Credentials::loadOrCreateApiKey(store);
        QCOMPARE(key.key, u"environment-api-key-0123"_s);
        QCOMPARE(key.source, Credentials::Source::Environment);
        ProviderDefaults defaults = Credentials::loadProviderDefaults(store, {}, {});
        QCOMPARE(defaults.ultravox.apiKey, u"environment-ultravox-key-01"_s);
        QCOMPARE(defaults.twilio.accountSid, u"AC11111111111111111111111111111111"_s);
        QCOMPARE(defaults.fromNumber, u"+14155550100"_s); // not in the environment: the keychain's
        QCOMPARE(defaults.sources.value(u"ULTRAVOX_API_KEY"_s), u"environment"_s);
        QCOMPARE(defaults.sources.value(u"TWILIO_ACCOUNT_SID"_s), u"environment"_s);
        QCOMPARE(defaults.sources.value(u"TWILIO_PHONE_NUMBER"_s), u"keychain"_s);
        QCOMPARE(defaults.sources.value(u"TWILIO_AUTH_TOKEN"_s), u"not set"_s);
        QCOMPARE(store.read(Credentials::Keys::ApiKey).value_or(QString()),
                 u"stored-api-key-0123456789"_s);

        // The command line's credentials file beats the environment in turn.
        QTemporaryDir dir;
        QFile file(dir.filePath(u"credentials.env"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# for the unit\nSWITCHBOARD_API_KEY=\"file-api-key-0123456789\"\n\n"
                   "TWILIO_PHONE_NUMBER = +14155550199\n");
        file.close();
        Credentials::setCommandLineValues(Credentials::readCredentialsFile(file.fileName()));
        const Credentials::ApiKey fromFile = Credentials::loadOrCreateApiKey(store);
        QCOMPARE(fromFile.key, u"file-api-key-0123456789"_s);
        QCOMPARE(fromFile.source, Credentials::Source::CommandLine);
        defaults = Credentials::loadProviderDefaults(store, {}, {});
        QCOMPARE(defaults.fromNumber, u"+14155550199"_s);
        QCOMPARE(defaults.sources.value(u"TWILIO_PHONE_NUMBER"_s), u"command line"_s);
        QCOMPARE(defaults.sources.value(u"ULTRAVOX_API_KEY"_s), u"environment"_s);
        Credentials::setCommandLineValues({});

        // Without the variables, the keychain's values come back.
        qunsetenv("SWITCHBOARD_API_KEY");
        qunsetenv("ULTRAVOX_API_KEY");
        qunsetenv("TWILIO_ACCOUNT_SID");
        QCOMPARE(Credentials::loadOrCreateApiKey(store).source, Credentials::Source::Keychain);
        defaults = Credentials::loadProviderDefaults(store, {}, {});
        QCOMPARE(defaults.ultravox.apiKey, u"stored-ultravox-key-0123"_s);
        QCOMPARE(defaults.sources.value(u"ULTRAVOX_API_KEY"_s), u"keychain"_s);
    }

    void badCredentialsFilesNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no equals")
            << QByteArray("ULTRAVOX_API_KEY\n") << u"line 1: expected NAME=value"_s;
        QTest::newRow("unknown") << QByteArray("\nPATH=/bin\n") << u"line 2: unknown name 'PATH'"_s;
        QTest::newRow("empty value") << QByteArray("TWILIO_AUTH_TOKEN=\"\"") << u"has no value"_s;
    }
    void badCredentialsFilesNameTheLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, problem);
        try {
            Credentials::parseCredentials(text, u"creds.env"_s);
            QFAIL("accepted");
        } catch (const AppError &error) {
            QVERIFY2(error.message().contains(u"creds.env"_s), qPrintable(error.message()));
            QVERIFY2(error.message().contains(problem), qPrintable(error.message()));
        }
        QVERIFY_THROWS_EXCEPTION(AppError, Credentials::readCredentialsFile(u"/nonexistent/x"_s));
    }

    void companySecretsGoToTheKeychainOnly()
    {
        TestServer server;
        QVERIFY(server.start());
        const HttpResult created = server.post(u"/api/v1/companies"_s, companyBody());
        QCOMPARE(created.status, 201);
        QVERIFY(!created.body.contains(token.toUtf8()));
        QVERIFY(!created.body.contains(ultravoxKey.toUtf8()));
        const QJsonObject company = created.object();
        QVERIFY(!company.contains(u"warnings"_s)); // the keychain took them
        QCOMPARE(company.value(u"twilio"_s).toObject().value(u"auth_token_set"_s).toBool(), true);
        QCOMPARE(company.value(u"ultravox"_s).toObject().value(u"api_key_set"_s).toBool(), true);
        const qint64 id = company.value(u"id"_s).toInteger();

        QCOMPARE(keyringValue(u"switchboard-test"_s, u"company/%1/twilio_auth_token"_s.arg(id))
                     .value_or(QString()),
                 token);
        QCOMPARE(keyringValue(u"switchboard-test"_s, u"company/%1/ultravox_api_key"_s.arg(id))
                     .value_or(QString()),
                 ultravoxKey);

        const HttpResult listed = server.get(u"/api/v1/companies"_s);
        QVERIFY(!listed.body.contains(token.toUtf8()));
        const HttpResult recent = server.get(u"/api/v1/metrics/api-calls?limit=1000"_s);
        QVERIFY(!recent.body.contains(token.toUtf8()));
        const HttpResult events = server.get(u"/api/v1/metrics/events"_s);
        QVERIFY(!events.body.contains(token.toUtf8()));

        const QString dataDir = server.dataDir();
        server.stop(); // checkpoints the WAL into the database file
        const QByteArray disk = everythingOnDisk(dataDir);
        QVERIFY(!disk.isEmpty());
        QVERIFY2(!disk.contains(token.toUtf8()), "the auth token is in the data folder");
        QVERIFY2(!disk.contains(ultravoxKey.toUtf8()), "the Ultravox key is in the data folder");
    }

    void updatesKeepOrReplaceSecretsAndDeleteRemovesThem()
    {
        TestServer server;
        QVERIFY(server.start());
        const qint64 id =
            server.post(u"/api/v1/companies"_s, companyBody()).object().value(u"id"_s).toInteger();
        const QString tokenKey = u"company/%1/twilio_auth_token"_s.arg(id);

        QJsonObject withoutSecrets = companyBody();
        QJsonObject twilio = withoutSecrets.value(u"twilio"_s).toObject();
        twilio.remove(u"auth_token"_s);
        withoutSecrets.insert(u"twilio"_s, twilio);
        QJsonObject ultravox = withoutSecrets.value(u"ultravox"_s).toObject();
        ultravox.remove(u"api_key"_s);
        withoutSecrets.insert(u"ultravox"_s, ultravox);
        withoutSecrets.insert(u"name"_s, u"Acme Renamed"_s);
        const HttpResult kept = server.put(u"/api/v1/companies/%1"_s.arg(id), withoutSecrets);
        QCOMPARE(kept.status, 200);
        QCOMPARE(kept.object().value(u"twilio"_s).toObject().value(u"auth_token_set"_s).toBool(),
                 true);
        QCOMPARE(keyringValue(u"switchboard-test"_s, tokenKey).value_or(QString()), token);

        twilio.insert(u"auth_token"_s, u"rotated-token-1234"_s);
        withoutSecrets.insert(u"twilio"_s, twilio);
        QCOMPARE(server.put(u"/api/v1/companies/%1"_s.arg(id), withoutSecrets).status, 200);
        QCOMPARE(keyringValue(u"switchboard-test"_s, tokenKey).value_or(QString()),
                 u"rotated-token-1234"_s);

        QVERIFY(server.restart());
        QCOMPARE(server.get(u"/api/v1/companies/%1"_s.arg(id)).object().value(u"name"_s).toString(),
                 u"Acme Renamed"_s);

        QCOMPARE(server.del(u"/api/v1/companies/%1"_s.arg(id)).status, 204);
        QVERIFY(!keyringValue(u"switchboard-test"_s, tokenKey).has_value());
        QCOMPARE(server.get(u"/api/v1/companies/%1"_s.arg(id)).status, 404);
    }

    void invalidCompaniesAreRefusedWithoutTouchingTheKeychain()
    {
        TestServer server;
        QVERIFY(server.start());
        QJsonObject bad = companyBody();
        QJsonObject twilio = bad.value(u"twilio"_s).toObject();
        twilio.insert(u"account_sid"_s, u"not-a-sid"_s);
        bad.insert(u"twilio"_s, twilio);
        const HttpResult refused = server.post(u"/api/v1/companies"_s, bad);
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.object().value(u"details"_s).toObject().contains(u"twilio.account_sid"_s));
        QVERIFY(!refused.body.contains(token.toUtf8()));
        QCOMPARE(server.get(u"/api/v1/companies"_s).array().size(), 0);
        QVERIFY(!keyringValue(u"switchboard-test"_s, u"company/1/twilio_auth_token"_s).has_value());
        QCOMPARE(server.get(u"/api/v1/companies/abc"_s).status, 400);
        QCOMPARE(server.get(u"/api/v1/companies/77"_s).status, 404);
    }
};

SWITCHBOARD_TEST_MAIN_WITH_KEYRING(TestSecrets)
#include "tst_secrets.moc"
