// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TestHttp.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMultiMap>
#include <QString>
#include <QStringList>

#include <optional>

// An OpenAPI 3.0 document, read with nothing but QJsonDocument, and a checker for the part of
// JSON Schema the documents the tests read use: the providers' (the parts cut out by
// schemas/extract_schemas.py, which the fakes serve) and Switchboard's own. It follows $ref
// (local JSON pointers) and knows type, nullable, enum, allOf, oneOf, anyOf, properties,
// required, additionalProperties, min/maxProperties, readOnly, writeOnly, items, min/maxLength,
// pattern, format (uuid, uri, date-time, date-time-rfc-2822) and minimum/maximum. Problems come
// back as sentences naming the field ("callTemplate.voice: a string expected, got 7").
class ApiSchema
{
public:
    // A request must not carry readOnly properties, a response must not carry writeOnly ones;
    // neither is required where it must not be.
    enum class Direction { Request, Response };
    // What an object may hold beyond the properties its schema lists when the schema says nothing
    // of additionalProperties and is not composed (allOf/oneOf/anyOf). Both refuse a property
    // that is not listed where others are. An object schema that lists none takes anything when
    // Lenient (OpenAPI's reading; the providers' documents rely on it) and nothing when Strict:
    // what a server sends must be described, not merely tolerated.
    enum class Strictness { Lenient, Strict };

    struct Reference
    {
        QString where; // the keys leading to it, joined with '/'
        QString ref;
    };

    ApiSchema() = default;
    explicit ApiSchema(QJsonObject document, Strictness strictness = Strictness::Lenient);
    // `fileName` inside the schemas folder; on failure isValid() is false and `error` says why.
    static ApiSchema load(const QString &fileName, QString *error = nullptr,
                          Strictness strictness = Strictness::Lenient);

    bool isValid() const { return !m_document.isEmpty(); }
    const QJsonObject &document() const { return m_document; }
    // The operations' keys in a path item, in OpenAPI's order.
    static const QStringList &methods();

    // What a local reference ("#/components/schemas/Agent") points at; nullopt if nothing.
    std::optional<QJsonValue> pointer(const QString &ref) const;
    // `object` with its $ref chain followed ({} where it breaks).
    QJsonObject resolved(QJsonObject object) const;
    QJsonObject component(const QString &name) const; // under components/schemas
    // Every $ref in the document, whether it resolves or not.
    QList<Reference> references() const;

    // The documented path template a request path falls under, preferring literal segments. A
    // route pattern works too: its "{name}" segments fit only the template's parameters.
    QString pathTemplate(const QString &path) const;
    // "/calls/{agent_id}" -> "/calls/{}": templates that differ only in parameter names are the
    // same path to OpenAPI.
    static QString pathShape(const QString &pattern);
    static QStringList templateParameters(const QString &pattern);

    // {} when the document has no such operation.
    QJsonObject operation(const QString &pathTemplate, const QString &method) const;
    // The operation's parameters and its path's, resolved (the operation's own win).
    QList<QJsonObject> parameters(const QString &pathTemplate, const QString &method) const;
    // Those of one kind ("path", "query", "header"), by name.
    QHash<QString, QJsonObject> parameters(const QString &pathTemplate, const QString &method,
                                           const QString &in) const;
    QJsonObject requestSchema(const QJsonObject &operation, const QString &contentType) const;
    QJsonObject response(const QJsonObject &operation, int status) const; // resolved
    QJsonObject
    responseSchema(const QJsonObject &operation, int status,
                   const QString &contentType = QStringLiteral("application/json")) const;

    QStringList check(const QJsonValue &value, const QJsonObject &schema, Direction direction,
                      const QString &where = QString()) const;
    // A form body (or query string): names against the schema's properties, values against
    // their types once read from text; arrays are the same name repeated.
    QStringList checkForm(const QMultiMap<QString, QString> &fields,
                          const QJsonObject &schema) const;
    // One text value (path or query parameter, form field) against a scalar schema.
    QStringList checkText(const QString &text, const QJsonObject &schema,
                          const QString &where) const;
    // An answer to `method pathAndQuery` as the document promises it: a documented status (a 405
    // is held to any of the path's operations), the headers it marks required, a documented
    // content type and a JSON body that fits the schema.
    QStringList checkAnswer(const QByteArray &method, const QString &pathAndQuery,
                            const HttpResult &answer) const;

private:
    bool acceptsNull(const QJsonObject &schema) const;
    QStringList checkObject(const QJsonObject &object, const QJsonObject &schema,
                            Direction direction, const QString &where) const;
    QStringList checkString(const QString &text, const QJsonObject &schema,
                            const QString &where) const;

    QJsonObject m_document;
    Strictness m_strictness = Strictness::Lenient;
};
