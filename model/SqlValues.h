// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QVariant>

// How the repositories write optional values and JSON into columns and read them back, the same
// on both engines.
namespace SqlValues {
QString jsonText(const QJsonObject &object);
// An empty object for NULL or text that is not a JSON object.
QJsonObject jsonObject(const QVariant &value);
QVariant nullIfEmpty(const QString &text);
QVariant nullIfZero(qint64 value);
} // namespace SqlValues
