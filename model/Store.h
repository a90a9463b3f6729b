// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreLocation.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

// The database behind everything: one interface over SQLite and PostgreSQL. Each thread that
// touches the store gets its own connection (Qt's SQL connections are per thread) and its own
// cache of prepared statements. Failures throw AppError: Unavailable when the database cannot be
// reached or opened, Conflict for a unique-key clash, Internal otherwise.
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

    // This thread's connection, opened on first use.
    QSqlDatabase connection();
    // A prepared statement from this thread's cache; bind values, then run it with exec().
    QSqlQuery &prepared(const QString &sql);
    // Runs a prepared statement; throws AppError on failure.
    void exec(QSqlQuery &query);
    // Runs one statement with no parameters.
    void execDirect(const QString &sql);

    // A write transaction: BEGIN IMMEDIATE on SQLite so concurrent writers queue instead of
    // failing on upgrade; rolled back unless commit() is called.
    class Transaction
    {
    public:
        explicit Transaction(Store &store);
        ~Transaction();
        void commit();

    private:
        Store &m_store;
        bool m_done = false;
    };

    // Closes this thread's connection now (also done when the thread ends).
    void closeThreadConnection();

private:
    struct Registry;
    void migrate();
    QSqlDatabase openNewConnection(const QString &name);

    StoreLocation m_location;
    QString m_prefix;
    int m_schemaVersion = 0;
    std::shared_ptr<Registry> m_registry;
};
