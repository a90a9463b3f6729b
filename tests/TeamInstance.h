// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TestServer.h"

#include <QMutex>
#include <QSemaphore>
#include <QThread>

#include <chrono>
#include <functional>
#include <memory>

class Core;

// One Switchboard instance of a team, in-process but on a thread of its own with its own event
// loop, store connections and keychain service, as a colleague's desktop would be: the services
// live there and their signals come from there. Requests go over real HTTP from any thread;
// call() runs code on the instance's thread and waits for it (how a window would use the core).
class TeamInstance
{
public:
    using Clock = std::chrono::steady_clock;
    struct Heard
    {
        QString kind; // agentChanged, agentRemoved, callChanged, companyChanged, companyRemoved,
                      // eventRecorded
        QString id;
        qint64 version = 0;
        Clock::time_point at;
    };

    TeamInstance(const QString &name, TestServerOptions options);
    ~TeamInstance();

    bool start(QString *error = nullptr);
    void stop();
    const QString &name() const { return m_name; }

    // Runs `work` on the instance's thread and waits for it.
    void call(const std::function<void(Core &)> &work);
    // Blocks the instance's thread until thaw(): an instance that hangs, or whose machine
    // sleeps, without closing anything.
    void freeze();
    void thaw();

    // Every service signal the instance raised since start (or clearHeard()).
    QList<Heard> heard() const;
    void clearHeard();
    // When the instance first raised `kind` for `id` (at or above `version`), if it did.
    std::optional<Clock::time_point> heardAt(const QString &kind, const QString &id,
                                             qint64 version = 0) const;

    TestServer &server() { return *m_server; }
    HttpResult get(const QString &path) { return m_server->get(path); }
    HttpResult post(const QString &path, const QJsonObject &body)
    {
        return m_server->post(path, body);
    }
    HttpResult put(const QString &path, const QJsonObject &body, const QByteArray &ifMatch = {});
    HttpResult del(const QString &path) { return m_server->del(path); }

private:
    void record(const QString &kind, const QString &id, qint64 version);
    void listen(Core &core);

    QString m_name;
    TestServerOptions m_options;
    QThread m_thread;
    QObject *m_anchor = nullptr; // lives on m_thread: the context of everything queued there
    std::unique_ptr<TestServer> m_server;
    mutable QMutex m_mutex;
    QList<Heard> m_heard;
    QSemaphore m_frozen;
    bool m_isFrozen = false;
};
