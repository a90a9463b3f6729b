// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMultiMap>
#include <QString>
#include <QStringList>

// The part of a provider's OpenAPI schema that the fakes serve (see schemas/extract_schemas.py),
// and a checker for the subset of JSON Schema it uses: $ref, allOf, oneOf, type, nullable, enum,
// properties, required, readOnly, additionalProperties, items, min/maxLength, pattern, format,
// minimum/maximum. Problems come back as sentences naming the field ("callTemplate.voice: ...").
class ApiSchema
{
public:
    enum class Direction { Request, Response };

    // `fileName` inside the schemas folder; on failure isValid() is false and `error` says why.
    static ApiSchema load(const QString &fileName, QString *error = nullptr);
    bool isValid() const { return !m_document.isEmpty(); }

    // {} when the schema has no such operation.
    QJsonObject operation(const QString &pathTemplate, const QString &method) const;
    QJsonObject requestSchema(const QJsonObject &operation, const QString &contentType) const;
    QJsonObject responseSchema(const QJsonObject &operation, int status) const;
    // The operation's parameters of one kind ("path", "query"), by name.
    QHash<QString, QJsonObject> parameters(const QJsonObject &operation, const QString &in) const;
    QJsonObject component(const QString &name) const;

    QStringList check(const QJsonValue &value, const QJsonObject &schema, Direction direction,
                      const QString &where = QString()) const;
    // A form body (or query string): names against the schema's properties, values against
    // their types once read from text; arrays are the same name repeated.
    QStringList checkForm(const QMultiMap<QString, QString> &fields,
                          const QJsonObject &schema) const;
    // One text value (path or query parameter, form field) against a scalar schema.
    QStringList checkText(const QString &text, const QJsonObject &schema,
                          const QString &where) const;

private:
    QJsonObject resolve(const QJsonObject &schema) const;
    QStringList checkString(const QString &text, const QJsonObject &schema,
                            const QString &where) const;

    QJsonObject m_document;
};
