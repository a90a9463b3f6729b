// SPDX-License-Identifier: GPL-3.0-or-later
#include "Credentials.h"

#include "AppError.h"
#include "SecretStore.h"
#include "Validation.h"

#include <QFile>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Credentials {
namespace {
// Written once by main() before the services start, read-only afterwards.
QHash<QString, QString> &commandLineValues()
{
    static QHash<QString, QString> values;
    return values;
}

const QStringList &allVariables()
{
    static const QStringList variables{Variables::ApiKey, Variables::UltravoxApiKey,
                                       Variables::TwilioAccountSid, Variables::TwilioAuthToken,
                                       Variables::TwilioPhoneNumber};
    return variables;
}

// The explicitly set value, else the keychain's; `sources` learns which one it was.
QString resolve(SecretStore &secrets, const QString &key, const QString &variable,
                QMap<QString, QString> *sources)
{
    if (const Override given = overrideFor(variable)) {
        sources->insert(variable, describe(given.source));
        return given.value;
    }
    if (const std::optional<QString> stored = secrets.read(key); stored && !stored->isEmpty()) {
        sources->insert(variable, describe(Source::Keychain));
        return *stored;
    }
    sources->insert(variable, describe(Source::Unset));
    return {};
}
} // namespace

QString variableFor(const QString &keychainKey)
{
    static const QHash<QString, QString> variables{
        {Keys::ApiKey, Variables::ApiKey},
        {Keys::UltravoxApiKey, Variables::UltravoxApiKey},
        {Keys::TwilioAccountSid, Variables::TwilioAccountSid},
        {Keys::TwilioAuthToken, Variables::TwilioAuthToken},
        {Keys::TwilioPhoneNumber, Variables::TwilioPhoneNumber}};
    return variables.value(keychainKey);
}

QString describe(Source source)
{
    switch (source) {
    case Source::CommandLine:
        return u"command line"_s;
    case Source::Environment:
        return u"environment"_s;
    case Source::Keychain:
        return u"keychain"_s;
    case Source::Generated:
        return u"generated"_s;
    case Source::Unset:
        break;
    }
    return u"not set"_s;
}

Override overrideFor(const QString &variable)
{
    if (const QString given = commandLineValues().value(variable).trimmed(); !given.isEmpty())
        return {Source::CommandLine, given};
    if (const QString given = qEnvironmentVariable(variable.toLatin1().constData()).trimmed();
        !given.isEmpty())
        return {Source::Environment, given};
    return {};
}

void setCommandLineValues(const QHash<QString, QString> &values)
{
    commandLineValues() = values;
}

QHash<QString, QString> parseCredentials(const QByteArray &text, const QString &origin)
{
    QHash<QString, QString> values;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const QString line = QString::fromUtf8(lines.at(index)).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QString where = u"%1 line %2"_s.arg(origin).arg(index + 1);
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0)
            throw AppError::validation(where, u"expected NAME=value"_s);
        const QString name = line.left(equals).trimmed();
        if (!allVariables().contains(name))
            throw AppError::validation(where, u"unknown name '%1'; expected one of %2"_s.arg(
                                                  name.left(64), allVariables().join(u", "_s)));
        QString value = line.mid(equals + 1).trimmed();
        // Quotes as in systemd's EnvironmentFile= and docker's --env-file.
        if (value.size() >= 2 && (value.startsWith(u'"') || value.startsWith(u'\'')) &&
            value.endsWith(value.front()))
            value = value.mid(1, value.size() - 2);
        if (value.isEmpty())
            throw AppError::validation(where, u"%1 has no value"_s.arg(name));
        values.insert(name, value);
    }
    return values;
}

QHash<QString, QString> readCredentialsFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw AppError::validation(u"--credentials"_s,
                                   u"cannot read %1: %2"_s.arg(path, file.errorString()));
    constexpr qint64 Limit = 64 * 1024; // five short lines; anything bigger is not this file
    if (file.size() > Limit)
        throw AppError::validation(u"--credentials"_s,
                                   u"%1 is larger than %2 bytes"_s.arg(path).arg(Limit));
    return parseCredentials(file.read(Limit), path);
}

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
    if (const Override given = overrideFor(Variables::ApiKey)) {
        if (const QString problem = Rules::checkApiKey(given.value); !problem.isEmpty())
            throw AppError::validation(Variables::ApiKey, problem);
        return {given.value, given.source};
    }
    if (const std::optional<QString> stored = secrets.read(Keys::ApiKey);
        stored && Rules::checkApiKey(*stored).isEmpty())
        return {*stored, Source::Keychain};
    const QString generated = generateApiKey();
    secrets.write(Keys::ApiKey, generated);
    return {generated, Source::Generated};
}

ProviderDefaults loadProviderDefaults(SecretStore &secrets, const QUrl &ultravoxUrl,
                                      const QUrl &twilioUrl)
{
    ProviderDefaults defaults;
    QMap<QString, QString> *sources = &defaults.sources;
    defaults.ultravox.apiKey =
        resolve(secrets, Keys::UltravoxApiKey, Variables::UltravoxApiKey, sources);
    defaults.twilio.accountSid =
        resolve(secrets, Keys::TwilioAccountSid, Variables::TwilioAccountSid, sources);
    defaults.twilio.authToken =
        resolve(secrets, Keys::TwilioAuthToken, Variables::TwilioAuthToken, sources);
    defaults.fromNumber =
        resolve(secrets, Keys::TwilioPhoneNumber, Variables::TwilioPhoneNumber, sources);
    if (!ultravoxUrl.isEmpty())
        defaults.ultravox.baseUrl = ultravoxUrl;
    if (!twilioUrl.isEmpty())
        defaults.twilio.baseUrl = twilioUrl;

    if (!defaults.ultravox.apiKey.isEmpty())
        if (const QString problem = Rules::checkApiKey(defaults.ultravox.apiKey);
            !problem.isEmpty())
            throw AppError::validation(Variables::UltravoxApiKey, problem);
    if (!defaults.twilio.accountSid.isEmpty())
        if (const QString problem = Rules::checkTwilioAccountSid(defaults.twilio.accountSid);
            !problem.isEmpty())
            throw AppError::validation(Variables::TwilioAccountSid, problem);
    if (!defaults.fromNumber.isEmpty())
        if (const QString problem = Rules::checkPhoneNumber(defaults.fromNumber);
            !problem.isEmpty())
            throw AppError::validation(Variables::TwilioPhoneNumber, problem);
    return defaults;
}
} // namespace Credentials
