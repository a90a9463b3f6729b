// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChangeFeed.h"

#include "AppError.h"
#include "Store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFeed, "switchboard.sync")

const QString ChangeFeed::Channel = u"switchboard_changes"_s;

namespace {
constexpr int FirstBackoffMs = 250;
constexpr int MaxBackoffMs = 5000;
constexpr int HeartbeatMs = 1000;
} // namespace

ChangeFeed::ChangeFeed(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_connectionName(store.instanceTag() + u"-listener"_s)
{
    m_heartbeat.setInterval(HeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &ChangeFeed::beat);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ChangeFeed::connectListener);
}

ChangeFeed::~ChangeFeed()
{
    stop();
}

bool ChangeFeed::isEnabled() const
{
    return m_store.isPostgres();
}

void ChangeFeed::start()
{
    if (!isEnabled() || m_started)
        return;
    m_started = true;
    connectListener();
    m_heartbeat.start();
}

void ChangeFeed::stop()
{
    if (!m_started)
        return;
    m_started = false;
    m_heartbeat.stop();
    m_retry.stop();
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            if (db.isOpen() && db.driver())
                disconnect(db.driver(), nullptr, this, nullptr);
        }
        Store::closeDedicatedConnection(m_connectionName);
    }
    m_live = false;
}

void ChangeFeed::connectListener()
{
    if (!m_started)
        return;
    try {
        QSqlDatabase db = m_store.openDedicatedConnection(m_connectionName);
        if (!db.driver()->subscribeToNotification(Channel)) {
            const QString reason = db.driver()->lastError().text();
            db = QSqlDatabase();
            Store::closeDedicatedConnection(m_connectionName);
            lose(u"cannot listen for changes: "_s + reason);
            return;
        }
        connect(db.driver(), &QSqlDriver::notification, this, &ChangeFeed::received);
    } catch (const AppError &error) {
        lose(error.message());
        return;
    }
    m_backoffMs = 0;
    m_live = true;
    m_downReported = false;
    m_problem.clear();
    qCInfo(lcFeed) << "listening for changes on" << m_store.location().displayName();
    if (m_everLive)
        Q_EMIT resumed();
    m_everLive = true;
    Q_EMIT liveChanged(true, {});
}

void ChangeFeed::beat()
{
    if (!m_live)
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery ping(db);
    if (db.isOpen() && ping.exec(u"SELECT 1"_s))
        return;
    QString reason = ping.lastError().text().simplified();
    if (reason.isEmpty())
        reason = u"the connection was lost"_s;
    ping = QSqlQuery();
    db = QSqlDatabase();
    lose(u"The database %1 went away (%2)"_s.arg(m_store.location().displayName(), reason));
}

void ChangeFeed::lose(const QString &reason)
{
    if (QSqlDatabase::contains(m_connectionName))
        Store::closeDedicatedConnection(m_connectionName);
    m_store.noteUnreachable(reason);
    const bool wasLive = m_live;
    m_live = false;
    m_problem = reason;
    if (wasLive || !m_downReported) {
        m_downReported = true;
        qCWarning(lcFeed) << "live updates paused:" << reason;
        Q_EMIT liveChanged(false, reason);
    }
    scheduleRetry();
}

void ChangeFeed::scheduleRetry()
{
    if (!m_started)
        return;
    m_backoffMs = m_backoffMs == 0 ? FirstBackoffMs : std::min(MaxBackoffMs, m_backoffMs * 2);
    const int spread = m_backoffMs / 5;
    m_retry.start(m_backoffMs - spread + int(QRandomGenerator::global()->bounded(2 * spread + 1)));
}

void ChangeFeed::received(const QString &name, QSqlDriver::NotificationSource,
                          const QVariant &payload)
{
    if (name != Channel)
        return;
    const QJsonObject json = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
    // Our own writes were announced by the services already, when they made them.
    if (json.value(u"o"_s).toString() == m_store.instanceTag())
        return;
    StoreChange change;
    change.table = json.value(u"t"_s).toString();
    const QString op = json.value(u"op"_s).toString();
    change.op = op.isEmpty() ? QChar(u'U') : op.at(0);
    change.id = json.value(u"id"_s).toString();
    change.version = json.value(u"v"_s).toInteger();
    if (change.table.isEmpty()) {
        qCWarning(lcFeed) << "ignored a change notification without a table:" << payload;
        return;
    }
    Q_EMIT changed(change);
}

void ChangeFeed::announce(Store &store, const QString &table, QChar op)
{
    if (!store.isPostgres())
        return;
    QSqlQuery &query = store.prepared(u"SELECT pg_notify(?, ?)"_s);
    query.addBindValue(Channel);
    query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonObject{{u"o"_s, store.instanceTag()},
                                                                   {u"t"_s, table},
                                                                   {u"op"_s, QString(op)},
                                                                   {u"id"_s, QString()}})
                                             .toJson(QJsonDocument::Compact)));
    store.exec(query);
    query.finish();
}
