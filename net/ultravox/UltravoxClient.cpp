// SPDX-License-Identifier: GPL-3.0-or-later
#include "UltravoxClient.h"

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

void UltravoxClient::getCall(const QString &callId, QObject *context, Callback<UltravoxCall> done)
{
    sendCall(m_http.request("GET", m_http.url(u"calls/"_s + segment(callId))), false, context,
             std::move(done));
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
                messages.append({role, message.value(u"text"_s).toString(), messages.size()});
            }));
}
