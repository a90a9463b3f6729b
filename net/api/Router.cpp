// SPDX-License-Identifier: GPL-3.0-or-later
#include "Router.h"

#include "ApiKeyGuard.h"
#include "AppError.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
QStringList splitPath(const QString &path)
{
    QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    return segments;
}

bool isParameter(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}');
}

// How well `segments` fit a route: -1 no fit; otherwise the number of literal segments, so that
// "/health/detailed" wins over a hypothetical "/health/{x}".
int fit(const Router::Route &route, const QStringList &segments, QHash<QString, QString> *params)
{
    if (route.segments.size() != segments.size())
        return -1;
    int literals = 0;
    QHash<QString, QString> found;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (isParameter(expected)) {
            found.insert(expected.mid(1, expected.size() - 2), segments.at(i));
        } else if (expected == segments.at(i)) {
            ++literals;
        } else {
            return -1;
        }
    }
    *params = found;
    return literals;
}
} // namespace

void Router::add(const QByteArray &method, const QString &pattern, Access access, Handler handler)
{
    m_routes.append({method, pattern, splitPath(pattern), access, std::move(handler)});
}

void Router::addSync(const QByteArray &method, const QString &pattern, Access access,
                     SyncHandler handler)
{
    add(method, pattern, access,
        [handler = std::move(handler)](const ApiRequest &request, const Reply &reply) {
            reply(handler(request));
        });
}

Router::Match Router::match(const QByteArray &method, const QString &path) const
{
    const QStringList segments = splitPath(path);
    Match best;
    int bestFit = -1;
    int bestOtherFit = -1;
    QList<QByteArray> others;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        const int score = fit(route, segments, &params);
        if (score < 0)
            continue;
        if (route.method == method) {
            if (score > bestFit) {
                bestFit = score;
                best.route = &route;
                best.params = params;
            }
        } else if (score >= bestOtherFit) {
            bestOtherFit = score;
            if (!others.contains(route.method))
                others.append(route.method);
        }
    }
    if (!best.route)
        best.allowedMethods = others;
    return best;
}

void Router::dispatch(ApiRequest &request, const Reply &reply, const ApiKeyGuard &keys) const
{
    // HEAD is GET without the body; OPTIONS lists what a path allows.
    const QByteArray method = request.method == "HEAD" ? QByteArray("GET") : request.method;
    const Match found = match(method, request.path);
    if (!found.route) {
        if (!found.allowedMethods.isEmpty()) {
            QStringList allowed;
            for (const QByteArray &known : found.allowedMethods)
                allowed << QString::fromLatin1(known);
            if (allowed.contains(u"GET"_s))
                allowed << u"HEAD"_s;
            allowed << u"OPTIONS"_s;
            if (request.method == "OPTIONS") {
                ApiResponse response = ApiResponse::noContent();
                response.setHeader("Allow", allowed.join(u", "_s).toLatin1());
                reply(response);
                return;
            }
            AppError error(
                ErrorKind::MethodNotAllowed,
                u"Method %1 is not allowed on %2; allowed: %3"_s.arg(
                    QString::fromLatin1(request.method), request.path, allowed.join(u", "_s)),
                {{u"allowed_methods"_s, QJsonArray::fromStringList(allowed)}});
            ApiResponse response = ApiResponse::fromError(error, request.requestId);
            response.setHeader("Allow", allowed.join(u", "_s).toLatin1());
            reply(response);
            return;
        }
        throw AppError(
            ErrorKind::NotFound,
            u"No route %1 %2; see /docs for the API"_s.arg(QString::fromLatin1(request.method),
                                                           request.path),
            {{u"path"_s, request.path}, {u"method"_s, QString::fromLatin1(request.method)}});
    }
    if (found.route->access == Router::Access::ApiKey) {
        QString reason;
        if (keys.check(request.header("X-API-Key"), &reason) != ApiKeyGuard::Verdict::Accepted)
            throw AppError(ErrorKind::Unauthorized, reason, {{u"header"_s, u"X-API-Key"_s}});
    }
    request.pathParams = found.params;
    found.route->handler(request, reply);
}
