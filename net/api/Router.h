// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

// The route table: method + path pattern ("/api/v1/agents/{agent_id}") -> handler. Knows which
// routes are public (the allowlist: health, docs, openapi.json) and which methods a path has,
// for 405 answers.
class ApiKeyGuard;

class Router
{
public:
    enum class Access { Public, ApiKey };
    using Handler = std::function<void(const ApiRequest &, const Reply &)>;
    using SyncHandler = std::function<ApiResponse(const ApiRequest &)>;

    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        Access access = Access::ApiKey;
        Handler handler;
    };

    struct Match
    {
        const Route *route = nullptr;
        QHash<QString, QString> params;
        QList<QByteArray> allowedMethods; // when the path exists but not with this method
    };

    // A handler that answers later through the Reply (provider round trips).
    void add(const QByteArray &method, const QString &pattern, Access access, Handler handler);
    // A handler that answers at once; an AppError it throws becomes the error answer.
    void addSync(const QByteArray &method, const QString &pattern, Access access,
                 SyncHandler handler);

    Match match(const QByteArray &method, const QString &path) const;
    // Runs the route of `request` (its pathParams filled in), checking the API key of routes
    // that need one. HEAD runs GET; OPTIONS and a wrong method answer with Allow; an unknown
    // path throws AppError(NotFound). No sockets here: the server and the fuzz harness share it.
    void dispatch(ApiRequest &request, const Reply &reply, const ApiKeyGuard &keys) const;
    const QList<Route> &routes() const { return m_routes; }

private:
    QList<Route> m_routes;
};
