// SPDX-License-Identifier: GPL-3.0-or-later
// The campaign dispatcher's overhead per call: N calls placed by a campaign of N recipients,
// against the same N calls placed straight through the REST API (POST /api/v1/calls/{agent_id})
// at the same steady rate, and handed to CallService in-process (what the dispatcher does for each
// claim) in bursts of the account's calls at once, as the dispatcher's rounds place them. The real
// server stack and provider clients run against the fake Ultravox and Twilio (on a thread of their
// own; their calls end at the first poll).
//
// Each way runs on a fresh server (its own database) after a few warm-up calls, and is measured
// from its first request to the moment every call has ended (and the campaign is completed):
// the process CPU less the fakes' thread and the client's thread, over the calls. The client is a
// bare socket on its own thread (QNetworkAccessManager would do its work on a thread of its own,
// out of reach of the subtraction). The campaign's recipients are imported before its window
// (switchboard-bench-campaign-import measures that). Not a ctest: it prints a table.
// Options: --calls N --tick-ms MS --rounds N (the medians of the rounds are reported).
#include "BenchClock.h"
#include "BenchFakes.h"
#include "CallService.h"
#include "Campaign.h"
#include "CampaignService.h"
#include "Core.h"
#include "FakeTwilio.h"
#include "FakeUltravox.h"
#include "HttpProviderFactory.h"
#include "TestServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QMutex>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <optional>

#include <pthread.h>
#include <sys/resource.h>
#include <time.h>

using namespace Qt::StringLiterals;
using BenchClock::nowNs;
using BenchClock::processCpuSeconds;
using BenchClock::threadCpuSeconds;

namespace {
void row(const char *metric, const QString &value, const QString &baseline, const QString &ratio,
         const char *target)
{
    std::printf("%-40s %14s %14s %8s  %s\n", metric, qPrintable(value), qPrintable(baseline),
                qPrintable(ratio), target);
}

QString number(double value, int decimals = 2)
{
    return QString::number(value, 'f', decimals);
}

// Lets the server work for `ms` (it runs on this thread) without checking anything meanwhile.
void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Runs the server until `condition` holds, looking every 50 ms; false after `timeoutMs`.
bool runUntil(const std::function<bool()> &condition, int timeoutMs)
{
    const qint64 deadline = nowNs() + qint64(timeoutMs) * 1000000;
    while (!condition()) {
        if (nowNs() > deadline)
            return false;
        runFor(50);
    }
    return true;
}

// The REST client, on its own thread: one socket per request, written and read by hand, so all
// of its work stays on the thread whose CPU is subtracted.
class Client : public QObject
{
public:
    Client(quint16 port, QByteArray apiKey)
        : m_port(port)
        , m_apiKey(std::move(apiKey))
    {
    }

    // Sends now; the answer's status is counted when it arrives.
    void send(const QByteArray &method, const QByteArray &path, const QByteArray &body)
    {
        auto *socket = new QTcpSocket(this);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::connected, socket, [=] {
            socket->write(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " +
                          m_apiKey + "\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n" + body);
        });
        auto done = std::make_shared<bool>(false);
        connect(socket, &QTcpSocket::readyRead, socket, [=] {
            buffer->append(socket->readAll());
            const HttpResult answer = TestHttp::parse(*buffer);
            if (*done || answer.status == 0 ||
                answer.body.size() < answer.header("Content-Length").toLongLong())
                return;
            *done = true;
            answered(answer.status, answer.body);
            socket->disconnectFromHost();
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::errorOccurred, socket, [=] {
            if (*done)
                return;
            *done = true;
            answered(0, socket->errorString().toUtf8() + ' ' + *buffer);
            socket->deleteLater();
        });
        socket->connectToHost(QHostAddress::LocalHost, m_port);
    }

    // Sends one POST per body at a steady pace, the i-th at start + i * interval.
    void sendPaced(const QList<QByteArray> &bodies, double intervalMs, const QByteArray &path)
    {
        const qint64 start = nowNs();
        for (qsizetype i = 0; i < bodies.size(); ++i) {
            const qint64 due = start + qint64(double(i) * intervalMs * 1e6);
            QTimer::singleShot(std::max<qint64>(0, (due - nowNs()) / 1000000), Qt::PreciseTimer,
                               this,
                               [this, path, body = bodies.at(i)] { send("POST", path, body); });
        }
    }

    int answers() const { return m_answers.load(); }
    int refusals() const { return m_refusals.load(); }
    QByteArray firstRefusal() const
    {
        QMutexLocker locker(&m_mutex);
        return m_firstRefusal;
    }

private:
    void answered(int status, const QByteArray &body)
    {
        if (status < 200 || status >= 300) {
            QMutexLocker locker(&m_mutex);
            if (m_refusals.fetch_add(1) == 0)
                m_firstRefusal = QByteArray::number(status) + ' ' + body.left(300);
        }
        m_answers.fetch_add(1);
    }

    quint16 m_port;
    QByteArray m_apiKey;
    std::atomic<int> m_answers{0};
    std::atomic<int> m_refusals{0};
    mutable QMutex m_mutex;
    QByteArray m_firstRefusal;
};

struct Way
{
    double cpuSeconds = 0;     // Switchboard's: process less fakes and client
    double windowSeconds = 0;  // first request to every call ended
    double placingSeconds = 0; // first request to the last Twilio POST .../Calls.json
    int twilioPosts = 0;
    int distinctNumbers = 0;
};

QByteArray callBody(const QString &number)
{
    return QJsonDocument(
               QJsonObject{{u"phone_number"_s, number},
                           {u"template_context"_s, QJsonObject{{u"customer_name"_s, u"Ada"_s}}}})
        .toJson(QJsonDocument::Compact);
}

QString numberFor(int i)
{
    return u"+1415%1"_s.arg(5000000 + i, 7, 10, QChar(u'0'));
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption callsOption(u"calls"_s, u"Calls placed each way."_s, u"N"_s, u"300"_s);
    const QCommandLineOption tickOption(u"tick-ms"_s, u"The dispatcher's round, in ms."_s, u"MS"_s,
                                        u"100"_s);
    const QCommandLineOption roundsOption(
        u"rounds"_s, u"Rounds of both ways; the medians are reported."_s, u"N"_s, u"3"_s);
    parser.addOptions({callsOption, tickOption, roundsOption});
    parser.process(app);
    const int calls = parser.value(callsOption).toInt();
    const int tickMs = parser.value(tickOption).toInt();
    const int roundCount = std::max(1, parser.value(roundsOption).toInt());
    constexpr int WarmupCalls = 5;
    constexpr int AccountCalls = 5; // the fake Ultravox account's allowedConcurrentCalls
    constexpr int TimeoutMs = 120000;

    // The fakes answer on their own thread, as a remote service would, and their CPU is kept
    // apart from Switchboard's; so is the client's, on a second thread.
    QThread fakeThread;
    fakeThread.setObjectName(u"fakes"_s);
    fakeThread.start();
    QThread clientThread;
    clientThread.setObjectName(u"client"_s);
    clientThread.start();
    auto *ultravox = new FakeUltravox;
    auto *twilio = new FakeTwilio;
    ultravox->moveToThread(&fakeThread);
    twilio->moveToThread(&fakeThread);
    pthread_t fakeHandle{};
    pthread_t clientHandle{};
    std::atomic<qint64> lastTwilioPostNs{0};
    std::atomic<int> twilioPosts{0};
    QMetaObject::invokeMethod(
        ultravox,
        [&] {
            fakeHandle = pthread_self();
            ultravox->start();
            twilio->start();
            twilio->acceptJoinUrlsFrom(ultravox);
            // Calls end at their first poll, so the account's calls at once free up quickly.
            twilio->setDefaultTimeline({u"completed"_s});
            twilio->setObserver([&](const RecordedRequest &request) {
                if (request.method == "POST" && request.path.endsWith(u"/Calls.json"_s)) {
                    lastTwilioPostNs.store(request.receivedNs);
                    twilioPosts.fetch_add(1);
                }
            });
        },
        Qt::BlockingQueuedConnection);
    QObject clientAnchor;
    clientAnchor.moveToThread(&clientThread);
    QMetaObject::invokeMethod(
        &clientAnchor, [&] { clientHandle = pthread_self(); }, Qt::BlockingQueuedConnection);
    const auto outsideCpu = [&] {
        return threadCpuSeconds(fakeHandle) + threadCpuSeconds(clientHandle);
    };

    TestServerOptions options;
    options.defaults.ultravox = ultravox->credentials();
    options.defaults.twilio = twilio->credentials();
    options.defaults.fromNumber = QString::fromLatin1(FakeTwilio::FromNumber);
    options.providers = [] { return std::make_unique<HttpProviderFactory>(); };
    options.campaignTickMs = tickMs;

    // A fresh server with an agent and a few calls behind it, so neither way pays for first use.
    QString failure;
    const auto freshServer = [&](QString *agentId) -> std::unique_ptr<TestServer> {
        auto server = std::make_unique<TestServer>(options);
        if (!server->start(&failure))
            return nullptr;
        const HttpResult agent =
            server->post(u"/api/v1/agents"_s,
                         {{u"name"_s, u"Bench"_s}, {u"prompt"_s, u"Hello {{customer_name}}."_s}});
        *agentId = agent.object().value(u"id"_s).toString();
        if (agent.status != 201) {
            failure = u"agent: "_s + QString::fromUtf8(agent.body);
            return nullptr;
        }
        for (int i = 0; i < WarmupCalls; ++i) {
            const HttpResult placed =
                server->request("POST", u"/api/v1/calls/"_s + *agentId,
                                callBody(u"+14155559%1"_s.arg(i, 3, 10, QChar(u'0'))));
            if (placed.status != 201) {
                failure = u"warm-up call: "_s + QString::fromUtf8(placed.body);
                return nullptr;
            }
        }
        if (!runUntil([&] { return server->core().calls().ongoingCount() == 0; }, TimeoutMs)) {
            failure = u"warm-up calls did not end"_s;
            return nullptr;
        }
        twilio->clearRecords();
        twilioPosts.store(0);
        return server;
    };
    // What Twilio was asked to dial in the window: every number exactly once.
    const auto dialed = [&](Way &way) {
        QSet<QString> numbers;
        const QList<RecordedRequest> posts = twilio->requests("POST", u"/Calls\\.json$"_s);
        for (const RecordedRequest &post : posts)
            numbers.insert(post.form().value(u"To"_s));
        way.twilioPosts = int(posts.size());
        way.distinctNumbers = int(numbers.size());
    };

    // The three ways of placing the calls, each on a fresh server. The baselines go at the pace
    // of the first campaign.
    // 1. The campaign: created and filled before the window, started in it.
    const auto runCampaign = [&](Way &campaign) -> bool {
        QString agentId;
        std::unique_ptr<TestServer> server = freshServer(&agentId);
        if (!server) {
            std::fprintf(stderr, "server: %s\n", qPrintable(failure));
            return false;
        }
        const QJsonObject allDay{{u"start"_s, u"00:00"_s},
                                 {u"end"_s, u"24:00"_s},
                                 {u"days"_s, QJsonArray{u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s,
                                                        u"fri"_s, u"sat"_s, u"sun"_s}}};
        const HttpResult created =
            server->post(u"/api/v1/campaigns"_s, {{u"name"_s, u"Bench"_s},
                                                  {u"agent_id"_s, agentId},
                                                  {u"max_concurrent_calls"_s, 1000},
                                                  {u"calls_per_minute"_s, 6000},
                                                  {u"calling_hours"_s, allDay}});
        const QString campaignId = created.object().value(u"id"_s).toString();
        QByteArray csv = "phone_number,customer_name\n";
        for (int i = 0; i < calls; ++i)
            csv += numberFor(i).toUtf8() + ",Ada\n";
        const HttpResult imported =
            server->request("POST", u"/api/v1/campaigns/%1/recipients"_s.arg(campaignId), csv,
                            {{"Content-Type", "text/csv"}});
        if (created.status != 201 || imported.object().value(u"accepted"_s).toInt() != calls) {
            std::fprintf(stderr, "campaign: %s %s\n", created.body.constData(),
                         imported.body.constData());
            return false;
        }
        auto *client = new Client(server->port(), TestServer::ApiKey);
        client->moveToThread(&clientThread);
        double cpuBefore = processCpuSeconds() - outsideCpu();
        qint64 start = nowNs();
        QMetaObject::invokeMethod(client, [&] {
            client->send("POST", u"/api/v1/campaigns/%1/start"_s.arg(campaignId).toUtf8(), "{}");
        });
        // The store is only asked once Twilio has had every call (asking costs Switchboard CPU).
        const bool campaignEnded = runUntil(
            [&] {
                return twilioPosts.load() >= calls &&
                       server->core().campaigns().get(campaignId).status ==
                           CampaignStatus::Completed &&
                       server->core().calls().ongoingCount() == 0;
            },
            TimeoutMs);
        campaign.windowSeconds = double(nowNs() - start) / 1e9;
        campaign.cpuSeconds = processCpuSeconds() - outsideCpu() - cpuBefore;
        campaign.placingSeconds = double(lastTwilioPostNs.load() - start) / 1e9;
        dialed(campaign);
        if (!campaignEnded || client->refusals() > 0) {
            std::fprintf(stderr, "campaign did not complete: %s\n",
                         client->firstRefusal().constData());
            return false;
        }
        QMetaObject::invokeMethod(client, &QObject::deleteLater);
        server.reset();
        return true;
    };
    // 2. The same calls straight through the REST API.
    const auto runDirect = [&](Way &direct, double intervalMs) -> bool {
        QString agentId;
        std::unique_ptr<TestServer> server = freshServer(&agentId);
        if (!server) {
            std::fprintf(stderr, "server: %s\n", qPrintable(failure));
            return false;
        }
        auto *client = new Client(server->port(), TestServer::ApiKey);
        client->moveToThread(&clientThread);
        const double cpuBefore = processCpuSeconds() - outsideCpu();
        const qint64 start = nowNs();
        const QByteArray path = (u"/api/v1/calls/"_s + agentId).toUtf8();
        QList<QByteArray> bodies;
        for (int i = 0; i < calls; ++i)
            bodies << callBody(numberFor(i));
        QMetaObject::invokeMethod(
            client, [&, path, bodies] { client->sendPaced(bodies, intervalMs, path); });
        const bool directEnded = runUntil(
            [&] {
                return client->answers() == calls && twilioPosts.load() >= calls &&
                       server->core().calls().ongoingCount() == 0;
            },
            TimeoutMs);
        direct.windowSeconds = double(nowNs() - start) / 1e9;
        direct.cpuSeconds = processCpuSeconds() - outsideCpu() - cpuBefore;
        direct.placingSeconds = double(lastTwilioPostNs.load() - start) / 1e9;
        dialed(direct);
        if (!directEnded || client->refusals() > 0) {
            std::fprintf(stderr, "direct calls did not end: %d answers, %d refused %s\n",
                         client->answers(), client->refusals(), client->firstRefusal().constData());
            return false;
        }
        QMetaObject::invokeMethod(client, &QObject::deleteLater);
        server.reset();
        return true;
    };
    // 3. The same calls handed to CallService in-process, as the dispatcher does for each claim:
    // no REST request, no claim.
    const auto runService = [&](Way &service, double intervalMs) -> bool {
        QString agentId;
        std::unique_ptr<TestServer> server = freshServer(&agentId);
        if (!server) {
            std::fprintf(stderr, "server: %s\n", qPrintable(failure));
            return false;
        }
        int results = 0;
        int failed = 0;
        QString firstFailure;
        const double cpuBefore = processCpuSeconds() - outsideCpu();
        const qint64 start = nowNs();
        for (int i = 0; i < calls; ++i) {
            // In bursts of as many as the account takes at once, as the dispatcher's rounds
            // place them, at the same average pace.
            const int burst = i / AccountCalls * AccountCalls;
            const qint64 due = start + qint64(double(burst) * intervalMs * 1e6);
            QTimer::singleShot(std::max<qint64>(0, (due - nowNs()) / 1000000), Qt::PreciseTimer,
                               &server->core(), [&, i] {
                                   CallRequest request;
                                   request.agentId = agentId;
                                   request.phoneNumber = numberFor(i);
                                   request.templateContext = {{u"customer_name"_s, u"Ada"_s}};
                                   try {
                                       server->core().calls().placeAgentCall(
                                           request, [&](const CallResult &result) {
                                               ++results;
                                               if (result.error && failed++ == 0)
                                                   firstFailure = result.error->message();
                                           });
                                   } catch (const AppError &refused) {
                                       ++results;
                                       if (failed++ == 0)
                                           firstFailure = refused.message();
                                   }
                               });
        }
        const bool serviceEnded = runUntil(
            [&] {
                return results == calls && twilioPosts.load() >= calls &&
                       server->core().calls().ongoingCount() == 0;
            },
            TimeoutMs);
        service.windowSeconds = double(nowNs() - start) / 1e9;
        service.cpuSeconds = processCpuSeconds() - outsideCpu() - cpuBefore;
        service.placingSeconds = double(lastTwilioPostNs.load() - start) / 1e9;
        dialed(service);
        if (!serviceEnded || failed > 0) {
            std::fprintf(stderr, "in-process calls did not end: %d results, %d failed %s\n",
                         results, failed, qPrintable(firstFailure));
            return false;
        }
        server.reset();
        return true;
    };
    struct Round
    {
        Way campaign;
        Way direct;
        Way service;
    };
    QList<Round> rounds;
    double intervalMs = 0;
    for (int i = 0; i < roundCount; ++i) {
        // The order turns from round to round, so neither way always runs first or last.
        Round round;
        for (int step = 0; step < 3; ++step) {
            bool ok = true;
            switch ((i + step) % 3) {
            case 0:
                ok = runCampaign(round.campaign);
                if (ok && intervalMs == 0)
                    intervalMs = round.campaign.placingSeconds * 1000 / std::max(1, calls - 1);
                break;
            case 1:
                ok = runDirect(round.direct, intervalMs);
                break;
            default:
                ok = runService(round.service, intervalMs);
                break;
            }
            if (!ok)
                return 1;
        }
        rounds.append(round);
        std::fprintf(stderr, "round %d of %d done\n", i + 1, roundCount);
    }

    // Medians over the rounds: whatever else the machine does hits one round, not all.
    const auto median = [&](const std::function<double(const Round &)> &of) {
        QList<double> values;
        for (const Round &round : rounds)
            values << of(round);
        std::sort(values.begin(), values.end());
        return values.at(values.size() / 2);
    };
    const auto perCallMs = [&](const Way &way) { return way.cpuSeconds * 1000 / calls; };
    const auto medianMs = [&](const std::function<const Way &(const Round &)> &way) {
        return median([&](const Round &r) { return perCallMs(way(r)); });
    };
    const auto campaignOf = [](const Round &r) -> const Way & { return r.campaign; };
    const auto directOf = [](const Round &r) -> const Way & { return r.direct; };
    const auto serviceOf = [](const Round &r) -> const Way & { return r.service; };
    const double campaignMs = medianMs(campaignOf);
    const double directMs = medianMs(directOf);
    const double serviceMs = medianMs(serviceOf);
    // Differences within a round, then their median: the rounds' ways ran back to back.
    const double extraMs =
        median([&](const Round &r) { return perCallMs(r.campaign) - perCallMs(r.direct); });
    const double ownMs =
        median([&](const Round &r) { return perCallMs(r.campaign) - perCallMs(r.service); });
    const double ratio = directMs > 0 ? campaignMs / directMs : 0;
    const double campaignPlacing = median([](const Round &r) { return r.campaign.placingSeconds; });
    const double directPlacing = median([](const Round &r) { return r.direct.placingSeconds; });
    const auto share = [](const Way &way) { return way.cpuSeconds / way.windowSeconds * 100; };
    bool eachOnce = true;
    int posts = 0;
    for (const Round &round : rounds) {
        for (const Way &way : {round.campaign, round.direct, round.service}) {
            eachOnce = eachOnce && way.twilioPosts == calls && way.distinctNumbers == calls;
            posts += way.twilioPosts;
        }
    }
    std::printf(
        "\nSwitchboard campaign dispatch bench: %d calls each way in each of %d rounds (medians), "
        "dispatcher round %d ms (production: 1000 ms), the fake Ultravox account allows "
        "%d calls at once\n\n",
        calls, int(rounds.size()), tickMs, AccountCalls);
    const auto ms = [](double value) -> QString { return number(value, 2) + u" ms"_s; };
    row("metric", u"value"_s, u"baseline"_s, u"ratio"_s, "target");
    row("CPU per call: campaign vs REST", ms(campaignMs), ms(directMs), number(ratio),
        ratio < 2 ? "< 2: met" : "< 2: MISSED");
    row("CPU per call: campaign vs in-process", ms(campaignMs), ms(serviceMs),
        number(serviceMs > 0 ? campaignMs / serviceMs : 0), "");
    row("dispatcher's extra CPU per call vs REST", ms(extraMs), u"-"_s, u"-"_s, "");
    row("dispatcher's own CPU per call", ms(ownMs), u"-"_s, u"-"_s,
        ownMs < 1 ? "< 1 ms: met" : "< 1 ms: MISSED");
    row("start -> last Twilio POST", number(campaignPlacing) + u" s"_s,
        number(directPlacing) + u" s"_s,
        number(directPlacing > 0 ? campaignPlacing / directPlacing : 0), "");
    row("calls placed per second", number(calls / campaignPlacing, 1),
        number(calls / directPlacing, 1), u"-"_s, "");
    row("Switchboard CPU, % of one core",
        number(median([&](const Round &r) { return share(r.campaign); }), 1) + u" %"_s,
        number(median([&](const Round &r) { return share(r.direct); }), 1) + u" %"_s, u"-"_s, "");
    row("Twilio POSTs, all rounds and ways", QString::number(posts),
        QString::number(3 * calls * int(rounds.size())), u"-"_s,
        eachOnce ? "each call once: met" : "each call once: MISSED");
    QStringList each;
    for (const Round &round : rounds)
        each << number(perCallMs(round.campaign), 2) + u" / "_s +
                    number(perCallMs(round.direct), 2) + u" / "_s +
                    number(perCallMs(round.service), 2);
    std::printf("\nCPU per call in each round, campaign / REST / CallService: %s ms\n",
                qPrintable(each.join(u", "_s)));
    std::printf("CPU: the process less the fakes' thread and the client's thread, from the first "
                "request until every call ended. Baselines: the same calls straight through the "
                "REST API (each on a new connection, one every %.1f ms), and handed to CallService "
                "in-process in bursts of %d at the same pace\n",
                intervalMs, AccountCalls);
    const QStringList violations = BenchFakes::reportAndStop(ultravox, twilio, fakeThread);
    clientThread.quit();
    clientThread.wait();
    return violations.isEmpty() && eachOnce ? 0 : 1;
}
