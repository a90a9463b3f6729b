// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "AgentEditor.h"
#include "AgentTableModel.h"
#include "AgentsPane.h"
#include "AppSettings.h"
#include "CallRepository.h"
#include "CallWords.h"
#include "CallsPane.h"
#include "CampaignsPane.h"
#include "CompaniesPane.h"
#include "CoreBridge.h"
#include "Credentials.h"
#include "DialDialog.h"
#include "Icons.h"
#include "MetricsPane.h"
#include "SettingsDialog.h"
#include "StartupProblemPage.h"
#include "TableColumns.h"
#include "TeamBanner.h"
#include "Theme.h"
#include "Version.h"
#include "WelcomePage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace {
QString dot(Theme::Role role)
{
    return u"<span style='color:%1'>●</span>"_s.arg(Theme::color(role).name());
}

QString healthText(const QString &provider, const QString &check)
{
    if (check == u"ok"_s)
        return dot(Theme::Role::Success) + u' ' + provider;
    if (check.isEmpty())
        return dot(Theme::Role::Neutral) + u' ' + provider;
    return dot(Theme::Role::Error) + u' ' + provider;
}
} // namespace

MainWindow::MainWindow(WindowContext context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(std::move(context))
{
    // The window system adds the application's name ("Sandbox — Switchboard"): not here too.
    setWindowTitle(m_context.core && m_context.core->isSandbox() ? tr("Sandbox") : QString());
    setWindowIcon(Icons::application());
    Theme::apply(Theme::modeFromString(m_context.settings.theme()));
    setObjectName(u"mainWindow"_s);
    m_stack = new QStackedWidget(this);
    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(u"sidebar"_s);
    m_sidebar->setIconSize(QSize(22, 22));
    m_sidebar->setFixedWidth(170);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setAccessibleName(tr("Panes"));
    const QList<QPair<QString, QString>> panes{{tr("Agents"), u"agents"_s},
                                               {tr("Calls"), u"calls"_s},
                                               {tr("Metrics"), u"metrics"_s},
                                               {tr("Companies"), u"companies"_s},
                                               {tr("Campaigns"), u"campaigns"_s}};
    for (const auto &[title, icon] : panes) {
        auto *item = new QListWidgetItem(Icons::get(icon), title, m_sidebar);
        item->setSizeHint(QSize(160, 40));
    }

    m_teamBanner = new TeamBanner(m_context.core, this);
    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(m_teamBanner);
    contentLayout->addWidget(m_stack, 1);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(content, 1);
    setCentralWidget(central);

    if (m_context.core) {
        CoreBridge &core = *m_context.core;
        m_agents = new AgentsPane(core, this);
        m_calls = new CallsPane(core, m_agents->model(), this);
        m_metrics = new MetricsPane(core, this);
        m_companies = new CompaniesPane(core, this);
        m_companies->setDefaultRegion(m_context.settings.defaultRegion());
        m_agents->setDefaultRegion(m_context.settings.defaultRegion());
        m_campaigns =
            new CampaignsPane(core, m_agents->model(), m_context.settings.defaultRegion(), this);
        for (QWidget *pane : std::initializer_list<QWidget *>{m_agents, m_calls, m_metrics,
                                                              m_companies, m_campaigns})
            m_stack->addWidget(pane);
        const auto showMessage = [this](const QString &text, int timeoutMs) {
            statusBar()->showMessage(text, timeoutMs);
        };
        connect(m_agents, &AgentsPane::message, this, showMessage);
        connect(m_calls, &CallsPane::message, this, showMessage);
        connect(m_companies, &CompaniesPane::message, this, showMessage);
        connect(m_campaigns, &CampaignsPane::message, this, showMessage);
        connect(m_campaigns, &CampaignsPane::showCallsRequested, this,
                [this](const QString &campaignId) {
                    showPane(Calls);
                    m_calls->setCampaignFilter(campaignId);
                });
        connect(m_agents, &AgentsPane::callRequested, this,
                [this](const QString &id) { openDialer(id); });
        // The agent and the company in the forms are opened again at the next start.
        m_agents->reopen(m_context.settings.lastAgentId());
        m_companies->reopen(m_context.settings.lastCompanyId());
        connect(m_agents, &AgentsPane::agentShown, this,
                [this](const QString &id) { m_context.settings.setLastAgentId(id); });
        connect(m_companies, &CompaniesPane::companyShown, this,
                [this](qint64 id) { m_context.settings.setLastCompanyId(id); });
        connect(m_calls, &CallsPane::callAgainRequested, this, [this](const CallRecord &call) {
            openDialer(call.agentId, call.phoneNumber, call.templateContext);
        });
        connect(&core, &CoreBridge::callChanged, this, [this](const CallRecord &call) {
            if (!isFinal(call.status))
                m_liveCalls.insert(call.id);
            else if (m_liveCalls.remove(call.id))
                callEnded(call);
            updateOngoingCalls();
        });
        connect(&core, &CoreBridge::apiListeningChanged, this, &MainWindow::refreshHealth);
        m_welcome = new WelcomePage(this);
        m_stack->addWidget(m_welcome);
        connect(static_cast<WelcomePage *>(m_welcome), &WelcomePage::trySandboxRequested, this,
                &MainWindow::chooseSandbox);
        connect(static_cast<WelcomePage *>(m_welcome), &WelcomePage::addAccountsRequested, this,
                [this] { openSettings(SettingsDialog::AccountsTab); });
    } else {
        auto *problem =
            new StartupProblemPage(m_context.storeProblem, m_context.databaseName, this);
        m_stack->addWidget(problem);
        m_sidebar->setEnabled(false);
        connect(problem, &StartupProblemPage::retryRequested, this, &MainWindow::restartRequested);
        connect(problem, &StartupProblemPage::startFreshRequested, this, [this] {
            if (QMessageBox::question(
                    this, tr("Start fresh"),
                    tr("Rename the current database aside and start with an empty "
                       "one? Nothing is deleted.")) == QMessageBox::Yes)
                Q_EMIT startFreshRequested();
        });
        connect(problem, &StartupProblemPage::settingsRequested, this,
                [this] { openSettings(SettingsDialog::GeneralTab); });
    }
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && m_context.core)
            showPane(Pane(row));
    });

    buildActions();
    buildStatusBar();
    buildTray();

    if (!restoreGeometry(m_context.settings.windowGeometry()))
        resize(1280, 800);
    restoreState(m_context.settings.windowState());
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            splitter->restoreState(m_context.settings.splitterState(splitter->objectName()));
    }
    TableColumns::restoreAndRemember(this, m_context.settings);
    if (m_context.core) {
        if (needsWelcome())
            m_stack->setCurrentWidget(m_welcome);
        else
            showPane(Pane(std::clamp(m_context.settings.lastPane(), 0, int(PaneCount) - 1)));
    }
    m_healthTimer.setInterval(15000);
    connect(&m_healthTimer, &QTimer::timeout, this, &MainWindow::refreshHealth);
    m_healthTimer.start();
    refreshHealth();
    m_teamBanner->refresh();
    updateOngoingCalls();
    if (!m_context.listenProblem.isEmpty())
        statusBar()->showMessage(tr("The local API is off: %1").arg(m_context.listenProblem));
}

MainWindow::~MainWindow() = default;

bool MainWindow::needsWelcome() const
{
    if (m_context.settings.firstRunDone() || !m_context.core || m_context.core->isSandbox())
        return false;
    const ProviderDefaults defaults = m_context.core->providerDefaults();
    return !defaults.ultravoxConfigured() && !defaults.twilioConfigured();
}

void MainWindow::buildActions()
{
    const bool running = m_context.core != nullptr;
    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"mainToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setMovable(false);

    auto *newAgent = new QAction(Icons::get(u"new-agent"_s), tr("&New agent"), this);
    newAgent->setShortcut(QKeySequence::New);
    newAgent->setEnabled(running);
    connect(newAgent, &QAction::triggered, this, [this] {
        showPane(Agents);
        m_agents->newAgent();
    });
    auto *call = new QAction(Icons::get(u"call"_s), tr("&Call…"), this);
    call->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    call->setEnabled(running);
    connect(call, &QAction::triggered, this, [this] {
        openDialer(currentPane() == Agents ? m_agents->currentAgentId() : QString());
    });
    auto *refresh = new QAction(Icons::get(u"refresh"_s), tr("&Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setEnabled(running);
    connect(refresh, &QAction::triggered, this, [this] {
        m_agents->reload();
        m_calls->reload();
        m_metrics->refresh();
        m_companies->reload();
        m_campaigns->reload();
        refreshHealth();
    });
    auto *settings = new QAction(Icons::get(u"settings"_s), tr("&Settings…"), this);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(settings, &QAction::triggered, this, [this] { openSettings(); });
    auto *find = new QAction(tr("&Find"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        if (currentPane() == Agents)
            m_agents->searchBox()->setFocus();
        else if (currentPane() == Calls)
            m_calls->focusSearch();
    });
    auto *quit = new QAction(Icons::get(u"quit"_s), tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, [this] {
        m_quitting = true;
        close();
    });
    toolbar->addAction(newAgent);
    toolbar->addAction(call);
    toolbar->addAction(refresh);
    toolbar->addSeparator();
    toolbar->addAction(settings);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(newAgent);
    file->addAction(call);
    file->addSeparator();
    file->addAction(settings);
    file->addSeparator();
    file->addAction(quit);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(refresh);
    view->addAction(find);
    view->addSeparator();
    const QStringList names{tr("&Agents"), tr("C&alls"), tr("&Metrics"), tr("Com&panies"),
                            tr("Campai&gns")};
    for (int pane = 0; pane < PaneCount; ++pane) {
        auto *action = view->addAction(names.at(pane));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + pane)));
        action->setEnabled(running);
        connect(action, &QAction::triggered, this, [this, pane] { showPane(Pane(pane)); });
    }
    addAction(find);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    // Back to the first page: the sandbox or real accounts, chosen again.
    auto *welcome = help->addAction(tr("&Welcome page"), this, [this] {
        m_stack->setCurrentWidget(m_welcome);
        m_sidebar->setCurrentRow(-1);
    });
    welcome->setObjectName(u"showWelcome"_s);
    welcome->setEnabled(running);
    help->addAction(tr("API &documentation"), this, [this] {
        if (m_context.core && m_context.core->apiListening())
            QMessageBox::information(
                this, tr("API documentation"),
                tr("Swagger UI: %1/docs\nReDoc: %1/redoc\nOpenAPI: %1/openapi.json")
                    .arg(m_context.core->apiBaseUrl()));
    });
    help->addAction(tr("&About Switchboard"), this, [this] {
        QMessageBox::about(
            this, tr("About Switchboard"),
            tr("<h3>Switchboard %1</h3><p>A desktop console for Ultravox voice agents on "
               "Twilio phone lines.</p><p>Licensed under the GNU GPL, version 3 or later.</p>")
                .arg(QStringLiteral(SWITCHBOARD_VERSION)));
    });
}

void MainWindow::buildStatusBar()
{
    m_apiStatus = new QLabel(this);
    m_ultravoxStatus = new QLabel(this);
    m_twilioStatus = new QLabel(this);
    m_ongoingStatus = new QLabel(this);
    m_modeStatus = new QLabel(this);
    m_keychainStatus = new QLabel(dot(Theme::Role::Warning) + tr(" Keychain unavailable"), this);
    m_keychainStatus->setVisible(false);
    for (QLabel *label : {m_apiStatus, m_ultravoxStatus, m_twilioStatus, m_ongoingStatus,
                          m_keychainStatus, m_modeStatus}) {
        label->setTextFormat(Qt::RichText);
        statusBar()->addPermanentWidget(label);
    }
    if (m_context.core && m_context.core->isSandbox())
        m_modeStatus->setText(
            u"<b style='color:%1'>"_s.arg(Theme::color(Theme::Role::Warning).name()) +
            tr("SANDBOX") + u"</b>"_s);
}

void MainWindow::buildTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(Icons::application(), this);
    auto *menu = new QMenu(this);
    menu->addAction(tr("Show Switchboard"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    if (m_context.core)
        menu->addAction(Icons::get(u"call"_s), tr("Call…"), this, [this] { openDialer(); });
    menu->addSeparator();
    menu->addAction(Icons::get(u"quit"_s), tr("Quit"), this, [this] {
        m_quitting = true;
        close();
    });
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger) {
                    showNormal();
                    raise();
                    activateWindow();
                }
            });
    m_tray->setToolTip(tr("Switchboard"));
    m_tray->show();
}

void MainWindow::showPane(Pane pane)
{
    if (!m_context.core)
        return;
    QWidget *widgets[] = {m_agents, m_calls, m_metrics, m_companies, m_campaigns};
    m_stack->setCurrentWidget(widgets[pane]);
    if (m_sidebar->currentRow() != pane)
        m_sidebar->setCurrentRow(pane);
    m_context.settings.setLastPane(pane);
}

MainWindow::Pane MainWindow::currentPane() const
{
    const int row = m_sidebar->currentRow();
    return row < 0 ? Agents : Pane(row);
}

DialDialog *MainWindow::openDialer(const QString &agentId, const QString &number,
                                   const QJsonObject &context)
{
    if (!m_context.core)
        return nullptr;
    if (!m_dialer) {
        m_dialer = new DialDialog(*m_context.core, m_agents->model(),
                                  m_context.settings.defaultRegion(), this);
        m_dialer->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialer, &DialDialog::callStarted, this,
                [this](const QString &callId) { m_liveCalls.insert(callId); });
        connect(m_dialer, &DialDialog::showInLogRequested, this, [this](const QString &callId) {
            showPane(Calls);
            m_calls->openCall(callId);
            raise();
            activateWindow();
        });
    }
    m_dialer->startOver(); // a dialog left on a finished call opens on a new one
    if (!agentId.isEmpty())
        m_dialer->setAgent(agentId);
    if (!number.isEmpty())
        m_dialer->setNumber(number);
    if (!context.isEmpty())
        m_dialer->setContext(context);
    m_dialer->show();
    m_dialer->raise();
    m_dialer->activateWindow();
    return m_dialer;
}

void MainWindow::handleTelLink(const QString &number)
{
    showNormal();
    raise();
    activateWindow();
    if (!number.isEmpty())
        openDialer({}, number);
}

void MainWindow::openSettings(int tab)
{
    SettingsDialog dialog(m_context.settings, m_context.secrets, m_context.core, m_context.apiKey,
                          m_context.dataDir, m_context.commandLineDatabaseUrl, this);
    dialog.showTab(SettingsDialog::Tab(tab));
    connect(&dialog, &SettingsDialog::apiKeyChanged, this, [this](const QString &key) {
        m_context.apiKey = key;
        if (m_context.core)
            m_context.core->setApiKey(key);
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_campaigns)
        m_campaigns->setDefaultRegion(m_context.settings.defaultRegion());
    if (m_companies)
        m_companies->setDefaultRegion(m_context.settings.defaultRegion());
    if (m_agents)
        m_agents->setDefaultRegion(m_context.settings.defaultRegion());
    if (dialog.sandboxChanged() || dialog.databaseChanged() || !m_context.core) {
        Q_EMIT restartRequested();
        return;
    }
    // Applied at once: the API's address and limits, and the default accounts.
    ApiServerOptions options;
    options.port = m_context.settings.apiPort();
    options.bindAddress = QHostAddress(m_context.settings.apiBindAddress());
    options.limits = m_context.settings.rateLimits();
    m_context.core->relisten(
        options, replyTo(this, [this](const QString &error) {
            statusBar()->showMessage(
                error.isEmpty()
                    ? tr("The local API listens on %1").arg(m_context.core->apiBaseUrl())
                    : tr("The local API is off: %1").arg(error));
        }));
    try {
        const ProviderDefaults current = m_context.core->providerDefaults();
        ProviderDefaults reloaded = Credentials::loadProviderDefaults(
            m_context.secrets, current.ultravox.baseUrl, current.twilio.baseUrl);
        reloaded.sources.insert(Credentials::Variables::ApiKey,
                                current.sources.value(Credentials::Variables::ApiKey));
        m_context.core->setProviderDefaults(reloaded);
    } catch (const AppError &error) {
        statusBar()->showMessage(error.message());
    }
    if (m_stack->currentWidget() == m_welcome && !needsWelcome())
        showPane(Agents);
    refreshHealth();
}

void MainWindow::chooseSandbox()
{
    m_context.settings.setSandbox(true);
    m_context.settings.setFirstRunDone(true);
    m_context.settings.sync();
    Q_EMIT restartRequested();
}

void MainWindow::refreshHealth()
{
    if (!m_context.core) {
        m_apiStatus->setText(dot(Theme::Role::Error) + tr(" Services stopped"));
        return;
    }
    CoreBridge &core = *m_context.core;
    m_apiStatus->setText(core.apiListening()
                             ? dot(Theme::Role::Success) + tr(" API %1").arg(core.apiBaseUrl())
                             : dot(Theme::Role::Error) + tr(" API off"));
    m_apiStatus->setToolTip(core.apiListening()
                                ? tr("The local REST API; docs at %1/docs").arg(core.apiBaseUrl())
                                : m_context.listenProblem);
    core.health(
        true, replyTo(this, [this](const HealthService::Report &report) {
            const QJsonObject checks = report.body.value(u"checks"_s).toObject();
            const QString ultravox = checks.value(u"ultravox_api"_s)
                                         .toString(checks.value(u"ultravox_config"_s).toString());
            const QString twilio =
                checks.value(u"twilio_api"_s).toString(checks.value(u"twilio_config"_s).toString());
            m_ultravoxStatus->setText(healthText(tr("Ultravox"), ultravox));
            m_ultravoxStatus->setToolTip(ultravox);
            m_twilioStatus->setText(healthText(tr("Twilio"), twilio));
            m_twilioStatus->setToolTip(twilio);
            const QString keychain = checks.value(u"keychain"_s).toString();
            const bool keychainMissing = keychain != u"ok"_s && !keychain.isEmpty();
            m_keychainStatus->setVisible(keychainMissing);
            m_keychainStatus->setToolTip(
                tr("The keychain is unavailable (%1). Secrets typed in Settings and "
                   "in company profiles are kept only until Switchboard stops. "
                   "Unlock or install a keychain (gnome-keyring, KWallet) and restart.")
                    .arg(keychain.section(u": "_s, 1)));
        }));
}

void MainWindow::updateOngoingCalls()
{
    if (!m_context.core)
        return;
    qint64 ongoing = 0;
    try {
        ongoing = CallRepository(m_context.core->store()).unfinishedCount();
    } catch (const AppError &) {
    }
    m_ongoingStatus->setText(tr("%n call(s) in progress", nullptr, int(ongoing)));
    if (m_tray)
        m_tray->setToolTip(tr("Switchboard — %n call(s) in progress", nullptr, int(ongoing)));
}

void MainWindow::callEnded(const CallRecord &call)
{
    if (!m_tray)
        return;
    m_tray->showMessage(tr("Call to %1 ended").arg(CallWords::number(call.phoneNumber)),
                        tr("%1: %2").arg(call.agentName, CallWords::outcome(call)),
                        call.status == CallStatus::Completed ? QSystemTrayIcon::Information
                                                             : QSystemTrayIcon::Warning);
}

QString MainWindow::statusText() const
{
    QStringList parts;
    for (QLabel *label : {m_apiStatus, m_ultravoxStatus, m_twilioStatus, m_ongoingStatus,
                          m_keychainStatus, m_modeStatus}) {
        if (!label->isVisibleTo(this))
            continue;
        QTextDocument document;
        document.setHtml(label->text());
        parts << document.toPlainText();
    }
    return parts.join(u" | "_s);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && m_tray && m_context.settings.closeToTray()) {
        hide();
        event->ignore();
        m_tray->showMessage(tr("Switchboard is still running"),
                            tr("Calls and the local API go on. Quit from here."));
        return;
    }
    if (m_agents && !m_agents->confirmLeave()) {
        m_quitting = false;
        event->ignore();
        return;
    }
    m_context.settings.setWindowLayout(saveGeometry(), saveState());
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            m_context.settings.setSplitterState(splitter->objectName(), splitter->saveState());
    }
    m_context.settings.sync();
    event->accept();
    QApplication::quit();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange ||
        event->type() == QEvent::ApplicationPaletteChange) {
        // Role colours (hints, messages) and icons follow the new palette.
        Theme::refresh();
        for (QWidget *widget : findChildren<QWidget *>())
            widget->update();
    }
}
