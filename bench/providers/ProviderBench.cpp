// SPDX-License-Identifier: GPL-3.0-or-later
// What Switchboard costs on top of the providers, with the real clients against the fake
// Ultravox and Twilio (on a thread of their own, answering at once):
//  1. the time it adds to a call: REST request in -> Twilio's POST .../Calls.json out, against
//     bare QNetworkAccessManager round trips to the same fakes measured in the same run;
//  2. the CPU it spends following 200 ongoing calls with the production poll pacing (process CPU
//     less the fakes' thread, over wall time), against the CPU of the same number of bare GETs.
//  3. the CPU of following the same 200 calls with live transcripts (their messages read every
//     1.5 s), against following them without, measured in the same run.
// Not a ctest: it prints a table. Options: --calls N --ongoing N --warmup S --window S.
#include "BenchClock.h"
#include "BenchFakes.h"
#include "Core.h"
#include "FakeTwilio.h"
#include "FakeUltravox.h"
#include "HttpProviderFactory.h"
#include "TestServer.h"

#include <QAbstractHttpServer>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QThread>

#include <algorithm>
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
double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size()))));
}

// One bare request, waited for in a local loop: the floor any client pays for a round trip.
double bareRoundTripMs(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url,
                       const QList<QPair<QByteArray, QByteArray>> &headers,
                       const QByteArray &body = {})
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    const qint64 start = nowNs();
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const double ms = double(nowNs() - start) / 1e6;
    if (reply->error() != QNetworkReply::NoError)
        std::fprintf(stderr, "bare request failed: %s\n", qPrintable(reply->errorString()));
    reply->deleteLater();
    return ms;
}

void row(const char *metric, const QString &value, const QString &baseline, const QString &ratio,
         const char *target)
{
    std::printf("%-38s %14s %14s %8s  %s\n", metric, qPrintable(value), qPrintable(baseline),
                qPrintable(ratio), target);
}

QString ms(double value)
{
    return QString::number(value, 'f', 2) + u" ms"_s;
}

// The least any implementation must do for a call: take the request, POST to Ultravox, read the
// join URL, POST to Twilio, answer. Bare QNetworkAccessManager, no store, no checks: the
// baseline for "REST in -> Twilio out".
class BareRelay : public QAbstractHttpServer
{
public:
    BareRelay(QNetworkAccessManager &network, QUrl ultravoxCalls, QUrl twilioCalls,
              QByteArray twilioAuth)
        : m_network(network)
        , m_ultravoxCalls(std::move(ultravoxCalls))
        , m_twilioCalls(std::move(twilioCalls))
        , m_twilioAuth(std::move(twilioAuth))
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
        QNetworkRequest toUltravox(m_ultravoxCalls);
        toUltravox.setRawHeader("X-API-Key", FakeUltravox::ApiKey);
        toUltravox.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *first = m_network.post(
            toUltravox, QByteArray(R"({"templateContext":{"name":"Ada"},"medium":{"twilio":{}}})"));
        connect(first, &QNetworkReply::finished, this, [this, first, responder] {
            first->deleteLater();
            const QString joinUrl =
                QJsonDocument::fromJson(first->readAll()).object().value(u"joinUrl"_s).toString();
            QNetworkRequest toTwilio(m_twilioCalls);
            toTwilio.setRawHeader("Authorization", m_twilioAuth);
            toTwilio.setHeader(QNetworkRequest::ContentTypeHeader,
                               QByteArray("application/x-www-form-urlencoded"));
            QNetworkReply *second =
                m_network.post(toTwilio, "To=%2B15551230000&From=%2B14155550100&Twiml=" +
                                             QUrl::toPercentEncoding(streamTwiml(joinUrl)));
            connect(second, &QNetworkReply::finished, this, [second, responder] {
                second->deleteLater();
                responder->write(second->readAll(), "application/json",
                                 QHttpServerResponder::StatusCode::Created);
            });
        });
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    QNetworkAccessManager &m_network;
    QUrl m_ultravoxCalls;
    QUrl m_twilioCalls;
    QByteArray m_twilioAuth;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption callsOption(u"calls"_s, u"Calls timed one by one."_s, u"N"_s,
                                         u"100"_s);
    const QCommandLineOption ongoingOption(u"ongoing"_s, u"Ongoing calls polled."_s, u"N"_s,
                                           u"200"_s);
    const QCommandLineOption warmupOption(u"warmup"_s, u"Seconds before the CPU window."_s, u"S"_s,
                                          u"35"_s);
    const QCommandLineOption windowOption(u"window"_s, u"Seconds the CPU is measured."_s, u"S"_s,
                                          u"20"_s);
    parser.addOptions({callsOption, ongoingOption, warmupOption, windowOption});
    parser.process(app);
    const int calls = parser.value(callsOption).toInt();
    const int ongoing = parser.value(ongoingOption).toInt();
    const int warmupS = parser.value(warmupOption).toInt();
    const int windowS = parser.value(windowOption).toInt();

    // The fakes answer on their own thread, as a remote service would, and their CPU is kept
    // apart from Switchboard's.
    QThread fakeThread;
    fakeThread.setObjectName(u"fakes"_s);
    fakeThread.start();
    auto *ultravox = new FakeUltravox;
    auto *twilio = new FakeTwilio;
    ultravox->moveToThread(&fakeThread);
    twilio->moveToThread(&fakeThread);
    pthread_t fakeHandle{};
    QMutex callsMutex;
    QList<qint64> twilioPostNs;
    QMetaObject::invokeMethod(
        ultravox,
        [&] {
            fakeHandle = pthread_self();
            ultravox->setRecording(false);
            twilio->setRecording(false);
            ultravox->start();
            twilio->start();
            twilio->setObserver([&](const RecordedRequest &request) {
                if (request.method == "POST" && request.path.endsWith(u"/Calls.json"_s)) {
                    QMutexLocker locker(&callsMutex);
                    twilioPostNs.append(request.receivedNs);
                }
            });
        },
        Qt::BlockingQueuedConnection);

    TestServerOptions options;
    options.defaults.ultravox = ultravox->credentials();
    options.defaults.twilio = twilio->credentials();
    options.defaults.fromNumber = QString::fromLatin1(FakeTwilio::FromNumber);
    options.providers = [] { return std::make_unique<HttpProviderFactory>(); };
    const CallMonitor::Pacing production;
    options.monitorFirstMs = production.firstMs;
    options.monitorMaxMs = production.maxMs;
    options.liveTranscriptMs = 0; // the baseline: following calls without live transcripts
    TestServer server(options);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "server: %s\n", qPrintable(error));
        return 1;
    }
    const HttpResult agent = server.post(
        u"/api/v1/agents"_s, {{u"name"_s, u"Bench"_s}, {u"prompt"_s, u"Hello {{name}}."_s}});
    const QString agentId = agent.object().value(u"id"_s).toString();
    const QString remoteId = agent.object().value(u"ultravox_agent_id"_s).toString();
    if (agent.status != 201) {
        std::fprintf(stderr, "agent: %s\n", agent.body.constData());
        return 1;
    }

    // Baselines: the same two provider requests with a bare QNetworkAccessManager.
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    const QByteArray twilioAuth =
        "Basic " +
        QByteArray(FakeTwilio::AccountSid).append(':').append(FakeTwilio::AuthToken).toBase64();
    const QUrl twilioCalls = twilio->baseUrl().resolved(QUrl(
        u"2010-04-01/Accounts/%1/Calls.json"_s.arg(QString::fromLatin1(FakeTwilio::AccountSid))));
    const QByteArray form = "To=%2B15551230000&From=%2B14155550100&Twiml=" +
                            QUrl::toPercentEncoding(streamTwiml(u"wss://127.0.0.1/join"_s));
    const QUrl ultravoxCalls =
        ultravox->baseUrl().resolved(QUrl(u"agents/%1/calls"_s.arg(remoteId)));
    const QByteArray callJson = R"({"templateContext":{"name":"Ada"},"medium":{"twilio":{}}})";
    QList<double> bareTwilio, bareUltravox;
    for (int i = 0; i < calls; ++i) {
        bareTwilio << bareRoundTripMs(
            network, "POST", twilioCalls,
            {{"Authorization", twilioAuth}, {"Content-Type", "application/x-www-form-urlencoded"}},
            form);
        bareUltravox << bareRoundTripMs(
            network, "POST", ultravoxCalls,
            {{"X-API-Key", FakeUltravox::ApiKey}, {"Content-Type", "application/json"}}, callJson);
    }

    // 1. Time added per call. These calls end at their first poll.
    const auto onFakes = [&](const std::function<void()> &change) {
        QMetaObject::invokeMethod(twilio, change, Qt::BlockingQueuedConnection);
    };
    onFakes([&] { twilio->setDefaultTimeline({u"completed"_s}); });
    {
        QMutexLocker locker(&callsMutex);
        twilioPostNs.clear();
    }
    const auto lastTwilioPost = [&] {
        QMutexLocker locker(&callsMutex);
        return twilioPostNs.isEmpty() ? qint64(0) : twilioPostNs.last();
    };
    BareRelay relay(network, ultravoxCalls, twilioCalls, twilioAuth);
    const quint16 relayPort = relay.listen(QHostAddress::LocalHost, 0);
    const QByteArray body = R"({"phone_number":"+15551230000","template_context":{"name":"Ada"}})";
    QList<double> inToOut, roundTrip, relayInToOut;
    // Alternating the two keeps whatever else the machine does out of the ratio.
    for (int i = 0; i < calls; ++i) {
        qint64 sent = nowNs();
        const HttpResult placed = server.request("POST", u"/api/v1/calls/"_s + agentId, body);
        const qint64 answered = nowNs();
        if (placed.status != 201) {
            std::fprintf(stderr, "call %d: %d %s\n", i, placed.status, placed.body.constData());
            return 1;
        }
        inToOut << double(lastTwilioPost() - sent) / 1e6;
        roundTrip << double(answered - sent) / 1e6;

        sent = nowNs();
        const HttpResult relayed =
            TestHttp::send("POST", QUrl(u"http://127.0.0.1:%1/calls"_s.arg(relayPort)), body);
        if (relayed.status != 201) {
            std::fprintf(stderr, "relay %d: %d %s\n", i, relayed.status, relayed.body.constData());
            return 1;
        }
        relayInToOut << double(lastTwilioPost() - sent) / 1e6;
    }
    const double floorMs = percentile(relayInToOut, 0.5);
    const double addedMedian = percentile(inToOut, 0.5) - floorMs;
    const double addedP95 = percentile(inToOut, 0.95) - percentile(relayInToOut, 0.95);

    // 2. Following 200 ongoing calls with the production pacing: without live transcripts,
    // then (on a second server, the first one stopped) with them.
    onFakes([&] { twilio->setDefaultTimeline({u"ringing"_s, u"in-progress"_s}); });
    struct Following
    {
        double cpuShare = 0;
        double wallSeconds = 0;
        int polls = 0;
        int messageReads = 0;
        qint64 ongoing = 0;
    };
    const auto follow = [&](TestServer &following,
                            const QString &followedAgentId) -> std::optional<Following> {
        for (int i = 0; i < ongoing; ++i) {
            const HttpResult placed =
                following.request("POST", u"/api/v1/calls/"_s + followedAgentId, body);
            if (placed.status != 201) {
                std::fprintf(stderr, "ongoing call %d: %s\n", i, placed.body.constData());
                return std::nullopt;
            }
        }
        waitUntil([] { return false; }, warmupS * 1000);
        const int twilioBefore = twilio->requestCount();
        const int ultravoxBefore = ultravox->requestCount();
        const double cpuBefore = processCpuSeconds() - threadCpuSeconds(fakeHandle);
        const qint64 wallBefore = nowNs();
        waitUntil([] { return false; }, windowS * 1000);
        Following result;
        result.wallSeconds = double(nowNs() - wallBefore) / 1e9;
        result.cpuShare =
            (processCpuSeconds() - threadCpuSeconds(fakeHandle) - cpuBefore) / result.wallSeconds;
        result.polls = twilio->requestCount() - twilioBefore;
        result.messageReads = ultravox->requestCount() - ultravoxBefore;
        result.ongoing = following.core().calls().ongoingCount();
        return result;
    };
    const std::optional<Following> plain = follow(server, agentId);
    if (!plain)
        return 1;
    const int polls = plain->polls;
    const double wallSeconds = plain->wallSeconds;
    const double cpuSeconds = plain->cpuShare * plain->wallSeconds;
    const qint64 stillOngoing = plain->ongoing;
    server.stop(); // its calls are no longer followed
    // Transcripts that grow while the calls last, read every 1.5 s as in production.
    QMetaObject::invokeMethod(
        ultravox, [&] { ultravox->setGrowingTranscript(true); }, Qt::BlockingQueuedConnection);
    TestServerOptions liveOptions = options;
    liveOptions.liveTranscriptMs = production.liveTranscriptMs;
    TestServer liveServer(liveOptions);
    if (!liveServer.start(&error)) {
        std::fprintf(stderr, "live server: %s\n", qPrintable(error));
        return 1;
    }
    const QString liveAgent =
        liveServer.post(u"/api/v1/agents"_s, {{u"name"_s, u"Bench"_s}, {u"prompt"_s, u"Hello."_s}})
            .object()
            .value(u"id"_s)
            .toString();
    const std::optional<Following> live = follow(liveServer, liveAgent);
    if (!live)
        return 1;
    liveServer.stop();

    // Baseline for polling: the CPU of the same GETs sent bare.
    QString sid;
    onFakes([&] { sid = twilio->callSids().last(); });
    const QUrl oneCall =
        twilio->baseUrl().resolved(QUrl(u"2010-04-01/Accounts/%1/Calls/%2.json"_s.arg(
            QString::fromLatin1(FakeTwilio::AccountSid), sid)));
    const int bareGets = std::max(polls, 200);
    const double bareCpuBefore = processCpuSeconds() - threadCpuSeconds(fakeHandle);
    for (int i = 0; i < bareGets; ++i)
        bareRoundTripMs(network, "GET", oneCall, {{"Authorization", twilioAuth}});
    const double bareCpuPerRequest =
        (processCpuSeconds() - threadCpuSeconds(fakeHandle) - bareCpuBefore) / bareGets;
    const double pollingShare = cpuSeconds / wallSeconds;
    const double baselineShare = bareCpuPerRequest * double(polls) / wallSeconds;

    std::printf("\nSwitchboard provider bench: %d timed calls, %d ongoing calls polled for %.0f s "
                "after %d s (production pacing %d..%d ms)\n\n",
                calls, int(stillOngoing), wallSeconds, warmupS, production.firstMs,
                production.maxMs);
    row("metric", u"value"_s, u"baseline"_s, u"ratio"_s, "target");
    row("bare Ultravox POST round trip (p50)", ms(percentile(bareUltravox, 0.5)), u"-"_s, u"-"_s,
        "");
    row("bare Twilio POST round trip (p50)", ms(percentile(bareTwilio, 0.5)), u"-"_s, u"-"_s, "");
    row("REST in -> Twilio out (p50)", ms(percentile(inToOut, 0.5)), ms(floorMs),
        QString::number(percentile(inToOut, 0.5) / floorMs, 'f', 2), "");
    row("REST in -> Twilio out (p95)", ms(percentile(inToOut, 0.95)),
        ms(percentile(relayInToOut, 0.95)),
        QString::number(percentile(inToOut, 0.95) / percentile(relayInToOut, 0.95), 'f', 2), "");
    row("time added per call (p50)", ms(addedMedian), u"-"_s, u"-"_s,
        addedMedian < 5 ? "< 5 ms: met" : "< 5 ms: MISSED");
    row("time added per call (p95 vs p95)", ms(addedP95), u"-"_s, u"-"_s, "");
    row("REST round trip of a call (p50)", ms(percentile(roundTrip, 0.5)), u"-"_s, u"-"_s, "");
    row("polls per second", QString::number(double(polls) / wallSeconds, 'f', 1), u"-"_s, u"-"_s,
        "");
    row("polling CPU, % of one core", QString::number(pollingShare * 100, 'f', 2) + u" %"_s,
        QString::number(baselineShare * 100, 'f', 2) + u" %"_s,
        QString::number(baselineShare > 0 ? pollingShare / baselineShare : 0, 'f', 2),
        pollingShare < 0.05 ? "< 5 %: met" : "< 5 %: MISSED");
    // Live transcripts: the same calls followed with their messages read every 1.5 s.
    const double liveExtra = live->cpuShare - plain->cpuShare;
    row("message reads per second (live)",
        QString::number(double(live->messageReads) / live->wallSeconds, 'f', 1), u"-"_s, u"-"_s,
        "");
    row("following CPU with live transcripts",
        QString::number(live->cpuShare * 100, 'f', 2) + u" %"_s,
        QString::number(plain->cpuShare * 100, 'f', 2) + u" %"_s,
        QString::number(plain->cpuShare > 0 ? live->cpuShare / plain->cpuShare : 0, 'f', 2), "");
    row("live transcripts' extra CPU, % of a core",
        QString::number(liveExtra * 100, 'f', 2) + u" %"_s, u"-"_s, u"-"_s,
        liveExtra < 0.05 ? "< 5 %: met" : "< 5 %: MISSED");
    std::printf("\nbaselines, same run: for a call, a bare relay (QNetworkAccessManager POST to "
                "Ultravox, then to Twilio, nothing else); for polling, the same number of bare "
                "GETs per second to the same fake\n");
    const QStringList violations = BenchFakes::reportAndStop(ultravox, twilio, fakeThread);
    return violations.isEmpty() ? 0 : 1;
}
