// SPDX-License-Identifier: GPL-3.0-or-later
// How the window copes with a big store: first paint, a keystroke in the agents' search, opening
// the call log and jumping to its end, and memory, with 100,000 agents and 1,000,000 calls, beside
// the same figures for 1,000 agents and 10,000 calls measured in the same run.
//   switchboard-bench-gui [--small-only] [--keep DIR]
// --keep seeds the large store in DIR once and reuses it on later runs.
#include "AgentRepository.h"
#include "AgentTableModel.h"
#include "AgentsPane.h"
#include "CallLogModel.h"
#include "CallRepository.h"
#include "CallsPane.h"
#include "GuiHarness.h"
#include "Ids.h"
#include "MainWindow.h"
#include "PaintWatcher.h"
#include "Store.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTest>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {
struct Scale
{
    QString name;
    int agents;
    int calls;
};

struct Figures
{
    double firstPaintMs = 0;
    double agentsLoadedMs = 0; // the agents table filled (read on a worker thread)
    double keystrokeMs = 0;    // the slowest of several
    double callLogOpenMs = 0;
    double jumpToEndMs = 0;
    double memoryMb = 0;
    double seedSeconds = 0;
};

double residentMb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

// Fills the store through the repositories, in one transaction per 50,000 rows.
void seed(const QString &dataDir, const Scale &scale)
{
    Store store(StoreLocation::sqliteInDataDir(dataDir));
    store.open();
    const QStringList statuses{u"completed"_s, u"completed"_s, u"completed"_s,
                               u"busy"_s,      u"no-answer"_s, u"failed"_s};
    QStringList agentIds;
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - qint64(scale.calls) * 1000;
    for (int done = 0; done < scale.agents;) {
        Store::Transaction transaction(store);
        for (int i = 0; i < 50000 && done < scale.agents; ++i, ++done) {
            Agent agent;
            agent.id = Ids::newAgentId();
            agent.config.name = u"Agent %1"_s.arg(done, 6, 10, QChar(u'0'));
            agent.config.prompt = u"You help customers of store %1."_s.arg(done % 97);
            agent.status = done % 50 == 0 ? AgentStatus::Error : AgentStatus::Active;
            agent.createdAt = agent.updatedAt = start + done;
            AgentRepository(store).insert(agent);
            if (agentIds.size() < 200)
                agentIds << agent.id;
        }
        transaction.commit();
    }
    for (int done = 0; done < scale.calls;) {
        Store::Transaction transaction(store);
        for (int i = 0; i < 50000 && done < scale.calls; ++i, ++done) {
            CallRecord call;
            call.id = Ids::newCallId();
            call.callSid = u"CA"_s + Ids::randomHex(32);
            call.agentId = agentIds.at(done % agentIds.size());
            call.agentName = u"Agent %1"_s.arg(done % agentIds.size(), 6, 10, QChar(u'0'));
            call.phoneNumber = u"+1415555%1"_s.arg(done % 10000, 4, 10, QChar(u'0'));
            callStatusFromString(statuses.at(done % statuses.size()), &call.status);
            call.createdAt = call.updatedAt = start + qint64(done) * 1000;
            call.durationSeconds = call.status == CallStatus::Completed ? 30 + done % 200 : 0;
            call.transcriptFetched = true;
            CallRepository(store).insert(call);
        }
        transaction.commit();
    }
}

Figures measure(const Scale &scale, const QString &keptDir = {})
{
    Figures figures;
    QTemporaryDir temporary;
    const QString dataDir = keptDir.isEmpty() ? temporary.path() : keptDir;
    QElapsedTimer seeding;
    seeding.start();
    if (keptDir.isEmpty() || !QFile::exists(StoreLocation::sqliteInDataDir(keptDir).sqlitePath)) {
        QDir().mkpath(dataDir);
        seed(dataDir, scale);
    }
    figures.seedSeconds = seeding.elapsed() / 1000.0;

    GuiHarnessOptions options;
    options.dataDir = dataDir;
    QElapsedTimer clock;
    clock.start();
    GuiHarness gui(options);
    QString error;
    if (!gui.start(&error)) {
        std::fprintf(stderr, "the window did not start: %s\n", qPrintable(error));
        std::exit(1);
    }
    MainWindow &window = gui.window();
    window.resize(1440, 900);
    PaintWatcher windowPaints(&window);
    window.show();
    waitOrExit([&] { return windowPaints.paints() > 0; }, 60000, "the window's first paint");
    figures.firstPaintMs = double(clock.nsecsElapsed()) / 1e6;

    window.showPane(MainWindow::Agents);
    waitOrExit([&] { return !window.agentsPane()->model()->isLoading(); }, 60000,
               "the agents table to fill");
    figures.agentsLoadedMs = double(clock.nsecsElapsed()) / 1e6;
    QLineEdit *search = window.agentsPane()->searchBox();
    QTableView *agents = window.agentsPane()->table();
    PaintWatcher agentPaints(agents->viewport());
    search->setFocus();
    for (const QChar c : u"agent 0012"_s) {
        clock.restart();
        QTest::keyClick(search, c.toLatin1());
        agentPaints.waitForPaint();
        figures.keystrokeMs = std::max(figures.keystrokeMs, double(clock.nsecsElapsed()) / 1e6);
    }

    QTableView *calls = window.callsPane()->table();
    PaintWatcher callPaints(calls->viewport());
    clock.restart();
    window.showPane(MainWindow::Calls);
    window.callsPane()->reload(); // count and first page from the store, as when it opens
    callPaints.waitForPaint();
    figures.callLogOpenMs = double(clock.nsecsElapsed()) / 1e6;

    clock.restart();
    calls->scrollToBottom();
    callPaints.waitForPaint();
    figures.jumpToEndMs = double(clock.nsecsElapsed()) / 1e6;
    if (calls->indexAt(QPoint(5, calls->viewport()->height() - 5)).row() <
        window.callsPane()->model()->rowCount() - 40)
        QTextStream(stderr) << "warning: the view did not reach the end of the call log"
                            << Qt::endl;
    figures.memoryMb = residentMb();
    return figures;
}

QString verdict(bool met)
{
    return met ? u"PASS"_s : u"MISS"_s;
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const bool smallOnly = app.arguments().contains(u"--small-only"_s);
    const Scale small{u"1,000 agents / 10,000 calls"_s, 1000, 10000};
    const Scale large{u"100,000 agents / 1,000,000 calls"_s, 100000, 1000000};
    out << "seeding and measuring " << small.name << "..." << Qt::endl;
    const Figures a = measure(small);
    Figures b = a;
    if (!smallOnly) {
        out << "seeding and measuring " << large.name << " (seeding takes a minute)..." << Qt::endl;
        const qsizetype keep = app.arguments().indexOf(u"--keep"_s);
        b = measure(large, keep > 0 ? app.arguments().value(keep + 1) : QString());
    }
    const auto row = [&](const char *what, double x, double y, double target, const char *unit) {
        out << QString::fromLatin1(what).leftJustified(28)
            << QString::number(x, 'f', 1).rightJustified(12)
            << QString::number(y, 'f', 1).rightJustified(14)
            << QString::number(y / std::max(x, 0.001), 'f', 2).rightJustified(9)
            << (u"  < %1 %2: "_s.arg(target).arg(QString::fromLatin1(unit)) + verdict(y < target) +
                u", ratio < 10: "_s + verdict(y / std::max(x, 0.001) < 10 || y < target / 10))
            << Qt::endl;
    };
    out << Qt::endl
        << QString::fromLatin1("figure").leftJustified(28)
        << QString::fromLatin1("small").rightJustified(12)
        << QString::fromLatin1("large").rightJustified(14)
        << QString::fromLatin1("ratio").rightJustified(9) << "  target" << Qt::endl;
    row("first paint (ms)", a.firstPaintMs, b.firstPaintMs, 1000, "ms");
    row("agents table filled (ms)", a.agentsLoadedMs, b.agentsLoadedMs, 1000, "ms");
    row("filter keystroke, worst (ms)", a.keystrokeMs, b.keystrokeMs, 100, "ms");
    row("call log open (ms)", a.callLogOpenMs, b.callLogOpenMs, 1000, "ms");
    row("jump to the end (ms)", a.jumpToEndMs, b.jumpToEndMs, 1000, "ms");
    row("resident memory (MB)", a.memoryMb, b.memoryMb, 300, "MB");
    out << Qt::endl
        << "seeding took " << a.seedSeconds << " s and " << b.seedSeconds << " s" << Qt::endl;
    return 0;
}
