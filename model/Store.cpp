// SPDX-License-Identifier: GPL-3.0-or-later
#include "Store.h"

#include "AppError.h"
#include "Ids.h"
#include "Migrations.h"
#include "Timestamps.h"

#include <QAtomicInteger>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStore, "switchboard.store")

namespace {
QAtomicInteger<quint64> storeCounter;

constexpr int FirstBackoffMs = 250;
constexpr int MaxBackoffMs = 5000;

qint64 monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct ThreadConnection
{
    QString name;
    QHash<QString, QSqlQuery *> statements;
    bool postgres = false;
    bool broken = false; // the server went away under it: reopen on next use
    QThread *owner = QThread::currentThread();
    ~ThreadConnection()
    {
        // A PostgreSQL session takes its prepared statements with it, so there the connection
        // goes first: a statement deleted before would send a DEALLOCATE (and, on a lost
        // connection, only print a warning). SQLite wants its statements finalized first.
        if (!postgres)
            deleteStatements();
        // Only its own thread may touch a connection; from elsewhere (a store going away after
        // the window's thread), removing it closes it.
        if (owner == QThread::currentThread()) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
        deleteStatements();
    }
    void deleteStatements()
    {
        qDeleteAll(statements);
        statements.clear();
    }
};

bool isConnectionFailure(const QSqlError &error)
{
    return error.type() == QSqlError::ConnectionError;
}

bool isUniqueViolation(const QSqlError &error)
{
    const QString native = error.nativeErrorCode();
    // SQLite: 2067 (SQLITE_CONSTRAINT_UNIQUE), 1555 (PRIMARY KEY); PostgreSQL: 23505.
    return native == u"2067"_s || native == u"1555"_s || native == u"23505"_s ||
           error.databaseText().contains(u"UNIQUE constraint failed"_s);
}

bool isBusy(const QSqlError &error)
{
    const QString native = error.nativeErrorCode();
    // SQLite: SQLITE_BUSY, SQLITE_LOCKED. PostgreSQL: serialization failure, deadlock, lock not
    // available: all worth trying again.
    return native == u"5"_s || native == u"6"_s || native == u"40001"_s || native == u"40P01"_s ||
           native == u"55P03"_s || error.databaseText().contains(u"locked"_s);
}

QString errorText(const QSqlError &error)
{
    QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    // libpq spreads one message over several lines with tabs; an error body wants one line.
    text.replace(u"\n\t"_s, u" "_s).replace(u'\n', u' ');
    text = text.trimmed();
    if (text.endsWith(u" ()"_s)) // QPSQL appends the empty SQLSTATE of a lost connection
        text.chop(3);
    return text;
}

[[noreturn]] void throwSqlError(const QSqlError &error, const QString &what)
{
    const QString text = errorText(error);
    if (isUniqueViolation(error))
        throw AppError(ErrorKind::Conflict,
                       u"%1: a record with that key already exists"_s.arg(what));
    if (isConnectionFailure(error) || isBusy(error))
        throw AppError(ErrorKind::Unavailable,
                       u"The database is unavailable (%1): %2"_s.arg(what, text));
    throw AppError(ErrorKind::Internal, u"Database error (%1): %2"_s.arg(what, text));
}

bool isWrite(const QString &sql)
{
    const QString verb = sql.trimmed().section(u' ', 0, 0).toUpper();
    return !verb.isEmpty() && verb != u"SELECT"_s && verb != u"WITH"_s && verb != u"SHOW"_s &&
           verb != u"PRAGMA"_s;
}
} // namespace

struct Store::Registry
{
    QMutex mutex;
    QHash<QThread *, ThreadConnection *> connections;

    void drop(QThread *thread)
    {
        ThreadConnection *connection = nullptr;
        {
            QMutexLocker locker(&mutex);
            connection = connections.take(thread);
        }
        delete connection;
    }
};

// When the next connection attempt may be made, and why the last one failed.
struct Store::Gate
{
    mutable QMutex mutex;
    bool reachable = true;
    QString problem;
    qint64 retryAt = 0; // monotonic ms
    int backoffMs = 0;
};

Store::Store(StoreLocation location)
    : m_location(std::move(location))
    , m_prefix(u"switchboard-store-%1"_s.arg(storeCounter.fetchAndAddRelaxed(1)))
    , m_instanceTag(u"switchboard-"_s + Ids::randomHex(12))
    , m_registry(std::make_shared<Registry>())
    , m_gate(std::make_unique<Gate>())
{
}

Store::~Store()
{
    QList<ThreadConnection *> remaining;
    {
        QMutexLocker locker(&m_registry->mutex);
        remaining = m_registry->connections.values();
        m_registry->connections.clear();
    }
    qDeleteAll(remaining);
}

int Store::latestSchemaVersion()
{
    return Migrations::latestVersion();
}

namespace {
// Switching a new file to WAL needs it to itself for a moment: when several connections open it
// at once (instances starting together), SQLite answers "database is locked" at once instead of
// waiting for the busy timeout. Waiting a little and trying again is all it takes.
bool execRetryingWhileBusy(QSqlQuery &query, const QString &statement)
{
    constexpr int SqliteBusy = 5, SqliteLocked = 6;
    QElapsedTimer waited;
    waited.start();
    while (!query.exec(statement)) {
        const int code = query.lastError().nativeErrorCode().toInt();
        if ((code != SqliteBusy && code != SqliteLocked) || waited.elapsed() > 10000)
            return false;
        QThread::msleep(20);
    }
    return true;
}
} // namespace

QSqlDatabase Store::openNewConnection(const QString &name)
{
    const bool sqlite = !isPostgres();
    QSqlDatabase db = QSqlDatabase::addDatabase(sqlite ? u"QSQLITE"_s : u"QPSQL"_s, name);
    if (!db.isValid()) {
        QSqlDatabase::removeDatabase(name);
        throw AppError(ErrorKind::Unavailable,
                       u"The Qt SQL driver for %1 is not installed (%2)"_s.arg(
                           sqlite ? u"SQLite"_s : u"PostgreSQL"_s,
                           sqlite ? u"libqt6sql6-sqlite"_s : u"libqt6sql6-psql"_s));
    }
    if (sqlite) {
        db.setDatabaseName(m_location.sqlitePath);
        // Waits for another writer (another instance on the same file) instead of failing.
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    } else {
        m_location.applyServerTo(db);
        // Keepalives notice a server that vanished without closing the connection (a laptop
        // leaving the office network) within about 25 s instead of the OS's two hours.
        db.setConnectOptions(
            u"connect_timeout=5;application_name=%1;keepalives=1;"
            u"keepalives_idle=10;keepalives_interval=5;keepalives_count=3"_s.arg(m_instanceTag));
    }
    if (!db.open()) {
        const QString reason = errorText(db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw AppError(ErrorKind::Unavailable,
                       u"Cannot open the database %1: %2"_s.arg(m_location.displayName(), reason),
                       {{u"database"_s, m_location.displayName()}});
    }
    QSqlQuery pragma(db);
    const QStringList setup =
        // The log is folded back every second by WalCheckpointer, off the request path; the
        // automatic checkpoint stays only as a safety net for a log that grows far. Each
        // connection caches at most 2 MiB of database pages (about SQLite's default of 2,000 KiB,
        // written down as the bound it is: bench/README.md lists what bounds memory).
        sqlite ? QStringList{u"PRAGMA journal_mode=WAL"_s, u"PRAGMA foreign_keys=ON"_s,
                             u"PRAGMA synchronous=NORMAL"_s, u"PRAGMA wal_autocheckpoint=16384"_s,
                             u"PRAGMA cache_size=-2048"_s}
               : QStringList{u"SET TIME ZONE 'UTC'"_s, u"SET client_min_messages TO WARNING"_s};
    for (const QString &statement : setup) {
        if (!(sqlite ? execRetryingWhileBusy(pragma, statement) : pragma.exec(statement))) {
            const QString reason = pragma.lastError().databaseText();
            pragma = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            throw AppError(ErrorKind::Unavailable,
                           u"%1 is not a usable database (it may be damaged, or not a Switchboard "
                           u"database): %2"_s.arg(m_location.displayName(), reason));
        }
    }
    return db;
}

QSqlDatabase Store::connection()
{
    return connectionFor({});
}

QSqlDatabase Store::connectionFor(const QString &sql)
{
    QThread *thread = QThread::currentThread();
    bool stale = false;
    {
        QMutexLocker locker(&m_registry->mutex);
        if (ThreadConnection *existing = m_registry->connections.value(thread)) {
            QSqlDatabase db = QSqlDatabase::database(existing->name, false);
            if (!existing->broken && db.isOpen())
                return db;
            stale = true;
        }
    }
    if (stale) // the server went away under it; its prepared statements went with it
        m_registry->drop(thread);

    if (isPostgres()) {
        const Availability now = availability();
        if (!now.reachable && now.retryInMs > 0)
            throw unreachable(sql, now.problem);
    }
    const QString name = m_prefix + u'-' + QString::number(reinterpret_cast<quintptr>(thread), 16);
    QSqlDatabase db;
    try {
        db = openNewConnection(name);
    } catch (const AppError &error) {
        if (isPostgres() && m_schemaVersion > 0) {
            // Reconnecting to a database that worked before: say so, and when to try again.
            QMutexLocker locker(&m_gate->mutex);
            m_gate->reachable = false;
            m_gate->problem = error.message();
            m_gate->backoffMs = m_gate->backoffMs == 0
                                    ? FirstBackoffMs
                                    : std::min(MaxBackoffMs, m_gate->backoffMs * 2);
            // +-20%, so instances that lost the server together do not all knock at once.
            const int spread = m_gate->backoffMs / 5;
            m_gate->retryAt = monotonicMs() + m_gate->backoffMs - spread +
                              QRandomGenerator::global()->bounded(2 * spread + 1);
            locker.unlock();
            throw unreachable(sql, error.message());
        }
        throw;
    }
    if (isPostgres())
        noteReachable();
    auto *entry = new ThreadConnection{name, {}, isPostgres()};
    {
        QMutexLocker locker(&m_registry->mutex);
        m_registry->connections.insert(thread, entry);
    }
    // A worker thread's connection goes with the thread; the store closes the rest.
    std::weak_ptr<Registry> registry = m_registry;
    QObject::connect(
        thread, &QThread::finished, thread,
        [registry, thread] {
            if (auto alive = registry.lock())
                alive->drop(thread);
        },
        Qt::DirectConnection);
    return db;
}

QSqlDatabase Store::openDedicatedConnection(const QString &name)
{
    try {
        QSqlDatabase db = openNewConnection(name);
        noteReachable();
        return db;
    } catch (const AppError &error) {
        noteUnreachable(error.message());
        throw;
    }
}

void Store::closeDedicatedConnection(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

Store::Availability Store::availability() const
{
    QMutexLocker locker(&m_gate->mutex);
    Availability result;
    result.reachable = m_gate->reachable;
    result.problem = m_gate->problem;
    result.retryInMs = std::max<qint64>(0, m_gate->retryAt - monotonicMs());
    return result;
}

void Store::noteReachable()
{
    QMutexLocker locker(&m_gate->mutex);
    if (!m_gate->reachable)
        qCInfo(lcStore) << "the database" << m_location.displayName() << "is reachable again";
    m_gate->reachable = true;
    m_gate->problem.clear();
    m_gate->retryAt = 0;
    m_gate->backoffMs = 0;
}

void Store::noteUnreachable(const QString &reason)
{
    QMutexLocker locker(&m_gate->mutex);
    if (m_gate->reachable)
        qCWarning(lcStore) << "lost the database" << m_location.displayName() << ":" << reason;
    m_gate->reachable = false;
    m_gate->problem = reason;
}

void Store::closeThreadConnection()
{
    m_registry->drop(QThread::currentThread());
}

QString Store::expand(const QString &sql) const
{
    if (!sql.contains(u"{now}"_s))
        return sql;
    QString expanded = sql;
    return expanded.replace(
        u"{now}"_s, isPostgres()
                        ? u"(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT"_s
                        : u"CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"_s);
}

QSqlQuery &Store::prepared(const QString &sql)
{
    QSqlDatabase db = connectionFor(sql);
    ThreadConnection *entry = nullptr;
    {
        QMutexLocker locker(&m_registry->mutex);
        entry = m_registry->connections.value(QThread::currentThread());
    }
    Q_ASSERT(entry);
    QSqlQuery *query = entry->statements.value(sql);
    if (!query) {
        query = new QSqlQuery(db);
        if (!query->prepare(expand(sql))) {
            const QSqlError error = query->lastError();
            delete query;
            fail(error, sql, lostConnection(error, db.driver()));
        }
        entry->statements.insert(sql, query);
    }
    query->finish();
    return *query;
}

AppError Store::unreachable(const QString &sql, const QString &problem) const
{
    const Availability now = availability();
    // The problem may be our own "Cannot open the database X: reason": keep only the reason.
    QString reason = problem;
    const QString prefix = u"Cannot open the database %1: "_s.arg(m_location.displayName());
    if (reason.startsWith(prefix))
        reason = reason.mid(prefix.size());
    AppError error(ErrorKind::Unavailable,
                   (isWrite(sql) ? u"The database %1 is unreachable, so this change was not saved "
                                   u"(%2). Switchboard reconnects by itself; send it again in a "
                                   u"moment."_s
                                 : u"The database %1 is unreachable (%2). Switchboard reconnects "
                                   u"by itself; try again in a moment."_s)
                       .arg(m_location.displayName(), reason),
                   {{u"database"_s, m_location.displayName()}});
    error.withRetryAfter(int(std::max<qint64>(1, (now.retryInMs + 999) / 1000)));
    return error;
}

bool Store::lostConnection(const QSqlError &error, const QSqlDriver *driver) const
{
    if (!isPostgres())
        return false;
    const QString state = error.nativeErrorCode();
    // Class 08: connection exceptions; 57P01-57P03: the server is shutting down or starting.
    if (state.startsWith(u"08"_s) || state == u"57P01"_s || state == u"57P02"_s ||
        state == u"57P03"_s)
        return true;
    // The driver closes the handle when libpq reports the connection bad.
    return !driver || !driver->isOpen();
}

void Store::fail(const QSqlError &error, const QString &sql, bool connectionLost)
{
    const QString what = sql.simplified().section(u' ', 0, 2);
    if (!connectionLost)
        throwSqlError(error, what);
    {
        QMutexLocker locker(&m_registry->mutex);
        if (ThreadConnection *entry = m_registry->connections.value(QThread::currentThread()))
            entry->broken = true;
    }
    const QString reason =
        errorText(error).isEmpty() ? u"the connection was lost"_s : errorText(error);
    noteUnreachable(reason);
    throw AppError(ErrorKind::Unavailable,
                   (isWrite(sql) ? u"The database %1 went away, so this change may not have been "
                                   u"saved (%2). Switchboard reconnects by itself; check and send "
                                   u"it again in a moment."_s
                                 : u"The database %1 went away (%2). Switchboard reconnects by "
                                   u"itself; try again in a moment."_s)
                       .arg(m_location.displayName(), reason),
                   {{u"database"_s, m_location.displayName()}})
        .withRetryAfter(1);
}

void Store::exec(QSqlQuery &query)
{
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        fail(error, query.lastQuery(), lostConnection(error, query.driver()));
    }
}

void Store::execDirect(const QString &sql)
{
    QSqlDatabase db = connectionFor(sql);
    QSqlQuery query(db);
    if (!query.exec(expand(sql))) {
        const QSqlError error = query.lastError();
        fail(error, sql, lostConnection(error, db.driver()));
    }
}

namespace {
// The innermost transaction open on this thread, whatever its store (see Store::afterCommit).
thread_local Store::Transaction *t_innermostTransaction = nullptr;
} // namespace

Store::Transaction::Transaction(Store &store)
    : m_store(store)
{
    m_store.execDirect(m_store.isPostgres() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s);
    m_open = true;
    m_outer = t_innermostTransaction;
    t_innermostTransaction = this;
}

void Store::Transaction::leave()
{
    if (!m_open)
        return;
    m_open = false;
    // Transactions end in the reverse order of their start: they live on the stack.
    if (t_innermostTransaction == this)
        t_innermostTransaction = m_outer;
}

Store::Transaction::~Transaction()
{
    leave();
    if (m_done)
        return;
    // Never opens a connection here: a destructor must not throw, and a connection that is gone
    // took its transaction with it.
    QString name;
    {
        QMutexLocker locker(&m_store.m_registry->mutex);
        if (ThreadConnection *entry =
                m_store.m_registry->connections.value(QThread::currentThread()))
            name = entry->broken ? QString() : entry->name;
    }
    if (name.isEmpty())
        return;
    QSqlDatabase db = QSqlDatabase::database(name, false);
    if (db.isOpen()) {
        QSqlQuery rollback(db);
        rollback.exec(u"ROLLBACK"_s);
    }
}

void Store::Transaction::commit()
{
    m_store.execDirect(u"COMMIT"_s);
    m_done = true;
    leave();
    const QList<std::function<void()>> actions = std::exchange(m_afterCommit, {});
    for (const std::function<void()> &action : actions)
        action();
}

void Store::afterCommit(std::function<void()> action)
{
    for (Transaction *open = t_innermostTransaction; open; open = open->m_outer) {
        if (&open->m_store == this) {
            open->m_afterCommit.append(std::move(action));
            return;
        }
    }
    action();
}

void Store::open()
{
    if (!isPostgres()) {
        const QFileInfo file(m_location.sqlitePath);
        if (!file.dir().exists())
            throw AppError(
                ErrorKind::Unavailable,
                u"The folder for the database does not exist: %1"_s.arg(file.absolutePath()));
    }
    connection();
    migrate();
}

void Store::migrate()
{
    Transaction transaction(*this);
    // One instance migrates; the others wait here and then find nothing to do. The lock comes
    // before anything else, since even CREATE TABLE IF NOT EXISTS races on PostgreSQL.
    if (isPostgres())
        execDirect(u"SELECT pg_advisory_xact_lock(7244011)"_s);
    execDirect(u"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
               u"applied_at BIGINT NOT NULL)"_s);

    QSqlQuery current(connection());
    if (!current.exec(u"SELECT COALESCE(MAX(version), 0) FROM schema_migrations"_s) ||
        !current.next())
        throwSqlError(current.lastError(), u"read schema version"_s);
    int version = current.value(0).toInt();
    current.finish();

    const int latest = Migrations::latestVersion();
    if (version > latest)
        throw AppError(ErrorKind::Unavailable,
                       u"The database %1 has schema version %2, newer than this Switchboard "
                       u"understands (%3). Use a newer Switchboard, or point it at another "
                       u"database."_s.arg(m_location.displayName())
                           .arg(version)
                           .arg(latest));
    const Migrations::Dialect dialect =
        isPostgres() ? Migrations::Dialect::Postgres : Migrations::Dialect::Sqlite;
    for (int next = version + 1; next <= latest; ++next) {
        for (const QString &statement : Migrations::statements(next, dialect))
            execDirect(statement);
        QSqlQuery record(connection());
        record.prepare(u"INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"_s);
        record.addBindValue(next);
        record.addBindValue(Timestamps::nowMs());
        if (!record.exec())
            throwSqlError(record.lastError(), u"record migration"_s);
        qCInfo(lcStore) << "applied migration" << next << "to" << m_location.displayName();
        version = next;
    }
    transaction.commit();
    m_schemaVersion = version;
}
