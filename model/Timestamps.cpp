// SPDX-License-Identifier: GPL-3.0-or-later
#include "Timestamps.h"

namespace Timestamps {
qint64 parseIso(const QString &text)
{
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(text, Qt::ISODate);
    if (!parsed.isValid())
        return -1;
    if (parsed.timeSpec() == Qt::LocalTime)
        parsed.setTimeSpec(Qt::UTC); // a time without a zone means UTC, as everywhere in the API
    return parsed.toMSecsSinceEpoch();
}
} // namespace Timestamps
