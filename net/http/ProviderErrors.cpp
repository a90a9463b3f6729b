// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ProviderErrors {
namespace {
QString text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &item : value.toArray())
            parts << text(item);
        return parts.join(u' ');
    }
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

void readTwilio(const QJsonObject &body, ProviderError &error)
{
    error.code = text(body.value(u"code"_s));
    error.message = text(body.value(u"message"_s));
    error.moreInfo = body.value(u"more_info"_s).toString();
}

// Ultravox (Django REST framework) answers {"detail": "..."} or {"field": ["...", ...]}; the
// first field becomes the code, every field is named in the message.
void readUltravox(const QJsonObject &body, ProviderError &error)
{
    if (body.contains(u"detail"_s)) {
        error.message = text(body.value(u"detail"_s));
        return;
    }
    QStringList parts;
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (error.code.isEmpty())
            error.code = it.key();
        const QString words = text(it.value());
        parts << (it.key() == u"non_field_errors"_s ? words : it.key() + u": "_s + words);
    }
    error.message = parts.join(u"; "_s);
}

QString statusWords(int status)
{
    switch (status) {
    case 401:
        return u"the credentials were refused"_s;
    case 403:
        return u"not allowed for these credentials"_s;
    case 404:
        return u"not found"_s;
    case 429:
        return u"too many requests"_s;
    case 503:
        return u"service unavailable"_s;
    default:
        return status >= 500 ? u"server error"_s : u"request refused"_s;
    }
}
} // namespace

QString shortened(const QByteArray &body, int max)
{
    QString result = QString::fromUtf8(body.left(max * 4));
    for (QChar &c : result) {
        if (c.category() == QChar::Other_Control && c != u'\n')
            c = u' ';
    }
    if (result.size() > max) {
        result.truncate(max);
        result += u"…"_s;
    }
    return result.trimmed();
}

ProviderError fromReply(const QString &provider, const HttpReply &reply)
{
    ProviderError error;
    error.provider = provider;
    error.body = shortened(reply.body);
    if (reply.status == 0) {
        if (reply.timedOut) {
            error.kind = ErrorKind::ProviderTimeout;
            error.message = u"no answer within %1 ms"_s.arg(reply.timeoutMs);
        } else {
            error.kind = ErrorKind::ProviderUnavailable;
            error.message = reply.networkErrorText.isEmpty() ? u"the connection failed"_s
                                                             : reply.networkErrorText;
        }
        if (reply.attempts > 1)
            error.message += u" (after %1 attempts)"_s.arg(reply.attempts);
        return error;
    }

    error.httpStatus = reply.status;
    // A provider that is throttling us or down for a while is unavailable, not refusing: the
    // client gets 503 with Retry-After and may try again; http_status in the details says which.
    error.kind = reply.status == 503 || reply.status == 429 ? ErrorKind::ProviderUnavailable
                                                            : ErrorKind::Provider;
    if (reply.status == 429 || reply.status == 503)
        error.retryAfterSeconds = reply.retryAfterSeconds();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        if (provider == Twilio)
            readTwilio(document.object(), error);
        else
            readUltravox(document.object(), error);
    }
    if (error.message.isEmpty()) {
        // A proxy's HTML page, an empty body, or garbage: say so, and keep what came.
        error.message = statusWords(reply.status);
        if (!error.body.isEmpty())
            error.message += u" (the body is not the provider's JSON error: \"%1\")"_s.arg(
                shortened(reply.body, 120));
    }
    return error;
}

ProviderError badBody(const QString &provider, const HttpReply &reply, const QString &problem)
{
    ProviderError error;
    error.provider = provider;
    error.kind = ErrorKind::Provider;
    error.httpStatus = reply.status;
    error.code = u"unreadable_response"_s;
    error.message = problem;
    error.body = shortened(reply.body);
    return error;
}

ProviderError local(const QString &provider, const QString &message)
{
    ProviderError error;
    error.provider = provider;
    error.kind = ErrorKind::Provider;
    error.code = u"not_sent"_s;
    error.message = message;
    return error;
}
} // namespace ProviderErrors
