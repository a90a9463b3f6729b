// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHub.h"

#include <QString>

class QUrl;
class SecretStore;

// Where the local API key and the default provider accounts come from: the keychain, else the
// environment (SWITCHBOARD_API_KEY, ULTRAVOX_API_KEY, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
// TWILIO_PHONE_NUMBER).
namespace Credentials {
namespace Keys {
inline const QString ApiKey = QStringLiteral("api_key");
inline const QString UltravoxApiKey = QStringLiteral("ultravox_api_key");
inline const QString TwilioAccountSid = QStringLiteral("twilio_account_sid");
inline const QString TwilioAuthToken = QStringLiteral("twilio_auth_token");
inline const QString TwilioPhoneNumber = QStringLiteral("twilio_phone_number");
} // namespace Keys

struct ApiKey
{
    QString key;
    enum class Source { Keychain, Environment, Generated } source = Source::Generated;
};

// The local API key: from the keychain, else SWITCHBOARD_API_KEY, else a new random one that is
// stored in the keychain. Throws AppError(Validation) when the environment's key breaks the rules.
ApiKey loadOrCreateApiKey(SecretStore &secrets);
QString generateApiKey();

// The default Ultravox and Twilio accounts; empty URLs keep the providers' own. Throws
// AppError(Validation) naming a variable whose value is malformed.
ProviderDefaults loadProviderDefaults(SecretStore &secrets, const QUrl &ultravoxUrl,
                                      const QUrl &twilioUrl);
} // namespace Credentials
