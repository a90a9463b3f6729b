// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHub.h"

#include <QHash>
#include <QString>

class QUrl;
class SecretStore;

// Where the local API key and the default provider accounts come from. What is set explicitly
// wins, as users of systemd units and containers expect: the command line's credentials file,
// then the environment (SWITCHBOARD_API_KEY, ULTRAVOX_API_KEY, TWILIO_ACCOUNT_SID,
// TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER), then the keychain.
namespace Credentials {
namespace Keys {
inline const QString ApiKey = QStringLiteral("api_key");
inline const QString UltravoxApiKey = QStringLiteral("ultravox_api_key");
inline const QString TwilioAccountSid = QStringLiteral("twilio_account_sid");
inline const QString TwilioAuthToken = QStringLiteral("twilio_auth_token");
inline const QString TwilioPhoneNumber = QStringLiteral("twilio_phone_number");
} // namespace Keys

namespace Variables {
inline const QString ApiKey = QStringLiteral("SWITCHBOARD_API_KEY");
inline const QString UltravoxApiKey = QStringLiteral("ULTRAVOX_API_KEY");
inline const QString TwilioAccountSid = QStringLiteral("TWILIO_ACCOUNT_SID");
inline const QString TwilioAuthToken = QStringLiteral("TWILIO_AUTH_TOKEN");
inline const QString TwilioPhoneNumber = QStringLiteral("TWILIO_PHONE_NUMBER");
} // namespace Variables

// The variable that names the credential kept in the keychain under `keychainKey`.
QString variableFor(const QString &keychainKey);

enum class Source { Unset, CommandLine, Environment, Keychain, Generated };
// "command line", "environment", "keychain", "generated" or "not set": never the value.
QString describe(Source source);

// A value set outside the keychain, and where.
struct Override
{
    Source source = Source::Unset;
    QString value;
    explicit operator bool() const { return source != Source::Unset; }
};
// The command line's value for `variable`, else the environment's; Unset when neither has one.
Override overrideFor(const QString &variable);
// The values the command line gave (--credentials FILE), by variable name. Set once at startup,
// before any credential is read.
void setCommandLineValues(const QHash<QString, QString> &values);
// Reads a credentials file: NAME=value lines for the five variables, '#' comments, blank lines.
// Throws AppError(Validation) naming the file, line and problem.
QHash<QString, QString> readCredentialsFile(const QString &path);
QHash<QString, QString> parseCredentials(const QByteArray &text, const QString &origin);

struct ApiKey
{
    QString key;
    Source source = Source::Generated;
};

// The local API key: from the command line or the environment, else the keychain, else a new
// random one that is stored in the keychain. Throws AppError(Validation) when an explicitly set
// key breaks the rules.
ApiKey loadOrCreateApiKey(SecretStore &secrets);
QString generateApiKey();

// The default Ultravox and Twilio accounts, with where each value came from in `sources`; empty
// URLs keep the providers' own. Throws AppError(Validation) naming a variable whose value is
// malformed.
ProviderDefaults loadProviderDefaults(SecretStore &secrets, const QUrl &ultravoxUrl,
                                      const QUrl &twilioUrl);
} // namespace Credentials
