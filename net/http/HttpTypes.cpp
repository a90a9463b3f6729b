// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpTypes.h"

#include <QDateTime>

#include <algorithm>

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

int HttpReply::retryAfterSeconds() const
{
    const QByteArray value = header("Retry-After").trimmed();
    if (value.isEmpty())
        return 0;
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok)
        return int(std::clamp<qint64>(seconds, 0, 24 * 3600));
    // An HTTP date: wait until then.
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!at.isValid())
        return 0;
    const qint64 delta = QDateTime::currentDateTimeUtc().secsTo(at);
    return int(std::clamp<qint64>(delta, 0, 24 * 3600));
}
