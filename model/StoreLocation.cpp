// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreLocation.h"

#include <QDir>
#include <QSqlDatabase>
#include <QUrl>

using namespace Qt::StringLiterals;

StoreLocation StoreLocation::sqliteInDataDir(const QString &dataDir)
{
    StoreLocation location;
    location.sqlitePath = QDir(dataDir).filePath(u"switchboard.db"_s);
    return location;
}

bool StoreLocation::parse(const QString &url, StoreLocation *location, QString *error)
{
    if (url.startsWith(u"sqlite:"_s)) {
        QString path = url.mid(7);
        if (path.startsWith(u"///"_s))
            path = path.mid(2);
        else if (path.startsWith(u"//"_s))
            path = path.mid(2);
        if (path.isEmpty()) {
            *error = u"the sqlite URL names no file (expected sqlite:///path/to/file.db)"_s;
            return false;
        }
        *location = StoreLocation{};
        location->sqlitePath = QDir::cleanPath(QDir::current().absoluteFilePath(path));
        return true;
    }
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() ||
        (parsed.scheme() != u"postgresql"_s && parsed.scheme() != u"postgres"_s)) {
        *error = u"expected postgresql://user:password@host:port/database or sqlite:///path, "
                 u"got '%1'"_s.arg(QUrl(url).toDisplayString(QUrl::RemovePassword));
        return false;
    }
    StoreLocation pg;
    pg.engine = Engine::Postgres;
    pg.host = parsed.host().isEmpty() ? u"localhost"_s : parsed.host();
    pg.port = parsed.port(5432);
    pg.user = parsed.userName();
    pg.password = parsed.password();
    pg.database = parsed.path().mid(1);
    if (pg.database.isEmpty()) {
        *error = u"the PostgreSQL URL names no database (postgresql://user:password@host:port/"
                 u"database)"_s;
        return false;
    }
    *location = pg;
    return true;
}

void StoreLocation::applyServerTo(QSqlDatabase &db) const
{
    db.setHostName(host);
    db.setPort(port);
    db.setUserName(user);
    db.setPassword(password);
    db.setDatabaseName(database);
}

QString StoreLocation::displayName() const
{
    if (engine == Engine::Sqlite)
        return sqlitePath;
    return u"postgresql://%1@%2:%3/%4"_s.arg(user, host).arg(port).arg(database);
}
