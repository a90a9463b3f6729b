// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TestHttp.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

class AppSettings;
class CoreBridge;
class CoreRunner;
class MainWindow;
class SecretStore;

struct GuiHarnessOptions
{
    bool sandbox = true;
    double sandboxTimeScale = 0.05;
    bool firstRunDone = true;
    QString dataDir;     // empty: a temporary folder of the harness's own
    QString databaseUrl; // empty: SQLite in the data folder
    QString keychainService = QStringLiteral("switchboard-gui-test");
};

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
    AppSettings &settings() { return *m_settings; }
    QString dataDir() const { return m_dataDir; }
    // Requests to the window's own REST API, with the key.
    HttpResult api(const QByteArray &method, const QString &path, const QByteArray &body = {});

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
