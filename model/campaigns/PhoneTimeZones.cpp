// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhoneTimeZones.h"

#include <QFile>
#include <QHash>

using namespace Qt::StringLiterals;

namespace {
struct Table
{
    QHash<QString, QStringList> zones;
    int longestPrefix = 0;

    Table()
    {
        QFile file(u":/switchboard/phone-timezones.tsv"_s);
        if (!file.open(QIODevice::ReadOnly))
            return;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            const qsizetype tab = line.indexOf(u'\t');
            if (tab <= 0)
                continue;
            const QString prefix = line.left(tab);
            QStringList names = line.mid(tab + 1).split(u'&', Qt::SkipEmptyParts);
            names.removeAll(u"Etc/Unknown"_s);
            zones.insert(prefix, names);
            longestPrefix = std::max(longestPrefix, int(prefix.size()));
        }
    }
};

const Table &table()
{
    static const Table loaded;
    return loaded;
}
} // namespace

namespace PhoneTimeZones {
QStringList zonesFor(const QString &e164)
{
    const Table &known = table();
    const QString digits = e164.startsWith(u'+') ? e164.mid(1) : e164;
    for (qsizetype length = std::min<qsizetype>(digits.size(), known.longestPrefix); length > 0;
         --length) {
        const auto found = known.zones.constFind(digits.left(length));
        if (found != known.zones.constEnd())
            return *found;
    }
    return {};
}

int prefixCount()
{
    return int(table().zones.size());
}
} // namespace PhoneTimeZones
