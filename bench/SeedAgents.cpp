// SPDX-License-Identifier: GPL-3.0-or-later
// Fills a Switchboard data dir with many agents for the load benchmark, through the same Store
// and AgentRepository the server uses (so the rows are exactly what the API writes), in one
// transaction. Writes the new ids, one a line, to --ids-file.
//
//   switchboard-bench-seed --data-dir DIR --count 100000 [--ids-file FILE]

#include "AgentRepository.h"
#include "AppError.h"
#include "Ids.h"
#include "Store.h"
#include "StoreLocation.h"
#include "Timestamps.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QUuid>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Seeds agents into a Switchboard data dir."_s);
    parser.addHelpOption();
    const QCommandLineOption dataDir(u"data-dir"_s, u"The data dir (created if missing)."_s,
                                     u"DIR"_s);
    const QCommandLineOption count(u"count"_s, u"How many agents (default 100000)."_s, u"N"_s,
                                   u"100000"_s);
    const QCommandLineOption idsFile(u"ids-file"_s, u"Where to write the ids, one a line."_s,
                                     u"FILE"_s);
    parser.addOptions({dataDir, count, idsFile});
    parser.process(app);

    QTextStream err(stderr);
    if (!parser.isSet(dataDir)) {
        err << "switchboard-bench-seed: --data-dir is required" << Qt::endl;
        return 2;
    }
    bool ok = false;
    const qint64 total = parser.value(count).toLongLong(&ok);
    if (!ok || total < 1) {
        err << "switchboard-bench-seed: --count must be a positive number" << Qt::endl;
        return 2;
    }
    const QString dir = parser.value(dataDir);
    if (!QDir().mkpath(dir)) {
        err << "switchboard-bench-seed: cannot create " << dir << Qt::endl;
        return 1;
    }

    QFile ids;
    QTextStream idsOut;
    if (parser.isSet(idsFile)) {
        ids.setFileName(parser.value(idsFile));
        if (!ids.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
            err << "switchboard-bench-seed: cannot write " << ids.fileName() << Qt::endl;
            return 1;
        }
        idsOut.setDevice(&ids);
    }

    QElapsedTimer timer;
    timer.start();
    try {
        Store store(StoreLocation::sqliteInDataDir(dir));
        store.open();
        AgentRepository agents(store);
        // Oldest first, one millisecond apart, ending now: the list's order is the seeding order.
        const qint64 start = Timestamps::nowMs() - total;
        Store::Transaction transaction(store);
        for (qint64 i = 0; i < total; ++i) {
            Agent agent;
            agent.id = Ids::newAgentId();
            agent.config.name = u"Bench %1"_s.arg(i + 1);
            agent.config.prompt = u"You help."_s;
            // What an agent created through the API looks like once the sandbox has synced it.
            agent.status = AgentStatus::Active;
            agent.remoteId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            agent.createdAt = agent.updatedAt = start + i;
            agent.version = 2;
            agents.insert(agent);
            if (idsOut.device())
                idsOut << agent.id << '\n';
        }
        transaction.commit();
        store.closeThreadConnection();
    } catch (const AppError &error) {
        err << "switchboard-bench-seed: " << error.message() << Qt::endl;
        return 1;
    }
    if (idsOut.device()) {
        idsOut.flush();
        ids.close();
    }
    QTextStream(stdout) << "seeded " << total << " agents in " << timer.elapsed() << " ms"
                        << Qt::endl;
    return 0;
}
