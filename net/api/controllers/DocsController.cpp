// SPDX-License-Identifier: GPL-3.0-or-later
#include "DocsController.h"

#include "AppError.h"
#include "Router.h"
#include "Version.h"

#include <QFile>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
// Files are read from the resources once and kept: they never change while running.
QByteArray resource(const QString &path)
{
    static QMutex mutex;
    static QHash<QString, QByteArray> cache;
    QMutexLocker locker(&mutex);
    if (const auto it = cache.constFind(path); it != cache.cend())
        return *it;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray content = file.readAll();
    if (path.endsWith(u"openapi.json"_s))
        content.replace("@SWITCHBOARD_VERSION@", SWITCHBOARD_VERSION);
    cache.insert(path, content);
    return content;
}

QByteArray contentType(const QString &file)
{
    if (file.endsWith(u".js"_s))
        return "text/javascript; charset=utf-8";
    if (file.endsWith(u".css"_s))
        return "text/css; charset=utf-8";
    if (file.endsWith(u".html"_s))
        return "text/html; charset=utf-8";
    if (file.endsWith(u".png"_s))
        return "image/png";
    if (file.endsWith(u".svg"_s))
        return "image/svg+xml";
    return "text/plain; charset=utf-8";
}

ApiResponse fileResponse(const QString &path, const QByteArray &csp = {})
{
    const QByteArray content = resource(path);
    if (content.isNull())
        throw AppError(ErrorKind::NotFound, u"No such documentation file"_s,
                       {{u"file"_s, path.section(u'/', -1)}});
    ApiResponse response;
    response.contentType = contentType(path);
    response.body = content;
    response.setHeader("Cache-Control", "public, max-age=3600");
    if (!csp.isEmpty())
        response.setHeader("Content-Security-Policy", csp);
    return response;
}

// Both viewers run from our own origin only; they need inline styles, ReDoc a blob: worker.
const QByteArray pageSecurity = "default-src 'self'; img-src 'self' data:; style-src 'self' "
                                "'unsafe-inline'; worker-src 'self' blob:; frame-ancestors 'none'";
} // namespace

namespace DocsController {
void registerRoutes(Router &router)
{
    const auto open = Router::Access::Public;
    router.addSync("GET", u"/openapi.json"_s, open, [](const ApiRequest &) {
        ApiResponse response = fileResponse(u":/api/openapi.json"_s);
        response.contentType = "application/json";
        return response;
    });
    router.addSync("GET", u"/docs"_s, open, [](const ApiRequest &) {
        return fileResponse(u":/docs/swagger.html"_s, pageSecurity);
    });
    router.addSync("GET", u"/redoc"_s, open, [](const ApiRequest &) {
        return fileResponse(u":/docs/redoc.html"_s, pageSecurity);
    });
    router.addSync("GET", u"/docs/assets/{file}"_s, open, [](const ApiRequest &request) {
        static const QRegularExpression plainName(u"^[A-Za-z0-9._-]+$"_s);
        const QString file = request.param(u"file"_s);
        if (!plainName.match(file).hasMatch() || file.startsWith(u'.'))
            throw AppError(ErrorKind::NotFound, u"No such documentation file"_s,
                           {{u"file"_s, file}});
        return fileResponse(u":/docs/assets/"_s + file);
    });
}
} // namespace DocsController
