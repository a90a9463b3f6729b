// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHub.h"
#include "RateLimiter.h"
#include "TestHttp.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>

class Core;
class ProviderFactory;
class SecretStore;
class ServerStack;

struct TestServerOptions
{
    // Generous by default so tests are not throttled; rate-limit tests set their own.
    RateLimits limits{1000000, 1000000, 1000000};
    double sandboxTimeScale = 0.05; // a sandbox call lasts about half a second
    QString dataDir;                // empty: a temporary folder of the server's own
    ProviderDefaults defaults;
    // Null: the sandbox. Called again on restart().
    std::function<std::unique_ptr<ProviderFactory>()> providers;
    qint64 maxBodyBytes = 1024 * 1024;
    int monitorFirstMs = 20;
    int monitorMaxMs = 60;
    int monitorUltravoxGraceMs = 120000; // how long an ended call waits for Ultravox to end it
    // Empty: SQLite in the data folder; else a postgresql:// URL (team mode).
    QString databaseUrl;
    // The keychain service the secrets go to: one per simulated operator in team tests.
    QString keychainService = QStringLiteral("switchboard-test");
    int leaseTtlMs = 15000;
    int costWindowMs = 60000; // how long an ended call's price and billed duration are awaited
    int liveTranscriptMs = 40; // how often a call in progress has its messages read
    int campaignTickMs = 50;
};

// The real REST server, in-process, on a free loopback port, over a real SQLite database in a
// temporary folder (or the PostgreSQL database of TestServerOptions::databaseUrl), with the real
// keychain-backed secret store.
class TestServer
{
public:
    static constexpr const char *ApiKey = "test-api-key-0123456789";

    explicit TestServer(TestServerOptions options = {});
    ~TestServer();

    // Opens the store and listens; QFAIL-friendly: returns false with the reason.
    bool start(QString *error = nullptr);
    // Stops everything and starts again on the same data folder (persistence tests).
    bool restart();
    void stop();

    quint16 port() const;
    QUrl url(const QString &pathAndQuery) const;
    ServerStack &stack() { return *m_stack; }
    Core &core();
    SecretStore &secrets() { return *m_secrets; }
    QString dataDir() const { return m_dataDir; }

    // Requests carry the API key unless `withKey` is false.
    HttpResult request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                       TestHttp::Headers headers = {}, bool withKey = true);
    HttpResult get(const QString &path) { return request("GET", path); }
    HttpResult post(const QString &path, const QJsonObject &body);
    HttpResult put(const QString &path, const QJsonObject &body);
    HttpResult del(const QString &path) { return request("DELETE", path); }

private:
    TestServerOptions m_options;
    QTemporaryDir m_ownDataDir;
    QString m_dataDir;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ServerStack> m_stack;
};

// Processes events until `condition` holds or `timeoutMs` passes; returns the condition.
bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 10000);
