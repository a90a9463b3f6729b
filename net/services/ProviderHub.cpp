// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderHub.h"

#include "AppError.h"
#include "SandboxScenarios.h"
#include "SecretStore.h"

using namespace Qt::StringLiterals;

ProviderHub::ProviderHub(ProviderFactory &factory, ProviderDefaults defaults, SecretStore &secrets)
    : m_factory(factory)
    , m_secrets(secrets)
    , m_defaults(std::move(defaults))
{
}

ProviderDefaults ProviderHub::defaults() const
{
    QMutexLocker locker(&m_mutex);
    return m_defaults;
}

void ProviderHub::setDefaults(const ProviderDefaults &defaults)
{
    QMutexLocker locker(&m_mutex);
    m_defaults = defaults;
}

QString ProviderHub::ultravoxProblem() const
{
    if (isSandbox() || defaults().ultravoxConfigured())
        return {};
    return u"Ultravox is not configured: set ULTRAVOX_API_KEY, add the key in Settings, or start "
           u"with --sandbox"_s;
}

QString ProviderHub::twilioProblem() const
{
    if (isSandbox())
        return {};
    const ProviderDefaults current = defaults();
    QStringList missing;
    if (current.twilio.accountSid.isEmpty())
        missing << u"TWILIO_ACCOUNT_SID"_s;
    if (current.twilio.authToken.isEmpty())
        missing << u"TWILIO_AUTH_TOKEN"_s;
    if (current.fromNumber.isEmpty())
        missing << u"TWILIO_PHONE_NUMBER"_s;
    if (missing.isEmpty())
        return {};
    return u"Twilio is not configured: set %1, add them in Settings, or start with --sandbox"_s.arg(
        missing.join(u", "_s));
}

std::shared_ptr<UltravoxProvider> ProviderHub::defaultUltravox() const
{
    const QString problem = ultravoxProblem();
    if (!problem.isEmpty())
        throw AppError(ErrorKind::Unavailable, problem, {{u"provider"_s, u"ultravox"_s}});
    return m_factory.ultravox(defaults().ultravox);
}

std::shared_ptr<TwilioProvider> ProviderHub::defaultTwilio() const
{
    const QString problem = twilioProblem();
    if (!problem.isEmpty())
        throw AppError(ErrorKind::Unavailable, problem, {{u"provider"_s, u"twilio"_s}});
    return m_factory.twilio(defaults().twilio);
}

QString ProviderHub::defaultFromNumber() const
{
    const QString configured = defaults().fromNumber;
    if (configured.isEmpty() && isSandbox())
        return Sandbox::DefaultFromNumber;
    return configured;
}

std::shared_ptr<UltravoxProvider> ProviderHub::companyUltravox(const Company &company) const
{
    UltravoxCredentials credentials;
    if (company.ultravox)
        credentials.baseUrl =
            QUrl(company.ultravox->apiUrl.endsWith(u'/') ? company.ultravox->apiUrl
                                                         : company.ultravox->apiUrl + u'/');
    if (!isSandbox()) {
        const auto key = m_secrets.read(CompanySecretKeys::ultravoxApiKey(company.id));
        if (!key)
            throw AppError(ErrorKind::Unavailable,
                           u"The Ultravox API key of company %1 is not in the keychain; set it "
                           u"again (PUT /api/v1/companies/%1)"_s.arg(company.id),
                           {{u"provider"_s, u"ultravox"_s}, {u"company_id"_s, company.id}});
        credentials.apiKey = *key;
    }
    return m_factory.ultravox(credentials);
}

std::shared_ptr<TwilioProvider> ProviderHub::companyTwilio(const Company &company) const
{
    TwilioCredentials credentials = defaults().twilio;
    credentials.accountSid = company.twilio ? company.twilio->accountSid : QString();
    if (!isSandbox()) {
        const auto token = m_secrets.read(CompanySecretKeys::twilioAuthToken(company.id));
        if (!token)
            throw AppError(ErrorKind::Unavailable,
                           u"The Twilio auth token of company %1 is not in the keychain; set it "
                           u"again (PUT /api/v1/companies/%1)"_s.arg(company.id),
                           {{u"provider"_s, u"twilio"_s}, {u"company_id"_s, company.id}});
        credentials.authToken = *token;
    }
    return m_factory.twilio(credentials);
}
