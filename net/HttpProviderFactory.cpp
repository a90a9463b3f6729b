// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpProviderFactory.h"

#include "NetworkAccess.h"
#include "TwilioClient.h"
#include "UltravoxClient.h"

#include <QCryptographicHash>

namespace {
QByteArray digest(const QStringList &parts)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &part : parts) {
        hash.addData(part.toUtf8());
        hash.addData(QByteArrayView("\n", 1));
    }
    return hash.result();
}
} // namespace

HttpProviderFactory::HttpProviderFactory(HttpClientOptions options)
    : m_options(options)
    , m_network(std::make_shared<NetworkAccess>())
{
}

HttpProviderFactory::~HttpProviderFactory() = default;

std::shared_ptr<UltravoxProvider>
HttpProviderFactory::ultravox(const UltravoxCredentials &credentials)
{
    const QByteArray key = digest({credentials.apiKey, credentials.baseUrl.toString()});
    QMutexLocker locker(&m_mutex);
    std::shared_ptr<UltravoxClient> &client = m_ultravox[key];
    if (!client)
        client = std::make_shared<UltravoxClient>(credentials, m_network, m_options);
    return client;
}

std::shared_ptr<TwilioProvider> HttpProviderFactory::twilio(const TwilioCredentials &credentials)
{
    const QByteArray key =
        digest({credentials.accountSid, credentials.authToken, credentials.baseUrl.toString()});
    QMutexLocker locker(&m_mutex);
    std::shared_ptr<TwilioClient> &client = m_twilio[key];
    if (!client)
        client = std::make_shared<TwilioClient>(credentials, m_network, m_options);
    return client;
}
