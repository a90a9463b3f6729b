// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Company.h"
#include "ProviderFactory.h"

#include <QMap>
#include <QMutex>

class SecretStore;

// The credentials used for agents and for calls placed through /api/v1 (not through a company):
// from the keychain, else from the environment. See app/ProviderSettings.
struct ProviderDefaults
{
    UltravoxCredentials ultravox;
    TwilioCredentials twilio;
    QString fromNumber;
    // Where each value came from, by variable name (ULTRAVOX_API_KEY -> "environment"); never a
    // value. Health's detailed answer shows it.
    QMap<QString, QString> sources;

    bool ultravoxConfigured() const { return !ultravox.apiKey.isEmpty(); }
    bool twilioConfigured() const
    {
        return !twilio.accountSid.isEmpty() && !twilio.authToken.isEmpty() && !fromNumber.isEmpty();
    }
};

// Hands out the right provider for an action: the sandbox, the default accounts, or a company's.
// Throws AppError(Unavailable) naming what is missing when an account is not configured.
class ProviderHub
{
public:
    ProviderHub(ProviderFactory &factory, ProviderDefaults defaults, SecretStore &secrets);

    bool isSandbox() const { return m_factory.isSandbox(); }
    ProviderDefaults defaults() const;
    void setDefaults(const ProviderDefaults &defaults);

    std::shared_ptr<UltravoxProvider> defaultUltravox() const;
    std::shared_ptr<TwilioProvider> defaultTwilio() const;
    QString defaultFromNumber() const;

    std::shared_ptr<UltravoxProvider> companyUltravox(const Company &company) const;
    std::shared_ptr<TwilioProvider> companyTwilio(const Company &company) const;

    // What is wrong with the default configuration of each provider; empty when usable.
    QString ultravoxProblem() const;
    QString twilioProblem() const;

private:
    ProviderFactory &m_factory;
    SecretStore &m_secrets;
    mutable QMutex m_mutex;
    ProviderDefaults m_defaults;
};
