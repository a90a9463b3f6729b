// SPDX-License-Identifier: GPL-3.0-or-later
#include "UltravoxClient.h"

#include "CallOutcome.h"
#include "UltravoxCallTemplate.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
const QString &provider()
{
    return ProviderErrors::Ultravox;
}

// Ids come back from Ultravox, but they still go into a path: never let one add a segment.
QString segment(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

// ISO 8601 with Ultravox's microseconds ("2024-05-01T12:00:00.123456Z"); 0 for null or garbage.
qint64 isoMs(const QJsonValue &value)
{
    if (!value.isString())
        return 0;
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

QString nullableString(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}

std::optional<ProviderError> missing(const HttpReply &reply, const QString &what)
{
    return ProviderErrors::badBody(
        provider(), reply, u"the answer has no %1 where the schema requires one"_s.arg(what));
}

QUrl nextLink(const QJsonObject &page)
{
    const QJsonValue next = page.value(u"next"_s);
    return next.isString() && !next.toString().isEmpty() ? QUrl(next.toString()) : QUrl();
}

// Reads a page of one of Ultravox's lists ({"results": [...], "next": url or null});
// `readItem` adds what it makes of one result.
template<typename Item>
PageReader<Item> resultsPage(const ProviderHttp &http,
                             std::function<void(const QJsonObject &, QList<Item> &)> readItem)
{
    return [http, readItem = std::move(readItem)](const HttpReply &reply, QList<Item> &items,
                                                  QUrl *next) -> std::optional<ProviderError> {
        ProviderError error;
        const std::optional<QJsonObject> page = http.object(reply, &error);
        if (!page)
            return error;
        if (!page->value(u"results"_s).isArray())
            return missing(reply, u"results list"_s);
        for (const QJsonValue &value : page->value(u"results"_s).toArray())
            readItem(value.toObject(), items);
        *next = nextLink(*page);
        return std::nullopt;
    };
}
} // namespace

UltravoxClient::UltravoxClient(const UltravoxCredentials &credentials,
                               std::shared_ptr<NetworkAccess> network, HttpClientOptions options)
    : m_http(provider(), credentials.baseUrl, {{"X-API-Key", credentials.apiKey.toUtf8()}},
             std::move(network), options)
{
}

QJsonObject UltravoxClient::agentBody(const RemoteAgentSpec &spec)
{
    return {{u"name"_s, spec.name}, {u"callTemplate"_s, spec.callTemplate}};
}

QJsonObject UltravoxClient::adHocCallBody(const AdHocCallSpec &spec)
{
    QJsonObject body{{u"systemPrompt"_s, spec.systemPrompt},
                     {u"medium"_s, QJsonObject{{u"twilio"_s, QJsonObject()}}}};
    if (!spec.model.isEmpty())
        body.insert(u"model"_s, spec.model);
    if (!spec.voice.isEmpty())
        body.insert(u"voice"_s, spec.voice);
    // firstSpeaker is deprecated; its successor names the side as the key of an object.
    CallSettings settings;
    if (firstSpeakerFromString(spec.firstSpeaker, &settings.firstSpeaker))
        body.insert(u"firstSpeakerSettings"_s,
                    UltravoxCallTemplate::firstSpeakerSettings(settings));
    return body;
}

QJsonObject UltravoxClient::consoleCallBody(const ConsoleCallSpec &spec)
{
    QJsonObject body = spec.callTemplate.isEmpty() ? adHocCallBody(spec.call) : spec.callTemplate;
    // A large client buffer with playback_clear_buffer honoured: smooth audio, and interruptions
    // still stop the agent at once (the schema's advice).
    body.insert(u"medium"_s,
                QJsonObject{{u"serverWebSocket"_s,
                             QJsonObject{{u"inputSampleRate"_s, spec.inputSampleRate},
                                         {u"outputSampleRate"_s, spec.outputSampleRate},
                                         {u"clientBufferSizeMs"_s, 30000}}}});
    body.insert(u"initialOutputMedium"_s,
                spec.textOutput ? u"MESSAGE_MEDIUM_TEXT"_s : u"MESSAGE_MEDIUM_VOICE"_s);
    if (!spec.languageHint.isEmpty())
        body.insert(u"languageHint"_s, spec.languageHint);
    return body;
}

QString UltravoxClient::roleName(const QString &ultravoxRole)
{
    if (ultravoxRole == u"MESSAGE_ROLE_USER"_s)
        return u"user"_s;
    if (ultravoxRole == u"MESSAGE_ROLE_AGENT"_s)
        return u"agent"_s;
    if (ultravoxRole == u"MESSAGE_ROLE_TOOL_CALL"_s)
        return u"tool_call"_s;
    if (ultravoxRole == u"MESSAGE_ROLE_TOOL_RESULT"_s)
        return u"tool_result"_s;
    return {};
}

HttpRequest UltravoxClient::jsonRequest(const QByteArray &method, const QUrl &url,
                                        const QJsonObject &body) const
{
    HttpRequest request = m_http.request(method, url);
    request.contentType = "application/json";
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

void UltravoxClient::checkAccount(QObject *context, Callback<UltravoxAccount> done)
{
    sendFor<UltravoxAccount>(
        m_http, m_http.request("GET", m_http.url(u"accounts/me"_s)), context, std::move(done),
        [http = m_http](const HttpReply &reply) -> Outcome<UltravoxAccount> {
            ProviderError error;
            const std::optional<QJsonObject> body = http.object(reply, &error);
            if (!body)
                return error;
            if (!body->value(u"accountId"_s).isString())
                return *missing(reply, u"accountId"_s);
            UltravoxAccount account;
            account.name = body->value(u"name"_s).toString();
            account.activeCalls = body->value(u"activeCalls"_s).toInt();
            account.allowedConcurrentCalls = body->value(u"allowedConcurrentCalls"_s).toInt();
            return account;
        });
}

void UltravoxClient::sendAgent(HttpRequest request, QObject *context, Callback<RemoteAgent> done)
{
    sendFor<RemoteAgent>(m_http, std::move(request), context, std::move(done),
                         [http = m_http](const HttpReply &reply) -> Outcome<RemoteAgent> {
                             ProviderError error;
                             const std::optional<QJsonObject> body = http.object(reply, &error);
                             if (!body)
                                 return error;
                             const QString id = body->value(u"agentId"_s).toString();
                             if (id.isEmpty())
                                 return *missing(reply, u"agentId"_s);
                             return RemoteAgent{id, body->value(u"name"_s).toString()};
                         });
}

void UltravoxClient::createAgent(const RemoteAgentSpec &spec, QObject *context,
                                 Callback<RemoteAgent> done)
{
    sendAgent(jsonRequest("POST", m_http.url(u"agents"_s), agentBody(spec)), context,
              std::move(done));
}

void UltravoxClient::updateAgent(const QString &agentId, const RemoteAgentSpec &spec,
                                 QObject *context, Callback<RemoteAgent> done)
{
    // PATCH: Ultravox has no PUT for agents; fields left out keep their value there.
    sendAgent(jsonRequest("PATCH", m_http.url(u"agents/"_s + segment(agentId)), agentBody(spec)),
              context, std::move(done));
}

void UltravoxClient::deleteAgent(const QString &agentId, QObject *context, Callback<Done> done)
{
    sendFor<Done>(m_http, m_http.request("DELETE", m_http.url(u"agents/"_s + segment(agentId))),
                  context, std::move(done),
                  [](const HttpReply &) -> Outcome<Done> { return Done{}; });
}

void UltravoxClient::listVoices(const QString &search, QObject *context,
                                Callback<QList<Voice>> done)
{
    QUrlQuery query;
    if (!search.trimmed().isEmpty()) // the schema wants at least one character
        query.addQueryItem(u"search"_s, search.trimmed());
    PageWalk<Voice>::start(
        m_http, m_http.url(u"voices"_s, query), context, std::move(done),
        resultsPage<Voice>(m_http, [](const QJsonObject &voice, QList<Voice> &voices) {
            voices.append({voice.value(u"voiceId"_s).toString(), voice.value(u"name"_s).toString(),
                           nullableString(voice.value(u"primaryLanguage"_s)),
                           nullableString(voice.value(u"description"_s)),
                           voice.value(u"previewUrl"_s).toString()});
        }));
}

void UltravoxClient::sendCall(HttpRequest request, bool expectJoinUrl, QObject *context,
                              Callback<UltravoxCall> done)
{
    sendFor<UltravoxCall>(
        m_http, std::move(request), context, std::move(done),
        [http = m_http, expectJoinUrl](const HttpReply &reply) -> Outcome<UltravoxCall> {
            ProviderError error;
            const std::optional<QJsonObject> body = http.object(reply, &error);
            if (!body)
                return error;
            UltravoxCall call;
            call.callId = body->value(u"callId"_s).toString();
            call.joinUrl = nullableString(body->value(u"joinUrl"_s));
            if (call.callId.isEmpty())
                return *missing(reply, u"callId"_s);
            if (expectJoinUrl && call.joinUrl.isEmpty())
                return *missing(reply, u"joinUrl"_s);
            call.created = isoMs(body->value(u"created"_s));
            call.joined = isoMs(body->value(u"joined"_s));
            call.ended = isoMs(body->value(u"ended"_s));
            call.endReason = nullableString(body->value(u"endReason"_s));
            call.shortSummary = nullableString(body->value(u"shortSummary"_s));
            call.summary = nullableString(body->value(u"summary"_s));
            call.billedSeconds =
                CallOutcome::secondsFromDuration(nullableString(body->value(u"billedDuration"_s)));
            call.billingStatus = nullableString(body->value(u"billingStatus"_s));
            call.recordingEnabled = body->value(u"recordingEnabled"_s).toBool();
            return call;
        });
}

void UltravoxClient::startAgentCall(const QString &agentId, const QJsonObject &templateContext,
                                    QObject *context, Callback<UltravoxCall> done)
{
    const QJsonObject body{{u"templateContext"_s, templateContext},
                           {u"medium"_s, QJsonObject{{u"twilio"_s, QJsonObject()}}}};
    sendCall(jsonRequest("POST", m_http.url(u"agents/%1/calls"_s.arg(segment(agentId))), body),
             true, context, std::move(done));
}

void UltravoxClient::startAdHocCall(const AdHocCallSpec &spec, QObject *context,
                                    Callback<UltravoxCall> done)
{
    sendCall(jsonRequest("POST", m_http.url(u"calls"_s), adHocCallBody(spec)), true, context,
             std::move(done));
}

void UltravoxClient::startConsoleCall(const ConsoleCallSpec &spec, QObject *context,
                                      Callback<UltravoxCall> done)
{
    sendCall(jsonRequest("POST", m_http.url(u"calls"_s), consoleCallBody(spec)), true, context,
             std::move(done));
}

void UltravoxClient::getCall(const QString &callId, QObject *context, Callback<UltravoxCall> done)
{
    sendCall(m_http.request("GET", m_http.url(u"calls/"_s + segment(callId))), false, context,
             std::move(done));
}

namespace {
TranscriptMessage readMessage(const QJsonObject &message, qint64 ordinal)
{
    TranscriptMessage read{UltravoxClient::roleName(message.value(u"role"_s).toString()),
                           message.value(u"text"_s).toString(), ordinal};
    const QJsonObject timespan = message.value(u"timespan"_s).toObject();
    const auto offsetMs = [&](const QString &key) -> qint64 {
        const double seconds = CallOutcome::secondsFromDuration(timespan.value(key).toString());
        return seconds < 0 ? -1 : qint64(seconds * 1000);
    };
    read.startMs = offsetMs(u"start"_s);
    read.endMs = offsetMs(u"end"_s);
    return read;
}

// One incremental read: from the cursor's page on, skipping what was read of it, through every
// `next` link; remembers the last page read so the next poll starts there.
class MessageWalk : public std::enable_shared_from_this<MessageWalk>
{
public:
    MessageWalk(const ProviderHttp &http, QObject *context, Callback<MessagePage> done,
                MessageCursor cursor)
        : m_http(http)
        , m_context(context)
        , m_done(std::move(done))
        , m_cursor(std::move(cursor))
    {
    }

    void fetch(const QUrl &url)
    {
        ++m_pages;
        m_url = url;
        auto self = shared_from_this();
        m_http.send(m_http.request("GET", url), m_context,
                    [self](const HttpReply &reply) { self->onPage(reply); });
    }

private:
    void onPage(const HttpReply &reply)
    {
        if (!reply.isSuccess()) {
            m_done(ProviderErrors::fromReply(m_http.provider(), reply));
            return;
        }
        ProviderError error;
        const std::optional<QJsonObject> page = m_http.object(reply, &error);
        if (!page) {
            m_done(error);
            return;
        }
        if (!page->value(u"results"_s).isArray()) {
            m_done(*missing(reply, u"results list"_s));
            return;
        }
        const QJsonArray results = page->value(u"results"_s).toArray();
        // Messages of this page already read at the last poll are skipped; the page may also
        // have shrunk (never in practice), then nothing of it is new.
        const int skip = m_url == m_cursor.pageUrl ? m_cursor.seenOnPage : 0;
        for (qsizetype i = skip; i < results.size(); ++i) {
            const QJsonObject message = results.at(i).toObject();
            const QString role = UltravoxClient::roleName(message.value(u"role"_s).toString());
            if (!role.isEmpty())
                m_result.messages.append(readMessage(message, m_cursor.total + m_counted));
            ++m_counted; // ordinals count every message, so skipping stays aligned
        }
        const QUrl next = nextLink(*page);
        if (!next.isEmpty() && next.isValid() && m_http.sameOrigin(next) && next != m_url &&
            m_pages < m_http.options().maxPages) {
            fetch(next);
            return;
        }
        // Only the last page is remembered: earlier ones are complete.
        m_result.cursor.pageUrl = m_url;
        m_result.cursor.seenOnPage = int(results.size());
        m_result.cursor.total = m_cursor.total + m_counted;
        m_done(m_result);
    }

    ProviderHttp m_http;
    QObject *m_context;
    Callback<MessagePage> m_done;
    MessageCursor m_cursor;
    MessagePage m_result;
    QUrl m_url;
    int m_counted = 0;
    int m_pages = 0;
};
} // namespace

void UltravoxClient::getNewMessages(const QString &callId, const MessageCursor &from,
                                    QObject *context, Callback<MessagePage> done)
{
    QUrl first = from.pageUrl;
    if (first.isEmpty() || !m_http.sameOrigin(first)) {
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, QString::number(LiveMessagesPageSize));
        first = m_http.url(u"calls/%1/messages"_s.arg(segment(callId)), query);
    }
    MessageCursor cursor = from;
    if (first != from.pageUrl)
        cursor = MessageCursor{};
    auto walk = std::make_shared<MessageWalk>(m_http, context, std::move(done), cursor);
    walk->fetch(first);
}

void UltravoxClient::getRecording(const QString &callId, QObject *context, Callback<Recording> done)
{
    const ProviderHttp http = m_http;
    auto read = [http](const HttpReply &reply) -> Outcome<Recording> {
        if (!reply.isSuccess())
            return ProviderErrors::fromReply(http.provider(), reply);
        if (reply.body.isEmpty())
            return ProviderErrors::badBody(http.provider(), reply, u"the recording is empty"_s);
        if (reply.body.size() > MaxRecordingBytes)
            return ProviderErrors::badBody(
                http.provider(), reply,
                u"the recording is larger than %1 MiB"_s.arg(MaxRecordingBytes / (1024 * 1024)));
        QString type = QString::fromLatin1(reply.header("Content-Type")).section(u';', 0, 0);
        if (!type.startsWith(u"audio/"_s) && type != u"application/octet-stream"_s)
            return ProviderErrors::badBody(http.provider(), reply,
                                           u"the recording came as %1, not audio"_s.arg(
                                               type.isEmpty() ? u"no content type"_s : type));
        if (type == u"application/octet-stream"_s)
            type = u"audio/wav"_s; // what the schema says the recording is
        return Recording{reply.body, type.trimmed()};
    };
    const QUrl url = m_http.url(u"calls/%1/recording"_s.arg(segment(callId)));
    HttpRequest request = m_http.request("GET", url);
    request.headers.removeIf([](const auto &header) { return header.first == "Accept"; });
    request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("audio/*")));
    request.followSameOriginRedirects = false;
    m_http.send(std::move(request), context,
                [http, url, context, read, done](const HttpReply &reply) {
                    const QByteArray location = reply.header("Location");
                    if (reply.status < 300 || reply.status >= 400 || location.isEmpty()) {
                        done(read(reply));
                        return;
                    }
                    // Storage elsewhere (a signed URL): the signature is the credential, and the
                    // Ultravox key must not travel there. A fresh request carries no header of
                    // ours but the user agent.
                    const QUrl target = url.resolved(QUrl::fromEncoded(location, QUrl::StrictMode));
                    const bool loopback =
                        target.scheme() == u"http"_s &&
                        (target.host() == u"127.0.0.1"_s || target.host() == u"localhost"_s);
                    if (!target.isValid() || (target.scheme() != u"https"_s && !loopback)) {
                        done(ProviderErrors::badBody(
                            http.provider(), reply,
                            u"the recording redirects to %1, which is not an https address"_s.arg(
                                target.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo))));
                        return;
                    }
                    HttpRequest away;
                    away.method = "GET";
                    away.url = target;
                    away.headers = {{"User-Agent", "Switchboard"}, {"Accept", "audio/*"}};
                    away.followSameOriginRedirects = false;
                    http.send(std::move(away), context,
                              [read, done](const HttpReply &stored) { done(read(stored)); });
                });
}

void UltravoxClient::getMessages(const QString &callId, QObject *context,
                                 Callback<QList<TranscriptMessage>> done)
{
    PageWalk<TranscriptMessage>::start(
        m_http, m_http.url(u"calls/%1/messages"_s.arg(segment(callId))), context, std::move(done),
        resultsPage<TranscriptMessage>(
            m_http, [](const QJsonObject &message, QList<TranscriptMessage> &messages) {
                const QString role = roleName(message.value(u"role"_s).toString());
                if (role.isEmpty())
                    return; // MESSAGE_ROLE_UNSPECIFIED: nothing a reader of the call needs
                messages.append(readMessage(message, messages.size()));
            }));
}
