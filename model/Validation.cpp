// SPDX-License-Identifier: GPL-3.0-or-later
#include "Validation.h"

#include "AppError.h"

#include <QRegularExpression>
#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Rules {
namespace {
QString lengthMessage(qsizetype min, qsizetype max, qsizetype actual)
{
    return u"must be %1-%2 characters (got %3)"_s.arg(min).arg(max).arg(actual);
}
} // namespace

bool isBlank(const QString &text)
{
    return text.trimmed().isEmpty();
}

qsizetype characterCount(const QString &text)
{
    qsizetype count = 0;
    for (auto it = text.cbegin(); it != text.cend(); ++it) {
        if (!it->isLowSurrogate())
            ++count;
    }
    return count;
}

QString checkAgentName(const QString &name)
{
    if (isBlank(name))
        return u"must not be empty or only whitespace"_s;
    const qsizetype length = characterCount(name);
    if (length > AgentNameMax)
        return lengthMessage(1, AgentNameMax, length);
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() || c.isMark() || c == u' ' || c == u'-' || c == u'_'))
            return u"may contain only letters, numbers, spaces, hyphens and underscores "
                   u"(found '%1')"_s.arg(c);
    }
    return {};
}

QString checkPrompt(const QString &prompt)
{
    if (isBlank(prompt))
        return u"must not be empty or only whitespace"_s;
    const qsizetype length = characterCount(prompt);
    if (length > PromptMax)
        return lengthMessage(1, PromptMax, length);
    return {};
}

QString checkVoice(const QString &voice)
{
    if (isBlank(voice))
        return u"must not be empty; leave it out for 'default'"_s;
    const qsizetype length = characterCount(voice);
    if (length > VoiceMax)
        return lengthMessage(1, VoiceMax, length);
    return {};
}

QString checkLanguage(const QString &language)
{
    static const QRegularExpression pattern(u"^[a-z]{2}(-[A-Z]{2})?$"_s);
    if (!pattern.match(language).hasMatch())
        return u"must look like 'en' or 'en-US' (two lowercase letters, optionally a hyphen and "
               u"two uppercase letters)"_s;
    return {};
}

const QStringList &reservedVariableKeys()
{
    static const QStringList keys{u"agent_id"_s, u"call_id"_s, u"timestamp"_s, u"system"_s,
                                  u"internal"_s};
    return keys;
}

QString checkVariableKey(const QString &key)
{
    static const QRegularExpression identifier(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (key.isEmpty())
        return u"key must not be empty"_s;
    if (key.size() > VariableKeyMax)
        return u"key must be at most %1 characters (got %2)"_s.arg(VariableKeyMax).arg(key.size());
    if (key.front().isDigit())
        return u"key must not start with a number"_s;
    if (!identifier.match(key).hasMatch())
        return u"key must be an identifier: letters, numbers and underscores"_s;
    if (reservedVariableKeys().contains(key, Qt::CaseInsensitive))
        return u"key '%1' is reserved (reserved: %2)"_s.arg(key,
                                                            reservedVariableKeys().join(u", "));
    return {};
}

QString checkVariableValue(const QString &value)
{
    const qsizetype length = characterCount(value);
    if (length > VariableValueMax)
        return u"must be at most %1 characters (got %2)"_s.arg(VariableValueMax).arg(length);
    return {};
}

QString checkVariableCount(qsizetype count)
{
    if (count > MaxVariables)
        return u"must have at most %1 variables (got %2)"_s.arg(MaxVariables).arg(count);
    return {};
}

QString checkPhoneNumber(const QString &number)
{
    static const QRegularExpression e164(u"^\\+[1-9][0-9]+$"_s);
    if (number.isEmpty())
        return u"must not be empty"_s;
    if (!number.startsWith(u'+'))
        return u"must be in international format starting with '+' and the country code, "
               u"e.g. +14155550123"_s;
    if (!e164.match(number).hasMatch())
        return u"must be '+' followed by digits only, starting with a country code (1-3 "
               u"digits, not 0), e.g. +14155550123"_s;
    if (number.size() < PhoneMin || number.size() > PhoneMax)
        return u"must be %1-%2 characters including '+' (got %3)"_s.arg(PhoneMin).arg(PhoneMax).arg(
            number.size());
    return {};
}

QString checkApiKey(const QString &key)
{
    if (isBlank(key))
        return u"must not be empty or only whitespace"_s;
    if (key.size() < ApiKeyMin || key.size() > ApiKeyMax)
        return lengthMessage(ApiKeyMin, ApiKeyMax, key.size());
    return {};
}

QString checkResourceId(const QString &id)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_-]+$"_s);
    if (id.isEmpty())
        return u"must not be empty"_s;
    if (id.size() > IdMax)
        return u"must be at most %1 characters (got %2)"_s.arg(IdMax).arg(id.size());
    if (!pattern.match(id).hasMatch())
        return u"may contain only letters, numbers, hyphens and underscores"_s;
    return {};
}

QString checkCompanyName(const QString &name)
{
    if (isBlank(name))
        return u"must not be empty or only whitespace"_s;
    const qsizetype length = characterCount(name);
    if (length > CompanyNameMax)
        return lengthMessage(1, CompanyNameMax, length);
    return {};
}

QString checkTwilioAccountSid(const QString &sid)
{
    static const QRegularExpression pattern(u"^AC[0-9a-fA-F]{32}$"_s);
    if (!pattern.match(sid).hasMatch())
        return u"must be 'AC' followed by 32 hexadecimal characters"_s;
    return {};
}

QString checkSecret(const QString &secret)
{
    if (isBlank(secret))
        return u"must not be empty or only whitespace"_s;
    if (secret.size() > SecretMax)
        return u"must be at most %1 characters (got %2)"_s.arg(SecretMax).arg(secret.size());
    return {};
}

QString checkProviderUrl(const QString &url)
{
    const QString basic = checkHttpUrl(url);
    if (!basic.isEmpty())
        return basic;
    // The API key travels with every request: plain http only to this machine (tests, proxies).
    const QUrl parsed(url);
    const QString host = parsed.host();
    const bool local = host == u"localhost"_s || host == u"::1"_s || host.startsWith(u"127."_s);
    if (parsed.scheme() != u"https"_s && !local)
        return u"must be an https:// URL (http:// is accepted only for localhost)"_s;
    return {};
}

QString checkModel(const QString &model)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9._/:-]*$"_s);
    if (isBlank(model))
        return u"must not be empty; leave it out for the default"_s;
    if (model.size() > ModelMax)
        return u"must be at most %1 characters (got %2)"_s.arg(ModelMax).arg(model.size());
    if (!pattern.match(model).hasMatch())
        return u"must be a model name such as 'ultravox-v0.7': letters, numbers and . _ / : -"_s;
    return {};
}

QString checkTemperature(double temperature)
{
    if (!(temperature >= 0.0 && temperature <= 1.0))
        return u"must be between 0 and 1 (got %1)"_s.arg(temperature);
    return {};
}

QString checkRange(qint64 value, qint64 min, qint64 max, const QString &unit)
{
    if (value < min || value > max)
        return u"must be %1-%2 %3 (got %4)"_s.arg(min).arg(max).arg(unit).arg(value);
    return {};
}

QString checkSpokenText(const QString &text, bool required)
{
    if (required && isBlank(text))
        return u"must not be empty or only whitespace"_s;
    const qsizetype length = characterCount(text);
    if (length > SpokenTextMax)
        return u"must be at most %1 characters (got %2)"_s.arg(SpokenTextMax).arg(length);
    return {};
}

QString checkHttpUrl(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (parsed.scheme() != u"https"_s && parsed.scheme() != u"http"_s))
        return u"must be an http:// or https:// URL with a host"_s;
    return {};
}
} // namespace Rules

void FieldErrors::add(const QString &field, const QString &message)
{
    if (!m_errors.contains(field))
        m_errors.insert(field, message);
}

bool FieldErrors::check(const QString &field, const QString &ruleMessage)
{
    if (ruleMessage.isEmpty())
        return true;
    add(field, ruleMessage);
    return false;
}

void FieldErrors::throwIfAny() const
{
    if (m_errors.isEmpty())
        return;
    QStringList parts;
    for (auto it = m_errors.constBegin(); it != m_errors.constEnd(); ++it)
        parts << it.key() + u' ' + it.value().toString();
    throw AppError(ErrorKind::Validation, u"Invalid request: "_s + parts.join(u"; "), m_errors);
}

namespace JsonFields {
QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_s;
}

QString string(const QJsonObject &object, const QString &key, FieldErrors &errors,
               Presence presence, const QString &fallback, const QString &prefix)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (presence == Presence::Required)
            errors.add(prefix + key, u"is required"_s);
        return fallback;
    }
    if (!value.isString()) {
        errors.add(prefix + key, u"must be a string, not %1"_s.arg(typeName(value)));
        return fallback;
    }
    return value.toString();
}

QJsonObject object(const QJsonObject &object, const QString &key, FieldErrors &errors,
                   Presence presence, const QString &prefix)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (presence == Presence::Required)
            errors.add(prefix + key, u"is required"_s);
        return {};
    }
    if (!value.isObject()) {
        errors.add(prefix + key, u"must be an object, not %1"_s.arg(typeName(value)));
        return {};
    }
    return value.toObject();
}

qint64 integer(const QJsonObject &object, const QString &key, FieldErrors &errors, qint64 fallback,
               const QString &prefix)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    const double number = value.toDouble();
    if (!value.isDouble() || !isWholeNumber(number)) {
        errors.add(prefix + key, u"must be a whole number, not %1"_s.arg(
                                     value.isDouble() ? QString::number(number) : typeName(value)));
        return fallback;
    }
    return qint64(number);
}

bool isWholeNumber(double number)
{
    // 2^53: beyond it a JSON number no longer names one integer.
    return std::isfinite(number) && number == std::floor(number) &&
           std::abs(number) <= 9007199254740992.0;
}

double number(const QJsonObject &object, const QString &key, FieldErrors &errors, double fallback,
              const QString &prefix)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isDouble()) {
        errors.add(prefix + key, u"must be a number, not %1"_s.arg(typeName(value)));
        return fallback;
    }
    return value.toDouble();
}

bool boolean(const QJsonObject &object, const QString &key, FieldErrors &errors, bool fallback,
             const QString &prefix)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool()) {
        errors.add(prefix + key, u"must be true or false, not %1"_s.arg(typeName(value)));
        return fallback;
    }
    return value.toBool();
}

QJsonArray array(const QJsonObject &object, const QString &key, FieldErrors &errors,
                 const QString &prefix)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray()) {
        errors.add(prefix + key, u"must be an array, not %1"_s.arg(typeName(value)));
        return {};
    }
    return value.toArray();
}

void rejectUnknown(const QJsonObject &object, const QStringList &allowed, FieldErrors &errors,
                   const QString &prefix)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!allowed.contains(it.key()))
            errors.add(prefix + it.key(),
                       u"is not a known field (expected: %1)"_s.arg(allowed.join(u", ")));
    }
}
} // namespace JsonFields
