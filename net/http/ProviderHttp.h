// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpTypes.h"
#include "ProviderErrors.h"

#include <QJsonObject>
#include <QSet>
#include <QUrlQuery>

#include <functional>
#include <memory>

class NetworkAccess;
class QObject;

// What the Ultravox and Twilio clients share: the base URL, the credentials' headers, the
// network of the calling thread, the timeout and retry policy. Cheap to copy.
class ProviderHttp
{
public:
    ProviderHttp(QString provider, QUrl baseUrl, HttpHeaders authHeaders,
                 std::shared_ptr<NetworkAccess> network, HttpClientOptions options);

    const QString &provider() const { return m_provider; }
    const HttpClientOptions &options() const { return m_options; }
    // `path` relative to the base URL ("agents/ab-12"), each segment already percent-encoded.
    QUrl url(const QString &path, const QUrlQuery &query = {}) const;
    // Whether `url` goes to the same scheme, host and port as the base URL: the credentials are
    // only ever sent there, whatever a `next` link in a body says.
    bool sameOrigin(const QUrl &url) const;
    HttpRequest request(const QByteArray &method, const QUrl &url) const;

    // Sends `request` and hands the reply to `handle` on this thread, never once `context` is
    // gone. An exception thrown by `handle` is logged, not let loose in the event loop.
    void send(HttpRequest request, QObject *context,
              std::function<void(const HttpReply &)> handle) const;

    // The reply's body as a JSON object, or why not.
    std::optional<QJsonObject> object(const HttpReply &reply, ProviderError *error) const;

private:
    QString m_provider;
    QUrl m_baseUrl;
    HttpHeaders m_authHeaders;
    std::shared_ptr<NetworkAccess> m_network;
    HttpClientOptions m_options;
};

// Sends a request whose success is read by `parse` (Outcome<T>(const HttpReply &)); an error
// status or a transport failure becomes the provider's ProviderError.
template<typename T, typename Parse>
void sendFor(const ProviderHttp &http, HttpRequest request, QObject *context, Callback<T> done,
             Parse parse)
{
    http.send(std::move(request), context,
              [provider = http.provider(), done = std::move(done),
               parse = std::move(parse)](const HttpReply &reply) {
                  if (!reply.isSuccess()) {
                      done(ProviderErrors::fromReply(provider, reply));
                      return;
                  }
                  done(parse(reply));
              });
}

// Reads one page: appends its items and sets `next` (empty on the last page), or says what is
// wrong with it.
template<typename Item>
using PageReader =
    std::function<std::optional<ProviderError>(const HttpReply &, QList<Item> &, QUrl *next)>;

// Follows a paginated list from `first` through every `next` link, then answers with all items.
template<typename Item>
class PageWalk : public std::enable_shared_from_this<PageWalk<Item>>
{
public:
    static void start(const ProviderHttp &http, const QUrl &first, QObject *context,
                      Callback<QList<Item>> done, PageReader<Item> read)
    {
        auto walk = std::shared_ptr<PageWalk>(new PageWalk(http, context, done, read));
        walk->fetch(first);
    }

private:
    PageWalk(const ProviderHttp &http, QObject *context, Callback<QList<Item>> done,
             PageReader<Item> read)
        : m_http(http)
        , m_context(context)
        , m_done(std::move(done))
        , m_read(std::move(read))
    {
    }

    void fetch(const QUrl &url)
    {
        m_seen.insert(url.toString());
        auto self = this->shared_from_this();
        m_http.send(m_http.request("GET", url), m_context,
                    [self](const HttpReply &reply) { self->onPage(reply); });
    }

    void onPage(const HttpReply &reply)
    {
        if (!reply.isSuccess()) {
            m_done(ProviderErrors::fromReply(m_http.provider(), reply));
            return;
        }
        QUrl next;
        if (const std::optional<ProviderError> error = m_read(reply, m_items, &next)) {
            m_done(*error);
            return;
        }
        if (next.isEmpty()) {
            m_done(m_items);
            return;
        }
        QString problem;
        if (!next.isValid() || !m_http.sameOrigin(next))
            problem = QStringLiteral("the next page is at %1, not at the API's own address; it "
                                     "was not followed")
                          .arg(next.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
        else if (m_seen.contains(next.toString()))
            problem = QStringLiteral("the next page link points back to a page already read");
        else if (m_seen.size() >= m_http.options().maxPages)
            problem =
                QStringLiteral("the list has more than %1 pages").arg(m_http.options().maxPages);
        if (!problem.isEmpty()) {
            m_done(ProviderErrors::badBody(m_http.provider(), reply, problem));
            return;
        }
        fetch(next);
    }

    ProviderHttp m_http;
    QObject *m_context; // alive whenever a page arrives: replies are tied to it
    Callback<QList<Item>> m_done;
    PageReader<Item> m_read;
    QList<Item> m_items;
    QSet<QString> m_seen;
};
