// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlValues.h"

#include <QJsonDocument>

namespace SqlValues {
QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QVariant &value)
{
    return value.isNull() ? QJsonObject()
                          : QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant nullIfZero(qint64 value)
{
    return value <= 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(value);
}
} // namespace SqlValues
