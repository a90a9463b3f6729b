// SPDX-License-Identifier: GPL-3.0-or-later
// Makes the README's screenshots: the real window (services, REST API and all) on sandbox data
// put in through the REST API as a script would, one picture per pane, grabbed from the widgets.
// Run it under a real X server (scripts/screenshots.sh starts Xvfb) so fonts render as on a
// desktop.   switchboard-screenshots <output-folder>
#include "AgentEditor.h"
#include "AgentHistoryDialog.h"
#include "AgentsPane.h"
#include "AppSettings.h"
#include "CallDetails.h"
#include "CallLogModel.h"
#include "CallsPane.h"
#include "CampaignForm.h"
#include "CampaignView.h"
#include "CampaignsPane.h"
#include "CompaniesPane.h"
#include "CoreBridge.h"
#include "DatabaseSettings.h"
#include "DialDialog.h"
#include "DoNotCallDialog.h"
#include "FoldingSection.h"
#include "GuiHarness.h"
#include "KeyringSession.h"
#include "MainWindow.h"
#include "MetricsPane.h"
#include "OutcomesPanel.h"
#include "RecipientImportDialog.h"
#include "SettingsDialog.h"
#include "TestConsole.h"
#include "Theme.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {
QString agent(GuiHarness &gui, const QJsonObject &body)
{
    return gui.api("POST", u"/api/v1/agents"_s, QJsonDocument(body).toJson())
        .object()
        .value(u"id"_s)
        .toString();
}

// "-dark" on the pictures of the dark theme, so that both sit side by side in the folder.
QString &suffix()
{
    static QString text;
    return text;
}

void save(QWidget *widget, const QString &folder, const QString &name)
{
    QCoreApplication::processEvents();
    QTest::qWait(300);
    const QString path = QDir(folder).filePath(name + suffix() + u".png"_s);
    widget->grab().save(path);
    QTextStream(stdout) << "wrote " << path << Qt::endl;
}

} // namespace

int takeScreenshots(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString folder = argc > 1 ? QString::fromLocal8Bit(argv[1]) : u"docs/screenshots"_s;
    // The look: "light" (the default, the README's pictures), "dark" or "system".
    const Theme::Mode theme =
        Theme::modeFromString(argc > 2 ? QString::fromLocal8Bit(argv[2]) : u"light"_s);
    suffix() = theme == Theme::Mode::Dark ? u"-dark"_s : QString();
    QDir().mkpath(folder);
    GuiHarnessOptions options;
    options.sandboxTimeScale = 0.6; // calls last about five seconds: durations worth reading
    GuiHarness gui(options);
    QString error;
    if (!gui.start(&error)) {
        QTextStream(stderr) << "cannot start: " << error << Qt::endl;
        return 1;
    }
    gui.settings().setSandbox(true); // as "Try the sandbox" leaves it
    gui.settings().setTheme(Theme::toString(theme));
    Theme::apply(theme);
    MainWindow &window = gui.window();
    window.resize(1280, 800);
    window.show();
    waitOrExit([&] { return QTest::qWaitForWindowExposed(&window); }, 5000, "the window");

    const QString orders =
        agent(gui, {{u"name"_s, u"Order Desk"_s},
                    {u"prompt"_s, u"You are the order desk of {{company_name}}. Confirm order "
                                  u"{{order_id}} with {{customer_name}} and give the delivery "
                                  u"window. Be brief and warm."_s},
                    {u"language"_s, u"en-US"_s},
                    {u"template_variables"_s, QJsonObject{{u"company_name"_s, u"Acme Anvils"_s},
                                                          {u"order_id"_s, u"A-1042"_s}}}});
    const QString reminders = agent(
        gui,
        {{u"name"_s, u"Appointment Reminder"_s},
         {u"prompt"_s,
          u"Remind {{customer_name}} of the appointment on {{date}} and offer to reschedule."_s},
         {u"language"_s, u"en-GB"_s}});
    agent(gui, {{u"name"_s, u"Survey Caller"_s},
                {u"prompt"_s, u"Ask three short questions about the last delivery."_s}});
    agent(gui, {{u"name"_s, u"Renewals sandbox-reject"_s},
                {u"prompt"_s, u"Offer the renewal discount."_s}});
    const QStringList numbers{u"+14155550123"_s,  u"+14155550101"_s, u"+14155550102"_s,
                              u"+442079460958"_s, u"+14155550103"_s, u"+14155550104"_s,
                              u"+33123456789"_s};
    for (const QString &number : numbers)
        gui.api("POST", u"/api/v1/calls/"_s + orders,
                QJsonDocument(QJsonObject{{u"phone_number"_s, number},
                                          {u"template_context"_s,
                                           QJsonObject{{u"customer_name"_s, u"Ada"_s}}},
                                          {u"machine_detection"_s, true}})
                    .toJson());
    // The sandbox's answering machine, hung up on.
    gui.api("POST", u"/api/v1/calls/"_s + orders,
            QJsonDocument(
                QJsonObject{{u"phone_number"_s, u"+14155550105"_s}, {u"machine_detection"_s, true}})
                .toJson());
    gui.api("POST", u"/api/v1/companies"_s,
            QJsonDocument(
                QJsonObject{
                    {u"name"_s, u"Acme Anvils"_s},
                    {u"twilio"_s,
                     QJsonObject{{u"account_sid"_s, u"AC0123456789abcdef0123456789abcdef"_s},
                                 {u"auth_token"_s, u"sandbox-token-123"_s},
                                 {u"phone_number"_s, u"+14155550100"_s}}},
                    {u"ultravox"_s, QJsonObject{{u"api_key"_s, u"sandbox-key-12345"_s},
                                                {u"system_prompt"_s,
                                                 u"You are the receptionist of Acme Anvils."_s}}}})
                .toJson());
    // Every call ends and its transcript arrives.
    waitOrExit(
        [&] {
            const QJsonObject calls =
                gui.api("GET", u"/api/v1/metrics"_s).object().value(u"calls"_s).toObject();
            return calls.value(u"ongoing"_s).toInt() == 0;
        },
        60000, "the sandbox calls to end");
    // Prices, billed durations and recordings come after the end.
    waitOrExit(
        [&] {
            const QJsonArray all =
                gui.api("GET", u"/api/v1/calls?limit=50"_s).object().value(u"calls"_s).toArray();
            for (const QJsonValue &call : all) {
                if (call[u"cost_status"_s].toString() == u"pending"_s ||
                    call[u"recording"_s][u"status"_s].toString() == u"pending"_s)
                    return false;
            }
            return true;
        },
        60000, "the costs and recordings to arrive");
    QTest::qWait(1500);

    window.showPane(MainWindow::Agents);
    AgentsPane *agents = window.agentsPane();
    agents->table()->setCurrentIndex(agents->table()->model()->index(1, 0)); // Order Desk, by name
    save(&window, folder, u"agents"_s);

    // The Order Desk gets a call template of its own: a second revision to compare with the first.
    gui.api(
        "PUT", u"/api/v1/agents/"_s + orders,
        QJsonDocument(
            QJsonObject{
                {u"name"_s, u"Order Desk"_s},
                {u"prompt"_s, u"You are the order desk of {{company_name}}. Confirm order "
                              u"{{order_id}} with {{customer_name}} and give the delivery "
                              u"window. Be brief and warm; offer a person if asked."_s},
                {u"language"_s, u"en-US"_s},
                {u"template_variables"_s,
                 QJsonObject{{u"company_name"_s, u"Acme Anvils"_s}, {u"order_id"_s, u"A-1042"_s}}},
                {u"temperature"_s, 0.3},
                {u"max_duration_seconds"_s, 600},
                {u"time_exceeded_message"_s, u"I have to end the call now, goodbye!"_s},
                {u"inactivity_messages"_s,
                 QJsonArray{QJsonObject{{u"duration_seconds"_s, 8},
                                        {u"message"_s, u"Are you still there?"_s}},
                            QJsonObject{{u"duration_seconds"_s, 10},
                                        {u"message"_s, u"I'll call back later. Bye!"_s},
                                        {u"end_behavior"_s, u"hang_up_soft"_s}}}},
                {u"tools"_s,
                 QJsonObject{{u"hang_up"_s, QJsonObject()},
                             {u"leave_voicemail"_s,
                              QJsonObject{{u"message"_s, u"Hi, this is Acme Anvils about your "
                                                         u"order. Please call us back."_s}}},
                             {u"cold_transfer"_s, QJsonObject{{u"target"_s, u"+14155550100"_s}}}}}})
            .toJson());
    QTest::qWait(600);
    AgentEditor *form = agents->editor();
    save(form, folder, u"agent-form-folded"_s);
    for (FoldingSection *section : form->sections())
        section->setExpanded(true);
    QWidget *sections = form->findChild<QScrollArea *>()->widget();
    sections->resize(sections->width(), sections->sizeHint().height());
    save(sections, folder, u"agent-form-unfolded"_s);
    for (FoldingSection *section : form->sections())
        section->setExpanded(section == form->sections().first());
    agents->showHistory();
    AgentHistoryDialog *history = agents->historyDialog();
    history->compare(1, 2);
    waitOrExit([&] { return QTest::qWaitForWindowExposed(history); }, 5000, "the history");
    save(history, folder, u"agent-history"_s);
    history->close();

    window.showPane(MainWindow::Calls);
    CallsPane *calls = window.callsPane();
    for (int row = 0; row < calls->model()->rowCount(); ++row) {
        if (calls->model()->index(row, CallLogModel::Number).data().toString() ==
            u"+14155550123"_s) {
            calls->table()->setCurrentIndex(calls->model()->index(row, 0));
            break;
        }
    }
    save(&window, folder, u"calls"_s);
    // A small screen: at 1024x700 the log keeps its Status and Duration columns and its filters.
    window.resize(1024, 700);
    QTest::qWait(400);
    save(&window, folder, u"calls-1024x700"_s);
    window.resize(1280, 800);
    QTest::qWait(400);
    // The selected call's details alone: summary, cost, the recording's player.
    calls->details()->resize(760, 860);
    QTest::qWait(600);
    save(calls->details(), folder, u"call-details"_s);

    window.showPane(MainWindow::Metrics);
    window.metricsPane()->refresh();
    QTest::qWait(800);
    save(&window, folder, u"metrics"_s);
    // The Call outcomes tab: rates, durations and costs per day and per agent.
    for (QTabWidget *tabs : window.metricsPane()->findChildren<QTabWidget *>()) {
        for (int tab = 0; tab < tabs->count(); ++tab) {
            if (tabs->widget(tab) == window.metricsPane()->outcomes())
                tabs->setCurrentIndex(tab);
        }
    }
    window.metricsPane()->refresh();
    QTest::qWait(800);
    save(window.metricsPane()->outcomes(), folder, u"call-outcomes"_s);

    window.showPane(MainWindow::Companies);
    auto *companies = window.companiesPane()->findChild<QListView *>();
    companies->setCurrentIndex(companies->model()->index(0, 0));
    save(&window, folder, u"companies"_s);

    // A campaign of the example list (docs/examples), its import report, and the campaign
    // running: retries of the busy, unanswered and machine-answered numbers on the way.
    gui.api("POST", u"/api/v1/dnc"_s,
            QJsonDocument(QJsonObject{{u"phone_number"_s, u"+14155550122"_s},
                                      {u"reason"_s, u"asked not to be called"_s}})
                .toJson());
    const QString campaignId =
        gui.api("POST", u"/api/v1/campaigns"_s,
                QJsonDocument(
                    QJsonObject{
                        {u"name"_s, u"Monday appointments"_s},
                        {u"agent_id"_s, reminders},
                        {u"max_concurrent_calls"_s, 2},
                        {u"calls_per_minute"_s, 30},
                        {u"calling_hours"_s,
                         QJsonObject{{u"start"_s, u"00:00"_s},
                                     {u"end"_s, u"24:00"_s},
                                     {u"days"_s, QJsonArray{u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s,
                                                            u"fri"_s, u"sat"_s, u"sun"_s}},
                                     {u"time_zone"_s, u"recipient"_s}}},
                        {u"max_attempts"_s, 3},
                        {u"retry_delay_seconds"_s, 5},
                        {u"retry_on"_s, QJsonArray{u"busy"_s, u"no-answer"_s, u"machine"_s}}})
                    .toJson())
            .object()
            .value(u"id"_s)
            .toString();
    window.showPane(MainWindow::Campaigns);
    CampaignsPane *campaigns = window.campaignsPane();
    campaigns->setDefaultRegion(u"US"_s);
    waitOrExit(
        [&] {
            campaigns->select(campaignId);
            return campaigns->view()->campaign().has_value();
        },
        5000, "the campaign");
    RecipientImportDialog *import = campaigns->importRecipients(*campaigns->view()->campaign());
    import->resize(760, 420);
    import->openFile(QStringLiteral(SWITCHBOARD_EXAMPLES_DIR "/sandbox-campaign.csv"));
    import->runImport();
    waitOrExit([&] { return import->summaryLabel()->text().contains(u"added"_s); }, 10000,
               "the recipients' import");
    save(import, folder, u"campaign-import"_s);
    import->close();
    campaigns->view()->startButton()->click();
    // Under way, with the busy number called a second time.
    waitOrExit(
        [&] {
            const QJsonArray busy =
                gui.api("GET", u"/api/v1/campaigns/"_s + campaignId + u"/recipients?limit=2"_s)
                    .object()
                    .value(u"recipients"_s)
                    .toArray();
            return busy.size() == 2 && busy.at(1)[u"attempts"_s].toArray().size() == 2 &&
                   campaigns->view()->countsLabel()->text().contains(u" 1 calling"_s);
        },
        90000, "the campaign to get under way");
    save(&window, folder, u"campaign"_s);
    CampaignForm *campaignForm = campaigns->editCampaign(*campaigns->view()->campaign());
    save(campaignForm, folder, u"campaign-form"_s);
    campaignForm->close();
    DoNotCallDialog *doNotCall = campaigns->openDoNotCall();
    doNotCall->numberEdit()->setText(u"(415) 555-01"_s); // half typed: what is wrong shows
    save(doNotCall, folder, u"do-not-call"_s);
    doNotCall->close();

    window.showPane(MainWindow::Agents);
    DialDialog *dialer = window.openDialer(orders);
    dialer->numberEdit()->setText(u"(415) 555-0188"_s);
    dialer->setNumber(dialer->numberEdit()->text());
    save(dialer, folder, u"dial"_s);
    dialer->callButton()->click();
    waitOrExit([&] { return dialer->statusText().contains(u"Connected"_s); }, 20000,
               "the dialled call to connect");
    QTest::qWait(1200);
    save(dialer, folder, u"call-live"_s);
    dialer->close();

    // The test console: a text conversation with the agent as it is in the form.
    window.showPane(MainWindow::Agents);
    agents->table()->setCurrentIndex(agents->table()->model()->index(1, 0)); // Order Desk
    TestConsole *console = agents->openTestConsole();
    console->resize(900, 720);
    console->setContextValue(u"customer_name"_s, u"Ada Lovelace"_s);
    console->startCall();
    waitOrExit(
        [&] {
            return console->transcriptText().contains(u"Be brief"_s) ||
                   console->transcriptText().contains(u"I was told"_s);
        },
        20000, "the test agent's greeting");
    QTest::qWait(1500);
    console->sendText(u"Hi! When will my anvil arrive?"_s);
    waitOrExit([&] { return console->transcriptText().contains(u"How else can I help?"_s); }, 20000,
               "the test agent's answer");
    console->sendText(u"Could you transfer me to a person?"_s);
    waitOrExit([&] { return console->transcriptText().count(u"How else can I help?"_s) == 2; },
               20000, "the test agent's second answer");
    waitOrExit([&] { return console->session()->lastRoundTripMs() >= 0; }, 10000, "a round trip");
    save(console, folder, u"test-console"_s);
    console->close();

    // Settings, General: the database choice, filled in as for a team's server.
    SettingsDialog settings(gui.settings(), gui.secrets(), &gui.bridge(),
                            QString::fromLatin1(GuiHarness::ApiKey), gui.dataDir(), {}, &window);
    settings.showTab(SettingsDialog::GeneralTab);
    auto *database = settings.findChild<DatabaseSettings *>();
    database->findChildren<QRadioButton *>().at(1)->click();
    database->findChild<QLineEdit *>(u"databaseHost"_s)->setText(u"db.acme-anvils.example"_s);
    database->findChild<QLineEdit *>(u"databaseName"_s)->setText(u"switchboard"_s);
    database->findChild<QLineEdit *>(u"databaseUser"_s)->setText(u"operators"_s);
    database->findChild<QLineEdit *>(u"databasePassword"_s)->setText(u"example-password"_s);
    settings.show();
    save(&settings, folder, u"settings"_s);
    settings.reject();

    // A first start with no accounts and no sandbox.
    GuiHarnessOptions fresh;
    fresh.sandbox = false;
    fresh.firstRunDone = false;
    GuiHarness newcomer(fresh);
    if (newcomer.start()) {
        newcomer.window().resize(1440, 900);
        newcomer.window().show();
        waitOrExit([&] { return QTest::qWaitForWindowExposed(&newcomer.window()); }, 5000,
                   "the welcome window");
        save(&newcomer.window(), folder, u"welcome"_s);
    }
    return 0;
}

int main(int argc, char *argv[])
{
    // A keychain as on a desktop: without one, the first secret written waits for it in vain.
    return KeyringSession::run(argc, argv, takeScreenshots);
}
