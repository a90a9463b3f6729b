// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

// Turns a recipient list (CSV with a header row, or JSON) into numbers in E.164 with their
// template context. Every row is accounted for: accepted, or rejected with its line and the
// reason (not a number, a duplicate of an earlier line, a context value too long). Whole-file
// problems (not CSV, no phone column, a column name that cannot be a template variable) throw a
// Validation AppError instead. Pure functions: no store, no event loop.
namespace RecipientImport {
struct Accepted
{
    int line = 0;
    QString phoneNumber;
    QJsonObject context;
};

struct Rejected
{
    int line = 0;
    QString phoneNumber; // as written in the file
    QString reason;
    QJsonObject toJson() const;
};

struct Result
{
    QList<Accepted> accepted;
    QList<Rejected> rejected;
};

inline const QString DefaultPhoneColumn = QStringLiteral("phone_number");

// `defaultRegion` (e.g. "US") reads numbers written without a country code; empty: such numbers
// are rejected.
Result fromCsv(QByteArrayView csv, const QString &phoneColumn, const QString &defaultRegion);
// [{"phone_number": "...", "context": {...}}, ...] or {"recipients": [...]}; `line` is the
// position in the list, from 1.
Result fromJson(const QJsonValue &body, const QString &defaultRegion);
// The column names of a CSV file's header row (for the window's column picker).
QStringList csvColumns(QByteArrayView csv);
} // namespace RecipientImport
