// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <exception>

// The kinds of failure the application knows. Each is raised where it arises (validation, the
// store, a provider) and turned into an HTTP status in exactly one place (ApiErrorMapping).
enum class ErrorKind {
    Validation,          // a field broke a rule; details name the field
    BadRequest,          // malformed request: not JSON, wrong shape, bad query parameter
    Unauthorized,        // missing or wrong API key
    ForbiddenHost,       // Host header not one we serve (DNS rebinding)
    NotFound,            // no such resource or route
    MethodNotAllowed,    // route exists, method does not
    Conflict,            // the resource's state forbids it, or a stale write
    PayloadTooLarge,     // body over the cap
    RateLimited,         // too many requests for this key
    Provider,            // Ultravox or Twilio answered with an error
    ProviderUnavailable, // provider unreachable or answered 503
    ProviderTimeout,     // provider did not answer in time
    Unavailable,         // something of ours is down: database, keychain
    Internal,            // a bug or an unexpected state
};

class AppError : public std::exception
{
public:
    AppError(ErrorKind kind, QString message, QJsonObject details = {});

    ErrorKind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    const QJsonObject &details() const { return m_details; }

    // The machine-readable `error` field; defaults by kind, routes may set their own string.
    QString code() const;
    AppError &withCode(QString code);

    // Seconds a client should wait, for RateLimited and provider 429/503 answers; 0 when unknown.
    int retryAfterSeconds() const { return m_retryAfter; }
    AppError &withRetryAfter(int seconds);

    const char *what() const noexcept override;

    static AppError validation(const QString &field, const QString &message);
    static AppError notFound(const QString &what, const QString &id);

private:
    ErrorKind m_kind;
    QString m_message;
    QJsonObject m_details;
    QString m_code;
    int m_retryAfter = 0;
    mutable QByteArray m_what;
};

QString defaultErrorCode(ErrorKind kind);
