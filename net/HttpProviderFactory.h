// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpTypes.h"
#include "ProviderFactory.h"

#include <QHash>
#include <QMutex>

class NetworkAccess;
class TwilioClient;
class UltravoxClient;

// The real Ultravox and Twilio clients. One client per set of credentials, kept for reuse (the
// default account and each company's); one network manager per thread, shared by all of them.
class HttpProviderFactory : public ProviderFactory
{
public:
    explicit HttpProviderFactory(HttpClientOptions options = {});
    ~HttpProviderFactory() override;

    bool isSandbox() const override { return false; }
    std::shared_ptr<UltravoxProvider> ultravox(const UltravoxCredentials &credentials) override;
    std::shared_ptr<TwilioProvider> twilio(const TwilioCredentials &credentials) override;

    const HttpClientOptions &options() const { return m_options; }

private:
    HttpClientOptions m_options;
    std::shared_ptr<NetworkAccess> m_network;
    QMutex m_mutex;
    // Keyed by a digest of the credentials and the base URL, so no secret is a map key.
    QHash<QByteArray, std::shared_ptr<UltravoxClient>> m_ultravox;
    QHash<QByteArray, std::shared_ptr<TwilioClient>> m_twilio;
};
