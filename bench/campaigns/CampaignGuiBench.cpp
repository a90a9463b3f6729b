// SPDX-License-Identifier: GPL-3.0-or-later
// Whether the window stays quick to type in while a campaign of 10,000 sandbox recipients runs:
// keystrokes in the agents' search (time from the key to the repaint of the results), with the
// campaign's view open on the Campaigns pane following it live, beside the same keystrokes in
// the same window before the campaign starts.
//   switchboard-bench-campaign-gui [recipients]
#include "AgentsPane.h"
#include "CampaignView.h"
#include "CampaignsPane.h"
#include "GuiHarness.h"
#include "MainWindow.h"
#include "PaintWatcher.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLineEdit>
#include <QTableView>
#include <QTest>
#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
struct Keystrokes
{
    double medianMs = 0;
    double worstMs = 0;
};

// Types `rounds` times into the agents' search, a key every 50 ms as a person would, and times
// each key to the repaint of the filtered table.
Keystrokes typeInSearch(MainWindow &window, int rounds)
{
    QLineEdit *search = window.agentsPane()->searchBox();
    PaintWatcher paints(window.agentsPane()->table()->viewport());
    search->setFocus();
    QList<double> times;
    QElapsedTimer clock;
    for (int round = 0; round < rounds; ++round) {
        search->clear();
        for (const QChar c : u"desk 1"_s) {
            QTest::qWait(50);
            clock.restart();
            QTest::keyClick(search, c.toLatin1());
            paints.waitForPaint();
            times << double(clock.nsecsElapsed()) / 1e6;
        }
    }
    std::sort(times.begin(), times.end());
    return {times.at(times.size() / 2), times.last()};
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const int recipients = std::max(10, app.arguments().value(1, u"10000"_s).toInt());
    GuiHarnessOptions options;
    options.sandboxTimeScale = 0.05; // a sandbox call lasts about half a second
    GuiHarness gui(options);
    QString error;
    if (!gui.start(&error)) {
        QTextStream(stderr) << "cannot start: " << error << Qt::endl;
        return 1;
    }
    MainWindow &window = gui.window();
    window.resize(1440, 900);
    window.show();
    waitOrExit([&] { return QTest::qWaitForWindowExposed(&window); }, 5000, "the window");
    const QString agentId =
        gui.createActiveAgent({{u"name"_s, u"Desk 0"_s}, {u"prompt"_s, u"Remind {{name}}."_s}});
    if (agentId.isEmpty()) {
        QTextStream(stderr) << "the agent did not become active" << Qt::endl;
        return 1;
    }
    for (int i = 1; i < 200; ++i)
        gui.api("POST", u"/api/v1/agents"_s,
                QJsonDocument(QJsonObject{{u"name"_s, u"Desk %1"_s.arg(i)},
                                          {u"prompt"_s, u"Remind {{name}}."_s}})
                    .toJson());
    const QJsonObject everyHour{{u"start"_s, u"00:00"_s},
                                {u"end"_s, u"24:00"_s},
                                {u"days"_s, QJsonArray{u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s,
                                                       u"fri"_s, u"sat"_s, u"sun"_s}}};
    const QString campaignId = gui.api("POST", u"/api/v1/campaigns"_s,
                                       QJsonDocument(QJsonObject{{u"name"_s, u"Ten thousand"_s},
                                                                 {u"agent_id"_s, agentId},
                                                                 {u"max_concurrent_calls"_s, 20},
                                                                 {u"calls_per_minute"_s, 6000},
                                                                 {u"calling_hours"_s, everyHour}})
                                           .toJson())
                                   .object()
                                   .value(u"id"_s)
                                   .toString();
    QJsonArray list;
    for (int i = 0; i < recipients; ++i)
        list.append(QJsonObject{{u"phone_number"_s, u"+1415%1"_s.arg(2000000 + i)},
                                {u"context"_s, QJsonObject{{u"name"_s, u"Person %1"_s.arg(i)}}}});
    const HttpResult imported =
        gui.api("POST", u"/api/v1/campaigns/"_s + campaignId + u"/recipients"_s,
                QJsonDocument(list).toJson(QJsonDocument::Compact));
    out << "imported " << imported.object().value(u"accepted"_s).toInt() << " recipients"
        << Qt::endl;

    // The campaign's view is open and following, as an operator would leave it.
    window.showPane(MainWindow::Campaigns);
    window.campaignsPane()->select(campaignId);
    QTest::qWait(500);
    window.showPane(MainWindow::Agents);
    const Keystrokes idle = typeInSearch(window, 8);

    gui.api("POST", u"/api/v1/campaigns/"_s + campaignId + u"/start"_s);
    waitOrExit(
        [&] {
            const QJsonObject counts = gui.api("GET", u"/api/v1/campaigns/"_s + campaignId)
                                           .object()
                                           .value(u"counts"_s)
                                           .toObject();
            return counts.value(u"completed"_s).toInt() > 20;
        },
        60000, "the campaign to get going");
    const Keystrokes busy = typeInSearch(window, 8);
    const QJsonObject counts =
        gui.api("GET", u"/api/v1/campaigns/"_s + campaignId).object().value(u"counts"_s).toObject();

    const auto row = [&](const char *what, double idleMs, double busyMs) {
        const double ratio = busyMs / std::max(idleMs, 0.001);
        out << QString::fromLatin1(what).leftJustified(24)
            << QString::number(idleMs, 'f', 1).rightJustified(14)
            << QString::number(busyMs, 'f', 1).rightJustified(16)
            << QString::number(ratio, 'f', 2).rightJustified(8)
            << (busyMs < 100 ? "  < 100 ms: PASS" : "  < 100 ms: MISS") << Qt::endl;
    };
    out << Qt::endl
        << QString::fromLatin1("keystroke").leftJustified(24)
        << QString::fromLatin1("no campaign").rightJustified(14)
        << QString::fromLatin1("campaign runs").rightJustified(16)
        << QString::fromLatin1("ratio").rightJustified(8) << Qt::endl;
    row("median (ms)", idle.medianMs, busy.medianMs);
    row("worst (ms)", idle.worstMs, busy.worstMs);
    out << Qt::endl
        << "while measuring, the campaign had " << counts.value(u"completed"_s).toInt()
        << " completed and " << counts.value(u"calling"_s).toInt() << " calling of " << recipients
        << Qt::endl;
    return 0;
}
