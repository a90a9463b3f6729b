// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestServer.h"

#include "AppError.h"
#include "KeychainSecretStore.h"
#include "SandboxProviderFactory.h"
#include "ServerStack.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

using namespace Qt::StringLiterals;

TestServer::TestServer(TestServerOptions options)
    : m_options(std::move(options))
    , m_dataDir(m_options.dataDir.isEmpty() ? m_ownDataDir.path() : m_options.dataDir)
    , m_secrets(std::make_unique<KeychainSecretStore>(m_options.keychainService, 10000))
{
}

TestServer::~TestServer()
{
    stop();
}

bool TestServer::start(QString *error)
{
    StackConfig config;
    config.store = StoreLocation::sqliteInDataDir(m_dataDir);
    if (!m_options.databaseUrl.isEmpty()) {
        QString reason;
        if (!StoreLocation::parse(m_options.databaseUrl, &config.store, &reason)) {
            if (error)
                *error = reason;
            return false;
        }
    }
    config.server.port = 0;
    config.server.limits = m_options.limits;
    config.server.maxBodyBytes = m_options.maxBodyBytes;
    config.defaults = m_options.defaults;
    config.pacing.firstMs = m_options.monitorFirstMs;
    config.pacing.maxMs = m_options.monitorMaxMs;
    config.pacing.maxBackoffMs = m_options.monitorMaxMs * 4;
    config.pacing.ultravoxGraceMs = m_options.monitorUltravoxGraceMs;
    config.pacing.leaseTtlMs = m_options.leaseTtlMs;
    config.pacing.costWindowMs = m_options.costWindowMs;
    config.pacing.costMaxMs = m_options.monitorMaxMs * 2;
    config.pacing.liveTranscriptMs = m_options.liveTranscriptMs;
    config.dataDir = m_dataDir;
    config.pacing.campaignTickMs = m_options.campaignTickMs;
    config.apiKey = QString::fromLatin1(ApiKey);
    std::unique_ptr<ProviderFactory> providers;
    if (m_options.providers) {
        providers = m_options.providers();
    } else {
        SandboxOptions sandbox;
        sandbox.timeScale = m_options.sandboxTimeScale;
        providers = std::make_unique<SandboxProviderFactory>(sandbox);
    }
    m_stack = std::make_unique<ServerStack>(config, *m_secrets, std::move(providers));
    QString reason;
    try {
        m_stack->open();
        if (m_stack->listen(&reason))
            return true;
    } catch (const AppError &failure) {
        reason = failure.message();
    }
    if (error)
        *error = reason;
    qWarning("TestServer: %s", qPrintable(reason));
    m_stack.reset();
    return false;
}

void TestServer::stop()
{
    m_stack.reset();
}

bool TestServer::restart()
{
    stop();
    return start();
}

Core &TestServer::core()
{
    return m_stack->core();
}

quint16 TestServer::port() const
{
    return m_stack->server().port();
}

QUrl TestServer::url(const QString &pathAndQuery) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port()).arg(pathAndQuery));
}

HttpResult TestServer::request(const QByteArray &method, const QString &path,
                               const QByteArray &body, TestHttp::Headers headers, bool withKey)
{
    if (withKey)
        headers.append(qMakePair(QByteArray("X-API-Key"), QByteArray(ApiKey)));
    return TestHttp::send(method, url(path), body, headers);
}

HttpResult TestServer::post(const QString &path, const QJsonObject &body)
{
    return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResult TestServer::put(const QString &path, const QJsonObject &body)
{
    return request("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}
