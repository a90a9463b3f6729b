// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiApp.h"

#include "AgentRepository.h"
#include "AppSettings.h"
#include "CoreBridge.h"
#include "CoreRunner.h"
#include "DatabaseSettings.h"
#include "KeychainSecretStore.h"
#include "MainWindow.h"
#include "ServerStack.h"
#include "Startup.h"
#include "Store.h"
#include "Translations.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcGui, "switchboard.gui")

GuiApp::GuiApp(AppOptions options, const QString &dataDir, KeychainSecretStore &secrets,
               QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_dataDir(dataDir)
    , m_secrets(secrets)
    , m_settings(std::make_unique<AppSettings>(dataDir))
{
    Translations::install();
}

GuiApp::~GuiApp()
{
    stop();
}

MainWindow *GuiApp::window() const
{
    return m_window;
}

AppOptions GuiApp::effectiveOptions() const
{
    // Saved settings, with what the command line says on top.
    AppOptions options = m_options;
    options.dataDir = m_dataDir;
    if (!options.portGiven)
        options.port = m_settings->apiPort();
    if (!options.bindGiven)
        options.bindAddress = QHostAddress(m_settings->apiBindAddress());
    if (!options.limitsGiven)
        options.limits = m_settings->rateLimits();
    options.sandbox = m_options.sandbox || m_settings->sandbox();
    if (options.databaseUrl.isEmpty())
        options.databaseUrl = DatabaseSettings::savedUrl(*m_settings, m_secrets);
    return options;
}

bool GuiApp::start()
{
    const AppOptions options = effectiveOptions();
    Startup startup;
    startup.dataDirLock = std::move(m_dataDirLock); // held across restarts
    QString error;
    int exitCode = Startup::Ok;
    const bool prepared = startup.prepare(options, m_secrets, &error, &exitCode);
    m_dataDirLock = std::move(startup.dataDirLock);
    if (!prepared) {
        QMessageBox::critical(nullptr, tr("Switchboard cannot start"), error);
        m_exitCode = exitCode;
        return false;
    }
    m_databaseName = startup.stack->config().store.displayName();
    m_runner = std::make_unique<CoreRunner>(std::move(startup.stack));
    const CoreRunner::Status status = m_runner->start();
    if (status.storeOpen())
        m_bridge = std::make_unique<CoreBridge>(m_runner->stack());
    else
        qCWarning(lcGui).noquote() << "the services did not start:" << status.storeError;
    WindowContext context{
        *m_settings,           m_secrets,          m_dataDir,      m_databaseName,
        m_options.databaseUrl, startup.apiKey.key, m_bridge.get(), status.storeError,
        status.listenError};
    m_window = new MainWindow(context);
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    connect(m_window, &MainWindow::restartRequested, this, &GuiApp::restart, Qt::QueuedConnection);
    connect(m_window, &MainWindow::startFreshRequested, this, &GuiApp::startFresh,
            Qt::QueuedConnection);
    m_window->show();
    if (startup.apiKey.source == Credentials::Source::Generated && m_bridge)
        QTimer::singleShot(0, m_window, [window = m_window] {
            window->statusBar()->showMessage(
                QObject::tr("A new API key was made for scripts: see Settings > Local API"), 15000);
        });
    seedSandboxDemo();
    if (!m_options.telNumber.isEmpty())
        m_window->handleTelLink(m_options.telNumber);
    return true;
}

void GuiApp::seedSandboxDemo()
{
    // A first sandbox run gets an agent to call right away.
    if (!m_bridge || !m_bridge->isSandbox() || m_settings->sandboxDemoSeeded())
        return;
    try {
        if (AgentRepository(m_bridge->store()).count() > 0)
            return;
    } catch (const AppError &) {
        return;
    }
    AgentConfig demo;
    demo.name = u"Demo Agent"_s;
    demo.prompt =
        u"You are a friendly assistant calling {{customer_name}} about order {{order_id}}. "
        u"Confirm the delivery time, answer questions briefly and thank them."_s;
    demo.templateVariables = {{u"customer_name"_s, u"Ada"_s}, {u"order_id"_s, u"A-1042"_s}};
    m_settings->setSandboxDemoSeeded(true);
    m_bridge->createAgent(demo, replyTo(this, [](const AgentResult &) {}));
}

void GuiApp::stop()
{
    if (m_window) {
        m_window->hide();
        delete m_window;
    }
    m_bridge.reset();
    m_runner.reset(); // answers requests in flight, then stops the services
}

void GuiApp::restart()
{
    stop();
    m_options.sandbox = false; // from now on the saved setting decides
    if (!start())
        QApplication::exit(m_exitCode);
}

void GuiApp::startFresh()
{
    stop();
    // Moved aside, never deleted: the operator may want it back.
    const QString path = StoreLocation::sqliteInDataDir(m_dataDir).sqlitePath;
    const QString suffix =
        u".unusable-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    for (const QString &part : {QString(), u"-wal"_s, u"-shm"_s}) {
        if (QFile::exists(path + part))
            QFile::rename(path + part, path + suffix + part);
    }
    if (!start())
        QApplication::exit(m_exitCode);
}

void GuiApp::activate(const QString &telNumber)
{
    if (m_window)
        m_window->handleTelLink(telNumber);
}
