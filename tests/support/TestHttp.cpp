// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestHttp.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

QByteArray HttpResult::header(const QByteArray &name) const
{
    return TestHttp::headerValue(headers, name);
}

QString HttpResult::mediaType() const
{
    return QString::fromLatin1(header("Content-Type").split(';').first().trimmed()).toLower();
}

namespace TestHttp {
QByteArray headerValue(const Headers &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResult send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                const Headers &headers, int timeoutMs)
{
    static thread_local QNetworkAccessManager *manager = nullptr;
    if (!manager) {
        manager = new QNetworkAccessManager;
        manager->setProxy(QNetworkProxy::NoProxy);
    }
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    bool contentTypeSet = false;
    for (const auto &[name, value] : headers) {
        request.setRawHeader(name, value);
        contentTypeSet = contentTypeSet || name.compare("Content-Type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() && !contentTypeSet)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    // A custom "HEAD" would make the client wait for a body; head() knows there is none.
    QNetworkReply *reply = method == "HEAD" ? manager->head(request)
                                            : manager->sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    HttpResult result;
    if (!reply->isFinished()) {
        reply->abort();
        result.networkError = u"timed out after %1 ms"_s.arg(timeoutMs);
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.append(pair);
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

QByteArray sendRaw(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    QByteArray received;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] { socket.write(bytes); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    received += socket.readAll();
    return received;
}

HttpResult parse(const QByteArray &raw)
{
    HttpResult result;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (end < 0)
        return result;
    const QList<QByteArray> lines = raw.left(end).split('\n');
    result.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            result.headers.append(
                {lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
    }
    result.body = raw.mid(end + 4);
    return result;
}
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QProcessEnvironment headlessChildEnvironment(const QByteArray &apiKey,
                                             const QString &sandboxTimeScale)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s,
                       u"unix:path=/nonexistent/switchboard-test-bus"_s);
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.insert(u"SWITCHBOARD_API_KEY"_s, QString::fromLatin1(apiKey));
    environment.insert(u"SWITCHBOARD_SANDBOX_TIME_SCALE"_s, sandboxTimeScale);
    return environment;
}
} // namespace TestHttp
