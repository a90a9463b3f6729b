// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>
#include <QUrl>

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request to a provider, as the clients build it.
struct HttpRequest
{
    QByteArray method; // GET, POST, PATCH, DELETE
    QUrl url;
    HttpHeaders headers;
    QByteArray contentType; // empty: no body
    QByteArray body;
    // Off: a redirect comes back as the 3xx answer, for the caller to decide which headers go
    // along (a recording's storage elsewhere must not see the API key).
    bool followSameOriginRedirects = true;
};

// How often a request may be sent. Only reads (GET) are ever sent twice: a repeated POST could
// create a second agent or ring a person twice.
struct RetryPolicy
{
    int maxAttempts = 3;
    int firstBackoffMs = 250;    // doubled after each attempt
    int maxBackoffMs = 2000;     // a backoff never grows past this
    int maxRetryAfterMs = 10000; // a longer Retry-After is reported to the caller, not waited for
};

// What the provider answered, or why it did not.
struct HttpReply
{
    int status = 0; // the HTTP status; 0 when no answer came
    QByteArray body;
    HttpHeaders headers;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;
    bool timedOut = false;
    int timeoutMs = 0;
    int attempts = 0;

    bool isSuccess() const { return status >= 200 && status < 300; }
    QByteArray header(const QByteArray &name) const;
    // Retry-After in seconds (delta-seconds or an HTTP date); 0 when absent or unreadable.
    int retryAfterSeconds() const;
};

// Options every provider client shares; tests shorten the timeout.
struct HttpClientOptions
{
    int timeoutMs = 15000; // per attempt, from sending to the last byte of the answer
    RetryPolicy reads;     // GET requests
    int maxPages = 100;    // a list longer than this is refused rather than followed forever
};
