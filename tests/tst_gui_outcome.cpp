// SPDX-License-Identifier: GPL-3.0-or-later
// What happened on each call, in the window under the offscreen platform with the sandbox behind
// it: the details show who answered, the end reason, the cost and the summary; the recording's
// player (which must degrade where Qt Multimedia has no backend) follows the transcript, saves
// and deletes; the call log's new columns and outcome filter; the export's new fields; the
// metrics' outcome figures with whole-number count axes; a transcript that grows during a call.
#include "CallDetails.h"
#include "CallLogModel.h"
#include "CallsPane.h"
#include "ChartAxes.h"
#include "GuiHarness.h"
#include "MainWindow.h"
#include "MetricsPane.h"
#include "OutcomesPanel.h"
#include "RecordingPlayer.h"
#include "TestServer.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QValueAxis>
#include <QtTest>

#include <cmath>

using namespace Qt::StringLiterals;

class TestGuiOutcome : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> m_gui;

    void start(double timeScale)
    {
        GuiHarnessOptions options;
        options.sandboxTimeScale = timeScale;
        m_gui = std::make_unique<GuiHarness>(options);
        QString error;
        QVERIFY2(m_gui->start(&error), qPrintable(error));
        m_gui->window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui->window()));
    }

    QString agent()
    {
        return m_gui->createActiveAgent(
            {{u"name"_s, u"Outcome Desk"_s}, {u"prompt"_s, u"Hello {{customer_name}}."_s}});
    }

    QString call(const QString &agentId, const QString &number)
    {
        return m_gui
            ->api("POST", u"/api/v1/calls/"_s + agentId,
                  QJsonDocument(
                      QJsonObject{{u"phone_number"_s, number}, {u"machine_detection"_s, true}})
                      .toJson())
            .object()
            .value(u"call_sid"_s)
            .toString();
    }

    QJsonObject record(const QString &sid)
    {
        return m_gui->api("GET", u"/api/v1/calls/"_s + sid).object();
    }

    bool settled(const QString &sid)
    {
        const QJsonObject now = record(sid);
        return now.value(u"cost_status"_s).toString() != u"pending"_s &&
               now.value(u"recording"_s).toObject().value(u"status"_s).toString() != u"pending"_s &&
               !now.value(u"recording"_s).isNull();
    }

    void select(CallsPane *calls, const QString &sid)
    {
        for (int row = 0; row < calls->model()->rowCount(); ++row) {
            if (calls->model()->index(row, CallLogModel::Sid).data().toString() == sid) {
                calls->table()->setCurrentIndex(calls->model()->index(row, 0));
                return;
            }
        }
        QFAIL("the call is not in the log");
    }

private Q_SLOTS:
    void cleanup() { m_gui.reset(); }

    void theDetailsShowTheOutcomeAndPlayTheRecording()
    {
        start(0.05);
        const QString sid = call(agent(), u"+14155550123"_s);
        QVERIFY(waitUntil([&] { return settled(sid); }, 15000));
        MainWindow &window = m_gui->window();
        window.showPane(MainWindow::Calls);
        CallsPane *calls = window.callsPane();
        QTRY_VERIFY(calls->model()->rowCount() >= 1);
        select(calls, sid);
        CallDetails *details = calls->details();
        QTRY_VERIFY2(details->outcomeText().contains(u"Answered by <b>human</b>"_s),
                     qPrintable(details->outcomeText()));
        QVERIFY(details->outcomeText().contains(u"the callee hung up"_s));
        QVERIFY(details->outcomeText().contains(u"Cost: <b>0.0000 USD</b>"_s));
        QVERIFY(details->outcomeText().contains(u"The callee listened"_s));

        RecordingPlayer *player = details->player();
        QTRY_VERIFY(!player->path().isEmpty());
        QVERIFY(player->isVisibleTo(details));
        QVERIFY(QFile::exists(player->path()));
        if (player->canPlay())
            QVERIFY(player->findChild<QPushButton *>(u"recordingPlay"_s)->isEnabled());
        else // no backend here: it says so, and saving still works
            QVERIFY2(player->statusText().contains(u"no audio playback"_s),
                     qPrintable(player->statusText()));
        QVERIFY(player->findChild<QPushButton *>(u"recordingSave"_s)->isEnabled());

        // The playhead inside the second turn highlights it in the transcript.
        const QJsonArray turns = m_gui->api("GET", u"/api/v1/calls/%1/transcript"_s.arg(sid))
                                     .object()
                                     .value(u"messages"_s)
                                     .toArray();
        QVERIFY(turns.size() >= 2);
        const QJsonObject second = turns.at(1).toObject();
        const qint64 inside = qint64((second.value(u"start_seconds"_s).toDouble() +
                                      second.value(u"end_seconds"_s).toDouble()) *
                                     500);
        auto *transcript = details->findChild<QTextBrowser *>();
        const QString before = transcript->toHtml();
        QSignalSpy turnChanged(player, &RecordingPlayer::activeTurnChanged);
        player->showPosition(inside);
        QCOMPARE(player->activeTurn(), second.value(u"ordinal"_s).toInt());
        QCOMPARE(turnChanged.size(), 1);
        QVERIFY(transcript->toHtml() != before);
        player->showPosition(0);
        QCOMPARE(player->activeTurn(), -1);

        player->findChild<QComboBox *>(u"recordingSpeed"_s)->setCurrentIndex(3);
        QCOMPARE(player->speed(), 1.5);

        QTemporaryDir dir;
        QString error;
        QVERIFY2(player->saveTo(dir.filePath(u"call.wav"_s), &error), qPrintable(error));
        QFile saved(dir.filePath(u"call.wav"_s));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().startsWith("RIFF"));

        const QString file = player->path();
        player->findChild<QPushButton *>(u"recordingDelete"_s)->click();
        QTRY_COMPARE(record(sid).value(u"recording"_s).toObject().value(u"status"_s).toString(),
                     u"deleted"_s);
        QVERIFY(!QFile::exists(file));
        QTRY_VERIFY(player->path().isEmpty());
        QTRY_VERIFY(player->statusText().contains(u"deleted"_s));
    }

    void thePlayerWithoutARecordingSaysWhy()
    {
        RecordingPlayer player;
        player.showNoRecording(u"The recording is being fetched from Ultravox…"_s);
        QVERIFY(!player.findChild<QPushButton *>(u"recordingPlay"_s)->isEnabled());
        QVERIFY(!player.findChild<QPushButton *>(u"recordingSave"_s)->isEnabled());
        QVERIFY(!player.findChild<QPushButton *>(u"recordingDelete"_s)->isEnabled());
        QString error;
        QVERIFY(!player.saveTo(u"/tmp/nowhere.wav"_s, &error));
        QVERIFY(!error.isEmpty());
        const QList<TranscriptMessage> turns{{u"agent"_s, u"a"_s, 0, 0, 1000},
                                             {u"user"_s, u"b"_s, 1, 1500, 2500},
                                             {u"agent"_s, u"c"_s, 2, -1, -1}};
        QCOMPARE(RecordingPlayer::turnAt(turns, 500), 0);
        QCOMPARE(RecordingPlayer::turnAt(turns, 1200), -1);
        QCOMPARE(RecordingPlayer::turnAt(turns, 2000), 1);
        QCOMPARE(RecordingPlayer::turnAt(turns, 9000), -1);
    }

    void theLogShowsAndFiltersOutcomesAndTheExportCarriesThem()
    {
        start(0.05);
        const QString agentId = agent();
        const QString person = call(agentId, u"+14155550123"_s);
        const QString machine = call(agentId, u"+14155550105"_s);
        QVERIFY(waitUntil([&] { return settled(person) && settled(machine); }, 15000));
        CallsPane *calls = m_gui->window().callsPane();
        QTRY_COMPARE(calls->model()->rowCount(), 2);
        const auto cell = [&](const QString &sid, int column) {
            for (int row = 0; row < calls->model()->rowCount(); ++row) {
                if (calls->model()->index(row, CallLogModel::Sid).data().toString() == sid)
                    return calls->model()->index(row, column).data().toString();
            }
            return QString();
        };
        QTRY_COMPARE(cell(machine, CallLogModel::AnsweredBy), u"machine"_s);
        QCOMPARE(cell(person, CallLogModel::AnsweredBy), u"human"_s);
        QCOMPARE(cell(machine, CallLogModel::EndReason), u"hung up on an answering machine"_s);
        QVERIFY(cell(person, CallLogModel::Cost).endsWith(u"USD"_s));
        QVERIFY(!cell(person, CallLogModel::Summary).isEmpty());

        auto *outcome = calls->findChild<QComboBox *>(u"callOutcomeFilter"_s);
        outcome->setCurrentIndex(outcome->findData(u"answered_by=machine"_s));
        QTRY_COMPARE(calls->model()->rowCount(), 1);
        QCOMPARE(calls->model()->index(0, CallLogModel::Sid).data().toString(), machine);
        outcome->setCurrentIndex(outcome->findData(u"end_reason=callee_hung_up"_s));
        QTRY_COMPARE(calls->model()->rowCount(), 1);
        QCOMPARE(calls->model()->index(0, CallLogModel::Sid).data().toString(), person);
        outcome->setCurrentIndex(0);
        QTRY_COMPARE(calls->model()->rowCount(), 2);

        QTemporaryDir dir;
        QCOMPARE(calls->exportTo(dir.filePath(u"calls.csv"_s)), 2);
        QFile csv(dir.filePath(u"calls.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QVERIFY(lines.at(0).contains(
            "answered_by,price,price_unit,billed_duration_seconds,cost_status,short_summary"));
        QVERIFY(lines.at(1).contains(",USD,") && lines.at(2).contains(",USD,"));
        QCOMPARE(calls->exportTo(dir.filePath(u"calls.json"_s)), 2);
        QFile json(dir.filePath(u"calls.json"_s));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonArray exported = QJsonDocument::fromJson(json.readAll()).array();
        for (const QJsonValue &row : exported) {
            QCOMPARE(row[u"price_unit"_s].toString(), u"USD"_s);
            QVERIFY(!row[u"answered_by"_s].toString().isEmpty());
            QVERIFY(row[u"billed_duration_seconds"_s].isDouble());
        }

        MetricsPane *metrics = m_gui->window().metricsPane();
        metrics->refresh();
        OutcomesPanel *panel = metrics->outcomes();
        QVERIFY2(panel->summaryText().contains(u"2 calls"_s), qPrintable(panel->summaryText()));
        QVERIFY(panel->summaryText().contains(u"machine rate 50%"_s));
        QCOMPARE(panel->agentTable()->rowCount(), 1);
        QCOMPARE(panel->agentTable()->item(0, 1)->text(), u"2"_s);
        // Counts on whole numbers: every tick of the calls axis is an integer.
        QValueAxis *counts = panel->callsAxis();
        const double step = (counts->max() - counts->min()) / (counts->tickCount() - 1);
        QCOMPARE(step, std::round(step));
        QVERIFY(counts->max() >= 2);
        QCOMPARE(panel->rateDays()->format(), u"MMM d"_s);
    }

    void wholeNumberAxesNeverSplitACall_data()
    {
        QTest::addColumn<qint64>("most");
        for (const qint64 most : {0, 1, 2, 3, 7, 11, 99, 1234})
            QTest::newRow(qPrintable(QString::number(most))) << most;
    }

    void wholeNumberAxesNeverSplitACall()
    {
        QFETCH(qint64, most);
        QValueAxis axis;
        ChartAxes::counts(&axis, most);
        const double step = (axis.max() - axis.min()) / (axis.tickCount() - 1);
        QCOMPARE(axis.min(), 0.0);
        QVERIFY(axis.max() >= double(most));
        QVERIFY(step >= 1);
        QCOMPARE(step, std::round(step));
        QVERIFY(axis.tickCount() <= 7);
    }

    void theTranscriptGrowsInTheWindowDuringTheCall()
    {
        start(0.4); // answered at 1.2 s, over at 3.6 s
        const QString sid = call(agent(), u"+14155550166"_s);
        CallsPane *calls = m_gui->window().callsPane();
        m_gui->window().showPane(MainWindow::Calls);
        QTRY_VERIFY(calls->model()->rowCount() >= 1);
        select(calls, sid);
        QList<int> lengths;
        QVERIFY(waitUntil(
            [&] {
                const QJsonObject now = record(sid);
                if (now.value(u"status"_s).toString() == u"in-progress"_s)
                    lengths << int(calls->details()->transcriptText().size());
                return now.value(u"status"_s).toString() == u"completed"_s;
            },
            15000));
        QVERIFY2(lengths.size() >= 2, "never saw the call in progress");
        QVERIFY2(lengths.last() > lengths.first(),
                 qPrintable(u"%1 -> %2"_s.arg(lengths.first()).arg(lengths.last())));
    }
};

QTEST_MAIN(TestGuiOutcome)
#include "tst_gui_outcome.moc"
