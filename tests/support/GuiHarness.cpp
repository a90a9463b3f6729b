// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiHarness.h"

#include "AgentTableModel.h"
#include "AgentsPane.h"
#include "AppSettings.h"
#include "CoreBridge.h"
#include "CoreRunner.h"
#include "HttpProviderFactory.h"
#include "KeychainSecretStore.h"
#include "MainWindow.h"
#include "SandboxProviderFactory.h"
#include "ServerStack.h"
#include "Translations.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

GuiHarness::GuiHarness(GuiHarnessOptions options)
    : m_options(std::move(options))
    , m_dataDir(m_options.dataDir.isEmpty() ? m_ownDir.path() : m_options.dataDir)
    , m_secrets(std::make_unique<KeychainSecretStore>(m_options.keychainService, 5000))
    , m_settings(std::make_unique<AppSettings>(m_dataDir))
{
    Translations::install(); // as GuiApp does: "1 call", "2 calls"
    m_settings->setFirstRunDone(m_options.firstRunDone);
    m_settings->setSandboxDemoSeeded(true);
    m_settings->setDefaultRegion(u"US"_s);
}

GuiHarness::~GuiHarness()
{
    m_window.reset();
    m_bridge.reset();
    m_runner.reset();
}

bool GuiHarness::start(QString *error)
{
    StackConfig config;
    config.store = StoreLocation::sqliteInDataDir(m_dataDir);
    if (!m_options.databaseUrl.isEmpty() &&
        !StoreLocation::parse(m_options.databaseUrl, &config.store, error))
        return false;
    config.server.port = 0;
    config.server.limits = RateLimits{1000000, 1000000, 1000000};
    config.pacing.firstMs = 20;
    config.pacing.maxMs = 60;
    config.pacing.maxBackoffMs = 200;
    config.pacing.liveTranscriptMs = 40;
    config.apiKey = QString::fromLatin1(ApiKey);
    std::unique_ptr<ProviderFactory> providers;
    if (m_options.sandbox) {
        SandboxOptions sandbox;
        sandbox.timeScale = m_options.sandboxTimeScale;
        providers = std::make_unique<SandboxProviderFactory>(sandbox);
    } else { // the real clients with no accounts: what a new operator starts with
        providers = std::make_unique<HttpProviderFactory>();
    }
    auto stack = std::make_unique<ServerStack>(config, *m_secrets, std::move(providers));
    m_runner = std::make_unique<CoreRunner>(std::move(stack));
    const CoreRunner::Status status = m_runner->start();
    if (!status.storeOpen() || !status.listening()) {
        if (error)
            *error = status.storeError + status.listenError;
        return false;
    }
    m_bridge = std::make_unique<CoreBridge>(m_runner->stack());
    WindowContext context{*m_settings,
                          *m_secrets,
                          m_dataDir,
                          config.store.displayName(),
                          m_options.databaseUrl,
                          QString::fromLatin1(ApiKey),
                          m_bridge.get(),
                          {},
                          {}};
    m_window = std::make_unique<MainWindow>(context);
    return true;
}

ServerStack &GuiHarness::stack()
{
    return m_runner->stack();
}

HttpResult GuiHarness::api(const QByteArray &method, const QString &path, const QByteArray &body)
{
    return TestHttp::send(method, QUrl(m_bridge->apiBaseUrl() + path), body,
                          {{"X-API-Key", ApiKey}});
}

QString GuiHarness::createActiveAgent(const QJsonObject &body, int timeoutMs)
{
    const QString id = api("POST", u"/api/v1/agents"_s, QJsonDocument(body).toJson())
                           .object()
                           .value(u"id"_s)
                           .toString();
    const bool ready =
        !id.isEmpty() && QTest::qWaitFor(
                             [&] {
                                 return api("GET", u"/api/v1/agents/"_s + id)
                                                .object()
                                                .value(u"status"_s)
                                                .toString() == u"active"_s &&
                                        m_window->agentsPane()->model()->rowOf(id) >= 0;
                             },
                             timeoutMs);
    return ready ? id : QString();
}

void waitOrExit(const std::function<bool()> &condition, int timeoutMs, const char *what)
{
    if (QTest::qWaitFor(condition, timeoutMs))
        return;
    std::fprintf(stderr, "gave up after %d ms waiting for %s\n", timeoutMs, what);
    std::exit(1);
}

AppOptions sandboxAppOptions(quint16 port)
{
    AppOptions options;
    options.sandbox = true;
    options.port = port;
    options.portGiven = true;
    return options;
}
