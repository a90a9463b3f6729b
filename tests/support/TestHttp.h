// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace TestHttp {
using Headers = QList<QPair<QByteArray, QByteArray>>;
// The first value of the header `name` (any case); empty if there is none.
QByteArray headerValue(const Headers &headers, const QByteArray &name);
} // namespace TestHttp

// A blocking HTTP client for tests: real HTTP over loopback with QNetworkAccessManager, waiting
// in a local event loop (so a server in the same thread keeps working meanwhile).
struct HttpResult
{
    int status = 0;
    QByteArray body;
    TestHttp::Headers headers;
    QString networkError;

    QByteArray header(const QByteArray &name) const;
    // The Content-Type without its parameters, in lower case ("application/json").
    QString mediaType() const;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
};

namespace TestHttp {
HttpResult send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                const Headers &headers = {}, int timeoutMs = 30000);
// Writes raw bytes to host:port and returns everything read until the peer closes or
// `timeoutMs` passes (for requests a well-behaved client library would refuse to send).
QByteArray sendRaw(quint16 port, const QByteArray &bytes, int timeoutMs = 5000);
// An HTTP/1.1 answer as read off a raw socket; status 0 if the head is incomplete.
HttpResult parse(const QByteArray &raw);
// A loopback port nothing listens on at the moment of asking.
quint16 freePort();
// For a `switchboard --headless` child: no keychain (no session bus, no display), so the API key
// comes from SWITCHBOARD_API_KEY; the sandbox's simulated delays scaled by `sandboxTimeScale`.
QProcessEnvironment headlessChildEnvironment(const QByteArray &apiKey,
                                             const QString &sandboxTimeScale);
} // namespace TestHttp
