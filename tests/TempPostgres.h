// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// A throwaway PostgreSQL 15 server for tests and benchmarks: initdb into a temporary folder,
// pg_ctl start on a free loopback port with its socket in that folder, and stop plus removal when
// the object goes. The server refuses to run as root, so under root every server command runs as
// `nobody` (which owns the folder); as any other user it runs as that user. Clients connect over
// TCP with a password, exactly as an operator's Switchboard would.
class TempPostgres
{
public:
    static constexpr const char *User = "switchboard";
    static constexpr const char *Password = "team-test-password";

    // `durable`: PostgreSQL's own defaults (fsync on), for benchmarks; tests run with fsync off.
    explicit TempPostgres(bool durable = false);
    ~TempPostgres();
    TempPostgres(const TempPostgres &) = delete;
    TempPostgres &operator=(const TempPostgres &) = delete;

    // Where the binaries are: $SWITCHBOARD_PG_BIN, else Debian's /usr/lib/postgresql/15/bin.
    static QString binDir();

    // initdb (first time only) and start; false with the reason in `error`.
    bool start(QString *error = nullptr);
    // `immediate`: SIGQUIT, no shutdown checkpoint: as close to a crash as pg_ctl gets.
    bool stop(bool immediate = false);
    bool isRunning() const { return m_running; }

    quint16 port() const { return m_port; }
    QString url(const QString &database) const;
    // CREATE DATABASE; false with psql's words in `error`.
    bool createDatabase(const QString &name, QString *error = nullptr);
    // Runs SQL through psql and returns its unaligned, tuples-only output (or "ERROR: ...").
    QString psql(const QString &database, const QString &sql) const;
    // pg_dump of the database as plain SQL.
    QByteArray dump(const QString &database) const;
    QString logTail() const;

private:
    bool run(const QString &program, const QStringList &arguments, QString *output,
             int timeoutMs = 60000) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    quint16 m_port = 0;
    bool m_durable = false;
    bool m_initialized = false;
    bool m_running = false;
};
