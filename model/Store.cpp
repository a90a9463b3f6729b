// SPDX-License-Identifier: GPL-3.0-or-later
#include "Store.h"

#include "AppError.h"
#include "Migrations.h"
#include "Timestamps.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStore, "switchboard.store")

namespace {
QAtomicInteger<quint64> storeCounter;

struct ThreadConnection
{
    QString name;
    QHash<QString, QSqlQuery *> statements;
    ~ThreadConnection()
    {
        qDeleteAll(statements);
        statements.clear();
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
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
    return native == u"5"_s || native == u"6"_s || error.databaseText().contains(u"locked"_s);
}

[[noreturn]] void throwSqlError(const QSqlError &error, const QString &what)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (isUniqueViolation(error))
        throw AppError(ErrorKind::Conflict,
                       u"%1: a record with that key already exists"_s.arg(what));
    if (isConnectionFailure(error) || isBusy(error))
        throw AppError(ErrorKind::Unavailable,
                       u"The database is unavailable (%1): %2"_s.arg(what, text));
    throw AppError(ErrorKind::Internal, u"Database error (%1): %2"_s.arg(what, text));
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

Store::Store(StoreLocation location)
    : m_location(std::move(location))
    , m_prefix(u"switchboard-store-%1"_s.arg(storeCounter.fetchAndAddRelaxed(1)))
    , m_registry(std::make_shared<Registry>())
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
        db.setHostName(m_location.host);
        db.setPort(m_location.port);
        db.setUserName(m_location.user);
        db.setPassword(m_location.password);
        db.setDatabaseName(m_location.database);
        db.setConnectOptions(u"connect_timeout=5"_s);
    }
    if (!db.open()) {
        const QString reason = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw AppError(ErrorKind::Unavailable,
                       u"Cannot open the database %1: %2"_s.arg(m_location.displayName(), reason));
    }
    QSqlQuery pragma(db);
    const QStringList setup =
        sqlite ? QStringList{u"PRAGMA journal_mode=WAL"_s, u"PRAGMA foreign_keys=ON"_s,
                             u"PRAGMA synchronous=NORMAL"_s}
               : QStringList{u"SET TIME ZONE 'UTC'"_s};
    for (const QString &statement : setup) {
        if (!pragma.exec(statement)) {
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
    QThread *thread = QThread::currentThread();
    {
        QMutexLocker locker(&m_registry->mutex);
        if (ThreadConnection *existing = m_registry->connections.value(thread))
            return QSqlDatabase::database(existing->name, false);
    }
    const QString name = m_prefix + u'-' + QString::number(reinterpret_cast<quintptr>(thread), 16);
    QSqlDatabase db = openNewConnection(name);
    auto *entry = new ThreadConnection{name, {}};
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

void Store::closeThreadConnection()
{
    m_registry->drop(QThread::currentThread());
}

QSqlQuery &Store::prepared(const QString &sql)
{
    QSqlDatabase db = connection();
    ThreadConnection *entry = nullptr;
    {
        QMutexLocker locker(&m_registry->mutex);
        entry = m_registry->connections.value(QThread::currentThread());
    }
    Q_ASSERT(entry);
    QSqlQuery *query = entry->statements.value(sql);
    if (!query) {
        query = new QSqlQuery(db);
        if (!query->prepare(sql)) {
            const QSqlError error = query->lastError();
            delete query;
            throwSqlError(error, u"prepare"_s);
        }
        entry->statements.insert(sql, query);
    }
    query->finish();
    return *query;
}

void Store::exec(QSqlQuery &query)
{
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        throwSqlError(error, query.lastQuery().section(u' ', 0, 2));
    }
}

void Store::execDirect(const QString &sql)
{
    QSqlQuery query(connection());
    if (!query.exec(sql))
        throwSqlError(query.lastError(), sql.section(u' ', 0, 2));
}

Store::Transaction::Transaction(Store &store)
    : m_store(store)
{
    m_store.execDirect(m_store.isPostgres() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s);
}

Store::Transaction::~Transaction()
{
    if (!m_done) {
        QSqlQuery rollback(m_store.connection());
        rollback.exec(u"ROLLBACK"_s);
    }
}

void Store::Transaction::commit()
{
    m_store.execDirect(u"COMMIT"_s);
    m_done = true;
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
    execDirect(u"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
               u"applied_at BIGINT NOT NULL)"_s);
    Transaction transaction(*this);
    if (isPostgres()) // one instance migrates; the others wait here and then find nothing to do
        execDirect(u"SELECT pg_advisory_xact_lock(7244011)"_s);

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
