// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppError.h"

using namespace Qt::StringLiterals;

AppError::AppError(ErrorKind kind, QString message, QJsonObject details)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_details(std::move(details))
{
}

QString AppError::code() const
{
    return m_code.isEmpty() ? defaultErrorCode(m_kind) : m_code;
}

AppError &AppError::withCode(QString code)
{
    m_code = std::move(code);
    return *this;
}

AppError &AppError::withRetryAfter(int seconds)
{
    m_retryAfter = seconds;
    return *this;
}

const char *AppError::what() const noexcept
{
    if (m_what.isEmpty())
        m_what = (code() + u": "_s + m_message).toUtf8();
    return m_what.constData();
}

AppError AppError::validation(const QString &field, const QString &message)
{
    return AppError(ErrorKind::Validation, u"Invalid %1: %2"_s.arg(field, message),
                    QJsonObject{{field, message}});
}

AppError AppError::notFound(const QString &what, const QString &id)
{
    return AppError(ErrorKind::NotFound, u"%1 '%2' not found"_s.arg(what, id),
                    QJsonObject{{u"id"_s, id}});
}

QString defaultErrorCode(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Validation:
        return u"validation_error"_s;
    case ErrorKind::BadRequest:
        return u"bad_request"_s;
    case ErrorKind::Unauthorized:
        return u"unauthorized"_s;
    case ErrorKind::ForbiddenHost:
        return u"forbidden_host"_s;
    case ErrorKind::NotFound:
        return u"not_found"_s;
    case ErrorKind::MethodNotAllowed:
        return u"method_not_allowed"_s;
    case ErrorKind::Conflict:
        return u"conflict"_s;
    case ErrorKind::PayloadTooLarge:
        return u"payload_too_large"_s;
    case ErrorKind::RateLimited:
        return u"rate_limit_exceeded"_s;
    case ErrorKind::Provider:
        return u"provider_error"_s;
    case ErrorKind::ProviderUnavailable:
        return u"provider_unavailable"_s;
    case ErrorKind::ProviderTimeout:
        return u"provider_timeout"_s;
    case ErrorKind::Unavailable:
        return u"service_unavailable"_s;
    case ErrorKind::Internal:
        return u"internal_error"_s;
    }
    return u"internal_error"_s;
}
