// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StreamedBody.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>

#include <functional>
#include <memory>

class AppError;

struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    // Instead of `body`, for answers too large to build whole.
    std::shared_ptr<StreamedBody> stream;
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(const QJsonValue &value, int status = 200);
    static ApiResponse noContent();
    // The one place where an error becomes an HTTP status and the spec's error body.
    static ApiResponse fromError(const AppError &error, const QString &requestId);
    void setHeader(const QByteArray &name, const QByteArray &value);
};

int httpStatusFor(const AppError &error);

// How a handler answers, now or later: call it once with a response, or fail() with an error.
class Reply
{
public:
    using Sink = std::function<void(ApiResponse)>;
    Reply(Sink sink, QString requestId);

    void operator()(ApiResponse response) const;
    void fail(const AppError &error) const;
    const QString &requestId() const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};
