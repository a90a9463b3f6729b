// SPDX-License-Identifier: GPL-3.0-or-later
#include "TempPostgres.h"

#include "TestHttp.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
// The server refuses root; nobody exists on every Debian system and owns nothing else of ours.
constexpr const char *ServerUser = "nobody";

bool isRoot()
{
    return ::geteuid() == 0;
}
} // namespace

TempPostgres::TempPostgres(bool durable)
    : m_durable(durable)
{
}

TempPostgres::~TempPostgres()
{
    if (m_running)
        stop(true);
}

QString TempPostgres::binDir()
{
    const QString configured = qEnvironmentVariable("SWITCHBOARD_PG_BIN");
    return configured.isEmpty() ? u"/usr/lib/postgresql/15/bin"_s : configured;
}

bool TempPostgres::run(const QString &program, const QStringList &arguments, QString *output,
                       int timeoutMs) const
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LC_ALL"_s, u"C"_s);
    environment.insert(u"PGPASSWORD"_s, QString::fromLatin1(Password));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    const QString binary = QDir(binDir()).filePath(program);
    // Server commands run as the unprivileged user; clients (psql, pg_dump) as we are.
    const bool serverCommand = program == u"initdb"_s || program == u"pg_ctl"_s;
    if (serverCommand && isRoot())
        process.start(u"runuser"_s,
                      QStringList{u"-u"_s, QString::fromLatin1(ServerUser), u"--"_s, binary} +
                          arguments);
    else
        process.start(binary, arguments);
    if (!process.waitForStarted(10000)) {
        if (output)
            *output = u"cannot start %1: %2"_s.arg(binary, process.errorString());
        return false;
    }
    const bool finished = process.waitForFinished(timeoutMs);
    if (output)
        *output = QString::fromUtf8(process.readAll()).trimmed();
    if (!finished) {
        process.kill();
        process.waitForFinished();
        return false;
    }
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool TempPostgres::start(QString *error)
{
    QString output;
    if (!m_initialized) {
        if (!QFileInfo::exists(QDir(binDir()).filePath(u"initdb"_s))) {
            if (error)
                *error = u"PostgreSQL 15 is not installed (no %1/initdb; Debian: apt-get install "
                         u"postgresql, or set SWITCHBOARD_PG_BIN)"_s.arg(binDir());
            return false;
        }
        m_dir = std::make_unique<QTemporaryDir>(QDir::temp().filePath(u"sb-pg-XXXXXX"_s));
        if (!m_dir->isValid()) {
            if (error)
                *error = u"cannot create a temporary folder"_s;
            return false;
        }
        QFile pwfile(m_dir->filePath(u"pwfile"_s));
        if (!pwfile.open(QIODevice::WriteOnly)) {
            if (error)
                *error = u"cannot write the password file"_s;
            return false;
        }
        pwfile.write(Password);
        pwfile.close();
        if (isRoot()) {
            QProcess::execute(u"chown"_s, {u"-R"_s, u"%1:"_s.arg(QString::fromLatin1(ServerUser)),
                                           m_dir->path()});
        }
        const QStringList arguments{u"-D"_s,
                                    m_dir->filePath(u"data"_s),
                                    u"-U"_s,
                                    QString::fromLatin1(User),
                                    u"--pwfile"_s,
                                    pwfile.fileName(),
                                    u"--auth-local=trust"_s,
                                    u"--auth-host=scram-sha-256"_s,
                                    u"-E"_s,
                                    u"UTF8"_s,
                                    u"--no-locale"_s,
                                    u"--no-sync"_s};
        if (!run(u"initdb"_s, arguments, &output)) {
            if (error)
                *error = u"initdb failed: "_s + output;
            return false;
        }
        m_port = TestHttp::freePort();
        m_initialized = true;
    }
    // fsync off: the tests kill the server process, never the machine, so the OS keeps every
    // write a commit acknowledged; the WAL still decides what survives a crash restart.
    QString serverOptions = u"-p %1 -k %2 -c listen_addresses=127.0.0.1 -c max_connections=300 "
                            u"-c shared_buffers=32MB"_s.arg(m_port)
                                .arg(m_dir->path());
    if (!m_durable)
        serverOptions += u" -c fsync=off -c full_page_writes=off"_s;
    if (!run(u"pg_ctl"_s,
             {u"-D"_s, m_dir->filePath(u"data"_s), u"-l"_s, m_dir->filePath(u"server.log"_s),
              u"-o"_s, serverOptions, u"-w"_s, u"-t"_s, u"60"_s, u"start"_s},
             &output)) {
        if (error)
            *error = u"pg_ctl start failed: %1\n%2"_s.arg(output, logTail());
        return false;
    }
    m_running = true;
    return true;
}

bool TempPostgres::stop(bool immediate)
{
    if (!m_initialized)
        return true;
    QString output;
    const bool stopped = run(u"pg_ctl"_s,
                             {u"-D"_s, m_dir->filePath(u"data"_s), u"-m"_s,
                              immediate ? u"immediate"_s : u"fast"_s, u"-w"_s, u"stop"_s},
                             &output);
    if (!stopped)
        qWarning("TempPostgres: pg_ctl stop: %s", qPrintable(output));
    m_running = false;
    return stopped;
}

QString TempPostgres::url(const QString &database) const
{
    return u"postgresql://%1:%2@127.0.0.1:%3/%4"_s
        .arg(QString::fromLatin1(User), QString::fromLatin1(Password))
        .arg(m_port)
        .arg(database);
}

QString TempPostgres::psql(const QString &database, const QString &sql) const
{
    QString output;
    run(u"psql"_s,
        {u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port), u"-U"_s,
         QString::fromLatin1(User), u"-d"_s, database, u"-X"_s, u"-A"_s, u"-t"_s, u"-q"_s, u"-v"_s,
         u"ON_ERROR_STOP=1"_s, u"-c"_s, sql},
        &output);
    return output;
}

bool TempPostgres::createDatabase(const QString &name, QString *error)
{
    const QString output = psql(u"postgres"_s, u"CREATE DATABASE \"%1\""_s.arg(name));
    if (output.contains(u"ERROR"_s)) {
        if (error)
            *error = output;
        return false;
    }
    return true;
}

QByteArray TempPostgres::dump(const QString &database) const
{
    QString output;
    run(u"pg_dump"_s,
        {u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port), u"-U"_s,
         QString::fromLatin1(User), u"--no-owner"_s, database},
        &output);
    return output.toUtf8();
}

QString TempPostgres::logTail() const
{
    if (!m_dir)
        return {};
    QFile log(m_dir->filePath(u"server.log"_s));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = log.readAll();
    return QString::fromUtf8(all.right(4000));
}
