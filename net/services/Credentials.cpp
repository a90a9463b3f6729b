// SPDX-License-Identifier: GPL-3.0-or-later
#include "Credentials.h"

#include "AppError.h"
#include "SecretStore.h"
#include "Validation.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Credentials {
namespace {
QString fromKeychainOrEnvironment(SecretStore &secrets, const QString &key, const char *variable)
{
    if (const std::optional<QString> stored = secrets.read(key); stored && !stored->isEmpty())
        return *stored;
    return qEnvironmentVariable(variable).trimmed();
}
} // namespace

QString generateApiKey()
{
    QByteArray bytes(32, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::system()->bounded(256));
    return u"sb_"_s + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding |
                                                         QByteArray::OmitTrailingEquals));
}

ApiKey loadOrCreateApiKey(SecretStore &secrets)
{
    if (const std::optional<QString> stored = secrets.read(Keys::ApiKey);
        stored && Rules::checkApiKey(*stored).isEmpty())
        return {*stored, ApiKey::Source::Keychain};
    const QString fromEnvironment = qEnvironmentVariable("SWITCHBOARD_API_KEY");
    if (!fromEnvironment.isEmpty()) {
        const QString problem = Rules::checkApiKey(fromEnvironment);
        if (!problem.isEmpty())
            throw AppError::validation(u"SWITCHBOARD_API_KEY"_s, problem);
        return {fromEnvironment, ApiKey::Source::Environment};
    }
    const QString generated = generateApiKey();
    secrets.write(Keys::ApiKey, generated);
    return {generated, ApiKey::Source::Generated};
}

ProviderDefaults loadProviderDefaults(SecretStore &secrets, const QUrl &ultravoxUrl,
                                      const QUrl &twilioUrl)
{
    ProviderDefaults defaults;
    defaults.ultravox.apiKey =
        fromKeychainOrEnvironment(secrets, Keys::UltravoxApiKey, "ULTRAVOX_API_KEY");
    defaults.twilio.accountSid =
        fromKeychainOrEnvironment(secrets, Keys::TwilioAccountSid, "TWILIO_ACCOUNT_SID");
    defaults.twilio.authToken =
        fromKeychainOrEnvironment(secrets, Keys::TwilioAuthToken, "TWILIO_AUTH_TOKEN");
    defaults.fromNumber =
        fromKeychainOrEnvironment(secrets, Keys::TwilioPhoneNumber, "TWILIO_PHONE_NUMBER");
    if (!ultravoxUrl.isEmpty())
        defaults.ultravox.baseUrl = ultravoxUrl;
    if (!twilioUrl.isEmpty())
        defaults.twilio.baseUrl = twilioUrl;

    if (!defaults.ultravox.apiKey.isEmpty())
        if (const QString problem = Rules::checkApiKey(defaults.ultravox.apiKey);
            !problem.isEmpty())
            throw AppError::validation(u"ULTRAVOX_API_KEY"_s, problem);
    if (!defaults.twilio.accountSid.isEmpty())
        if (const QString problem = Rules::checkTwilioAccountSid(defaults.twilio.accountSid);
            !problem.isEmpty())
            throw AppError::validation(u"TWILIO_ACCOUNT_SID"_s, problem);
    if (!defaults.fromNumber.isEmpty())
        if (const QString problem = Rules::checkPhoneNumber(defaults.fromNumber);
            !problem.isEmpty())
            throw AppError::validation(u"TWILIO_PHONE_NUMBER"_s, problem);
    return defaults;
}
} // namespace Credentials
