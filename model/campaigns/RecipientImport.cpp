// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecipientImport.h"

#include "AppError.h"
#include "Call.h"
#include "PhoneNumbers.h"
#include "RecipientCsv.h"
#include "Validation.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace RecipientImport {
namespace {
// Checks and collects one row; the order of checks is the order a person would fix them in.
class Collector
{
public:
    explicit Collector(QString defaultRegion)
        : m_region(std::move(defaultRegion))
    {
    }

    void add(int line, const QString &written, const QJsonObject &context)
    {
        const PhoneNumbers::Normalized number = PhoneNumbers::normalize(written, m_region);
        if (number.e164.isEmpty()) {
            m_result.rejected.append({line, written, number.problem});
            return;
        }
        const auto earlier = m_lines.constFind(number.e164);
        if (earlier != m_lines.constEnd()) {
            m_result.rejected.append(
                {line, written, u"duplicate of line %1 (%2)"_s.arg(*earlier).arg(number.e164)});
            return;
        }
        FieldErrors errors;
        validateTemplateContext(context, errors, u"context"_s);
        if (!errors.isEmpty()) {
            const QJsonObject problems = errors.toJson();
            m_result.rejected.append(
                {line, written,
                 u"%1 %2"_s.arg(problems.begin().key(), problems.begin().value().toString())});
            return;
        }
        m_lines.insert(number.e164, line);
        m_result.accepted.append({line, number.e164, context});
    }

    Result take() { return std::move(m_result); }

private:
    QString m_region;
    QHash<QString, int> m_lines;
    Result m_result;
};

void sortByLine(QList<Rejected> &rejected)
{
    std::stable_sort(rejected.begin(), rejected.end(),
                     [](const Rejected &a, const Rejected &b) { return a.line < b.line; });
}
} // namespace

QJsonObject Rejected::toJson() const
{
    return {{u"line"_s, line}, {u"phone_number"_s, phoneNumber}, {u"reason"_s, reason}};
}

QStringList csvColumns(QByteArrayView csv)
{
    QStringList columns = Csv::parse(csv).header;
    for (QString &column : columns)
        column = column.trimmed();
    return columns;
}

Result fromCsv(QByteArrayView csv, const QString &phoneColumn, const QString &defaultRegion)
{
    const Csv::Table table = Csv::parse(csv);
    if (!table.error.isEmpty())
        throw AppError(
            ErrorKind::Validation,
            u"The CSV cannot be read: line %1: %2"_s.arg(table.errorLine).arg(table.error),
            {{u"line"_s, table.errorLine}, {u"problem"_s, table.error}});
    QStringList header;
    for (const QString &name : table.header)
        header << name.trimmed();
    const QString column = phoneColumn.isEmpty() ? DefaultPhoneColumn : phoneColumn;
    const qsizetype phoneIndex = header.indexOf(column);
    if (phoneIndex < 0)
        throw AppError::validation(
            u"phone_column"_s,
            u"the header row has no column '%1' (it has: %2); name the phone number column "
            u"with ?phone_column="_s.arg(column, header.join(u", "_s)));
    // Other columns become template variables, so their names must be variable names.
    FieldErrors headerErrors;
    for (qsizetype index = 0; index < header.size(); ++index) {
        if (index != phoneIndex)
            headerErrors.check(u"columns."_s + header.at(index),
                               Rules::checkVariableKey(header.at(index)));
    }
    headerErrors.throwIfAny();

    Collector collector(defaultRegion);
    QList<Rejected> misshapen;
    for (const Csv::Record &record : table.records) {
        if (record.fields.size() > header.size()) {
            misshapen.append({record.line, record.fields.value(phoneIndex),
                              u"has %1 fields but the header has %2 columns (a comma inside a "
                              u"value needs quotes)"_s.arg(record.fields.size())
                                  .arg(header.size())});
            continue;
        }
        QJsonObject context;
        for (qsizetype index = 0; index < record.fields.size(); ++index) {
            // An empty cell leaves the variable to the agent's default.
            if (index != phoneIndex && !record.fields.at(index).isEmpty())
                context.insert(header.at(index), record.fields.at(index));
        }
        collector.add(record.line, record.fields.value(phoneIndex), context);
    }
    Result result = collector.take();
    result.rejected += misshapen;
    sortByLine(result.rejected);
    return result;
}

Result fromJson(const QJsonValue &body, const QString &defaultRegion)
{
    QJsonArray list;
    if (body.isArray())
        list = body.toArray();
    else if (body.isObject() && body.toObject().value(u"recipients"_s).isArray())
        list = body.toObject().value(u"recipients"_s).toArray();
    else
        throw AppError::validation(u"recipients"_s,
                                   u"must be a list of {\"phone_number\", \"context\"} objects"_s);
    Collector collector(defaultRegion);
    Result shapeErrors;
    for (qsizetype index = 0; index < list.size(); ++index) {
        const int line = int(index + 1);
        const QJsonObject item = list.at(index).toObject();
        const QJsonValue number = item.value(u"phone_number"_s);
        const QJsonValue context = item.value(u"context"_s);
        if (!number.isString()) {
            shapeErrors.rejected.append({line, QString(), u"phone_number must be a string"_s});
        } else if (!context.isUndefined() && !context.isNull() && !context.isObject()) {
            shapeErrors.rejected.append({line, number.toString(), u"context must be an object"_s});
        } else {
            collector.add(line, number.toString(), context.toObject());
        }
    }
    Result result = collector.take();
    result.rejected += shapeErrors.rejected;
    sortByLine(result.rejected);
    return result;
}
} // namespace RecipientImport
