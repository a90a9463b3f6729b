// SPDX-License-Identifier: GPL-3.0-or-later
#include "ListBody.h"

#include "AppError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ListBody {
RecipientImport::Result read(const ApiRequest &request)
{
    const QString region = request.queryString(u"default_region"_s).value_or(QString()).toUpper();
    static const QRegularExpression regionPattern(u"^[A-Z]{2}$"_s);
    if (!region.isEmpty() && !regionPattern.match(region).hasMatch())
        throw AppError::validation(u"default_region"_s,
                                   u"must be a two-letter region code such as US or GB"_s);
    const QByteArray type = request.header("Content-Type").toLower();
    if (type.startsWith("text/csv")) {
        return RecipientImport::fromCsv(
            request.body, request.queryString(u"phone_column"_s).value_or(QString()), region);
    }
    if (!type.isEmpty() && !type.startsWith("application/json"))
        throw AppError(ErrorKind::BadRequest,
                       u"Send the list as text/csv or application/json (got %1)"_s.arg(
                           QString::fromLatin1(type)));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        throw AppError(ErrorKind::BadRequest, u"The body is not valid JSON: %1 at offset %2"_s
                                                  .arg(parseError.errorString())
                                                  .arg(parseError.offset));
    return RecipientImport::fromJson(
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()), region);
}
} // namespace ListBody
