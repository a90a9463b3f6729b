// SPDX-License-Identifier: GPL-3.0-or-later
// The test console under the offscreen platform against the sandbox: opened beside Save (also
// for an unsaved form), the context pre-filled, a text conversation streamed into the
// transcript with tool calls as lines, the round trip shown, a hang-up, then the test call in
// the call log (marked, filterable, with its transcript) and deleted in one click.
#include "AgentEditor.h"
#include "AgentTableModel.h"
#include "AgentsPane.h"
#include "CallLogModel.h"
#include "CallsPane.h"
#include "GuiHarness.h"
#include "MainWindow.h"
#include "TestConsole.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

using namespace Qt::StringLiterals;

class TestGuiConsole : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> m_gui;

    AgentsPane *agents() { return m_gui->window().agentsPane(); }
    AgentEditor *editor() { return agents()->editor(); }

    QString createAgent()
    {
        const QByteArray body =
            QJsonDocument(
                QJsonObject{{u"name"_s, u"Order desk"_s},
                            {u"prompt"_s, u"Confirm order {{order_id}} with {{customer_name}}."_s},
                            {u"template_variables"_s, QJsonObject{{u"order_id"_s, u"A-1"_s}}}})
                .toJson(QJsonDocument::Compact);
        const HttpResult created = m_gui->api("POST", u"/api/v1/agents"_s, body);
        [&] { QCOMPARE(created.status, 201); }();
        const QString id = created.object().value(u"id"_s).toString();
        [&] { QTRY_VERIFY(agents()->model()->rowOf(id) >= 0); }();
        return id;
    }

    void openAgent(const QString &id)
    {
        const int row = agents()->model()->rowOf(id);
        agents()->table()->setCurrentIndex(agents()->table()->model()->index(row, 0));
        QTRY_COMPARE(editor()->agentId(), id);
    }

private Q_SLOTS:
    void initTestCase() { qputenv("SWITCHBOARD_API_KEY", "gui-console-test-key-0123"); }

    void init()
    {
        m_gui = std::make_unique<GuiHarness>();
        QString error;
        QVERIFY2(m_gui->start(&error), qPrintable(error));
        m_gui->window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui->window()));
    }
    void cleanup() { m_gui.reset(); }

    void contextNamesComeFromVariablesAndPlaceholders()
    {
        AgentConfig config;
        config.prompt = u"Hi {{customer_name}}, order {{order_id}}, {{customer_name}} again"_s;
        config.templateVariables = {{u"order_id"_s, u"1"_s}, {u"region"_s, u"EU"_s}};
        QCOMPARE(TestConsole::contextNames(config),
                 (QStringList{u"order_id"_s, u"region"_s, u"customer_name"_s}));
    }

    void aTextTestFromTheAgentsPane()
    {
        openAgent(createAgent());
        QVERIFY(editor()->testButton()->isEnabled());
        QCOMPARE(editor()->testButton()->shortcut(), QKeySequence(u"Ctrl+T"_s));
        QTest::keyClick(editor(), Qt::Key_T, Qt::ControlModifier);
        QTRY_VERIFY(agents()->testConsole());
        TestConsole *console = agents()->testConsole();
        QVERIFY(QTest::qWaitForWindowExposed(console));

        console->setContextValue(u"customer_name"_s, u"Ada"_s);
        console->startCall();
        QTRY_VERIFY_WITH_TIMEOUT(console->transcriptText().contains(u"Hello Ada"_s), 10000);
        QTRY_VERIFY(console->transcriptText().contains(u"Confirm order A-1 with Ada."_s));
        QTRY_VERIFY(console->isInCall());

        console->sendText(u"Please transfer me"_s);
        QTRY_VERIFY_WITH_TIMEOUT(console->transcriptText().contains(
                                     u"Tool call: transferCall(destination: +14155550100)"_s),
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            console->transcriptText().contains(u"You said \"Please transfer me\""_s), 10000);
        QVERIFY(console->transcriptText().contains(u"You: Please transfer me"_s));
        QTRY_VERIFY(console->dataMessagesText().contains(u"\"type\":\"state\""_s));
        QTRY_VERIFY_WITH_TIMEOUT(console->session()->lastRoundTripMs() >= 0, 5000);

        const QString callId = console->callId();
        QSignalSpy finished(console, &TestConsole::callFinished);
        console->hangUp();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(console->statusText().contains(u"You hung up"_s));

        // The call log: marked, filterable, with what was said.
        CallsPane *calls = m_gui->window().callsPane();
        calls->kindFilter()->setCurrentIndex(2); // test calls
        QTRY_COMPARE(calls->model()->rowCount(), 1);
        QCOMPARE(calls->model()->data(calls->model()->index(0, CallLogModel::Number)).toString(),
                 u"Test call"_s);
        const HttpResult stored = m_gui->api("GET", u"/api/v1/calls/"_s + callId);
        QCOMPARE(stored.object().value(u"test"_s).toBool(), true);
        QCOMPARE(stored.object().value(u"status"_s).toString(), u"completed"_s);
        const QJsonArray transcript =
            m_gui->api("GET", u"/api/v1/calls/%1/transcript"_s.arg(callId))
                .object()
                .value(u"messages"_s)
                .toArray();
        QVERIFY(transcript.size() >= 3);
        QCOMPARE(transcript.at(1).toObject().value(u"text"_s).toString(), u"Please transfer me"_s);
        calls->kindFilter()->setCurrentIndex(1); // phone calls
        QTRY_COMPARE(calls->model()->rowCount(), 0);

        calls->kindFilter()->setCurrentIndex(2);
        QTRY_COMPARE(calls->model()->rowCount(), 1);
        calls->table()->setCurrentIndex(calls->model()->index(0, 0));
        QVERIFY(calls->deleteTestButton()->isEnabled());
        calls->deleteTestButton()->click();
        QTRY_COMPARE(calls->model()->rowCount(), 0);
        QCOMPARE(m_gui->api("GET", u"/api/v1/calls/"_s + callId).status, 404);
        console->close();
    }

    void anUnsavedFormCanBeTested()
    {
        agents()->newAgent();
        editor()->findChild<QLineEdit *>(u"agentName"_s)->setText(u"Draft"_s);
        editor()
            ->findChild<QPlainTextEdit *>(u"agentPrompt"_s)
            ->setPlainText(u"Ask for {{city}}. You are a draft."_s);
        QTRY_VERIFY(editor()->testButton()->isEnabled());
        QVERIFY(editor()->isNew());
        editor()->testButton()->click();
        QTRY_VERIFY(agents()->testConsole());
        TestConsole *console = agents()->testConsole();
        console->setContextValue(u"city"_s, u"Lyon"_s);
        console->startCall();
        QTRY_VERIFY_WITH_TIMEOUT(console->transcriptText().contains(u"Ask for Lyon."_s), 10000);
        // Closing the window hangs up and finishes the record.
        const QString callId = console->callId();
        console->close();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_gui->api("GET", u"/api/v1/calls/"_s + callId).object().value(u"status"_s).toString(),
            u"completed"_s, 10000);
        QCOMPARE(m_gui->api("GET", u"/api/v1/agents"_s).object().value(u"count"_s).toInt(), 0);
    }

    void anInvalidFormCannotBeTested()
    {
        agents()->newAgent();
        QVERIFY(!editor()->testButton()->isEnabled());
        QVERIFY(!agents()->openTestConsole());
    }
};

QTEST_MAIN(TestGuiConsole)
#include "tst_gui_console.moc"
