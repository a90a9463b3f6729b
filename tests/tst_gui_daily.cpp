// SPDX-License-Identifier: GPL-3.0-or-later
// The window in daily use, under the offscreen platform with the sandbox behind it: a window of
// 1024x700 keeps the call log's Status and Duration in view and its search boxes readable;
// columns are hidden from the header's menu and stay hidden after a restart; counts read "1 call"
// and "2 calls"; voices and agents show by name and events as sentences; chart axes count in
// whole numbers and label their hours without an ellipsis.
#include "AgentEditor.h"
#include "AgentTableModel.h"
#include "AgentsPane.h"
#include "CallLogModel.h"
#include "CallsPane.h"
#include "GuiHarness.h"
#include "MainWindow.h"
#include "MetricsPane.h"
#include "RecentTableModel.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSlider>
#include <QTableView>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QtTest>

#include <cmath>

using namespace Qt::StringLiterals;

class TestGuiDaily : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> m_gui;

    void start(const QString &dataDir = {})
    {
        GuiHarnessOptions options;
        options.dataDir = dataDir;
        m_gui = std::make_unique<GuiHarness>(options);
        QString error;
        QVERIFY2(m_gui->start(&error), qPrintable(error));
        m_gui->window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui->window()));
    }

    QString agent(const QString &name = u"Order Desk"_s)
    {
        return m_gui->createActiveAgent(
            {{u"name"_s, name}, {u"prompt"_s, u"Hello {{customer_name}}."_s}});
    }

    // Places a sandbox call through the API and waits until it ended.
    QString call(const QString &agentId, const QString &number = u"+14155550123"_s)
    {
        const QString sid = m_gui
                                ->api("POST", u"/api/v1/calls/"_s + agentId,
                                      u"{\"phone_number\": \"%1\"}"_s.arg(number).toUtf8())
                                .object()
                                .value(u"call_sid"_s)
                                .toString();
        [&] {
            QVERIFY(!sid.isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(m_gui->api("GET", u"/api/v1/calls/"_s + sid)
                                             .object()
                                             .value(u"status"_s)
                                             .toString() == u"completed"_s,
                                     15000);
        }();
        return sid;
    }

    CallsPane *calls() { return m_gui->window().callsPane(); }

    // Whether a column is wholly within what the table shows, without scrolling.
    static bool inView(QTableView *table, int column)
    {
        const QHeaderView *header = table->horizontalHeader();
        const int left = header->sectionViewportPosition(column);
        return !header->isSectionHidden(column) && left >= 0 &&
               left + header->sectionSize(column) <= table->viewport()->width() + 1;
    }

    // Opens the header's context menu and toggles the entry named `title`.
    static void toggleColumnFromMenu(QTableView *table, const QString &title)
    {
        QTimer::singleShot(100, qApp, [title] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            for (QAction *action : menu->actions())
                if (action->text() == title)
                    action->trigger();
            menu->close();
        });
        QHeaderView *header = table->horizontalHeader();
        Q_EMIT header->customContextMenuRequested(QPoint(10, header->height() / 2));
    }

private Q_SLOTS:
    void initTestCase() { qputenv("SWITCHBOARD_API_KEY", "gui-daily-key-0123456789"); }
    void cleanup() { m_gui.reset(); }

    void aSmallWindowKeepsStatusAndDurationInView()
    {
        start();
        call(agent());
        // As an operator meets it: the window shown larger first, then made smaller.
        m_gui->window().resize(1280, 800);
        m_gui->window().showPane(MainWindow::Calls);
        QTRY_COMPARE(m_gui->window().width(), 1280);
        QApplication::processEvents();
        m_gui->window().resize(1024, 700);
        m_gui->window().showPane(MainWindow::Calls);
        QTRY_COMPARE(calls()->model()->rowCount(), 1);
        QTRY_COMPARE(m_gui->window().width(), 1024);
        QApplication::processEvents();
        QVERIFY2(inView(calls()->table(), CallLogModel::Status),
                 qPrintable(QString::number(calls()->table()->viewport()->width())));
        QVERIFY(inView(calls()->table(), CallLogModel::Duration));
        QVERIFY(inView(calls()->table(), CallLogModel::Time));
        QVERIFY(inView(calls()->table(), CallLogModel::Number));
        // The search boxes are wide enough for what they ask.
        for (const QString &name : {u"callSearch"_s, u"callNumberFilter"_s}) {
            auto *box = calls()->findChild<QLineEdit *>(name);
            QVERIFY2(box->width() >= box->fontMetrics().horizontalAdvance(box->placeholderText()),
                     qPrintable(name));
        }
        // Nothing of the window is pushed past its right edge.
        QVERIFY(calls()->width() <= m_gui->window().width());
        // The call's details beside the log keep a playhead one can drag (it shrank to a square
        // beside the player's other controls).
        calls()->table()->selectRow(0);
        auto *seek = calls()->findChild<QSlider *>(u"recordingSeek"_s);
        QVERIFY(seek);
        QTRY_VERIFY(seek->isVisible());
        QVERIFY2(seek->width() >= 120, qPrintable(QString::number(seek->width())));
        QVERIFY(seek->mapTo(&m_gui->window(), QPoint(seek->width(), 0)).x() <=
                m_gui->window().width());

        // At 1280 wide the agents' Updated column is in view beside the form.
        m_gui->window().resize(1280, 800);
        m_gui->window().showPane(MainWindow::Agents);
        QTRY_COMPARE(m_gui->window().width(), 1280);
        QApplication::processEvents();
        QTableView *agentTable = m_gui->window().agentsPane()->table();
        QVERIFY2(inView(agentTable, AgentTableModel::Updated),
                 qPrintable(u"viewport %1, Updated at %2"_s.arg(agentTable->viewport()->width())
                                .arg(agentTable->horizontalHeader()->sectionViewportPosition(
                                    AgentTableModel::Updated))));
    }

    void columnsAreHiddenFromTheHeaderAndStaySoAfterARestart()
    {
        QTemporaryDir dataDir;
        start(dataDir.path());
        m_gui->window().showPane(MainWindow::Calls);
        QTableView *table = calls()->table();
        QVERIFY(!table->horizontalHeader()->isSectionHidden(CallLogModel::Agent));
        toggleColumnFromMenu(table, u"Agent"_s);
        QTRY_VERIFY(table->horizontalHeader()->isSectionHidden(CallLogModel::Agent));
        table->horizontalHeader()->resizeSection(CallLogModel::Number, 181);
        QTest::qWait(500); // remembered a moment after the change
        m_gui.reset();

        start(dataDir.path());
        m_gui->window().showPane(MainWindow::Calls);
        table = calls()->table();
        QVERIFY(table->horizontalHeader()->isSectionHidden(CallLogModel::Agent));
        QCOMPARE(table->horizontalHeader()->sectionSize(CallLogModel::Number), 181);
        toggleColumnFromMenu(table, u"Agent"_s);
        QTRY_VERIFY(!table->horizontalHeader()->isSectionHidden(CallLogModel::Agent));

        // Every table of the window has the menu.
        const QList<QTableView *> tables = m_gui->window().findChildren<QTableView *>();
        int withMenu = 0;
        for (QTableView *each : tables)
            withMenu += each->horizontalHeader()->contextMenuPolicy() == Qt::CustomContextMenu;
        QVERIFY2(withMenu >= 6, qPrintable(QString::number(withMenu))); // calls, agents,
        // campaigns, recipients, events, API requests
    }

    void countsReadInGoodEnglish()
    {
        start();
        const QString id = agent();
        auto *count = calls()->findChild<QLabel *>(u"callCount"_s);
        call(id);
        QTRY_COMPARE(count->text(), u"1 call"_s);
        call(id);
        QTRY_COMPARE(count->text(), u"2 calls"_s);
        QTRY_VERIFY2(m_gui->window().statusText().contains(u"0 calls in progress"_s),
                     qPrintable(m_gui->window().statusText()));
        const QList<QLabel *> agents = m_gui->window().agentsPane()->findChildren<QLabel *>();
        const bool oneAgent = std::any_of(agents.cbegin(), agents.cend(), [](QLabel *label) {
            return label->text() == u"1 agent"_s;
        });
        QVERIFY(oneAgent);
    }

    void voicesAgentsAndEventsShowByName()
    {
        start();
        AgentsPane *agents = m_gui->window().agentsPane();
        agents->newAgent();
        auto *voice = agents->editor()->findChild<QComboBox *>(u"agentVoice"_s);
        QTRY_VERIFY(voice->findData(u"sandbox-jessica"_s) > 0); // the voices arrived
        agents->editor()->findChild<QLineEdit *>(u"agentName"_s)->setText(u"Voice Desk"_s);
        agents->editor()->findChild<QPlainTextEdit *>(u"agentPrompt"_s)->setPlainText(u"Hi."_s);
        voice->setCurrentIndex(voice->findData(u"sandbox-jessica"_s));
        const QString picked = voice->currentText();
        QVERIFY(picked.startsWith(u"Jessica"_s));
        QTRY_VERIFY(agents->editor()->saveButton()->isEnabled());
        QTest::mouseClick(agents->editor()->saveButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            !agents->editor()->agentId().isEmpty() && !agents->editor()->isDirty(), 10000);
        QCOMPARE(voice->currentText(), picked);
        const int row = agents->model()->rowOf(agents->editor()->agentId());
        QCOMPARE(agents->model()->index(row, AgentTableModel::Voice).data().toString(),
                 u"Jessica (en-US)"_s);

        // The events say what happened, in sentences, with the agent's name.
        call(agents->editor()->agentId());
        MetricsPane *metrics = m_gui->window().metricsPane();
        EventTableModel *events = metrics->events();
        QString completed;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int i = 0; i < events->rowCount(); ++i) {
                    const QString text = events->index(i, EventTableModel::Type).data().toString();
                    if (text.contains(u"completed after"_s))
                        completed = text + u" | "_s +
                                    events->index(i, EventTableModel::Agent).data().toString() +
                                    u" | "_s +
                                    events->index(i, EventTableModel::Details).data().toString();
                }
                return !completed.isEmpty();
            }(),
            15000);
        QVERIFY2(completed.contains(
                     QRegularExpression(u"^Call to \\+1 415-555-0123 completed after \\d+ seconds?"
                                        u" \\| Voice Desk \\| $"_s)),
                 qPrintable(completed));
        for (int i = 0; i < events->rowCount(); ++i)
            QVERIFY2(!events->index(i, EventTableModel::Details).data().toString().contains(u'{'),
                     qPrintable(events->index(i, EventTableModel::Details).data().toString()));
    }

    void chartAxesCountInWholeNumbersAndLabelEveryHourThatFits()
    {
        start();
        call(agent());
        m_gui->window().resize(1280, 800);
        m_gui->window().showPane(MainWindow::Metrics);
        MetricsPane *metrics = m_gui->window().metricsPane();
        metrics->refresh();
        QApplication::processEvents();
        for (const QString &name : {u"requestCounts"_s, u"callsByStatusCounts"_s}) {
            QValueAxis *axis = nullptr;
            for (QChartView *view : metrics->findChildren<QChartView *>())
                for (QAbstractAxis *each : view->chart()->axes())
                    if (each->objectName() == name)
                        axis = qobject_cast<QValueAxis *>(each);
            QVERIFY2(axis, qPrintable(name));
            // Each tick is a whole number, so no two labels read the same.
            const double step = (axis->max() - axis->min()) / (axis->tickCount() - 1);
            QVERIFY2(step >= 1 && step == std::round(step), qPrintable(name));
            QCOMPARE(axis->labelFormat(), u"%d"_s);
        }
        QCategoryAxis *hours = nullptr;
        QChart *chart = nullptr;
        for (QChartView *view : metrics->findChildren<QChartView *>())
            for (QAbstractAxis *each : view->chart()->axes())
                if (each->objectName() == u"callsByStatusHours"_s) {
                    hours = qobject_cast<QCategoryAxis *>(each);
                    chart = view->chart();
                }
        QVERIFY(hours);
        const QStringList labels = hours->categoriesLabels();
        QVERIFY2(labels.size() >= 3, qPrintable(labels.join(u", "_s)));
        // Each label has the room its text needs: nothing is elided to "…".
        const QFontMetrics metricsOfLabels(hours->labelsFont());
        const double room = chart->plotArea().width() / labels.size();
        for (const QString &label : labels) {
            QVERIFY2(QRegularExpression(u"^\\d\\d:00$"_s).match(label).hasMatch(),
                     qPrintable(label));
            QVERIFY2(metricsOfLabels.horizontalAdvance(label) < room,
                     qPrintable(u"%1 in %2 px"_s.arg(label).arg(room)));
        }
    }
};

QTEST_MAIN(TestGuiDaily)
#include "tst_gui_daily.moc"
