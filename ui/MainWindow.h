// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QTimer>

class AgentsPane;
class AppSettings;
class CallsPane;
class CampaignsPane;
class CompaniesPane;
class CoreBridge;
class DialDialog;
class MetricsPane;
class QLabel;
class QListWidget;
class QStackedWidget;
class QSystemTrayIcon;
class SecretStore;
struct CallRecord;

// What the window is given: the settings, the keychain, and the services when they started
// (when not, `storeProblem` says why and the window shows what to do about it).
struct WindowContext
{
    AppSettings &settings;
    SecretStore &secrets;
    QString dataDir;
    QString databaseName;
    QString commandLineDatabaseUrl; // --database of this run: it wins over the settings
    QString apiKey;
    CoreBridge *core = nullptr;
    QString storeProblem;
    QString listenProblem;
};

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Pane { Agents, Calls, Metrics, Companies, Campaigns, PaneCount };

    explicit MainWindow(WindowContext context, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPane(Pane pane);
    Pane currentPane() const;
    // Opens the dial dialog, optionally on an agent, a number and a context (Call again, tel:).
    DialDialog *openDialer(const QString &agentId = {}, const QString &number = {},
                           const QJsonObject &context = {});
    void handleTelLink(const QString &number);
    void openSettings(int tab = 0);

    AgentsPane *agentsPane() const { return m_agents; }
    CallsPane *callsPane() const { return m_calls; }
    MetricsPane *metricsPane() const { return m_metrics; }
    CompaniesPane *companiesPane() const { return m_companies; }
    CampaignsPane *campaignsPane() const { return m_campaigns; }
    QWidget *welcomePage() const { return m_welcome; }
    QString statusText() const; // the status bar's texts, for tests and screenshots

Q_SIGNALS:
    // The services must start again (sandbox switched, "start fresh"): the window is rebuilt.
    void restartRequested();
    void startFreshRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void buildStatusBar();
    void buildTray();
    void refreshHealth();
    void updateOngoingCalls();
    void callEnded(const CallRecord &call);
    void chooseSandbox();
    bool needsWelcome() const;

    WindowContext m_context;
    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_stack = nullptr;
    AgentsPane *m_agents = nullptr;
    CallsPane *m_calls = nullptr;
    MetricsPane *m_metrics = nullptr;
    CompaniesPane *m_companies = nullptr;
    CampaignsPane *m_campaigns = nullptr;
    QWidget *m_welcome = nullptr;
    QLabel *m_apiStatus = nullptr;
    QLabel *m_ultravoxStatus = nullptr;
    QLabel *m_twilioStatus = nullptr;
    QLabel *m_ongoingStatus = nullptr;
    QLabel *m_modeStatus = nullptr;
    QLabel *m_keychainStatus = nullptr;
    class TeamBanner *m_teamBanner = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<DialDialog> m_dialer;
    QSet<QString> m_liveCalls; // calls seen in progress, whose end is worth a notification
    QTimer m_healthTimer;
    bool m_quitting = false;
};
