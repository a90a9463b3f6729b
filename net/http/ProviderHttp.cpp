// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderHttp.h"

#include "NetworkAccess.h"
#include "NetworkJob.h"

#include <QJsonDocument>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcProviderHttp, "switchboard.providers.http")

namespace {
// "https://api.ultravox.ai/api" and ".../api/" both mean the folder: relative paths resolve
// under it only with the slash.
QUrl asFolder(QUrl url)
{
    if (!url.path().endsWith(u'/'))
        url.setPath(url.path() + u'/');
    return url;
}

int portOf(const QUrl &url)
{
    return url.port(url.scheme() == u"https"_s ? 443 : 80);
}
} // namespace

ProviderHttp::ProviderHttp(QString provider, QUrl baseUrl, HttpHeaders authHeaders,
                           std::shared_ptr<NetworkAccess> network, HttpClientOptions options)
    : m_provider(std::move(provider))
    , m_baseUrl(asFolder(std::move(baseUrl)))
    , m_authHeaders(std::move(authHeaders))
    , m_network(std::move(network))
    , m_options(options)
{
}

QUrl ProviderHttp::url(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl.resolved(QUrl(path, QUrl::StrictMode));
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

bool ProviderHttp::sameOrigin(const QUrl &url) const
{
    return url.scheme().compare(m_baseUrl.scheme(), Qt::CaseInsensitive) == 0 &&
           url.host().compare(m_baseUrl.host(), Qt::CaseInsensitive) == 0 &&
           portOf(url) == portOf(m_baseUrl);
}

HttpRequest ProviderHttp::request(const QByteArray &method, const QUrl &url) const
{
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.headers = m_authHeaders;
    request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    request.headers.append(qMakePair(QByteArray("User-Agent"), QByteArray("Switchboard")));
    return request;
}

void ProviderHttp::send(HttpRequest request, QObject *context,
                        std::function<void(const HttpReply &)> handle) const
{
    auto *job = new NetworkJob(m_network->forCurrentThread(), std::move(request),
                               m_options.timeoutMs, m_options.reads);
    QObject::connect(job, &NetworkJob::finished, context,
                     [provider = m_provider, handle = std::move(handle)](const HttpReply &reply) {
                         try {
                             handle(reply);
                         } catch (const std::exception &unexpected) {
                             qCWarning(lcProviderHttp) << "handling an answer of" << provider
                                                       << "failed:" << unexpected.what();
                         }
                     });
    job->start();
}

std::optional<QJsonObject> ProviderHttp::object(const HttpReply &reply, ProviderError *error) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = ProviderErrors::badBody(
            m_provider, reply,
            reply.body.trimmed().isEmpty()
                ? u"the answer has an empty body where JSON was expected"_s
                : u"the answer is not a JSON object (%1)"_s.arg(
                      parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                   : u"another JSON value"_s));
        return std::nullopt;
    }
    return document.object();
}
