// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiRequest.h"

#include "AppError.h"
#include "Validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject ApiRequest::jsonObject() const
{
    if (body.trimmed().isEmpty())
        throw AppError(ErrorKind::BadRequest,
                       u"The request body is empty; send a JSON object with Content-Type: "
                       u"application/json"_s,
                       {{u"body"_s, u"is empty"_s}})
            .withCode(u"invalid_json"_s);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    QString notAnObject;
    if (document.isArray()) {
        notAnObject = u"an array"_s;
    } else if (parseError.error != QJsonParseError::NoError) {
        // QJsonDocument reads only objects and arrays at the top; a lone string, number, boolean
        // or null is valid JSON all the same, and the client is told what it sent.
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + body + ']');
        if (wrapped.isArray() && wrapped.array().size() == 1)
            notAnObject = JsonFields::typeName(wrapped.array().first());
        else
            throw AppError(
                ErrorKind::BadRequest,
                u"The request body is not valid JSON: %1 at offset %2"_s
                    .arg(parseError.errorString())
                    .arg(parseError.offset),
                {{u"body"_s,
                  u"%1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset)}})
                .withCode(u"invalid_json"_s);
    }
    if (!notAnObject.isEmpty()) {
        const QString problem = u"must be a JSON object, not "_s + notAnObject;
        throw AppError(ErrorKind::BadRequest, u"The request body "_s + problem,
                       {{u"body"_s, problem}})
            .withCode(u"invalid_json"_s);
    }
    return document.object();
}

std::optional<QString> ApiRequest::queryString(const QString &name) const
{
    if (!query.hasQueryItem(name))
        return std::nullopt;
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

qint64 ApiRequest::queryInteger(const QString &name, qint64 fallback, qint64 min, qint64 max) const
{
    const std::optional<QString> text = queryString(name);
    if (!text || text->isEmpty())
        return fallback;
    bool ok = false;
    const qint64 value = text->toLongLong(&ok);
    if (!ok || value < min || value > max)
        throw AppError(
            ErrorKind::Validation,
            u"Invalid query parameter %1: must be an integer from %2 to %3 (got '%4')"_s.arg(name)
                .arg(min)
                .arg(max)
                .arg(text->left(40)),
            {{name, u"must be an integer from %1 to %2"_s.arg(min).arg(max)}});
    return value;
}

std::optional<qint64> ApiRequest::expectedVersion() const
{
    QByteArray tag = header("If-Match").trimmed();
    if (tag.isEmpty() || tag == "*")
        return std::nullopt;
    if (tag.startsWith("W/"))
        tag = tag.mid(2);
    if (tag.startsWith('"') && tag.endsWith('"') && tag.size() >= 2)
        tag = tag.mid(1, tag.size() - 2);
    bool ok = false;
    const qint64 version = tag.toLongLong(&ok);
    if (!ok || version < 1)
        throw AppError(ErrorKind::BadRequest,
                       u"If-Match must carry the version you read, e.g. If-Match: \"3\""_s,
                       {{u"If-Match"_s, QString::fromLatin1(tag.left(40))}});
    return version;
}
