// SPDX-License-Identifier: GPL-3.0-or-later
// A new operator's day with calls, in the window under the offscreen platform with the sandbox
// behind it: the newcomer's path from an agent to a call in the log without touching a filter,
// the call log's filters (an "All ..." entry each, Reset filters), the dial dialog's focus and
// its word about empty placeholders, and the finished call's outcome in words with its way to
// the log and to calling again.
#include "AgentEditor.h"
#include "AgentTableModel.h"
#include "AgentsPane.h"
#include "CallDetails.h"
#include "CallLogModel.h"
#include "CallsPane.h"
#include "DialDialog.h"
#include "GuiHarness.h"
#include "MainWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

using namespace Qt::StringLiterals;

class TestGuiDailyCalls : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> m_gui;

    void start(double timeScale = 0.05)
    {
        GuiHarnessOptions options;
        options.sandboxTimeScale = timeScale;
        m_gui = std::make_unique<GuiHarness>(options);
        QString error;
        QVERIFY2(m_gui->start(&error), qPrintable(error));
        m_gui->window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui->window()));
    }

    QString agent(const QString &name = u"Order Desk"_s)
    {
        return m_gui->createActiveAgent(
            {{u"name"_s, name},
             {u"prompt"_s, u"Hello {{customer_name}}, about order {{order_id}}."_s},
             {u"template_variables"_s, QJsonObject{{u"order_id"_s, u"A-1"_s}}}});
    }

    CallsPane *calls() { return m_gui->window().callsPane(); }
    QString countText() { return calls()->findChild<QLabel *>(u"callCount"_s)->text(); }

    // Dials `number` with the dial dialog as a person does: the number typed where the focus is.
    DialDialog *dial(const QString &agentId, const QString &number)
    {
        DialDialog *dialer = m_gui->window().openDialer(agentId);
        [&] {
            QVERIFY(dialer);
            QTRY_COMPARE(dialer->focusWidget(), dialer->numberEdit());
            QTest::keyClicks(dialer->focusWidget(), number);
            QTRY_VERIFY(dialer->callButton()->isEnabled());
            QTest::mouseClick(dialer->callButton(), Qt::LeftButton);
            QTRY_VERIFY(!dialer->currentCallId().isEmpty());
        }();
        return dialer;
    }

private Q_SLOTS:
    void initTestCase() { qputenv("SWITCHBOARD_API_KEY", "gui-daily-calls-key-0123"); }
    void cleanup() { m_gui.reset(); }

    void aNewcomersCallShowsInTheLogWithItsTranscriptWithoutTouchingAFilter()
    {
        start();
        // An agent made in the form, as the README's newcomer does.
        AgentsPane *agents = m_gui->window().agentsPane();
        agents->newAgent();
        agents->editor()->findChild<QLineEdit *>(u"agentName"_s)->setText(u"First Agent"_s);
        agents->editor()
            ->findChild<QPlainTextEdit *>(u"agentPrompt"_s)
            ->setPlainText(u"You confirm orders for {{customer_name}}."_s);
        QTRY_VERIFY(agents->editor()->saveButton()->isEnabled());
        QTest::mouseClick(agents->editor()->saveButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(agents->model()->rowCount() == 1 &&
                                     agents->model()->index(0, 1).data().toString() == u"active"_s,
                                 10000);
        const QString agentId = agents->model()->rowAt(0).id;

        // The log, opened before the call, shows all calls and has nothing to reset.
        m_gui->window().showPane(MainWindow::Calls);
        QCOMPARE(calls()->agentFilter()->currentText(), u"All agents"_s);
        QVERIFY(!calls()->resetFiltersButton()->isEnabled());
        QCOMPARE(countText(), u"0 calls"_s);

        DialDialog *dialer = dial(agentId, u"(415) 555-0123"_s);
        QTRY_VERIFY_WITH_TIMEOUT(dialer->showInLogButton()->isVisible(), 15000);
        QTest::mouseClick(dialer->showInLogButton(), Qt::LeftButton);
        QCOMPARE(m_gui->window().currentPane(), MainWindow::Calls);
        QTRY_COMPARE(countText(), u"1 call"_s);
        QCOMPARE(calls()->agentFilter()->currentText(), u"All agents"_s);
        QCOMPARE(calls()->model()->index(0, CallLogModel::Agent).data().toString(),
                 u"First Agent"_s);
        QCOMPARE(calls()->table()->currentIndex().row(), 0);
        QCOMPARE(calls()->details()->shownCallId(), dialer->currentCallId());
        QTRY_VERIFY2(calls()->details()->transcriptText().contains(u"sandbox call"_s),
                     qPrintable(calls()->details()->transcriptText()));
    }

    void everyFilterStartsOnAllAndResetsInOneClick()
    {
        start();
        const QString first = agent(u"Alpha Desk"_s);
        agent(u"Beta Desk"_s);
        m_gui->api("POST", u"/api/v1/calls/"_s + first, R"({"phone_number": "+14155550123"})");
        m_gui->window().showPane(MainWindow::Calls);
        QTRY_COMPARE(countText(), u"1 call"_s);

        // Every list offers its "All ..." entry, and starts on it.
        const QStringList alls{u"All agents"_s, u"All statuses"_s, u"All outcomes"_s,
                               u"All calls"_s, u"All campaigns"_s};
        const QStringList names{u"callAgentFilter"_s, u"callStatusFilter"_s, u"callOutcomeFilter"_s,
                                u"callKindFilter"_s, u"callCampaignFilter"_s};
        for (int i = 0; i < names.size(); ++i) {
            auto *combo = calls()->findChild<QComboBox *>(names.at(i));
            QVERIFY2(combo, qPrintable(names.at(i)));
            QCOMPARE(combo->currentText(), alls.at(i));
            QCOMPARE(combo->itemText(0), alls.at(i));
            QVERIFY(!combo->isEditable()); // chosen from the list, never typed away
        }
        QCOMPARE(calls()->agentFilter()->count(), 3); // All agents, Alpha Desk, Beta Desk

        // Filtered down to nothing, the count says the filters are why.
        calls()->agentFilter()->setCurrentIndex(calls()->agentFilter()->findText(u"Beta Desk"_s));
        calls()->findChild<QComboBox *>(u"callStatusFilter"_s)->setCurrentIndex(2);
        QTest::keyClicks(calls()->findChild<QLineEdit *>(u"callSearch"_s), u"nothing like it"_s);
        QTRY_COMPARE(countText(), u"0 calls match the filters"_s);
        QVERIFY(calls()->resetFiltersButton()->isEnabled());

        // A new agent arriving does not change the agent chosen.
        agent(u"Gamma Desk"_s);
        QTRY_COMPARE(calls()->agentFilter()->count(), 4);
        QCOMPARE(calls()->agentFilter()->currentText(), u"Beta Desk"_s);

        QTest::mouseClick(calls()->resetFiltersButton(), Qt::LeftButton);
        QTRY_COMPARE(countText(), u"1 call"_s);
        for (int i = 0; i < names.size(); ++i)
            QCOMPARE(calls()->findChild<QComboBox *>(names.at(i))->currentText(), alls.at(i));
        QVERIFY(calls()->findChild<QLineEdit *>(u"callSearch"_s)->text().isEmpty());
        QVERIFY(!calls()->resetFiltersButton()->isEnabled());
    }

    void theDialDialogFocusesTheNumberAndNamesEmptyPlaceholders()
    {
        start();
        const QString id = agent();
        DialDialog *dialer = m_gui->window().openDialer(id);
        QVERIFY(dialer);
        QTRY_COMPARE(dialer->focusWidget(), dialer->numberEdit());
        // order_id has the agent's default; customer_name has nothing yet, and the dialog says so.
        QVERIFY2(dialer->emptyPlaceholdersText().contains(u"{{customer_name}} is empty"_s),
                 qPrintable(dialer->emptyPlaceholdersText()));
        QVERIFY(!dialer->emptyPlaceholdersText().contains(u"order_id"_s));
        QTest::keyClicks(dialer->numberEdit(), u"+14155550123"_s);
        QVERIFY(dialer->callButton()->isEnabled()); // the operator may go on regardless
        dialer->setContext({{u"customer_name"_s, u"Ada"_s}, {u"order_id"_s, QString()}});
        QVERIFY2(dialer->emptyPlaceholdersText().contains(u"{{order_id}} is empty"_s),
                 qPrintable(dialer->emptyPlaceholdersText()));
        dialer->setContext({{u"order_id"_s, u"B-2"_s}});
        QVERIFY(dialer->emptyPlaceholdersText().isEmpty());
    }

    void aCallYouHangUpSaysSoAndLeadsToTheLogAndToCallingAgain()
    {
        start(0.5); // answered after 1.5 s, so there is time to hang up
        const QString id = agent();
        DialDialog *dialer = dial(id, u"+14155550123"_s);
        QTRY_VERIFY_WITH_TIMEOUT(dialer->statusText().startsWith(u"Connected"_s), 15000);
        QVERIFY(!dialer->showInLogButton()->isVisible());
        QTest::qWait(1100);
        auto *hangUp = dialer->findChild<QPushButton *>();
        for (QPushButton *button : dialer->findChildren<QPushButton *>())
            if (button->text() == u"&Hang up"_s)
                hangUp = button;
        QTRY_VERIFY(hangUp->isEnabled());
        QTest::mouseClick(hangUp, Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(dialer->statusText().startsWith(u"You hung up after "_s),
                                  qPrintable(dialer->statusText()), 15000);
        QVERIFY2(dialer->statusText().contains(QRegularExpression(u"after \\d+ seconds?$"_s)),
                 qPrintable(dialer->statusText()));
        QVERIFY2(dialer->durationText().startsWith(u"Lasted "_s),
                 qPrintable(dialer->durationText()));
        QVERIFY(dialer->showInLogButton()->isVisible());
        QVERIFY(dialer->callAgainButton()->isVisible());

        // The log tells it the same way, apart from a call the callee ended.
        const QString callId = dialer->currentCallId();
        QTest::mouseClick(dialer->showInLogButton(), Qt::LeftButton);
        QCOMPARE(calls()->details()->shownCallId(), callId);
        QVERIFY2(calls()->details()->headerText().contains(u"You hung up after"_s),
                 qPrintable(calls()->details()->headerText()));
        QVERIFY(calls()->details()->headerText().contains(u"+1 415-555-0123"_s));

        // Call again: the form, on the same agent and number, ready to call.
        QTest::mouseClick(dialer->callAgainButton(), Qt::LeftButton);
        QVERIFY(dialer->numberEdit()->isVisible());
        QCOMPARE(dialer->number(), u"+14155550123"_s);
        QVERIFY(dialer->callButton()->isEnabled());
        QTRY_COMPARE(dialer->focusWidget(), dialer->numberEdit());
    }

    void unansweredAndBusyCallsSayWhatHappened_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("words");
        QTest::newRow("no answer") << u"+14155550102"_s << u"The callee did not answer"_s;
        QTest::newRow("busy") << u"+14155550101"_s << u"The line was busy"_s;
        QTest::newRow("completed") << u"+14155550123"_s << u"The callee hung up after"_s;
    }

    void unansweredAndBusyCallsSayWhatHappened()
    {
        QFETCH(QString, number);
        QFETCH(QString, words);
        start();
        DialDialog *dialer = dial(agent(), number);
        QTRY_VERIFY2_WITH_TIMEOUT(dialer->statusText().startsWith(words),
                                  qPrintable(dialer->statusText()), 15000);
        QVERIFY(dialer->showInLogButton()->isVisible());
        QVERIFY(dialer->callAgainButton()->isVisible());
        // Opening the dialer again after the call starts a new one rather than showing the old.
        m_gui->window().openDialer();
        QVERIFY(dialer->numberEdit()->isVisible());
        QCOMPARE(dialer->number(), number);
    }
};

QTEST_MAIN(TestGuiDailyCalls)
#include "tst_gui_daily_calls.moc"
