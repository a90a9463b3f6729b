// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreLocation.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <memory>

class AppError;
class QSqlDriver;

// The database behind everything: one interface over SQLite and PostgreSQL. Each thread that
// touches the store gets its own connection (Qt's SQL connections are per thread) and its own
// cache of prepared statements. Failures throw AppError: Unavailable when the database cannot be
// reached or opened, Conflict for a unique-key clash, Internal otherwise.
//
// A shared PostgreSQL server can go away and come back. A connection found dead is dropped and
// opened again on next use; while the server stays unreachable, new connections are attempted
// with backoff (250 ms doubling to 5 s) and everything in between fails at once with
// Unavailable, so the thread serving the window and the API never hangs on a dead server.
class Store
{
public:
    explicit Store(StoreLocation location);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // Opens the database, applies pending migrations exactly once (also when several instances
    // start together) and refuses a schema newer than this build knows.
    void open();

    const StoreLocation &location() const { return m_location; }
    bool isPostgres() const { return m_location.engine == StoreLocation::Engine::Postgres; }
    int schemaVersion() const { return m_schemaVersion; }
    static int latestSchemaVersion();
    // Names this store's connections on the server (PostgreSQL's application_name), so that the
    // change notifications its own writes cause can be told from other instances' ones.
    const QString &instanceTag() const { return m_instanceTag; }

    // This thread's connection, opened on first use.
    QSqlDatabase connection();
    // A prepared statement from this thread's cache; bind values, then run it with exec().
    // "{now}" in `sql` stands for the database's clock in milliseconds since the epoch.
    QSqlQuery &prepared(const QString &sql);
    // Runs a prepared statement; throws AppError on failure.
    void exec(QSqlQuery &query);
    // Runs one statement with no parameters.
    void execDirect(const QString &sql);

    // A connection of its own under `name`, outside the per-thread pool (the change listener's).
    // It is not subject to the backoff, and a success resets it. Throws AppError(Unavailable).
    QSqlDatabase openDedicatedConnection(const QString &name);
    static void closeDedicatedConnection(const QString &name);

    struct Availability
    {
        bool reachable = true;
        QString problem;      // why not, in words an operator can act on
        qint64 retryInMs = 0; // until the next connection attempt
    };
    Availability availability() const;
    // Reports that the database answered (or not) on a connection the store does not track.
    void noteReachable();
    void noteUnreachable(const QString &reason);

    // A write transaction: BEGIN IMMEDIATE on SQLite so concurrent writers queue instead of
    // failing on upgrade; rolled back unless commit() is called.
    class Transaction
    {
    public:
        explicit Transaction(Store &store);
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;
        void commit();

    private:
        friend class Store;
        void leave();

        Store &m_store;
        bool m_done = false;
        bool m_open = false;
        Transaction *m_outer = nullptr; // this thread's transaction opened before this one
        QList<std::function<void()>> m_afterCommit;
    };

    // Runs `action` when the transaction this thread has open on this store commits (never, if
    // it rolls back), or at once when none is open. Telling others of a change goes through
    // here: whoever reacts by writing must not find our transaction still open (SQLite and
    // PostgreSQL have no nested BEGIN), nor act on a change that is then rolled back.
    void afterCommit(std::function<void()> action);

    // Closes this thread's connection now (also done when the thread ends).
    void closeThreadConnection();

private:
    struct Registry;
    struct Gate;
    void migrate();
    QSqlDatabase openNewConnection(const QString &name);
    QSqlDatabase connectionFor(const QString &sql);
    [[noreturn]] void fail(const QSqlError &error, const QString &sql, bool connectionLost);
    bool lostConnection(const QSqlError &error, const QSqlDriver *driver) const;
    AppError unreachable(const QString &sql, const QString &problem) const;
    QString expand(const QString &sql) const;

    StoreLocation m_location;
    QString m_prefix;
    QString m_instanceTag;
    int m_schemaVersion = 0;
    std::shared_ptr<Registry> m_registry;
    std::unique_ptr<Gate> m_gate;
};
