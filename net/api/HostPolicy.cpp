// SPDX-License-Identifier: GPL-3.0-or-later
#include "HostPolicy.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

HostPolicy::HostPolicy(QStringList extraNames)
    : m_names(std::move(extraNames))
{
    for (QString &name : m_names)
        name = name.toLower();
}

QString HostPolicy::hostName(const QByteArray &hostHeader)
{
    QString host = QString::fromLatin1(hostHeader.trimmed()).toLower();
    if (host.startsWith(u'[')) {
        const qsizetype end = host.indexOf(u']');
        return end < 0 ? host : host.mid(1, end - 1);
    }
    const qsizetype colon = host.lastIndexOf(u':');
    if (colon >= 0 && host.indexOf(u':') == colon)
        host.truncate(colon);
    if (host.endsWith(u'.'))
        host.chop(1);
    return host;
}

bool HostPolicy::allows(const QByteArray &hostHeader) const
{
    if (hostHeader.isEmpty()) // HTTP/1.0 clients may send none; a browser always does
        return true;
    const QString host = hostName(hostHeader);
    if (host == u"localhost"_s || host.endsWith(u".localhost"_s))
        return true;
    if (!QHostAddress(host).isNull())
        return true;
    return m_names.contains(host);
}
