// SPDX-License-Identifier: GPL-3.0-or-later
// The agent form with its folding sections, under the offscreen platform with the real services
// behind it: every call-template field round-trips between the form and the API, a bad value
// gets the API's own message under its field, folded sections count their problems, and the
// history compares and restores revisions; duplicate, export and import from the pane.
#include "AgentEditor.h"
#include "AgentHistoryDialog.h"
#include "AgentTableModel.h"
#include "AgentsPane.h"
#include "CallDetails.h"
#include "CallLogModel.h"
#include "CallsPane.h"
#include "DialDialog.h"
#include "FoldingSection.h"
#include "GuiHarness.h"
#include "InactivityMessagesTable.h"
#include "MainWindow.h"
#include "PhoneNumbers.h"
#include "Validation.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
QJsonObject seedAgent(const QString &name)
{
    return {{u"name"_s, name},
            {u"prompt"_s, u"Hello {{customer_name}}."_s},
            {u"template_variables"_s, QJsonObject{{u"order_id"_s, u"A-1"_s}}}};
}

QJsonObject fullAgent(const QString &name)
{
    QJsonObject body = seedAgent(name);
    body.insert(u"first_speaker"_s, u"agent"_s);
    body.insert(u"greeting_prompt"_s, u"Greet them by name"_s);
    body.insert(u"greeting_delay_ms"_s, 750);
    body.insert(u"greeting_interruptible"_s, false);
    body.insert(u"model"_s, u"ultravox-v0.7"_s);
    body.insert(u"temperature"_s, 0.4);
    body.insert(u"max_duration_seconds"_s, 600);
    body.insert(u"join_timeout_seconds"_s, 20);
    body.insert(u"time_exceeded_message"_s, u"Time is up."_s);
    body.insert(u"inactivity_messages"_s,
                QJsonArray{QJsonObject{{u"duration_seconds"_s, 7},
                                       {u"message"_s, u"Hello?"_s},
                                       {u"end_behavior"_s, u"hang_up_soft"_s}}});
    body.insert(u"recording_enabled"_s, true);
    body.insert(u"vad_turn_end_delay_ms"_s, 448);
    body.insert(u"vad_minimum_turn_duration_ms"_s, 32);
    body.insert(u"vad_minimum_interruption_duration_ms"_s, 160);
    body.insert(u"tools"_s,
                QJsonObject{{u"hang_up"_s, QJsonObject{{u"strict"_s, false}}},
                            {u"cold_transfer"_s, QJsonObject{{u"target"_s, u"+14155550123"_s}}},
                            {u"play_dtmf_sounds"_s, QJsonObject()}});
    return body;
}

QByteArray bytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

class TestGuiAgents : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> m_gui;

    AgentsPane *agents() { return m_gui->window().agentsPane(); }
    AgentEditor *editor() { return agents()->editor(); }
    template<typename W>
    W *field(const QString &name)
    {
        W *widget = editor()->findChild<W *>(name);
        if (!widget)
            qFatal("no field %s", qPrintable(name));
        return widget;
    }

    QString create(const QJsonObject &body)
    {
        const HttpResult created = m_gui->api("POST", u"/api/v1/agents"_s, bytes(body));
        [&] { QCOMPARE(created.status, 201); }();
        const QString id = created.object().value(u"id"_s).toString();
        [&] { QTRY_VERIFY(agents()->model()->rowOf(id) >= 0); }();
        return id;
    }

    void open(const QString &id)
    {
        const int row = agents()->model()->rowOf(id);
        agents()->table()->setCurrentIndex(agents()->table()->model()->index(row, 0));
        QTRY_COMPARE(editor()->agentId(), id);
    }

    QJsonObject apiConfig(const QString &id)
    {
        return m_gui->api("GET", u"/api/v1/agents/"_s + id).object().value(u"config"_s).toObject();
    }

private Q_SLOTS:
    void initTestCase() { qputenv("SWITCHBOARD_API_KEY", "gui-app-test-key-0123"); }

    void init()
    {
        m_gui = std::make_unique<GuiHarness>();
        QString error;
        QVERIFY2(m_gui->start(&error), qPrintable(error));
        m_gui->window().resize(1400, 900);
        m_gui->window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui->window()));
    }
    void cleanup() { m_gui.reset(); }

    void aNewFormHasTheDefaultsAndFoldedSections()
    {
        agents()->newAgent();
        QCOMPARE(editor()->sections().size(), 5);
        QVERIFY(editor()->section(u"Basics"_s)->isExpanded());
        for (const QString &title : {u"Conversation"_s, u"Timing"_s, u"Tools"_s, u"Advanced"_s})
            QVERIFY2(!editor()->section(title)->isExpanded(), qPrintable(title));
        const AgentConfig shown = editor()->config();
        QVERIFY(shown.call == CallSettings{});
        QCOMPARE(field<QSpinBox>(u"agentMaxDuration"_s)->value(), 3600);
        QCOMPARE(field<QSpinBox>(u"agentTurnEndDelay"_s)->value(), 384);
        QCOMPARE(field<QComboBox>(u"agentFirstSpeaker"_s)->currentData().toString(), u"callee"_s);
        QVERIFY(!field<QLineEdit>(u"agentGreeting"_s)->isEnabled()); // the callee speaks first
    }

    void everyFieldRoundTripsBetweenTheFormAndTheApi()
    {
        const QJsonObject body = fullAgent(u"Round Trip"_s);
        const QString id = create(body);
        open(id);
        FieldErrors ignored;
        const AgentConfig expected = AgentConfig::fromJson(body, ignored);
        QVERIFY(editor()->config() == expected);
        QVERIFY(!editor()->isDirty());

        // Change a field of every section through its widget, save, and read it back.
        for (FoldingSection *section : editor()->sections())
            section->setExpanded(true);
        field<QComboBox>(u"agentOpening"_s)->setCurrentIndex(1); // this exact line
        field<QLineEdit>(u"agentGreeting"_s)->setText(u"Hi, Anna here."_s);
        field<QDoubleSpinBox>(u"agentTemperature"_s)->setValue(0.9);
        field<QSpinBox>(u"agentMaxDuration"_s)->setValue(1200);
        field<QLineEdit>(u"agentTimeExceededMessage"_s)->setText(u"Bye now."_s);
        auto *inactivity = editor()->findChild<InactivityMessagesTable *>();
        QTest::mouseClick(inactivity->addButton(), Qt::LeftButton);
        field<QCheckBox>(u"toolLeaveVoicemail"_s)->setChecked(true);
        field<QLineEdit>(u"toolVoicemailMessage"_s)->setText(u"Please call back."_s);
        field<QCheckBox>(u"toolPlayDtmf"_s)->setChecked(false);
        QComboBox *machines = field<QComboBox>(u"answeringMachines"_s);
        QCOMPARE(machines->currentData().toString(), QString()); // not detected until asked
        machines->setCurrentIndex(machines->findData(u"leave_voicemail"_s));
        field<QCheckBox>(u"agentRecording"_s)->setChecked(false);
        field<QSpinBox>(u"agentMinimumInterruption"_s)->setValue(96);
        QVERIFY(editor()->isDirty());
        QVERIFY2(editor()->saveButton()->isEnabled(), qPrintable(editor()->problemOf(u"tools"_s)));
        QTest::mouseClick(editor()->saveButton(), Qt::LeftButton);
        QTRY_COMPARE(apiConfig(id).value(u"greeting_text"_s).toString(), u"Hi, Anna here."_s);
        const QJsonObject saved = apiConfig(id);
        QCOMPARE(saved.value(u"greeting_prompt"_s).toString(), QString());
        QCOMPARE(saved.value(u"temperature"_s).toDouble(), 0.9);
        QCOMPARE(saved.value(u"max_duration_seconds"_s).toInt(), 1200);
        QCOMPARE(saved.value(u"time_exceeded_message"_s).toString(), u"Bye now."_s);
        QCOMPARE(saved.value(u"inactivity_messages"_s).toArray().size(), 2);
        QCOMPARE(saved.value(u"inactivity_messages"_s).toArray().at(1)[u"message"_s].toString(),
                 u"Are you still there?"_s);
        QCOMPARE(saved.value(u"tools"_s).toObject(),
                 (QJsonObject{
                     {u"hang_up"_s, QJsonObject{{u"strict"_s, false}}},
                     {u"leave_voicemail"_s, QJsonObject{{u"message"_s, u"Please call back."_s}}},
                     {u"cold_transfer"_s, QJsonObject{{u"target"_s, u"+14155550123"_s}}}}));
        QCOMPARE(saved.value(u"recording_enabled"_s).toBool(), false);
        QCOMPARE(saved.value(u"machine_detection"_s).toBool(), true);
        QCOMPARE(saved.value(u"on_machine"_s).toString(), u"leave_voicemail"_s);
        QCOMPARE(saved.value(u"vad_minimum_interruption_duration_ms"_s).toInt(), 96);
        // Untouched fields kept their values.
        QCOMPARE(saved.value(u"greeting_delay_ms"_s).toInt(), 750);
        QCOMPARE(saved.value(u"model"_s).toString(), u"ultravox-v0.7"_s);
        QCOMPARE(saved.value(u"join_timeout_seconds"_s).toInt(), 20);
        QCOMPARE(saved.value(u"vad_turn_end_delay_ms"_s).toInt(), 448);
        QTRY_VERIFY(!editor()->isDirty());
        // Saved from the window: the revision says so.
        const QJsonObject revision =
            m_gui->api("GET", u"/api/v1/agents/%1/revisions/2"_s.arg(id)).object();
        QCOMPARE(revision.value(u"source"_s).toString(), u"window"_s);

        // The dial dialog starts from the agent's way with answering machines.
        DialDialog *dialer = m_gui->window().openDialer(id);
        QCOMPARE(dialer->findChild<QComboBox *>(u"machineDetection"_s)->currentData().toString(),
                 u"leave_voicemail"_s);
        dialer->close();
    }

    void badValuesGetTheApisMessageUnderTheirField_data()
    {
        QTest::addColumn<QString>("apiField");
        QTest::addColumn<QJsonObject>("apiBody");
        QTest::newRow("model") << u"model"_s << QJsonObject{{u"model"_s, u"my model!"_s}};
        QTest::newRow("greeting too long")
            << u"greeting_text"_s
            << QJsonObject{{u"first_speaker"_s, u"agent"_s},
                           {u"greeting_text"_s, QString(Rules::SpokenTextMax + 1, u'x')}};
        QTest::newRow("voicemail too long")
            << u"tools.leave_voicemail.message"_s
            << QJsonObject{{u"tools"_s,
                            QJsonObject{{u"leave_voicemail"_s,
                                         QJsonObject{{u"message"_s,
                                                      QString(Rules::SpokenTextMax + 1, u'v')}}}}}};
        QTest::newRow("voicemail on machines without its tool")
            << u"on_machine"_s
            << QJsonObject{{u"machine_detection"_s, true}, {u"on_machine"_s, u"leave_voicemail"_s}};
        QTest::newRow("time exceeded too long")
            << u"time_exceeded_message"_s
            << QJsonObject{{u"time_exceeded_message"_s, QString(Rules::SpokenTextMax + 5, u't')}};
        QTest::newRow("empty inactivity message")
            << u"inactivity_messages[0].message"_s
            << QJsonObject{
                   {u"inactivity_messages"_s, QJsonArray{QJsonObject{{u"duration_seconds"_s, 30},
                                                                     {u"message"_s, QString()}}}}};
    }
    void badValuesGetTheApisMessageUnderTheirField()
    {
        QFETCH(QString, apiField);
        QFETCH(QJsonObject, apiBody);
        QJsonObject body = seedAgent(u"Checked"_s);
        for (auto it = apiBody.constBegin(); it != apiBody.constEnd(); ++it)
            body.insert(it.key(), it.value());
        const HttpResult refused = m_gui->api("POST", u"/api/v1/agents"_s, bytes(body));
        QCOMPARE(refused.status, 400);
        const QString apiMessage =
            refused.object().value(u"details"_s).toObject().value(apiField).toString();
        QVERIFY2(!apiMessage.isEmpty(), refused.body.constData());

        // The same values typed into the form.
        agents()->newAgent();
        field<QLineEdit>(u"agentName"_s)->setText(u"Checked"_s);
        field<QPlainTextEdit>(u"agentPrompt"_s)->setPlainText(u"Hello {{customer_name}}."_s);
        QVERIFY(editor()->saveButton()->isEnabled());
        if (apiField == u"model"_s) {
            field<QComboBox>(u"agentModel"_s)->setCurrentText(u"my model!"_s);
        } else if (apiField == u"greeting_text"_s) {
            field<QComboBox>(u"agentFirstSpeaker"_s)->setCurrentIndex(1);
            field<QComboBox>(u"agentOpening"_s)->setCurrentIndex(1);
            field<QLineEdit>(u"agentGreeting"_s)->setMaxLength(100000);
            field<QLineEdit>(u"agentGreeting"_s)->setText(QString(Rules::SpokenTextMax + 1, u'x'));
        } else if (apiField.startsWith(u"tools.leave"_s)) {
            field<QCheckBox>(u"toolLeaveVoicemail"_s)->setChecked(true);
            field<QLineEdit>(u"toolVoicemailMessage"_s)->setMaxLength(100000);
            field<QLineEdit>(u"toolVoicemailMessage"_s)
                ->setText(QString(Rules::SpokenTextMax + 1, u'v'));
        } else if (apiField == u"on_machine"_s) {
            QComboBox *machines = field<QComboBox>(u"answeringMachines"_s);
            machines->setCurrentIndex(machines->findData(u"leave_voicemail"_s));
        } else if (apiField == u"time_exceeded_message"_s) {
            field<QLineEdit>(u"agentTimeExceededMessage"_s)->setMaxLength(100000);
            field<QLineEdit>(u"agentTimeExceededMessage"_s)
                ->setText(QString(Rules::SpokenTextMax + 5, u't'));
        } else {
            auto *inactivity = editor()->findChild<InactivityMessagesTable *>();
            QTest::mouseClick(inactivity->addButton(), Qt::LeftButton);
            inactivity->table()->item(0, 1)->setText(QString());
        }
        const QString shown = editor()->problemOf(apiField);
        QVERIFY2(shown.endsWith(apiMessage), qPrintable(shown + u" / "_s + apiMessage));
        QVERIFY(!editor()->saveButton()->isEnabled());
        // A folded section still says it has a problem.
        int counted = 0;
        for (FoldingSection *section : editor()->sections()) {
            section->setExpanded(false);
            counted += section->header()->text().contains(u"1 problem"_s) ? 1 : 0;
        }
        QCOMPARE(counted, 1);
    }

    // The transfer number is read like every other phone field of the window (the dial
    // dialog's parser, the settings' default region); the API keeps asking for E.164.
    void theTransferNumberIsReadLikeTheDialDialog()
    {
        const QString id = create(seedAgent(u"Transfers"_s));
        open(id);
        for (FoldingSection *section : editor()->sections())
            section->setExpanded(true);
        field<QCheckBox>(u"toolColdTransfer"_s)->setChecked(true);
        auto *target = field<QLineEdit>(u"toolTransferTarget"_s);
        QTest::keyClicks(target, u"12"_s);
        // The parser's own words, as in the dial dialog.
        const QString parserSays = PhoneNumbers::normalize(u"12"_s, u"US"_s).problem;
        QVERIFY(!parserSays.isEmpty());
        QTRY_VERIFY2(editor()->problemOf(u"tools.cold_transfer.target"_s).endsWith(parserSays),
                     qPrintable(editor()->problemOf(u"tools.cold_transfer.target"_s)));
        QVERIFY(!editor()->saveButton()->isEnabled());

        target->clear();
        QTest::keyClicks(target, u"(415) 555-0100"_s);
        QTRY_COMPARE(editor()->problemOf(u"tools.cold_transfer.target"_s), QString());
        QVERIFY(editor()->saveButton()->isEnabled());
        QTest::mouseClick(editor()->saveButton(), Qt::LeftButton);
        QTRY_COMPARE(apiConfig(id)
                         .value(u"tools"_s)
                         .toObject()
                         .value(u"cold_transfer"_s)
                         .toObject()
                         .value(u"target"_s)
                         .toString(),
                     u"+14155550100"_s);
        QTRY_VERIFY(!editor()->isDirty());

        // The API itself takes international format only, and says so.
        QJsonObject national = seedAgent(u"National"_s);
        national.insert(u"tools"_s, QJsonObject{{u"cold_transfer"_s,
                                                 QJsonObject{{u"target"_s, u"4155550100"_s}}}});
        const HttpResult refused = m_gui->api("POST", u"/api/v1/agents"_s, bytes(national));
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.object()
                    .value(u"details"_s)
                    .toObject()
                    .value(u"tools.cold_transfer.target"_s)
                    .toString()
                    .contains(u"international format"_s));
    }

    void historyComparesAndRestoresRevisions()
    {
        const QString id = create(seedAgent(u"With History"_s));
        QJsonObject second = seedAgent(u"With History"_s);
        second.insert(u"temperature"_s, 0.7);
        second.insert(u"tools"_s, QJsonObject{{u"hang_up"_s, QJsonObject()}});
        QCOMPARE(m_gui->api("PUT", u"/api/v1/agents/"_s + id, bytes(second)).status, 200);
        QJsonObject third = second;
        third.insert(u"prompt"_s, u"Goodbye {{customer_name}}."_s);
        QCOMPARE(m_gui->api("PUT", u"/api/v1/agents/"_s + id, bytes(third)).status, 200);
        open(id);
        QTRY_VERIFY(editor()->historyButton()->isEnabled());
        QTest::mouseClick(editor()->historyButton(), Qt::LeftButton);
        AgentHistoryDialog *history = agents()->historyDialog();
        QVERIFY(history);
        QTRY_VERIFY(history->isVisible());
        QCOMPARE(history->list()->count(), 3);
        QVERIFY(history->list()->item(2)->text().contains(u"api"_s));

        history->compare(1, 3);
        QStringList changed;
        for (int row = 0; row < history->differences()->rowCount(); ++row)
            changed << history->differences()->item(row, 0)->text();
        // Settings named as the form names them, values in words, never the API's JSON.
        QVERIFY2(changed.contains(u"Temperature"_s), qPrintable(changed.join(u", ")));
        QVERIFY(changed.contains(u"Prompt"_s));
        QVERIFY(!changed.contains(u"Name"_s)); // only what changed
        const auto cell = [&](const QString &setting, int column) {
            return history->differences()->item(int(changed.indexOf(setting)), column)->text();
        };
        QCOMPARE(cell(u"Temperature"_s, 1), u"0"_s);
        QCOMPARE(cell(u"Temperature"_s, 2), u"0.7"_s);
        QCOMPARE(cell(u"Hang up tool"_s, 1), u"Off"_s);
        QCOMPARE(cell(u"Hang up tool"_s, 2), u"On, even if the callee speaks again"_s);
        for (int row = 0; row < history->differences()->rowCount(); ++row) {
            for (int column = 0; column < 3; ++column) {
                const QString text = history->differences()->item(row, column)->text();
                QVERIFY2((column > 0 || !text.contains(u'_')) && text != u"[]"_s && text != u"{}"_s,
                         qPrintable(text));
            }
        }

        // Restore revision 1: a new revision 4 with exactly its configuration, in the form too.
        history->list()->setCurrentRow(2);
        QVERIFY(history->restoreButton()->isEnabled());
        QTest::mouseClick(history->restoreButton(), Qt::LeftButton);
        QTRY_COMPARE(history->list()->count(), 4);
        const QJsonObject first = m_gui->api("GET", u"/api/v1/agents/%1/revisions/1"_s.arg(id))
                                      .object()
                                      .value(u"config"_s)
                                      .toObject();
        QTRY_COMPARE(apiConfig(id), first);
        QTRY_VERIFY(editor()->findChild<QPlainTextEdit *>(u"agentPrompt"_s)->toPlainText() ==
                    u"Hello {{customer_name}}."_s);
        QVERIFY(!editor()->isDirty());
        history->close();
    }

    void callDetailsNameTheAgentRevision()
    {
        const QString id = create(fullAgent(u"Revision Caller"_s));
        QJsonObject changed = fullAgent(u"Revision Caller"_s);
        changed.insert(u"temperature"_s, 0.1);
        QCOMPARE(m_gui->api("PUT", u"/api/v1/agents/"_s + id, bytes(changed)).status, 200);
        const HttpResult placed = m_gui->api(
            "POST", u"/api/v1/calls/"_s + id,
            bytes({{u"phone_number"_s, u"+14155550123"_s},
                   {u"template_context"_s, QJsonObject{{u"customer_name"_s, u"Ada"_s}}}}));
        QCOMPARE(placed.status, 201);
        QCOMPARE(placed.object().value(u"agent_revision"_s).toInt(), 2);
        m_gui->window().showPane(MainWindow::Calls);
        CallsPane *calls = m_gui->window().callsPane();
        QTRY_COMPARE(calls->model()->rowCount(), 1);
        calls->table()->setCurrentIndex(calls->model()->index(0, 0));
        QTRY_VERIFY([&] {
            for (const QLabel *label : calls->details()->findChildren<QLabel *>()) {
                if (label->text().contains(u"Agent at revision 2"_s))
                    return true;
            }
            return false;
        }());
    }

    void duplicateExportAndImportFromThePane()
    {
        const QString id = create(fullAgent(u"Source Agent"_s));
        open(id);
        agents()->duplicateCurrent();
        QVERIFY(editor()->isNew());
        QCOMPARE(field<QLineEdit>(u"agentName"_s)->text(), u"Source Agent copy"_s);
        QVERIFY(editor()->saveButton()->isEnabled());
        QTest::mouseClick(editor()->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!editor()->agentId().isEmpty() && editor()->agentId() != id);
        QCOMPARE(apiConfig(editor()->agentId()).value(u"tools"_s), apiConfig(id).value(u"tools"_s));

        QTemporaryDir dir;
        const QString file = dir.filePath(u"agents.json"_s);
        QCOMPARE(agents()->exportTo(file, {}), QString());
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QJsonObject document = QJsonDocument::fromJson(written.readAll()).object();
        QCOMPARE(document.value(u"agents"_s).toArray().size(), 2);

        // Re-import with one renamed agent and one broken one: only the renamed one arrives.
        QJsonArray entries = document.value(u"agents"_s).toArray();
        QJsonObject renamed = entries.at(0).toObject();
        renamed.insert(u"name"_s, u"Imported Again"_s);
        QJsonObject broken = renamed;
        broken.insert(u"name"_s, u"Broken One"_s);
        broken.insert(u"max_duration_seconds"_s, 1);
        entries.append(renamed);
        entries.append(broken);
        document.insert(u"agents"_s, entries);
        const QString again = dir.filePath(u"again.json"_s);
        QFile out(again);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(document).toJson());
        out.close();
        QString report;
        agents()->importFrom(again, [&report](const QString &text) { report = text; });
        QTRY_VERIFY(!report.isEmpty());
        QVERIFY2(report.startsWith(u"Imported 1 agent"_s), qPrintable(report));
        QVERIFY2(report.contains(u"max_duration_seconds"_s), qPrintable(report));
        QVERIFY2(report.contains(u"exists already"_s), qPrintable(report));
        QTRY_COMPARE(agents()->model()->rowCount(), 3);

        report.clear();
        QFile junk(dir.filePath(u"junk.json"_s));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not json");
        junk.close();
        agents()->importFrom(junk.fileName(), [&report](const QString &text) { report = text; });
        QTRY_VERIFY(report.startsWith(u"Nothing was imported"_s));
        QCOMPARE(agents()->model()->rowCount(), 3);
    }
};

QTEST_MAIN(TestGuiAgents)
#include "tst_gui_agents.moc"
