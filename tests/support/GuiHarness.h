// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AppOptions.h"

#include "TestHttp.h"

#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>

class AppSettings;
class CoreBridge;
class CoreRunner;
class MainWindow;
class SecretStore;
class ServerStack;

struct GuiHarnessOptions
{
    bool sandbox = true;
    double sandboxTimeScale = 0.05;
    bool firstRunDone = true;
    QString dataDir;     // empty: a temporary folder of the harness's own
    QString databaseUrl; // empty: SQLite in the data folder
    QString keychainService = QStringLiteral("switchboard-gui-test");
};

// The command line of a sandbox window (GuiApp) on `port` (0: any free one).
AppOptions sandboxAppOptions(quint16 port = 0);

// For tools that drive the window outside a test (screenshots, benchmarks): waits for `condition`
// while the event loop runs, and ends the process naming `what` if it does not come in time, so
// that no picture or figure is ever taken of a window that did not get there.
void waitOrExit(const std::function<bool()> &condition, int timeoutMs, const char *what);

// The window as GuiApp builds it: the services and the REST API on their own thread (a free
// loopback port, a real SQLite file in a temporary folder), the bridge, and the main window.
class GuiHarness
{
public:
    static constexpr const char *ApiKey = "gui-test-api-key-0123456789";

    explicit GuiHarness(GuiHarnessOptions options = {});
    ~GuiHarness();

    bool start(QString *error = nullptr);
    MainWindow &window() { return *m_window; }
    CoreBridge &bridge() { return *m_bridge; }
    ServerStack &stack();
    AppSettings &settings() { return *m_settings; }
    SecretStore &secrets() { return *m_secrets; }
    QString dataDir() const { return m_dataDir; }
    // Requests to the window's own REST API, with the key.
    HttpResult api(const QByteArray &method, const QString &path, const QByteArray &body = {});
    // Creates an agent through the API and waits until Ultravox (the sandbox's) took it and the
    // agents pane lists it; returns its id, empty when either did not happen in time.
    QString createActiveAgent(const QJsonObject &body, int timeoutMs = 10000);

private:
    GuiHarnessOptions m_options;
    QTemporaryDir m_ownDir;
    QString m_dataDir;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<CoreRunner> m_runner;
    std::unique_ptr<CoreBridge> m_bridge;
    std::unique_ptr<MainWindow> m_window;
};
