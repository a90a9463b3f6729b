// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

// The spec's validation rules, one function per rule. Each returns an empty string when the value
// is valid and otherwise a message that reads well after the field name ("must be ..."). The REST
// API and the window's forms call the same functions, so both say the same thing.
namespace Rules {
constexpr int AgentNameMax = 100;
constexpr int PromptMax = 10000;
constexpr int VoiceMax = 100;
constexpr int VariableKeyMax = 100;
constexpr int VariableValueMax = 1000;
constexpr int MaxVariables = 50;
constexpr int PhoneMin = 8;
constexpr int PhoneMax = 18;
constexpr int ApiKeyMin = 10;
constexpr int ApiKeyMax = 200;
constexpr int IdMax = 100;
constexpr int CompanyNameMax = 100;
constexpr int SecretMax = 200;

QString checkAgentName(const QString &name);
QString checkPrompt(const QString &prompt);
QString checkVoice(const QString &voice);
QString checkLanguage(const QString &language);
QString checkVariableKey(const QString &key);
QString checkVariableValue(const QString &value);
QString checkVariableCount(qsizetype count);
QString checkPhoneNumber(const QString &number);
QString checkApiKey(const QString &key);
QString checkResourceId(const QString &id);
QString checkCompanyName(const QString &name);
QString checkTwilioAccountSid(const QString &sid);
QString checkSecret(const QString &secret);
QString checkHttpUrl(const QString &url);
// An http(s) URL that may carry credentials: https, or http to localhost only.
QString checkProviderUrl(const QString &url);

const QStringList &reservedVariableKeys();
bool isBlank(const QString &text);
qsizetype characterCount(const QString &text); // code points, not UTF-16 units
} // namespace Rules

// Collects every violation of a request so the client sees them all at once, each under the name
// of the field that broke a rule ("template_variables.order_id").
class FieldErrors
{
public:
    void add(const QString &field, const QString &message);
    // Adds the message of a rule check when it is not empty; returns whether the value passed.
    bool check(const QString &field, const QString &ruleMessage);
    bool isEmpty() const { return m_errors.isEmpty(); }
    bool contains(const QString &field) const { return m_errors.contains(field); }
    const QJsonObject &toJson() const { return m_errors; }
    // Throws a Validation AppError naming the fields when any rule was broken.
    void throwIfAny() const;

private:
    QJsonObject m_errors;
};

// Typed reads from a JSON object that report wrong types as field errors instead of crashing.
namespace JsonFields {
enum class Presence { Required, Optional };

// Returns the string, or `fallback` when absent/null and optional. Wrong types are reported.
QString string(const QJsonObject &object, const QString &key, FieldErrors &errors,
               Presence presence, const QString &fallback = {}, const QString &prefix = {});
QJsonObject object(const QJsonObject &object, const QString &key, FieldErrors &errors,
                   Presence presence, const QString &prefix = {});
// Reports fields not in `allowed`, naming the ones that are expected.
void rejectUnknown(const QJsonObject &object, const QStringList &allowed, FieldErrors &errors,
                   const QString &prefix = {});
QString typeName(const QJsonValue &value);
} // namespace JsonFields
