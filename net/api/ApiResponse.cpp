// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiResponse.h"

#include "AppError.h"
#include "Timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcApi, "switchboard.api")

ApiResponse ApiResponse::json(const QJsonValue &value, int status)
{
    ApiResponse response;
    response.status = status;
    if (value.isObject())
        response.body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else
        response.body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    return response;
}

ApiResponse ApiResponse::noContent()
{
    ApiResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

void ApiResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

int httpStatusFor(const AppError &error)
{
    switch (error.kind()) {
    case ErrorKind::Validation:
    case ErrorKind::BadRequest:
        return 400;
    case ErrorKind::Unauthorized:
        return 401;
    case ErrorKind::ForbiddenHost:
        return 403;
    case ErrorKind::NotFound:
        return 404;
    case ErrorKind::MethodNotAllowed:
        return 405;
    case ErrorKind::Conflict:
        return 409;
    case ErrorKind::PayloadTooLarge:
        return 413;
    case ErrorKind::RateLimited:
        return 429;
    case ErrorKind::Provider:
        return 502;
    case ErrorKind::ProviderUnavailable:
    case ErrorKind::Unavailable:
        return 503;
    case ErrorKind::ProviderTimeout:
        return 504;
    case ErrorKind::Internal:
        return 500;
    }
    return 500;
}

ApiResponse ApiResponse::fromError(const AppError &error, const QString &requestId)
{
    const int status = httpStatusFor(error);
    if (status >= 500)
        qCWarning(lcApi).noquote()
            << "request" << requestId << "failed with" << status << ":" << error.message();
    ApiResponse response = json(QJsonObject{{u"error"_s, error.code()},
                                            {u"message"_s, error.message()},
                                            {u"details"_s, error.details()},
                                            {u"timestamp"_s, Timestamps::nowIso()},
                                            {u"request_id"_s, requestId}},
                                status);
    if (error.retryAfterSeconds() > 0)
        response.setHeader("Retry-After", QByteArray::number(error.retryAfterSeconds()));
    if (error.kind() == ErrorKind::Unauthorized)
        response.setHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
    return response;
}

struct Reply::State
{
    Sink sink;
    QString requestId;
    bool answered = false;
};

Reply::Reply(Sink sink, QString requestId)
    : m_state(std::make_shared<State>())
{
    m_state->sink = std::move(sink);
    m_state->requestId = std::move(requestId);
}

void Reply::operator()(ApiResponse response) const
{
    if (m_state->answered) {
        qCWarning(lcApi) << "request" << m_state->requestId << "answered twice; ignoring";
        return;
    }
    m_state->answered = true;
    m_state->sink(std::move(response));
}

void Reply::fail(const AppError &error) const
{
    (*this)(ApiResponse::fromError(error, m_state->requestId));
}

const QString &Reply::requestId() const
{
    return m_state->requestId;
}
