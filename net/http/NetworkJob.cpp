// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkJob.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>

namespace {
// Failures of the connection that a second try may not meet; an unknown host or a TLS error
// will not go away by asking again.
bool isTransient(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}
} // namespace

NetworkJob::NetworkJob(QNetworkAccessManager *network, HttpRequest request, int timeoutMs,
                       RetryPolicy retry)
    : QObject(network)
    , m_network(network)
    , m_request(std::move(request))
    , m_timeoutMs(std::max(1, timeoutMs))
    , m_retry(retry)
{
    if (m_request.method != "GET")
        m_retry.maxAttempts = 1;
    m_timeout.setSingleShot(true);
    m_backoff.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &NetworkJob::onTimeout);
    connect(&m_backoff, &QTimer::timeout, this, &NetworkJob::sendAttempt);
}

NetworkJob::~NetworkJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void NetworkJob::start()
{
    sendAttempt();
}

void NetworkJob::sendAttempt()
{
    ++m_attempts;
    m_timedOut = false;
    QNetworkRequest request(m_request.url);
    // A redirect to another host would carry the API key there.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         m_request.followSameOriginRedirects
                             ? QNetworkRequest::SameOriginRedirectPolicy
                             : QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : std::as_const(m_request.headers))
        request.setRawHeader(name, value);
    if (!m_request.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, m_request.contentType);
    m_reply = m_network->sendCustomRequest(request, m_request.method, m_request.body);
    connect(m_reply, &QNetworkReply::finished, this, &NetworkJob::onReplyFinished);
    m_timeout.start(m_timeoutMs);
}

void NetworkJob::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort(); // finishes the reply, which lands in onReplyFinished
}

void NetworkJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply)
        return;
    m_timeout.stop();
    m_reply = nullptr;
    reply->deleteLater();

    HttpReply result;
    result.attempts = m_attempts;
    result.timeoutMs = m_timeoutMs;
    result.timedOut = m_timedOut;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!m_timedOut) {
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
    } else {
        result.status = 0; // whatever arrived before the deadline is not an answer
    }
    if (result.status == 0) {
        result.networkError = reply->error();
        result.networkErrorText = reply->errorString();
    }

    int delayMs = 0;
    if (retryDelay(result, &delayMs)) {
        m_backoff.start(delayMs);
        return;
    }
    finish(std::move(result));
}

bool NetworkJob::retryDelay(const HttpReply &reply, int *delayMs) const
{
    if (m_attempts >= m_retry.maxAttempts)
        return false;
    const int backoff =
        std::min(m_retry.maxBackoffMs, m_retry.firstBackoffMs << std::min(m_attempts - 1, 10));
    if (reply.status == 0) {
        // A request that hung once will likely hang again: report it rather than wait twice.
        if (reply.timedOut || !isTransient(reply.networkError))
            return false;
        *delayMs = backoff;
        return true;
    }
    switch (reply.status) {
    case 429:
    case 503: {
        const int retryAfterMs = reply.retryAfterSeconds() * 1000;
        if (retryAfterMs > m_retry.maxRetryAfterMs)
            return false; // the caller hears Retry-After and decides
        *delayMs = std::max(backoff, retryAfterMs);
        return true;
    }
    case 500:
    case 502:
    case 504:
        *delayMs = backoff;
        return true;
    default:
        return false;
    }
}

void NetworkJob::finish(HttpReply reply)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(reply);
    deleteLater();
}
