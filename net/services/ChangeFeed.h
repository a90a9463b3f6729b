// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSqlDriver>
#include <QString>
#include <QTimer>

class Store;

// One committed change another instance made, as the database's trigger announced it.
struct StoreChange
{
    QString table; // agents, calls, companies, events; call_leases for a lease hand-over
    QChar op;      // I(nsert), U(pdate), D(elete), R(eleased)
    QString id;
    qint64 version = 0; // the row's version after the change; 0 for events and deletes
};

// Hears of other instances' changes through PostgreSQL's LISTEN/NOTIFY, on a connection of its
// own that lives on the services' thread (QSqlDriver::subscribeToNotification delivers through
// that thread's event loop). The triggers of migration 2 send the notifications when a write
// commits, so nothing polls the tables.
//
// The feed also watches the database: a one-line query on its connection every second tells
// whether the server is still there. When it is not, liveChanged(false) says so (the window shows
// it, health reports it) and the feed reconnects with backoff, 250 ms doubling to 5 s. Once back,
// resumed() tells TeamSync to catch up on what was missed meanwhile.
//
// On SQLite the feed does nothing: there is only one instance to hear from.
class ChangeFeed : public QObject
{
    Q_OBJECT
public:
    static const QString Channel;

    explicit ChangeFeed(Store &store, QObject *parent = nullptr);
    ~ChangeFeed() override;

    bool isEnabled() const;
    void start();
    void stop();
    bool isLive() const { return m_live; }
    QString problem() const { return m_problem; }
    void setHeartbeatMs(int ms) { m_heartbeat.setInterval(ms); }

    // Tells the other instances about something that is not a row change (a lease hand-over),
    // as part of the caller's transaction if one is open.
    static void announce(Store &store, const QString &table, QChar op);

Q_SIGNALS:
    void changed(const StoreChange &change);
    void liveChanged(bool live, const QString &problem);
    void resumed();

private:
    void connectListener();
    void beat();
    void lose(const QString &reason);
    void scheduleRetry();
    void received(const QString &name, QSqlDriver::NotificationSource source,
                  const QVariant &payload);

    Store &m_store;
    QString m_connectionName;
    QTimer m_heartbeat;
    QTimer m_retry;
    int m_backoffMs = 0;
    bool m_started = false;
    bool m_live = false;
    bool m_everLive = false;
    bool m_downReported = false;
    QString m_problem;
};
