// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiSchema.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
QString at(const QString &where, const QString &key)
{
    return where.isEmpty() ? key : where + u'.' + key;
}

QString named(const QString &where)
{
    return where.isEmpty() ? u"the body"_s : where;
}

QString shown(const QJsonValue &value)
{
    if (value.isString())
        return u'"' + value.toString().left(60) + u'"';
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1)
        .left(60);
}
} // namespace

ApiSchema ApiSchema::load(const QString &fileName, QString *error)
{
    ApiSchema schema;
    QFile file(QStringLiteral(SWITCHBOARD_SCHEMA_DIR) + u'/' + fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
        return schema;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        if (error)
            *error = u"%1 is not JSON: %2"_s.arg(file.fileName(), parseError.errorString());
        return schema;
    }
    schema.m_document = document.object();
    return schema;
}

QJsonObject ApiSchema::operation(const QString &pathTemplate, const QString &method) const
{
    return m_document.value(u"paths"_s)
        .toObject()
        .value(pathTemplate)
        .toObject()
        .value(method.toLower())
        .toObject();
}

QJsonObject ApiSchema::requestSchema(const QJsonObject &operation, const QString &contentType) const
{
    return operation.value(u"requestBody"_s)
        .toObject()
        .value(u"content"_s)
        .toObject()
        .value(contentType)
        .toObject()
        .value(u"schema"_s)
        .toObject();
}

QJsonObject ApiSchema::responseSchema(const QJsonObject &operation, int status) const
{
    return operation.value(u"responses"_s)
        .toObject()
        .value(QString::number(status))
        .toObject()
        .value(u"content"_s)
        .toObject()
        .value(u"application/json"_s)
        .toObject()
        .value(u"schema"_s)
        .toObject();
}

QHash<QString, QJsonObject> ApiSchema::parameters(const QJsonObject &operation,
                                                  const QString &in) const
{
    QHash<QString, QJsonObject> result;
    for (const QJsonValue &value : operation.value(u"parameters"_s).toArray()) {
        const QJsonObject parameter = value.toObject();
        if (parameter.value(u"in"_s).toString() == in)
            result.insert(parameter.value(u"name"_s).toString(), parameter);
    }
    return result;
}

QJsonObject ApiSchema::component(const QString &name) const
{
    return m_document.value(u"components"_s)
        .toObject()
        .value(u"schemas"_s)
        .toObject()
        .value(name)
        .toObject();
}

QJsonObject ApiSchema::resolve(const QJsonObject &schema) const
{
    QJsonObject current = schema;
    for (int depth = 0; depth < 20 && current.contains(u"$ref"_s); ++depth) {
        const QString ref = current.value(u"$ref"_s).toString();
        current = component(ref.section(u'/', -1));
    }
    return current;
}

QStringList ApiSchema::checkString(const QString &text, const QJsonObject &schema,
                                   const QString &where) const
{
    QStringList problems;
    const QString name = named(where);
    if (schema.contains(u"minLength"_s) && text.size() < schema.value(u"minLength"_s).toInt())
        problems << u"%1: at least %2 characters expected, got %3"_s.arg(name)
                        .arg(schema.value(u"minLength"_s).toInt())
                        .arg(text.size());
    if (schema.contains(u"maxLength"_s) && text.size() > schema.value(u"maxLength"_s).toInt())
        problems << u"%1: at most %2 characters allowed, got %3"_s.arg(name)
                        .arg(schema.value(u"maxLength"_s).toInt())
                        .arg(text.size());
    if (schema.contains(u"pattern"_s)) {
        const QRegularExpression pattern(schema.value(u"pattern"_s).toString());
        if (!pattern.match(text).hasMatch())
            problems << u"%1: \"%2\" does not match %3"_s.arg(name, text.left(60),
                                                              pattern.pattern());
    }
    const QString format = schema.value(u"format"_s).toString();
    if (format == u"uuid"_s && QUuid::fromString(text).isNull())
        problems << u"%1: \"%2\" is not a UUID"_s.arg(name, text.left(60));
    else if (format == u"date-time"_s && !QDateTime::fromString(text, Qt::ISODateWithMs).isValid())
        problems << u"%1: \"%2\" is not an ISO 8601 date-time"_s.arg(name, text.left(60));
    else if (format == u"date-time-rfc-2822"_s &&
             !QDateTime::fromString(text, Qt::RFC2822Date).isValid())
        problems << u"%1: \"%2\" is not an RFC 2822 date"_s.arg(name, text.left(60));
    else if (format == u"uri"_s && !QUrl(text, QUrl::StrictMode).isValid())
        problems << u"%1: \"%2\" is not a URI"_s.arg(name, text.left(60));
    return problems;
}

QStringList ApiSchema::check(const QJsonValue &value, const QJsonObject &rawSchema,
                             Direction direction, const QString &where) const
{
    const QJsonObject schema = resolve(rawSchema);
    const QString name = named(where);
    QStringList problems;
    if (value.isNull()) {
        const QJsonArray allowed = schema.value(u"enum"_s).toArray();
        if (schema.value(u"nullable"_s).toBool() || allowed.contains(QJsonValue::Null))
            return {};
        if (schema.contains(u"oneOf"_s)) {
            for (const QJsonValue &option : schema.value(u"oneOf"_s).toArray())
                if (check(value, option.toObject(), direction, where).isEmpty())
                    return {};
            return {u"%1: null is not allowed"_s.arg(name)};
        }
        if (!schema.contains(u"type"_s) && !schema.contains(u"allOf"_s) &&
            !schema.contains(u"enum"_s))
            return {}; // no constraint at all ("requestContext": {})
        return {u"%1: null is not allowed"_s.arg(name)};
    }
    for (const QJsonValue &part : schema.value(u"allOf"_s).toArray())
        problems += check(value, part.toObject(), direction, where);
    if (schema.contains(u"oneOf"_s)) {
        bool matched = false;
        for (const QJsonValue &option : schema.value(u"oneOf"_s).toArray())
            matched = matched || check(value, option.toObject(), direction, where).isEmpty();
        if (!matched)
            problems << u"%1: %2 matches none of the allowed forms"_s.arg(name, shown(value));
    }
    if (schema.contains(u"enum"_s) && !schema.value(u"enum"_s).toArray().contains(value))
        problems << u"%1: %2 is not one of the allowed values"_s.arg(name, shown(value));

    const QString type = schema.value(u"type"_s).toString();
    if (type == u"object"_s) {
        if (!value.isObject())
            return problems << u"%1: an object expected, got %2"_s.arg(name, shown(value));
        const QJsonObject object = value.toObject();
        const QJsonObject properties = schema.value(u"properties"_s).toObject();
        const QJsonValue additional = schema.value(u"additionalProperties"_s);
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString field = at(where, it.key());
            if (properties.contains(it.key())) {
                const QJsonObject property = properties.value(it.key()).toObject();
                if (direction == Direction::Request && property.value(u"readOnly"_s).toBool())
                    problems << u"%1: read-only, must not be sent"_s.arg(field);
                problems += check(it.value(), property, direction, field);
            } else if (additional.isObject()) {
                problems += check(it.value(), additional.toObject(), direction, field);
            } else if (!properties.isEmpty() && !additional.toBool()) {
                problems << u"%1: unknown field"_s.arg(field);
            }
        }
        for (const QJsonValue &required : schema.value(u"required"_s).toArray()) {
            const QString key = required.toString();
            const QJsonObject property = properties.value(key).toObject();
            if (direction == Direction::Request && property.value(u"readOnly"_s).toBool())
                continue;
            if (!object.contains(key))
                problems << u"%1: required"_s.arg(at(where, key));
        }
    } else if (type == u"array"_s) {
        if (!value.isArray())
            return problems << u"%1: an array expected, got %2"_s.arg(name, shown(value));
        const QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            problems += check(items.at(i), schema.value(u"items"_s).toObject(), direction,
                              u"%1[%2]"_s.arg(name).arg(i));
    } else if (type == u"string"_s) {
        if (!value.isString())
            return problems << u"%1: a string expected, got %2"_s.arg(name, shown(value));
        problems += checkString(value.toString(), schema, where);
    } else if (type == u"integer"_s || type == u"number"_s) {
        const double number = value.toDouble();
        if (!value.isDouble() || (type == u"integer"_s && std::floor(number) != number))
            return problems << u"%1: %2 expected, got %3"_s.arg(name, type, shown(value));
        if (schema.contains(u"minimum"_s) && number < schema.value(u"minimum"_s).toDouble())
            problems << u"%1: below the minimum"_s.arg(name);
        if (schema.contains(u"maximum"_s) && number > schema.value(u"maximum"_s).toDouble())
            problems << u"%1: above the maximum"_s.arg(name);
    } else if (type == u"boolean"_s && !value.isBool()) {
        problems << u"%1: true or false expected, got %2"_s.arg(name, shown(value));
    }
    return problems;
}

QStringList ApiSchema::checkText(const QString &text, const QJsonObject &rawSchema,
                                 const QString &where) const
{
    const QJsonObject schema = resolve(rawSchema);
    const QString type = schema.value(u"type"_s).toString();
    if (type == u"integer"_s || type == u"number"_s) {
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (!ok || (type == u"integer"_s && std::floor(number) != number))
            return {u"%1: %2 expected, got \"%3\""_s.arg(where, type, text.left(60))};
        return check(number, schema, Direction::Request, where);
    }
    if (type == u"boolean"_s) {
        if (text != u"true"_s && text != u"false"_s)
            return {u"%1: true or false expected, got \"%2\""_s.arg(where, text.left(60))};
        return {};
    }
    return check(text, schema, Direction::Request, where);
}

QStringList ApiSchema::checkForm(const QMultiMap<QString, QString> &fields,
                                 const QJsonObject &rawSchema) const
{
    const QJsonObject schema = resolve(rawSchema);
    const QJsonObject properties = schema.value(u"properties"_s).toObject();
    QStringList problems;
    const QStringList names = fields.uniqueKeys();
    for (const QString &name : names) {
        if (!properties.contains(name)) {
            problems << u"%1: unknown parameter (names are PascalCase and case-sensitive)"_s.arg(
                name);
            continue;
        }
        const QJsonObject property = resolve(properties.value(name).toObject());
        const QStringList values = fields.values(name);
        const bool isArray = property.value(u"type"_s).toString() == u"array"_s;
        if (!isArray && values.size() > 1)
            problems << u"%1: sent %2 times, once expected"_s.arg(name).arg(values.size());
        for (const QString &value : values)
            problems +=
                checkText(value, isArray ? property.value(u"items"_s).toObject() : property, name);
    }
    for (const QJsonValue &required : schema.value(u"required"_s).toArray()) {
        if (!fields.contains(required.toString()))
            problems << u"%1: required"_s.arg(required.toString());
    }
    return problems;
}
