// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <optional>

// A request as the controllers see it: a copy of what came over the wire (so that an answer can
// be sent after the server's own request object is gone), plus what the server worked out.
struct ApiRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;
    QString requestId;
    QHash<QString, QString> pathParams;
    qint64 receivedAtMs = 0;
    QElapsedTimer timer;

    QByteArray header(const QByteArray &name) const;
    QString param(const QString &name) const { return pathParams.value(name); }

    // The body as a JSON object; throws BadRequest naming the problem when it is empty, not JSON
    // or not an object.
    QJsonObject jsonObject() const;

    // A non-negative integer query parameter within [min, max]; `fallback` when absent. Throws a
    // Validation error naming the parameter otherwise.
    qint64 queryInteger(const QString &name, qint64 fallback, qint64 min, qint64 max) const;
    std::optional<QString> queryString(const QString &name) const;

    // The version the client read, from If-Match ("3" or W/"3"), for optimistic concurrency.
    std::optional<qint64> expectedVersion() const;
};
