// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

// Times are kept as milliseconds since the epoch (UTC) in memory and in the store, which sorts and
// compares the same way on every engine, and shown as ISO 8601 in UTC ("2024-01-01T12:00:00Z").
namespace Timestamps {
inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

inline QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

inline QString nowIso()
{
    return iso(nowMs());
}

// Accepts ISO 8601 with or without a zone ("2024-01-01", "2024-01-01T12:00:00Z"); -1 when invalid.
qint64 parseIso(const QString &text);
} // namespace Timestamps
