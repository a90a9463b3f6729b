// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
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
// The call template (see CallSettings): limits of what an agent may ask of Ultravox.
constexpr int ModelMax = 100;
constexpr int SpokenTextMax = 1000; // greetings, voicemail, time-exceeded and inactivity messages
constexpr int GreetingDelayMaxMs = 10000;
constexpr int MaxDurationMinSeconds = 10;
constexpr int MaxDurationMaxSeconds = 7200;
constexpr int JoinTimeoutMinSeconds = 1;
constexpr int JoinTimeoutMaxSeconds = 300;
constexpr int InactivityMessagesMax = 10;
constexpr int InactivityMinSeconds = 1;
constexpr int InactivityMaxSeconds = 3600;
constexpr int VadMaxMs = 5000;

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
// A model name such as "ultravox-v0.7" or "fixie-ai/ultravox".
QString checkModel(const QString &model);
QString checkTemperature(double temperature);
// A whole number between `min` and `max` (inclusive), `unit` naming what it counts.
QString checkRange(qint64 value, qint64 min, qint64 max, const QString &unit);
// Something the agent says: at most SpokenTextMax characters; `required` forbids blank.
QString checkSpokenText(const QString &text, bool required);

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
// Optional values of other types: `fallback` when absent or null, wrong types reported.
qint64 integer(const QJsonObject &object, const QString &key, FieldErrors &errors, qint64 fallback,
               const QString &prefix = {});
double number(const QJsonObject &object, const QString &key, FieldErrors &errors, double fallback,
              const QString &prefix = {});
bool boolean(const QJsonObject &object, const QString &key, FieldErrors &errors, bool fallback,
             const QString &prefix = {});
QJsonArray array(const QJsonObject &object, const QString &key, FieldErrors &errors,
                 const QString &prefix = {});
// Reports fields not in `allowed`, naming the ones that are expected.
void rejectUnknown(const QJsonObject &object, const QStringList &allowed, FieldErrors &errors,
                   const QString &prefix = {});
QString typeName(const QJsonValue &value);
// Whether a JSON number names exactly one integer (finite, whole, within ±2^53), so that casting
// it to qint64 is defined.
bool isWholeNumber(double number);
} // namespace JsonFields
