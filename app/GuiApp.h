// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AppOptions.h"

#include <QLockFile>
#include <QObject>
#include <QPointer>

#include <memory>

class AppSettings;
class CoreBridge;
class CoreRunner;
class KeychainSecretStore;
class MainWindow;

// `switchboard` with a window: the services and the REST API on their own thread, the window on
// this one. Starting again (the sandbox switch, "start fresh") rebuilds both in-process.
class GuiApp : public QObject
{
    Q_OBJECT
public:
    GuiApp(AppOptions options, const QString &dataDir, KeychainSecretStore &secrets,
           QObject *parent = nullptr);
    ~GuiApp() override;

    // Builds everything and shows the window; false (after telling the user) when it cannot.
    bool start();
    void restart();
    // Another launch handed over (a tel: link): bring the window up, dial the number if any.
    void activate(const QString &telNumber);
    MainWindow *window() const;
    CoreBridge *bridge() const { return m_bridge.get(); }
    int exitCode() const { return m_exitCode; }

private:
    AppOptions effectiveOptions() const;
    void seedSandboxDemo();
    void startFresh();
    void stop();

    AppOptions m_options;
    QString m_dataDir;
    KeychainSecretStore &m_secrets;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<CoreRunner> m_runner;
    std::unique_ptr<CoreBridge> m_bridge;
    QPointer<MainWindow> m_window;
    QString m_databaseName;
    std::unique_ptr<QLockFile> m_dataDirLock;
    int m_exitCode = 0;
};
