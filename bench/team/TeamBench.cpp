// SPDX-License-Identifier: GPL-3.0-or-later
// Team mode, measured: how long a change made on one instance takes to reach another instance's
// service signal (the moment its window would show it), and how many agents per second the REST
// API creates on PostgreSQL beside SQLite, in the same run on the same machine. PostgreSQL 15 is
// started for the run in a temporary folder twice: with its default durability (every commit
// flushed to disk, as a team server runs), and with fsync off, which is closer to what SQLite's
// WAL with synchronous=NORMAL does (no flush per commit). Instances run in this process, each on
// a thread of its own, with the sandbox providers at 1/100 of their simulated latency so the
// figures are Switchboard's and the database's.
//
//   switchboard-bench-team [--updates N] [--creates N] [--in-flight N]
#include "AgentService.h"
#include "Core.h"
#include "TeamInstance.h"
#include "TempPostgres.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>

#include <QTemporaryFile>

#include <algorithm>
#include <cstdio>

#include <unistd.h>

using namespace Qt::StringLiterals;
using Clock = TeamInstance::Clock;

namespace {
const QByteArray ApiKey = TestServer::ApiKey;

double msBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min(values.size() - 1, qsizetype(p * double(values.size())));
    return values.at(index);
}

QJsonObject agentBody(const QString &name)
{
    return {{u"name"_s, name}, {u"prompt"_s, u"Answer questions about {{topic}}."_s}};
}

TestServerOptions options(const QString &databaseUrl, const QString &name)
{
    TestServerOptions result;
    result.databaseUrl = databaseUrl;
    result.keychainService = u"switchboard-bench-"_s + name;
    result.sandboxTimeScale = 0.01;
    return result;
}

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "switchboard-bench-team: %s\n", qPrintable(message));
    std::exit(1);
}

// What one flushed commit costs on this disk: PostgreSQL with fsync on pays it per commit, and
// it varies a hundredfold between an idle SSD and a busy shared host.
double flushMs()
{
    QTemporaryFile file;
    if (!file.open())
        return -1;
    const QByteArray page(8192, 'x');
    QList<double> samples;
    for (int i = 0; i < 50; ++i) {
        file.seek(0);
        file.write(page);
        file.flush();
        const Clock::time_point start = Clock::now();
        ::fdatasync(file.handle());
        samples << msBetween(start, Clock::now());
    }
    return percentile(samples, 0.5);
}

struct Delays
{
    QList<double> ms;
    int missed = 0;
    QString line() const
    {
        return u"median %1 ms   p99 %2 ms   max %3 ms   (%4 samples%5)"_s
            .arg(percentile(ms, 0.5), 0, 'f', 2)
            .arg(percentile(ms, 0.99), 0, 'f', 2)
            .arg(percentile(ms, 1.0), 0, 'f', 2)
            .arg(ms.size())
            .arg(missed > 0 ? u", %1 never heard"_s.arg(missed) : QString());
    }
};

// Changes made through A's services (as its window makes them) until B raises agentChanged.
Delays serviceUpdateDelays(TeamInstance &a, TeamInstance &b, const QString &id, int updates)
{
    Delays delays;
    for (int i = 0; i < updates; ++i) {
        Clock::time_point start;
        qint64 version = 0;
        a.call([&](Core &core) {
            const Agent agent = core.agents().get(id);
            AgentConfig config = agent.config;
            config.name = u"Renamed %1"_s.arg(i);
            start = Clock::now();
            try {
                core.agents().update(id, config, agent.version, [](const AgentResult &) {});
                version = agent.version + 1;
            } catch (const AppError &) {
                version = 0; // the sandbox's sync result landed in between: skip this one
            }
        });
        if (version == 0)
            continue;
        // Waits for the Ultravox sync that follows too, so the next change starts from rest.
        const bool heard = waitUntil(
            [&] { return b.heardAt(u"agentChanged"_s, id, version + 1).has_value(); }, 5000);
        const auto at = b.heardAt(u"agentChanged"_s, id, version);
        if (!heard || !at)
            ++delays.missed;
        else
            delays.ms << msBetween(start, *at);
    }
    return delays;
}

// POST /api/v1/agents on A until B raises agentChanged for the new agent.
Delays restCreateDelays(TeamInstance &a, TeamInstance &b, int creates)
{
    Delays delays;
    for (int i = 0; i < creates; ++i) {
        const Clock::time_point start = Clock::now();
        const QString id = a.post(u"/api/v1/agents"_s, agentBody(u"Created %1"_s.arg(i)))
                               .object()
                               .value(u"id"_s)
                               .toString();
        waitUntil([&] { return b.heardAt(u"agentChanged"_s, id).has_value(); }, 5000);
        const auto at = b.heardAt(u"agentChanged"_s, id);
        if (id.isEmpty() || !at)
            ++delays.missed;
        else
            delays.ms << msBetween(start, *at);
    }
    return delays;
}

struct Throughput
{
    double perSecond = 0;
    QList<double> latencies;
    int failed = 0;
};

// `total` creates spread over the instances, `inFlight` at a time (one connection each).
Throughput createThroughput(const QList<TeamInstance *> &instances, int total, int inFlight,
                            const QString &tag)
{
    Throughput result;
    int sent = 0;
    int done = 0;
    std::vector<std::unique_ptr<QNetworkAccessManager>> lanes;
    std::function<void(QNetworkAccessManager *)> next = [&](QNetworkAccessManager *lane) {
        if (sent >= total)
            return;
        const int n = sent++;
        TeamInstance *instance = instances.at(n % instances.size());
        QNetworkRequest request(instance->server().url(u"/api/v1/agents"_s));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("X-API-Key", ApiKey);
        const Clock::time_point start = Clock::now();
        QNetworkReply *reply =
            lane->post(request, QJsonDocument(agentBody(u"%1 %2"_s.arg(tag).arg(n))).toJson());
        QObject::connect(reply, &QNetworkReply::finished, lane, [&, reply, lane, start] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201)
                result.latencies << msBetween(start, Clock::now());
            else
                ++result.failed;
            ++done;
            reply->deleteLater();
            next(lane);
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < inFlight; ++i) {
        lanes.push_back(std::make_unique<QNetworkAccessManager>());
        lanes.back()->setProxy(QNetworkProxy::NoProxy);
        next(lanes.back().get());
    }
    waitUntil([&] { return done >= total; }, 600000);
    result.perSecond = double(result.latencies.size()) * 1000.0 / double(timer.elapsed());
    return result;
}
} // namespace

int main(int argc, char *argv[])
{
    // No keychain is needed (no team key, no company secrets): keep D-Bus out of the picture.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/switchboard-bench-bus");
    qputenv("QT_LOGGING_RULES", "switchboard.*.info=false;switchboard.*.warning=false");
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption updatesOption(u"updates"_s, u"Changes timed for the sync delay."_s,
                                           u"N"_s, u"300"_s);
    const QCommandLineOption createsOption(u"creates"_s, u"Creates per throughput run."_s, u"N"_s,
                                           u"2000"_s);
    const QCommandLineOption inFlightOption(u"in-flight"_s, u"Concurrent create requests."_s,
                                            u"N"_s, u"16"_s);
    parser.addOptions({updatesOption, createsOption, inFlightOption});
    parser.process(app);
    const int updates = parser.value(updatesOption).toInt();
    const int creates = parser.value(createsOption).toInt();
    const int inFlight = parser.value(inFlightOption).toInt();

    TempPostgres postgres(true);
    TempPostgres unflushed(false);
    QString error;
    if (!postgres.start(&error) || !unflushed.start(&error))
        die(error);
    for (const QString &name : {u"sync"_s, u"one"_s, u"two"_s}) {
        if (!postgres.createDatabase(name, &error) || !unflushed.createDatabase(name, &error))
            die(error);
    }
    std::printf("Team mode benchmark: PostgreSQL 15 on 127.0.0.1, %d cores, %.2f ms per "
                "fdatasync of 8 kB (median)\n\n",
                QThread::idealThreadCount(), flushMs());

    {
        TeamInstance a(u"a"_s, options(postgres.url(u"sync"_s), u"a"_s));
        TeamInstance b(u"b"_s, options(postgres.url(u"sync"_s), u"b"_s));
        if (!a.start(&error) || !b.start(&error))
            die(error);
        const QString id =
            a.post(u"/api/v1/agents"_s, agentBody(u"Timed"_s)).object().value(u"id"_s).toString();
        waitUntil([&] { return b.heardAt(u"agentChanged"_s, id, 2).has_value(); });
        std::printf("Sync delay, a change on instance A until instance B raises the signal:\n");
        std::printf("  agent update through A's services (as its window): %s\n",
                    qPrintable(serviceUpdateDelays(a, b, id, updates).line()));
        std::printf("  POST /api/v1/agents on A (from sending the request): %s\n\n",
                    qPrintable(restCreateDelays(a, b, std::max(1, updates / 3)).line()));
    }

    std::printf("Create throughput, POST /api/v1/agents, %d creates, %d in flight:\n", creates,
                inFlight);
    std::printf("  %-28s %9s %11s %9s %9s %7s\n", "engine", "instances", "creates/s", "p50 ms",
                "p99 ms", "failed");
    struct Run
    {
        QString engine;
        QString database;
        int instances;
    };
    const QList<Run> runs{{u"SQLite (WAL, NORMAL)"_s, QString(), 1},
                          {u"PostgreSQL (fsync on)"_s, postgres.url(u"one"_s), 1},
                          {u"PostgreSQL (fsync on)"_s, postgres.url(u"two"_s), 2},
                          {u"PostgreSQL (fsync off)"_s, unflushed.url(u"one"_s), 1},
                          {u"PostgreSQL (fsync off)"_s, unflushed.url(u"two"_s), 2}};
    for (const Run &run : runs) {
        std::vector<std::unique_ptr<TeamInstance>> owned;
        QList<TeamInstance *> instances;
        for (int i = 0; i < run.instances; ++i) {
            owned.push_back(std::make_unique<TeamInstance>(u"t%1"_s.arg(i),
                                                           options(run.database, u"t%1"_s.arg(i))));
            if (!owned.back()->start(&error))
                die(error);
            instances << owned.back().get();
        }
        createThroughput(instances, std::min(200, creates), inFlight, u"Warm-up"_s);
        const Throughput measured = createThroughput(instances, creates, inFlight, u"Bench"_s);
        std::printf("  %-28s %9d %11.0f %9.2f %9.2f %7d\n", qPrintable(run.engine), run.instances,
                    measured.perSecond, percentile(measured.latencies, 0.5),
                    percentile(measured.latencies, 0.99), measured.failed);
    }
    return 0;
}
