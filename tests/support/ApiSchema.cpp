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

bool isParameter(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}');
}

bool hasType(const QJsonValue &value, const QString &type)
{
    if (type == u"object"_s)
        return value.isObject();
    if (type == u"array"_s)
        return value.isArray();
    if (type == u"string"_s)
        return value.isString();
    if (type == u"boolean"_s)
        return value.isBool();
    if (type == u"number"_s)
        return value.isDouble();
    if (type == u"integer"_s)
        return value.isDouble() && std::floor(value.toDouble()) == value.toDouble();
    return false;
}

QString expected(const QString &type)
{
    if (type == u"object"_s || type == u"array"_s || type == u"integer"_s)
        return u"an "_s + type;
    if (type == u"boolean"_s)
        return u"true or false"_s;
    return u"a "_s + type;
}

// Whether `schema` forbids the property in this direction.
bool hiddenIn(const QJsonObject &schema, ApiSchema::Direction direction)
{
    return schema.value(direction == ApiSchema::Direction::Request ? u"readOnly"_s : u"writeOnly"_s)
        .toBool();
}

// The schema of one media type of a request body or a response.
QJsonObject contentSchema(const QJsonObject &carrier, const QString &contentType)
{
    return carrier.value(u"content"_s)
        .toObject()
        .value(contentType)
        .toObject()
        .value(u"schema"_s)
        .toObject();
}

bool isComposed(const QJsonObject &schema)
{
    return schema.contains(u"allOf"_s) || schema.contains(u"oneOf"_s) ||
           schema.contains(u"anyOf"_s);
}

void collectReferences(const QJsonValue &value, const QString &where,
                       QList<ApiSchema::Reference> &references)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            collectReferences(array.at(i), where + u'/' + QString::number(i), references);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (it.key() == u"$ref"_s)
                references.append({where, it.value().toString()});
            else
                collectReferences(it.value(), where + u'/' + it.key(), references);
        }
    }
}
} // namespace

ApiSchema::ApiSchema(QJsonObject document, Strictness strictness)
    : m_document(std::move(document))
    , m_strictness(strictness)
{
}

ApiSchema ApiSchema::load(const QString &fileName, QString *error, Strictness strictness)
{
    QFile file(QStringLiteral(SWITCHBOARD_SCHEMA_DIR) + u'/' + fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        if (error)
            *error = u"%1 is not JSON: %2"_s.arg(file.fileName(), parseError.errorString());
        return {};
    }
    return ApiSchema(document.object(), strictness);
}

const QStringList &ApiSchema::methods()
{
    static const QStringList names{u"get"_s,  u"put"_s,     u"post"_s,  u"delete"_s,
                                   u"head"_s, u"options"_s, u"patch"_s, u"trace"_s};
    return names;
}

std::optional<QJsonValue> ApiSchema::pointer(const QString &ref) const
{
    if (!ref.startsWith(u"#/"_s))
        return std::nullopt;
    QJsonValue current = m_document;
    for (QString token : ref.mid(2).split(u'/')) {
        token.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
        if (!current.isObject() || !current.toObject().contains(token))
            return std::nullopt;
        current = current.toObject().value(token);
    }
    return current;
}

QJsonObject ApiSchema::resolved(QJsonObject object) const
{
    for (int depth = 0; depth < 20 && object.contains(u"$ref"_s); ++depth)
        object = pointer(object.value(u"$ref"_s).toString()).value_or(QJsonValue()).toObject();
    return object;
}

QJsonObject ApiSchema::component(const QString &name) const
{
    return resolved(m_document.value(u"components"_s)
                        .toObject()
                        .value(u"schemas"_s)
                        .toObject()
                        .value(name)
                        .toObject());
}

QList<ApiSchema::Reference> ApiSchema::references() const
{
    QList<Reference> found;
    collectReferences(m_document, QString(), found);
    return found;
}

QString ApiSchema::pathShape(const QString &pattern)
{
    QStringList segments = pattern.split(u'/');
    for (QString &segment : segments) {
        if (isParameter(segment))
            segment = u"{}"_s;
    }
    return segments.join(u'/');
}

QStringList ApiSchema::templateParameters(const QString &pattern)
{
    QStringList names;
    for (const QString &segment : pattern.split(u'/')) {
        if (isParameter(segment))
            names << segment.mid(1, segment.size() - 2);
    }
    return names;
}

QString ApiSchema::pathTemplate(const QString &path) const
{
    const QStringList segments = path.split(u'/');
    QString best;
    int bestLiterals = -1;
    const QJsonObject paths = m_document.value(u"paths"_s).toObject();
    for (auto it = paths.constBegin(); it != paths.constEnd(); ++it) {
        const QStringList expected = it.key().split(u'/');
        if (expected.size() != segments.size())
            continue;
        int literals = 0;
        bool fits = true;
        for (qsizetype i = 0; i < expected.size() && fits; ++i) {
            if (isParameter(expected.at(i)))
                fits = !segments.at(i).isEmpty();
            else if (expected.at(i) == segments.at(i))
                ++literals;
            else
                fits = false;
        }
        if (fits && literals > bestLiterals) {
            bestLiterals = literals;
            best = it.key();
        }
    }
    return best;
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

QList<QJsonObject> ApiSchema::parameters(const QString &pathTemplate, const QString &method) const
{
    const QJsonObject item = m_document.value(u"paths"_s).toObject().value(pathTemplate).toObject();
    QList<QJsonObject> all;
    const auto add = [&](const QJsonArray &declared) {
        for (const QJsonValue &value : declared) {
            const QJsonObject parameter = resolved(value.toObject());
            all.removeIf([&](const QJsonObject &earlier) {
                return earlier.value(u"in"_s) == parameter.value(u"in"_s) &&
                       earlier.value(u"name"_s) == parameter.value(u"name"_s);
            });
            all.append(parameter);
        }
    };
    add(item.value(u"parameters"_s).toArray());
    add(operation(pathTemplate, method).value(u"parameters"_s).toArray());
    return all;
}

QHash<QString, QJsonObject> ApiSchema::parameters(const QString &pathTemplate,
                                                  const QString &method, const QString &in) const
{
    QHash<QString, QJsonObject> byName;
    for (const QJsonObject &parameter : parameters(pathTemplate, method)) {
        if (parameter.value(u"in"_s).toString() == in)
            byName.insert(parameter.value(u"name"_s).toString(), parameter);
    }
    return byName;
}

QJsonObject ApiSchema::requestSchema(const QJsonObject &operation, const QString &contentType) const
{
    return contentSchema(resolved(operation.value(u"requestBody"_s).toObject()), contentType);
}

QJsonObject ApiSchema::response(const QJsonObject &operation, int status) const
{
    return resolved(
        operation.value(u"responses"_s).toObject().value(QString::number(status)).toObject());
}

QJsonObject ApiSchema::responseSchema(const QJsonObject &operation, int status,
                                      const QString &contentType) const
{
    return contentSchema(response(operation, status), contentType);
}

bool ApiSchema::acceptsNull(const QJsonObject &schemaOrRef) const
{
    const QJsonObject schema = resolved(schemaOrRef);
    if (schema.value(u"nullable"_s).toBool() ||
        schema.value(u"enum"_s).toArray().contains(QJsonValue::Null))
        return true;
    for (const QString &keyword : {u"oneOf"_s, u"anyOf"_s}) {
        if (!schema.contains(keyword))
            continue;
        const QJsonArray options = schema.value(keyword).toArray();
        return std::any_of(options.begin(), options.end(), [this](const QJsonValue &option) {
            return acceptsNull(option.toObject());
        });
    }
    // No constraint at all ("requestContext": {}) takes null too.
    return !schema.contains(u"type"_s) && !schema.contains(u"allOf"_s) &&
           !schema.contains(u"enum"_s);
}

QStringList ApiSchema::check(const QJsonValue &value, const QJsonObject &schemaOrRef,
                             Direction direction, const QString &where) const
{
    const QJsonObject schema = resolved(schemaOrRef);
    const QString name = named(where);
    if (value.isNull()) {
        if (acceptsNull(schema))
            return {};
        return {u"%1: null is not allowed"_s.arg(name)};
    }
    QStringList problems;
    for (const QJsonValue &part : schema.value(u"allOf"_s).toArray())
        problems += check(value, part.toObject(), direction, where);
    for (const QString &keyword : {u"oneOf"_s, u"anyOf"_s}) {
        if (!schema.contains(keyword))
            continue;
        int matches = 0;
        for (const QJsonValue &option : schema.value(keyword).toArray())
            matches += check(value, option.toObject(), direction, where).isEmpty() ? 1 : 0;
        if (matches == 0)
            problems << u"%1: %2 matches none of the allowed forms"_s.arg(name, shown(value));
        else if (matches > 1 && keyword == u"oneOf"_s)
            problems << u"%1: %2 matches %3 of the oneOf forms, exactly one expected"_s
                            .arg(name, shown(value))
                            .arg(matches);
    }
    if (schema.contains(u"enum"_s) && !schema.value(u"enum"_s).toArray().contains(value))
        problems << u"%1: %2 is not one of the allowed values"_s.arg(name, shown(value));

    const QString type = schema.value(u"type"_s).toString();
    if (!type.isEmpty() && !hasType(value, type))
        return problems << u"%1: %2 expected, got %3"_s.arg(name, expected(type), shown(value));
    if (value.isObject()) {
        problems += checkObject(value.toObject(), schema, direction, where);
    } else if (value.isArray()) {
        const QJsonArray items = value.toArray();
        const QJsonObject itemSchema = schema.value(u"items"_s).toObject();
        for (qsizetype i = 0; i < items.size(); ++i)
            problems += check(items.at(i), itemSchema, direction, u"%1[%2]"_s.arg(name).arg(i));
    } else if (value.isString()) {
        problems += checkString(value.toString(), schema, where);
    } else if (value.isDouble()) {
        const double number = value.toDouble();
        if (schema.contains(u"minimum"_s) && number < schema.value(u"minimum"_s).toDouble())
            problems << u"%1: %2 is below the minimum"_s.arg(name).arg(number);
        if (schema.contains(u"maximum"_s) && number > schema.value(u"maximum"_s).toDouble())
            problems << u"%1: %2 is above the maximum"_s.arg(name).arg(number);
    }
    return problems;
}

QStringList ApiSchema::checkObject(const QJsonObject &object, const QJsonObject &schema,
                                   Direction direction, const QString &where) const
{
    QStringList problems;
    const QString name = named(where);
    if (schema.contains(u"minProperties"_s) &&
        object.size() < schema.value(u"minProperties"_s).toInt())
        problems << u"%1: at least %2 properties expected, got %3"_s.arg(name)
                        .arg(schema.value(u"minProperties"_s).toInt())
                        .arg(object.size());
    if (schema.contains(u"maxProperties"_s) &&
        object.size() > schema.value(u"maxProperties"_s).toInt())
        problems << u"%1: at most %2 properties allowed, got %3"_s.arg(name)
                        .arg(schema.value(u"maxProperties"_s).toInt())
                        .arg(object.size());

    const QJsonObject properties = schema.value(u"properties"_s).toObject();
    const QJsonValue additional = schema.value(u"additionalProperties"_s);
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString field = at(where, it.key());
        if (properties.contains(it.key())) {
            const QJsonObject property = resolved(properties.value(it.key()).toObject());
            if (hiddenIn(property, direction))
                problems << (direction == Direction::Request
                                 ? u"%1: read-only, must not be sent"_s.arg(field)
                                 : u"%1: write-only, must not be sent back"_s.arg(field));
            problems += check(it.value(), property, direction, field);
        } else if (additional.isObject()) {
            problems += check(it.value(), additional.toObject(), direction, field);
        } else if (additional.isBool()) {
            if (!additional.toBool())
                problems << u"%1: unknown field (additionalProperties is false)"_s.arg(field);
        } else if (isComposed(schema)) {
            // The parts judge it.
        } else if (!properties.isEmpty()) {
            problems << u"%1: unknown field"_s.arg(field);
        } else if (m_strictness == Strictness::Strict) {
            problems << u"%1: unknown field, sent but not documented"_s.arg(field);
        }
    }
    for (const QJsonValue &required : schema.value(u"required"_s).toArray()) {
        const QString key = required.toString();
        if (!object.contains(key) &&
            !hiddenIn(resolved(properties.value(key).toObject()), direction))
            problems << u"%1: required"_s.arg(at(where, key));
    }
    return problems;
}

QStringList ApiSchema::checkString(const QString &text, const QJsonObject &schema,
                                   const QString &where) const
{
    QStringList problems;
    const QString name = named(where);
    qsizetype length = 0; // in code points, as JSON Schema counts
    for (const QChar c : text)
        length += c.isLowSurrogate() ? 0 : 1;
    if (schema.contains(u"minLength"_s) && length < schema.value(u"minLength"_s).toInt())
        problems << u"%1: at least %2 characters expected, got %3"_s.arg(name)
                        .arg(schema.value(u"minLength"_s).toInt())
                        .arg(length);
    if (schema.contains(u"maxLength"_s) && length > schema.value(u"maxLength"_s).toInt())
        problems << u"%1: at most %2 characters allowed, got %3"_s.arg(name)
                        .arg(schema.value(u"maxLength"_s).toInt())
                        .arg(length);
    if (schema.contains(u"pattern"_s)) {
        const QRegularExpression pattern(schema.value(u"pattern"_s).toString());
        if (!pattern.isValid())
            problems << u"%1: the pattern %2 does not compile: %3"_s.arg(name, pattern.pattern(),
                                                                         pattern.errorString());
        else if (!pattern.match(text).hasMatch())
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

QStringList ApiSchema::checkText(const QString &text, const QJsonObject &schemaOrRef,
                                 const QString &where) const
{
    const QJsonObject schema = resolved(schemaOrRef);
    const QString type = schema.value(u"type"_s).toString();
    if (type == u"integer"_s || type == u"number"_s) {
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (!ok || (type == u"integer"_s && std::floor(number) != number))
            return {u"%1: %2 expected, got \"%3\""_s.arg(where, expected(type), text.left(60))};
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
                                 const QJsonObject &schemaOrRef) const
{
    const QJsonObject schema = resolved(schemaOrRef);
    const QJsonObject properties = schema.value(u"properties"_s).toObject();
    QStringList problems;
    const QStringList names = fields.uniqueKeys();
    for (const QString &name : names) {
        if (!properties.contains(name)) {
            problems << u"%1: unknown parameter (names are PascalCase and case-sensitive)"_s.arg(
                name);
            continue;
        }
        const QJsonObject property = resolved(properties.value(name).toObject());
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

QStringList ApiSchema::checkAnswer(const QByteArray &method, const QString &pathAndQuery,
                                   const HttpResult &answer) const
{
    const QString path = pathAndQuery.section(u'?', 0, 0);
    const QString pathTemplate = this->pathTemplate(path);
    if (pathTemplate.isEmpty())
        return {u"no documented path"_s};
    QJsonObject operation = this->operation(pathTemplate, QString::fromLatin1(method));
    for (qsizetype i = 0; operation.isEmpty() && answer.status == 405 && i < methods().size(); ++i)
        operation = this->operation(pathTemplate, methods().at(i));
    if (operation.isEmpty())
        return {u"method not documented"_s};
    if (!operation.value(u"responses"_s).toObject().contains(QString::number(answer.status)))
        return {u"status not documented"_s};
    const QJsonObject promised = response(operation, answer.status);

    QStringList problems;
    const QJsonObject headers = promised.value(u"headers"_s).toObject();
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        if (resolved(it.value().toObject()).value(u"required"_s).toBool() &&
            answer.header(it.key().toLatin1()).isEmpty())
            problems << u"header %1 is missing"_s.arg(it.key());
    }
    const QJsonObject content = promised.value(u"content"_s).toObject();
    if (content.isEmpty()) {
        if (!answer.body.isEmpty())
            problems << u"a body was sent where none is documented"_s;
        return problems;
    }
    const QString type = answer.mediaType();
    if (!content.contains(type))
        return problems << u"content type %1 not documented"_s.arg(type);
    if (type != u"application/json"_s)
        return problems;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(answer.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return problems << u"the body is not JSON: "_s + parseError.errorString();
    const QJsonValue body =
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    return problems + check(body, contentSchema(promised, type), Direction::Response);
}
