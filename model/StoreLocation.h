// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QSqlDatabase;

// Where the data lives: a SQLite file (the default, in the data dir) or a PostgreSQL server.
struct StoreLocation
{
    enum class Engine { Sqlite, Postgres };

    Engine engine = Engine::Sqlite;
    QString sqlitePath;
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;

    static StoreLocation sqliteInDataDir(const QString &dataDir);
    // Accepts "sqlite:///abs/path.db", "sqlite:relative.db" and
    // "postgresql://user:pass@host:port/db" (also "postgres://"). Returns false with a message
    // naming what is wrong.
    static bool parse(const QString &url, StoreLocation *location, QString *error);

    // Sets a PostgreSQL connection's host, port, user, password and database.
    void applyServerTo(QSqlDatabase &db) const;

    // For messages and logs: never shows the password.
    QString displayName() const;
};
