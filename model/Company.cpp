// SPDX-License-Identifier: GPL-3.0-or-later
#include "Company.h"

#include "CallSettings.h"

#include "Timestamps.h"
#include "Validation.h"

using namespace Qt::StringLiterals;

bool TwilioSettings::operator==(const TwilioSettings &other) const
{
    return accountSid == other.accountSid && phoneNumber == other.phoneNumber &&
           hasAuthToken == other.hasAuthToken;
}

bool UltravoxSettings::operator==(const UltravoxSettings &other) const
{
    return apiUrl == other.apiUrl && systemPrompt == other.systemPrompt && model == other.model &&
           voice == other.voice && firstSpeaker == other.firstSpeaker &&
           hasApiKey == other.hasApiKey;
}

QJsonObject Company::toJson() const
{
    QJsonObject json{{u"id"_s, id},
                     {u"name"_s, name},
                     {u"created_at"_s, Timestamps::iso(createdAt)},
                     {u"updated_at"_s, Timestamps::iso(updatedAt)},
                     {u"version"_s, version}};
    json.insert(u"twilio"_s,
                twilio ? QJsonValue(QJsonObject{{u"account_sid"_s, twilio->accountSid},
                                                {u"phone_number"_s, twilio->phoneNumber},
                                                {u"auth_token_set"_s, twilio->hasAuthToken}})
                       : QJsonValue());
    json.insert(u"ultravox"_s,
                ultravox ? QJsonValue(QJsonObject{{u"api_url"_s, ultravox->apiUrl},
                                                  {u"system_prompt"_s, ultravox->systemPrompt},
                                                  {u"model"_s, ultravox->model},
                                                  {u"voice"_s, ultravox->voice},
                                                  {u"first_speaker"_s, ultravox->firstSpeaker},
                                                  {u"api_key_set"_s, ultravox->hasApiKey}})
                         : QJsonValue());
    return json;
}

namespace {
using namespace JsonFields;

std::optional<TwilioSettings> readTwilio(const QJsonObject &body, const Company *existing,
                                         CompanySecrets &secrets, FieldErrors &errors)
{
    const QString prefix = u"twilio."_s;
    if (!body.contains(u"twilio"_s) || body.value(u"twilio"_s).isNull())
        return std::nullopt;
    const QJsonObject json = object(body, u"twilio"_s, errors, Presence::Optional);
    rejectUnknown(json, {u"account_sid"_s, u"auth_token"_s, u"phone_number"_s}, errors, prefix);

    TwilioSettings settings;
    settings.accountSid = string(json, u"account_sid"_s, errors, Presence::Required, {}, prefix);
    if (!errors.contains(prefix + u"account_sid"_s))
        errors.check(prefix + u"account_sid"_s, Rules::checkTwilioAccountSid(settings.accountSid));
    settings.phoneNumber = string(json, u"phone_number"_s, errors, Presence::Required, {}, prefix);
    if (!errors.contains(prefix + u"phone_number"_s))
        errors.check(prefix + u"phone_number"_s, Rules::checkPhoneNumber(settings.phoneNumber));

    const bool hadToken = existing && existing->twilio && existing->twilio->hasAuthToken;
    const QString token = string(json, u"auth_token"_s, errors,
                                 hadToken ? Presence::Optional : Presence::Required, {}, prefix);
    if (json.contains(u"auth_token"_s) && !errors.contains(prefix + u"auth_token"_s) &&
        errors.check(prefix + u"auth_token"_s, Rules::checkSecret(token)))
        secrets.twilioAuthToken = token;
    settings.hasAuthToken = hadToken || secrets.twilioAuthToken.has_value();
    return settings;
}

std::optional<UltravoxSettings> readUltravox(const QJsonObject &body, const Company *existing,
                                             CompanySecrets &secrets, FieldErrors &errors)
{
    const QString prefix = u"ultravox."_s;
    if (!body.contains(u"ultravox"_s) || body.value(u"ultravox"_s).isNull())
        return std::nullopt;
    const QJsonObject json = object(body, u"ultravox"_s, errors, Presence::Optional);
    rejectUnknown(json,
                  {u"api_key"_s, u"api_url"_s, u"system_prompt"_s, u"model"_s, u"voice"_s,
                   u"first_speaker"_s},
                  errors, prefix);

    UltravoxSettings settings;
    settings.apiUrl =
        string(json, u"api_url"_s, errors, Presence::Optional, settings.apiUrl, prefix);
    if (!errors.contains(prefix + u"api_url"_s))
        errors.check(prefix + u"api_url"_s, Rules::checkProviderUrl(settings.apiUrl));
    settings.systemPrompt =
        string(json, u"system_prompt"_s, errors, Presence::Required, {}, prefix);
    if (!errors.contains(prefix + u"system_prompt"_s))
        errors.check(prefix + u"system_prompt"_s, Rules::checkPrompt(settings.systemPrompt));
    settings.model = string(json, u"model"_s, errors, Presence::Optional, settings.model, prefix);
    // The same rule as an agent's model.
    if (!errors.contains(prefix + u"model"_s))
        errors.check(prefix + u"model"_s, Rules::checkModel(settings.model));
    settings.voice = string(json, u"voice"_s, errors, Presence::Optional, settings.voice, prefix);
    if (!errors.contains(prefix + u"voice"_s))
        errors.check(prefix + u"voice"_s, Rules::checkVoice(settings.voice));
    settings.firstSpeaker =
        string(json, u"first_speaker"_s, errors, Presence::Optional, settings.firstSpeaker, prefix);
    // The spec's FIRST_SPEAKER_USER / FIRST_SPEAKER_AGENT, or an agent's 'callee' / 'agent';
    // kept in the spec's words, which GET answers with.
    FirstSpeaker speaker = FirstSpeaker::Callee;
    if (!errors.contains(prefix + u"first_speaker"_s)) {
        if (!firstSpeakerFromString(settings.firstSpeaker, &speaker))
            errors.add(
                prefix + u"first_speaker"_s,
                u"must be 'callee' or 'agent' (or FIRST_SPEAKER_USER / FIRST_SPEAKER_AGENT)"_s);
        else
            settings.firstSpeaker =
                speaker == FirstSpeaker::Agent ? u"FIRST_SPEAKER_AGENT"_s : u"FIRST_SPEAKER_USER"_s;
    }

    const bool hadKey = existing && existing->ultravox && existing->ultravox->hasApiKey;
    const QString key = string(json, u"api_key"_s, errors,
                               hadKey ? Presence::Optional : Presence::Required, {}, prefix);
    if (json.contains(u"api_key"_s) && !errors.contains(prefix + u"api_key"_s) &&
        errors.check(prefix + u"api_key"_s, Rules::checkApiKey(key)))
        secrets.ultravoxApiKey = key;
    settings.hasApiKey = hadKey || secrets.ultravoxApiKey.has_value();
    return settings;
}
} // namespace

CompanyInput CompanyInput::fromJson(const QJsonObject &json, const Company *existing,
                                    FieldErrors &errors)
{
    rejectUnknown(json, {u"name"_s, u"twilio"_s, u"ultravox"_s}, errors);
    CompanyInput input;
    input.company.name = string(json, u"name"_s, errors, Presence::Required);
    if (!errors.contains(u"name"_s))
        errors.check(u"name"_s, Rules::checkCompanyName(input.company.name));
    input.company.twilio = readTwilio(json, existing, input.secrets, errors);
    input.company.ultravox = readUltravox(json, existing, input.secrets, errors);
    if (existing) {
        input.company.id = existing->id;
        input.company.createdAt = existing->createdAt;
        input.company.version = existing->version;
    }
    return input;
}

namespace CompanySecretKeys {
QString twilioAuthToken(qint64 companyId)
{
    return u"company/%1/twilio_auth_token"_s.arg(companyId);
}

QString ultravoxApiKey(qint64 companyId)
{
    return u"company/%1/ultravox_api_key"_s.arg(companyId);
}
} // namespace CompanySecretKeys
