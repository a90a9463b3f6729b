// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

// RFC 4180 CSV as spreadsheets write it: comma-separated fields, double-quoted fields that may hold
// commas, doubled quotes and line breaks, CRLF or LF line ends, an optional UTF-8 byte order mark.
// A pure function of its input (no event loop, no I/O) so that it can be fuzzed on its own.
namespace Csv {
struct Record
{
    int line = 0; // where the record starts in the file, from 1
    QStringList fields;
};

struct Table
{
    QStringList header;
    QList<Record> records; // blank lines left out
    QString error;         // set when the file cannot be read as CSV at all
    int errorLine = 0;
};

Table parse(QByteArrayView data);

// One record as spreadsheets read it back, CRLF-terminated: fields with commas, quotes or line
// breaks quoted; text starting with = - @ gets a leading ' so it stays text, not a formula
// (a leading + is left alone: phone numbers start with it).
QByteArray row(const QStringList &fields);
} // namespace Csv
