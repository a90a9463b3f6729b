// SPDX-License-Identifier: GPL-3.0-or-later
// The window under the offscreen platform, with the real services behind it: the agent form's
// checks, agents made by the window and by scripts, a sandbox call from the dial dialog to its
// transcript, pasted numbers, tel: links from a second launch, unsaved edits, and the item models
// under QAbstractItemModelTester.
#include "AgentEditor.h"
#include "AgentFilterProxy.h"
#include "AgentTableModel.h"
#include "AgentsPane.h"
#include "AppSettings.h"
#include "CallDetails.h"
#include "CallLogModel.h"
#include "CallsPane.h"
#include "CompaniesPane.h"
#include "CompanyEditor.h"
#include "CompanyListModel.h"
#include "CoreBridge.h"
#include "DialDialog.h"
#include "GuiApp.h"
#include "GuiHarness.h"
#include "KeychainSecretStore.h"
#include "MainWindow.h"
#include "MetricsPane.h"
#include "ModelRoles.h"
#include "RecentTableModel.h"
#include "SandboxTwilio.h"
#include "ServerStack.h"
#include "SettingsDialog.h"
#include "SingleInstance.h"
#include "StartupProblemPage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTcpServer>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
QByteArray agentJson(const QString &name)
{
    return QJsonDocument(
               QJsonObject{{u"name"_s, name},
                           {u"prompt"_s, u"Hello {{customer_name}}, about {{order_id}}."_s},
                           {u"template_variables"_s, QJsonObject{{u"order_id"_s, u"A-1"_s}}}})
        .toJson(QJsonDocument::Compact);
}

// Answers the next modal message box with `button` (it is opened by the code under test).
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(50, qApp, [button] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(button)->click();
    });
}
} // namespace

class TestGui : public QObject
{
    Q_OBJECT

    AgentsPane *agents() { return m_gui->window().agentsPane(); }
    AgentEditor *editor() { return agents()->editor(); }
    QLineEdit *nameField() { return editor()->findChild<QLineEdit *>(u"agentName"_s); }
    QPlainTextEdit *promptField()
    {
        return editor()->findChild<QPlainTextEdit *>(u"agentPrompt"_s);
    }
    QComboBox *languageField() { return editor()->findChild<QComboBox *>(u"agentLanguage"_s); }

    QString createAgentThroughApi(const QString &name)
    {
        const HttpResult created = m_gui->api("POST", u"/api/v1/agents"_s, agentJson(name));
        [&] { QCOMPARE(created.status, 201); }();
        const QString id = created.object().value(u"id"_s).toString();
        [&] { QTRY_VERIFY(agents()->model()->rowOf(id) >= 0); }();
        return id;
    }

private Q_SLOTS:
    void initTestCase() { qputenv("SWITCHBOARD_API_KEY", "gui-app-test-key-0123"); }

    void init()
    {
        m_gui = std::make_unique<GuiHarness>();
        QString error;
        QVERIFY2(m_gui->start(&error), qPrintable(error));
        m_gui->window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui->window()));
    }
    void cleanup() { m_gui.reset(); }

    void invalidAgentFormShowsTheMessageAndKeepsSaveDisabled()
    {
        agents()->newAgent();
        QVERIFY(!editor()->saveButton()->isEnabled());
        QVERIFY(editor()->problemOf(u"name"_s).isEmpty()); // an untouched form does not scold
        QTest::keyClicks(nameField(), u"Sales@Bot"_s);
        QTest::keyClicks(promptField(), u"You sell anvils."_s);
        QVERIFY2(editor()->problemOf(u"name"_s).contains(u"letters, numbers"_s),
                 qPrintable(editor()->problemOf(u"name"_s)));
        QVERIFY(!editor()->saveButton()->isEnabled());

        nameField()->clear();
        QTest::keyClicks(nameField(), QString(101, u'x'));
        QVERIFY(editor()->problemOf(u"name"_s).contains(u"1-100"_s));
        QVERIFY(!editor()->saveButton()->isEnabled());

        nameField()->clear();
        QTest::keyClicks(nameField(), u"Sales Bot"_s);
        QVERIFY(editor()->problemOf(u"name"_s).isEmpty());
        QVERIFY(editor()->saveButton()->isEnabled());
        languageField()->setCurrentText(u"english"_s);
        QVERIFY(editor()->problemOf(u"language"_s).contains(u"en-US"_s));
        QVERIFY(!editor()->saveButton()->isEnabled());
        languageField()->setCurrentText(u"en-GB"_s);
        QVERIFY(editor()->saveButton()->isEnabled());
        promptField()->clear();
        QVERIFY(editor()->problemOf(u"prompt"_s).contains(u"empty"_s));
        QVERIFY(!editor()->saveButton()->isEnabled());
    }

    void aValidAgentAppearsInTheTableAndTheApi()
    {
        agents()->newAgent();
        QTest::keyClicks(nameField(), u"Window Made"_s);
        QTest::keyClicks(promptField(), u"Greet {{customer_name}} warmly."_s);
        QVERIFY(editor()->saveButton()->isEnabled());
        QTest::mouseClick(editor()->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!editor()->agentId().isEmpty());
        const QString id = editor()->agentId();
        QTRY_VERIFY(agents()->model()->rowOf(id) >= 0);
        QTRY_VERIFY(agents()->model()->rowAt(agents()->model()->rowOf(id)).status ==
                    AgentStatus::Active);
        const QJsonArray listed = m_gui->api("GET", u"/api/v1/agents"_s).array();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0).toObject().value(u"config"_s).toObject().value(u"name"_s).toString(),
                 u"Window Made"_s);
        QVERIFY(!editor()->isDirty());
    }

    void anAgentCreatedThroughTheApiAppearsWithoutARefresh()
    {
        const QString id = createAgentThroughApi(u"Script Made"_s);
        QCOMPARE(agents()->model()->rowAt(agents()->model()->rowOf(id)).name, u"Script Made"_s);
        // And a script's change to the agent shown in the form reaches the form.
        agents()->table()->setCurrentIndex(agents()->table()->model()->index(0, 0));
        QTRY_COMPARE(editor()->agentId(), id);
        QCOMPARE(
            m_gui->api("PUT", u"/api/v1/agents/"_s + id, agentJson(u"Script Renamed"_s)).status,
            200);
        QTRY_COMPARE(nameField()->text(), u"Script Renamed"_s);
        QCOMPARE(m_gui->api("DELETE", u"/api/v1/agents/"_s + id).status, 204);
        QTRY_COMPARE(agents()->model()->rowOf(id), -1);
    }

    void aSandboxCallFromTheDialDialogCompletesWithItsTranscript()
    {
        const QString agentId = createAgentThroughApi(u"Dialer"_s);
        DialDialog *dialer = m_gui->window().openDialer(agentId);
        QVERIFY(dialer);
        dialer->setNumber(u"+14155550123"_s);
        QTRY_VERIFY(dialer->callButton()->isEnabled());
        QTest::mouseClick(dialer->callButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialer->currentCallId().isEmpty());
        const QString callId = dialer->currentCallId();
        QTRY_VERIFY2_WITH_TIMEOUT(dialer->statusText().startsWith(u"The callee hung up after"_s),
                                  qPrintable(dialer->statusText()), 10000);

        m_gui->window().showPane(MainWindow::Calls);
        CallsPane *calls = m_gui->window().callsPane();
        QTRY_VERIFY(calls->model()->rowCount() >= 1);
        QTRY_COMPARE(calls->model()->index(0, CallLogModel::Status).data().toString(),
                     u"completed"_s);
        calls->table()->setCurrentIndex(calls->model()->index(0, 0));
        QCOMPARE(calls->details()->shownCallId(), callId);
        QTRY_VERIFY2(calls->details()->transcriptText().contains(u"sandbox call"_s),
                     qPrintable(calls->details()->transcriptText()));
    }

    void aPastedNumberBecomesE164()
    {
        createAgentThroughApi(u"Paste Target"_s);
        DialDialog *dialer = m_gui->window().openDialer();
        QLineEdit *number = dialer->numberEdit();
        number->setFocus();
        QApplication::clipboard()->setText(u"(415) 555-0123"_s);
        QTest::keySequence(number, QKeySequence::Paste);
        QCOMPARE(number->text(), u"+14155550123"_s);
        number->clear();
        QApplication::clipboard()->setText(u"+44 20 7946 0958"_s);
        QTest::keySequence(number, QKeySequence::Paste);
        QCOMPARE(number->text(), u"+442079460958"_s);
        QCOMPARE(dialer->number(), u"+442079460958"_s);
        number->clear();
        QTest::keyClicks(number, u"555"_s);
        QVERIFY(dialer->number().isEmpty());
        QVERIFY(!dialer->callButton()->isEnabled());
    }

    void aSecondTelLaunchReachesTheRunningWindow()
    {
        SingleInstance instance(m_gui->dataDir());
        QVERIFY(instance.listen());
        connect(&instance, &SingleInstance::activationRequested, &m_gui->window(),
                &MainWindow::handleTelLink);
        QProcess second;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        second.setProcessEnvironment(environment);
        second.start(QStringLiteral(SWITCHBOARD_BINARY),
                     {u"--data-dir"_s, m_gui->dataDir(), u"tel:+1-415-555-0199"_s});
        QVERIFY(second.waitForStarted());
        // The handing over happens while this event loop runs.
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 15000);
        QCOMPARE(second.exitCode(), 0);
        DialDialog *dialer = m_gui->window().findChild<DialDialog *>();
        QVERIFY(dialer);
        QVERIFY(dialer->isVisible());
        QCOMPARE(dialer->numberEdit()->text(), u"+14155550199"_s);
    }

    void unsavedEditsSurviveSwitchingPanes()
    {
        const QString id = createAgentThroughApi(u"Kept Edits"_s);
        agents()->table()->setCurrentIndex(agents()->table()->model()->index(0, 0));
        QTRY_COMPARE(editor()->agentId(), id);
        QTest::keyClicks(nameField(), u" Draft"_s);
        QVERIFY(editor()->isDirty());
        for (const MainWindow::Pane pane :
             {MainWindow::Calls, MainWindow::Metrics, MainWindow::Companies, MainWindow::Agents})
            m_gui->window().showPane(pane);
        QCOMPARE(nameField()->text(), u"Kept Edits Draft"_s);
        QVERIFY(editor()->isDirty());

        // Leaving the agent asks; Cancel keeps the draft.
        answerNextMessageBox(QMessageBox::Cancel);
        agents()->newAgent();
        QCOMPARE(nameField()->text(), u"Kept Edits Draft"_s);
        answerNextMessageBox(QMessageBox::Discard);
        agents()->newAgent();
        QCOMPARE(nameField()->text(), QString());
    }

    // A dialog or pane that closes while the core is still working on its request must not get
    // the answer: its callback would run on freed memory (a rare crash when a window closed
    // under load). Answers come back in the order they were asked.
    void anAnswerForAWidgetThatIsGoneIsDropped()
    {
        auto *closedDialog = new QObject;
        bool ranForTheClosedOne = false;
        m_gui->bridge().metrics(
            replyTo(closedDialog, [&](const QJsonObject &) { ranForTheClosedOne = true; }));
        delete closedDialog;
        bool ranForTheWindow = false;
        m_gui->bridge().metrics(
            replyTo(&m_gui->window(), [&](const QJsonObject &) { ranForTheWindow = true; }));
        QTRY_VERIFY(ranForTheWindow);
        QVERIFY(!ranForTheClosedOne);
    }

    // The bridge can go while a provider is still answering one of its requests (the window
    // closed during a connection test; the services drain for a moment after): the answer then
    // reaches the widget that asked, if it still exists, and never the bridge that is gone (it
    // was posted to freed memory, a crash in the GUI thread's event loop).
    void anAnswerThatArrivesAfterTheBridgeWentIsSafe()
    {
        GuiHarnessOptions slow;
        slow.sandboxTimeScale = 1.0; // the sandbox answers after 40 ms
        GuiHarness gui(slow);
        QString error;
        QVERIFY2(gui.start(&error), qPrintable(error));
        auto bridge = std::make_unique<CoreBridge>(gui.stack());
        QObject asker;
        QString answer;
        TwilioCredentials credentials;
        credentials.accountSid = QString::fromLatin1(SandboxTwilio::AccountSid);
        credentials.authToken = u"sandbox-token"_s;
        bridge->testTwilio(credentials,
                           replyTo(&asker, [&](const QString &text) { answer = text; }));
        // Once this returns, the core thread has asked the sandbox; its answer is 40 ms away.
        QMetaObject::invokeMethod(
            &gui.stack(), [] {}, Qt::BlockingQueuedConnection);
        bridge.reset();
        QTRY_COMPARE(answer, u"ok"_s);

        // A request queued to the core thread but not started when the bridge goes is dropped.
        auto second = std::make_unique<CoreBridge>(gui.stack());
        QSemaphore coreHeld;
        QSemaphore release;
        QMetaObject::invokeMethod(&gui.stack(), [&] {
            coreHeld.release();
            release.acquire();
        });
        coreHeld.acquire();
        bool metricsAnswered = false;
        second->metrics(replyTo(&asker, [&](const QJsonObject &) { metricsAnswered = true; }));
        second.reset();
        release.release();
        QMetaObject::invokeMethod(
            &gui.stack(), [] {}, Qt::BlockingQueuedConnection);
        QTest::qWait(50);
        QVERIFY(!metricsAnswered);
    }

    void modelsPassTheModelTester()
    {
        auto *table = agents()->model();
        QAbstractItemModelTester agentsTester(
            table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(
            agents()->table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        CallsPane *calls = m_gui->window().callsPane();
        QAbstractItemModelTester callsTester(
            calls->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        MetricsPane *metrics = m_gui->window().metricsPane();
        QAbstractItemModelTester eventsTester(
            metrics->events(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester apiTester(metrics->apiCalls(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
        CompaniesPane *companies = m_gui->window().companiesPane();
        QAbstractItemModelTester companiesTester(
            companies->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        QStringList ids;
        for (int i = 0; i < 5; ++i)
            ids << createAgentThroughApi(u"Tested %1"_s.arg(i));
        static_cast<AgentFilterProxy *>(agents()->table()->model())->setSearchText(u"tested 3"_s);
        QCOMPARE(agents()->table()->model()->rowCount(), 1);
        static_cast<AgentFilterProxy *>(agents()->table()->model())->setSearchText({});
        for (const QString &number : {u"+14155550123"_s, u"+14155550101"_s, u"+14155550102"_s})
            QCOMPARE(m_gui
                         ->api("POST", u"/api/v1/calls/"_s + ids.first(),
                               QJsonDocument(QJsonObject{{u"phone_number"_s, number}}).toJson())
                         .status,
                     201);
        QTRY_COMPARE(calls->model()->rowCount(), 3);
        QTRY_VERIFY(metrics->events()->rowCount() > 5);
        QTRY_VERIFY(metrics->apiCalls()->rowCount() > 5);
        const QByteArray company =
            QJsonDocument(
                QJsonObject{{u"name"_s, u"Acme"_s},
                            {u"ultravox"_s, QJsonObject{{u"api_key"_s, u"uv-key-0123456789"_s},
                                                        {u"system_prompt"_s, u"Hi."_s}}}})
                .toJson();
        const HttpResult made = m_gui->api("POST", u"/api/v1/companies"_s, company);
        QCOMPARE(made.status, 201);
        QTRY_COMPARE(companies->model()->rowCount(), 1);
        QCOMPARE(m_gui
                     ->api("DELETE",
                           u"/api/v1/companies/%1"_s.arg(made.object().value(u"id"_s).toInteger()))
                     .status,
                 204);
        QTRY_COMPARE(companies->model()->rowCount(), 0);
        QCOMPARE(m_gui->api("DELETE", u"/api/v1/agents/"_s + ids.last()).status, 204);
        QTRY_COMPARE(table->rowCount(), 4);
    }

    void theFilteredCallLogExportsToCsvAndJson()
    {
        const QString agentId = createAgentThroughApi(u"Exporter"_s);
        for (const QString &number : {u"+14155550123"_s, u"+14155550101"_s, u"+447700900123"_s})
            QCOMPARE(m_gui
                         ->api("POST", u"/api/v1/calls/"_s + agentId,
                               QJsonDocument(QJsonObject{{u"phone_number"_s, number}}).toJson())
                         .status,
                     201);
        CallsPane *calls = m_gui->window().callsPane();
        QTRY_COMPARE(calls->model()->rowCount(), 3);
        QTRY_VERIFY(m_gui->api("GET", u"/api/v1/metrics"_s)
                        .object()
                        .value(u"calls"_s)
                        .toObject()
                        .value(u"ongoing"_s)
                        .toInt() == 0);
        QTemporaryDir dir;
        QCOMPARE(calls->exportTo(dir.filePath(u"all.csv"_s)), 3);
        QFile csv(dir.filePath(u"all.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QVERIFY(lines.at(0).startsWith("id,call_sid,created_at"));
        QCOMPARE(lines.size(), 5); // header, three calls, the final empty line
        QVERIFY(lines.at(1).contains("Exporter"));

        calls->findChild<QLineEdit *>(u"callSearch"_s)
            ->setText(u"+44"_s); // free text narrows to one
        QTRY_COMPARE(calls->model()->rowCount(), 1);
        QCOMPARE(calls->exportTo(dir.filePath(u"uk.json"_s)), 1);
        QFile json(dir.filePath(u"uk.json"_s));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonArray exported = QJsonDocument::fromJson(json.readAll()).array();
        QCOMPARE(exported.size(), 1);
        QCOMPARE(exported.at(0).toObject().value(u"phone_number"_s).toString(), u"+447700900123"_s);
    }

    void theCompanyFormChecksAsYouType()
    {
        m_gui->window().showPane(MainWindow::Companies);
        CompanyEditor *form = m_gui->window().companiesPane()->editor();
        QVERIFY(!form->saveButton()->isEnabled());
        const auto fields = form->findChildren<QLineEdit *>();
        fields.at(0)->setText(u"Acme"_s); // name
        QVERIFY(!form->isValid());        // the Twilio and Ultravox sections want their fields
    }

    void theWelcomePageGreetsANewOperator()
    {
        GuiHarnessOptions fresh;
        fresh.sandbox = false;
        fresh.firstRunDone = false;
        GuiHarness newcomer(fresh);
        QVERIFY(newcomer.start());
        newcomer.window().show();
        auto *stack = newcomer.window().findChild<QStackedWidget *>();
        QCOMPARE(stack->currentWidget(), newcomer.window().welcomePage());
    }

    void aTakenPortStillOpensTheWindow()
    {
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        const AppOptions options = sandboxAppOptions(occupant.serverPort());
        KeychainSecretStore secrets(u"switchboard-gui-test"_s, 2000);
        GuiApp app(options, dir.path(), secrets);
        QVERIFY(app.start());
        QVERIFY(app.window()->isVisible());
        QVERIFY(app.bridge());
        QVERIFY(!app.bridge()->apiListening());
        QVERIFY2(app.window()->statusText().contains(u"API off"_s),
                 qPrintable(app.window()->statusText()));
        QVERIFY(app.window()->statusBar()->currentMessage().contains(
            QString::number(occupant.serverPort())));
        // The rest of the window works: the sandbox still takes an agent.
        QVERIFY(app.window()->agentsPane()->isEnabled());
    }

    void aDamagedDatabaseStillOpensTheWindowAndCanStartFresh()
    {
        QTemporaryDir dir;
        QFile damaged(dir.filePath(u"switchboard.db"_s));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write(QByteArray(4096, 'z'));
        damaged.close();
        const AppOptions options = sandboxAppOptions();
        KeychainSecretStore secrets(u"switchboard-gui-test"_s, 2000);
        GuiApp app(options, dir.path(), secrets);
        QVERIFY(app.start());
        QVERIFY(app.window()->isVisible());
        QVERIFY(!app.bridge());
        auto *problem = app.window()->findChild<StartupProblemPage *>();
        QVERIFY(problem);
        QVERIFY(problem->isVisible());
        QVERIFY(app.window()->statusText().contains(u"Services stopped"_s));

        answerNextMessageBox(QMessageBox::Yes);
        QMetaObject::invokeMethod(problem, &StartupProblemPage::startFreshRequested);
        QTRY_VERIFY(app.bridge() != nullptr);
        QTRY_VERIFY(app.window() && app.window()->agentsPane());
        const QStringList kept = QDir(dir.path()).entryList({u"switchboard.db.unusable-*"_s});
        QCOMPARE(kept.size(), 1); // moved aside, not deleted
    }

    void aCredentialFromTheEnvironmentIsShownReadOnlyWithItsName()
    {
        // The keychain holds an Ultravox key from an earlier run; the environment sets a new one.
        QTemporaryDir dir;
        KeychainSecretStore secrets(u"switchboard-gui-test-precedence"_s, 2000);
        secrets.write(u"ultravox_api_key"_s, u"stored-ultravox-key-0123"_s);
        secrets.write(u"twilio_account_sid"_s, u"AC00000000000000000000000000000000"_s);
        qputenv("ULTRAVOX_API_KEY", "environment-ultravox-key-0123");
        const auto restore = qScopeGuard([] { qunsetenv("ULTRAVOX_API_KEY"); });
        GuiApp app(sandboxAppOptions(), dir.path(), secrets);
        QVERIFY(app.start());
        QVERIFY(app.bridge());
        QCOMPARE(app.bridge()->providerDefaults().ultravox.apiKey,
                 u"environment-ultravox-key-0123"_s);
        QCOMPARE(app.bridge()->providerDefaults().sources.value(u"ULTRAVOX_API_KEY"_s),
                 u"environment"_s);

        QString failure = u"the settings dialog did not open"_s;
        QTimer::singleShot(0, qApp, [&] {
            auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            failure.clear();
            dialog->showTab(SettingsDialog::AccountsTab);
            auto *ultravox = dialog->findChild<QLineEdit *>(u"ultravoxApiKey"_s);
            auto *sid = dialog->findChild<QLineEdit *>(u"twilioAccountSid"_s);
            if (!ultravox || !ultravox->isReadOnly() || ultravox->isEnabled())
                failure += u"the overridden Ultravox key is editable; "_s;
            else if (!ultravox->placeholderText().contains(u"ULTRAVOX_API_KEY"_s))
                failure +=
                    u"the field does not name the variable: "_s + ultravox->placeholderText();
            if (!ultravox->text().isEmpty())
                failure += u"the field shows a value; "_s;
            if (!sid || sid->isReadOnly() || sid->text() != u"AC00000000000000000000000000000000"_s)
                failure += u"the keychain's Twilio SID is not editable as before; "_s;
            // SWITCHBOARD_API_KEY comes from the environment too (initTestCase).
            auto *regenerate = dialog->findChild<QPushButton *>(u"regenerateApiKey"_s);
            auto *source = dialog->findChild<QLabel *>(u"apiKeySource"_s);
            if (!regenerate || regenerate->isEnabled() || !source ||
                !source->text().contains(u"SWITCHBOARD_API_KEY"_s))
                failure += u"the API key from the environment can be regenerated; "_s;
            dialog->grab().save(QDir::temp().filePath(u"switchboard-settings-overridden.png"_s));
            sid->setText(u"AC22222222222222222222222222222222"_s);
            // OK saves; nothing else changed, so the services keep running (no restart).
            const auto *buttons = dialog->findChild<QDialogButtonBox *>();
            if (buttons)
                buttons->button(QDialogButtonBox::Ok)->click();
        });
        app.window()->openSettings(SettingsDialog::AccountsTab);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        // Saving kept the keychain's Ultravox key as it was, and the environment's still wins.
        QCOMPARE(secrets.read(u"ultravox_api_key"_s).value_or(QString()),
                 u"stored-ultravox-key-0123"_s);
        QCOMPARE(secrets.read(u"twilio_account_sid"_s).value_or(QString()),
                 u"AC22222222222222222222222222222222"_s);
        QCOMPARE(app.bridge()->providerDefaults().ultravox.apiKey,
                 u"environment-ultravox-key-0123"_s);
        QCOMPARE(app.bridge()->providerDefaults().twilio.accountSid,
                 u"AC22222222222222222222222222222222"_s);
        QCOMPARE(app.bridge()->providerDefaults().sources.value(u"SWITCHBOARD_API_KEY"_s),
                 u"environment"_s);
    }

private:
    std::unique_ptr<GuiHarness> m_gui;
};

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
