// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStringView>

// Writes JSON straight into a byte buffer, for the answers the API serves most (agents): the same
// bytes as QJsonDocument::toJson(Compact) would give, without building QJsonObjects first.
namespace JsonWriter {
// A JSON string: quoted, escaped as QJsonDocument escapes, UTF-8.
void appendString(QByteArray &out, QStringView text);
// An ISO 8601 UTC time in quotes, "2024-01-01T12:00:00Z", as Timestamps::iso() writes it.
// A number as QJsonDocument writes it: shortest round-trip form, null when not finite.
void appendNumber(QByteArray &out, double value);
void appendTime(QByteArray &out, qint64 msSinceEpoch);
} // namespace JsonWriter
