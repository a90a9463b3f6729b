// SPDX-License-Identifier: GPL-3.0-or-later
// Mouth-to-ear latency the test console adds: how long an agent's audio frame takes from the
// WebSocket to the audio sink. A server thread sends 20 ms frames of 24 kHz PCM (960 bytes), each
// stamped with the steady clock; two clients receive the same stream in turn:
//   bare:    a QWebSocket that only reads the stamp when the frame arrives (the baseline);
//   console: ConsoleSession in voice mode, the frame queued in the PlaybackBuffer and read by a
//            sink that takes audio as soon as it is queued, the stamp read at the hand-over.
// The difference is what Switchboard adds between "frame received" and "frame handed to the
// sink". Judged: the console's p99 minus the bare p99 under 20 ms, without pings and with the
// console's ping every 2 s. The server sends with TCP_NODELAY, as streaming servers do; one more
// run with pings, from a server that leaves Nagle's algorithm on, shows what that costs.
//   switchboard-bench-console [frames]
#include "AudioBackend.h"
#include "BenchClock.h"
#include "ConsoleSession.h"
#include "LowDelayWebSocketServer.h"
#include "PlaybackBuffer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QtEndian>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;
using BenchClock::nowNs;

namespace {
constexpr int SampleRate = 24000;
constexpr int FrameBytes = SampleRate / 50 * 2;
constexpr int SendIntervalMs = 5; // four times real time: the run stays short

qint64 stampOf(const char *frame)
{
    return qFromLittleEndian<qint64>(frame);
}

// Sends `frames` stamped frames to whoever connects, then closes. `lowDelay`: with TCP_NODELAY, as
// streaming servers send (the stand-in for Ultravox); without it, as QWebSocketServer leaves it.
class FrameServer : public QObject
{
public:
    FrameServer(int frames, bool lowDelay)
        : m_frames(frames)
        , m_lowDelay(lowDelay)
    {
    }
    void listen()
    {
        if (m_lowDelay) {
            auto *server = new LowDelayWebSocketServer(u"bench"_s, this);
            server->listen(QHostAddress::LocalHost, 0);
            port = server->serverPort();
            connect(server, &LowDelayWebSocketServer::newConnection, this,
                    [this, server] { serve(server->nextPendingConnection()); });
        } else {
            auto *server = new QWebSocketServer(u"bench"_s, QWebSocketServer::NonSecureMode, this);
            server->listen(QHostAddress::LocalHost, 0);
            port = server->serverPort();
            connect(server, &QWebSocketServer::newConnection, this,
                    [this, server] { serve(server->nextPendingConnection()); });
        }
    }
    std::atomic<quint16> port{0};

private:
    void serve(QWebSocket *socket)
    {
        if (!socket)
            return;
        auto *timer = new QTimer(socket);
        timer->setTimerType(Qt::PreciseTimer);
        auto sent = std::make_shared<int>(0);
        connect(timer, &QTimer::timeout, socket, [this, socket, timer, sent] {
            if (*sent == m_frames) {
                timer->stop();
                socket->close();
                return;
            }
            QByteArray frame(FrameBytes, '\0');
            qToLittleEndian<qint64>(nowNs(), frame.data());
            socket->sendBinaryMessage(frame);
            ++*sent;
        });
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        timer->start(SendIntervalMs);
    }

    int m_frames;
    bool m_lowDelay;
};

// A sink that takes audio the moment it is queued, and notes each frame's age at hand-over.
class ImmediateSink : public AudioBackend
{
public:
    QList<qint64> latencies;
    bool start(int, int, PlaybackBuffer *playback, QString *) override
    {
        m_playback = playback;
        connect(playback, &PlaybackBuffer::audioQueued, this, [this] {
            const QByteArray pcm = m_playback->read(1 << 20);
            const qint64 now = nowNs();
            for (qsizetype offset = 0; offset + FrameBytes <= pcm.size(); offset += FrameBytes)
                latencies.append(now - stampOf(pcm.constData() + offset));
        });
        return true;
    }
    void stop() override {}

private:
    QPointer<PlaybackBuffer> m_playback;
};

struct Percentiles
{
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    if (values.isEmpty())
        return {};
    const auto at = [&](double q) {
        return double(values.at(
                   std::min<qsizetype>(values.size() - 1, qsizetype(q * values.size())))) /
               1e6;
    };
    return {at(0.5), at(0.99), double(values.last()) / 1e6};
}

QList<qint64> runBare(quint16 port)
{
    QList<qint64> latencies;
    QWebSocket socket;
    QEventLoop loop;
    QObject::connect(
        &socket, &QWebSocket::binaryMessageReceived, &socket,
        [&](const QByteArray &frame) { latencies.append(nowNs() - stampOf(frame.constData())); });
    QObject::connect(&socket, &QWebSocket::disconnected, &loop, &QEventLoop::quit);
    socket.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)));
    loop.exec();
    return latencies;
}

QList<qint64> runConsole(quint16 port, int pingIntervalMs, QList<qint64> *insideWaits)
{
    ImmediateSink sink;
    ConsoleSession::Options options;
    options.medium = ConsoleProtocol::Medium::Voice;
    options.inputSampleRate = 16000;
    options.outputSampleRate = SampleRate;
    options.pingIntervalMs = pingIntervalMs;
    ConsoleSession session(options);
    session.setAudioBackend(&sink);
    session.playback().setMeasuring(true);
    QEventLoop loop;
    QObject::connect(&session, &ConsoleSession::ended, &loop, &QEventLoop::quit);
    session.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)));
    loop.exec();
    *insideWaits = session.playback().takeWaits();
    return sink.latencies;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "switchboard.*.info=false");
    const int frames = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 2000;
    QThread serverThread;
    serverThread.start();
    auto *server = new FrameServer(frames, true);
    auto *nagleServer = new FrameServer(frames, false);
    for (FrameServer *each : {server, nagleServer}) {
        each->moveToThread(&serverThread);
        QMetaObject::invokeMethod(
            each, [each] { each->listen(); }, Qt::BlockingQueuedConnection);
    }

    std::printf("Console mouth-to-ear latency: %d frames of 20 ms at %d Hz, one every %d ms\n",
                frames, SampleRate, SendIntervalMs);
    // Alternate twice so neither client always runs on a colder machine.
    // The console runs twice: without pings (the audio path alone) and with the console's
    // ping every 2 s (as the window runs it).
    constexpr int NoPings = 3600 * 1000;
    QList<qint64> bare, console, pinging, pingingNagle, inside;
    for (int round = 0; round < 2; ++round) {
        QList<qint64> waits;
        if (round % 2 == 0)
            bare += runBare(server->port);
        console += runConsole(server->port, NoPings, &waits);
        inside += waits;
        pinging += runConsole(server->port, 2000, &waits);
        pingingNagle += runConsole(nagleServer->port, 2000, &waits);
        if (round % 2 == 1)
            bare += runBare(server->port);
    }
    for (FrameServer *each : {server, nagleServer})
        QMetaObject::invokeMethod(
            each, [each] { delete each; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();

    const Percentiles b = percentiles(bare), c = percentiles(console), i = percentiles(inside),
                      p = percentiles(pinging), n = percentiles(pingingNagle);
    std::printf("\n| path | frames | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
    std::printf("| bare socket (baseline) | %lld | %.3f | %.3f | %.3f |\n", qlonglong(bare.size()),
                b.p50, b.p99, b.max);
    std::printf("| console to the sink | %lld | %.3f | %.3f | %.3f |\n", qlonglong(console.size()),
                c.p50, c.p99, c.max);
    std::printf("| console to the sink, pinging every 2 s | %lld | %.3f | %.3f | %.3f |\n",
                qlonglong(pinging.size()), p.p50, p.p99, p.max);
    std::printf("| the same from a server without TCP_NODELAY | %lld | %.3f | %.3f | %.3f |\n",
                qlonglong(pingingNagle.size()), n.p50, n.p99, n.max);
    std::printf("| inside: queued to handed over | %lld | %.3f | %.3f | %.3f |\n",
                qlonglong(inside.size()), i.p50, i.p99, i.max);
    const double added = c.p99 - b.p99;
    const double addedPinging = p.p99 - b.p99;
    const bool complete = bare.size() == 2 * frames && console.size() == 2 * frames &&
                          pinging.size() == 2 * frames && pingingNagle.size() == 2 * frames;
    std::printf("\nAdded by Switchboard at p99: %.3f ms (ratio console/bare p99 %.2f); target < "
                "20 ms: %s%s\n",
                added, b.p99 > 0 ? c.p99 / b.p99 : 0.0, added < 20.0 ? "met" : "NOT met",
                complete ? "" : " (frames were lost: the run is not valid)");
    std::printf("With pings every 2 s, added at p99: %.3f ms (%s); from a server without "
                "TCP_NODELAY: %.3f ms\n",
                addedPinging, addedPinging < 20.0 ? "met" : "NOT met", n.p99 - b.p99);
    return added < 20.0 && addedPinging < 20.0 && complete ? 0 : 1;
}
