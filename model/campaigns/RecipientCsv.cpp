// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecipientCsv.h"

using namespace Qt::StringLiterals;

namespace Csv {
namespace {
bool isBlank(const Record &record)
{
    return record.fields.size() == 1 && record.fields.constFirst().trimmed().isEmpty();
}
} // namespace

Table parse(QByteArrayView data)
{
    Table table;
    if (data.startsWith("\xEF\xBB\xBF"))
        data = data.sliced(3);
    const QString text = QString::fromUtf8(data);
    Record record;
    QString field;
    int line = 1;
    record.line = 1;
    bool quoted = false;     // inside a quoted field
    bool afterQuote = false; // a quoted field closed; only a separator may follow
    int quoteStartLine = 0;
    bool first = true;
    const auto endRecord = [&] {
        record.fields << field;
        field.clear();
        // Byte order marks where the header row starts (after blank lines, or several of them,
        // as files glued together have) are not part of the first column's name: "\uFEFFphone"
        // would match no column the user picks.
        if (first) {
            QString &name = record.fields.first();
            while (name.startsWith(QChar::ByteOrderMark))
                name.remove(0, 1);
        }
        if (!isBlank(record)) {
            if (first)
                table.header = record.fields;
            else
                table.records << record;
            first = false;
        }
        record = Record{};
        afterQuote = false;
    };
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < size && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u',') {
            record.fields << field;
            field.clear();
            afterQuote = false;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n')
                ++i;
            endRecord();
            ++line;
            record.line = line;
        } else if (c == u'"' && field.isEmpty() && !afterQuote) {
            quoted = true;
            quoteStartLine = line;
        } else if (afterQuote) {
            table.error = u"text after a closing quote (a quote inside a quoted field is "
                          u"written twice: \"\")"_s;
            table.errorLine = line;
            return table;
        } else {
            field += c;
        }
    }
    if (quoted) {
        table.error = u"a quoted field opened here is never closed"_s;
        table.errorLine = quoteStartLine;
        return table;
    }
    if (!field.isEmpty() || !record.fields.isEmpty())
        endRecord();
    if (table.header.isEmpty()) {
        table.error = u"the file is empty: it needs a header row naming the columns"_s;
        table.errorLine = 1;
    }
    return table;
}

QByteArray row(const QStringList &fields)
{
    QByteArray line;
    bool first = true;
    for (QString field : fields) {
        if (!first)
            line += ',';
        first = false;
        if (!field.isEmpty() && QStringLiteral("=-@").contains(field.front()))
            field.prepend(u'\'');
        if (field.contains(u',') || field.contains(u'"') || field.contains(u'\n') ||
            field.contains(u'\r'))
            field = u'"' + field.replace(u'"', u"\"\""_s) + u'"';
        line += field.toUtf8();
    }
    return line + "\r\n";
}
} // namespace Csv
