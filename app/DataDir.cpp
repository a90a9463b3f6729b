// SPDX-License-Identifier: GPL-3.0-or-later
#include "DataDir.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>

using namespace Qt::StringLiterals;

namespace DataDir {
QString prepare(const QString &requested, QString *error)
{
    const QString path = QDir::cleanPath(QDir::current().absoluteFilePath(
        requested.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                            : requested));
    if (QFileInfo(path).exists() && !QFileInfo(path).isDir()) {
        *error =
            u"The data folder %1 is a file, not a folder; choose another with --data-dir"_s.arg(
                path);
        return {};
    }
    if (!QDir().mkpath(path)) {
        *error = u"Cannot create the data folder %1; check its permissions or choose another with "
                 u"--data-dir"_s.arg(path);
        return {};
    }
    QTemporaryFile probe(QDir(path).filePath(u".write-test-XXXXXX"_s));
    if (!probe.open()) {
        *error =
            u"The data folder %1 is not writable (%2); check its permissions or choose another "
            u"with --data-dir"_s.arg(path, probe.errorString());
        return {};
    }
    return path;
}
} // namespace DataDir
