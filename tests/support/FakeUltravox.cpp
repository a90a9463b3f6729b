// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeUltravox.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
// Ultravox writes microseconds: "2024-05-01T12:00:00.123456Z".
QString isoMicro(qint64 ms)
{
    QString text = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    text.insert(text.size() - 1, u"417"_s);
    return text;
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

const QStringList &routes()
{
    static const QStringList templates{
        u"/api/accounts/me"_s,
        u"/api/agents"_s,
        u"/api/agents/{agent_id}"_s,
        u"/api/agents/{agent_id}/calls"_s,
        u"/api/calls"_s,
        u"/api/calls/{call_id}"_s,
        u"/api/calls/{call_id}/messages"_s,
        u"/api/calls/{call_id}/recording"_s,
        u"/api/voices"_s,
    };
    return templates;
}

QJsonArray voices()
{
    QJsonArray list;
    const QList<QStringList> known{{u"Mark"_s, u"en-US"_s},
                                   {u"Jessica"_s, u"en-US"_s},
                                   {u"Terrence"_s, u"en-GB"_s},
                                   {u"Lucia"_s, u"es-ES"_s},
                                   {u"Hugo"_s, u"fr-FR"_s}};
    int index = 0;
    for (const QStringList &voice : known) {
        const QString id = u"00000000-0000-4000-8000-%1"_s.arg(++index, 12, 10, QChar(u'0'));
        list.append(QJsonObject{
            {u"voiceId"_s, id},
            {u"name"_s, voice.at(0)},
            {u"description"_s, u"A test voice"_s},
            {u"primaryLanguage"_s, voice.at(1)},
            {u"languageLabel"_s, voice.at(1)},
            {u"previewUrl"_s, u"https://example.invalid/voices/%1/preview"_s.arg(id)},
            {u"ownership"_s, u"public"_s},
            {u"billingStyle"_s, u"VOICE_BILLING_STYLE_INCLUDED"_s},
            {u"provider"_s, u"cartesia"_s},
            {u"definition"_s, QJsonObject()},
        });
    }
    return list;
}
} // namespace

FakeUltravox::FakeUltravox(QObject *parent)
    : FakeHttpServer(u"fake Ultravox"_s, parent)
    , m_schema(ApiSchema::load(u"ultravox-subset.json"_s))
    , m_transcript(defaultTranscript())
{
}

QList<FakeUltravox::Line> FakeUltravox::defaultTranscript() const
{
    return {{u"MESSAGE_ROLE_AGENT"_s, u"Hello, this is Acme calling about your order."_s},
            {u"MESSAGE_ROLE_USER"_s, u"Oh hi. Is it shipped yet?"_s},
            {u"MESSAGE_ROLE_TOOL_CALL"_s, u"{\"order\":\"A-17\"}"_s},
            {u"MESSAGE_ROLE_TOOL_RESULT"_s, u"{\"status\":\"shipped\"}"_s},
            {u"MESSAGE_ROLE_AGENT"_s, u"It shipped this morning. Goodbye!"_s}};
}

QUrl FakeUltravox::baseUrl() const
{
    return QUrl(origin() + u"/api/"_s);
}

UltravoxCredentials FakeUltravox::credentials() const
{
    UltravoxCredentials credentials;
    credentials.apiKey = QString::fromLatin1(ApiKey);
    credentials.baseUrl = baseUrl();
    return credentials;
}

bool FakeUltravox::issuedJoinUrl(const QString &url) const
{
    return m_joinUrls.contains(url);
}

QByteArray FakeUltravox::errorBody(int, const QString &message) const
{
    return QJsonDocument(QJsonObject{{u"detail"_s, message}}).toJson(QJsonDocument::Compact);
}

FakeResponse FakeUltravox::refuse(int status, const QString &field, const QString &message)
{
    violation(field.isEmpty() ? message : field + u": "_s + message);
    if (field.isEmpty())
        return FakeResponse::json({{u"detail"_s, message}}, status);
    return FakeResponse::json({{field, QJsonArray{message}}}, status);
}

std::optional<FakeUltravox::Route> FakeUltravox::route(const QString &path) const
{
    const QStringList parts = path.split(u'/');
    for (const QString &pathTemplate : routes()) {
        const QStringList pattern = pathTemplate.split(u'/');
        if (pattern.size() != parts.size())
            continue;
        Route match{pathTemplate, {}};
        bool ok = true;
        for (qsizetype i = 0; i < parts.size() && ok; ++i) {
            if (pattern.at(i).startsWith(u'{'))
                match.id = parts.at(i);
            else
                ok = pattern.at(i) == parts.at(i);
        }
        if (ok)
            return match;
    }
    return std::nullopt;
}

std::optional<FakeResponse> FakeUltravox::check(const RecordedRequest &request)
{
    const QString method = QString::fromLatin1(request.method);
    const std::optional<Route> found = route(request.path);
    if (!found)
        return refuse(404, {}, u"no endpoint %1 %2"_s.arg(method, request.path));
    const QJsonObject operation = m_schema.operation(found->pathTemplate, method);
    if (operation.isEmpty())
        return refuse(405, {}, u"method %1 not allowed on %2"_s.arg(method, found->pathTemplate));
    const QByteArray key = request.header("X-API-Key");
    if (key.isEmpty())
        return refuse(403, {}, u"no X-API-Key header on %1"_s.arg(request.path));
    if (key != ApiKey) // a wrong key is the operator's mistake, not a malformed request
        return FakeResponse::json({{u"detail"_s, u"Invalid API key."_s}}, 403);

    const auto pathParameters = m_schema.parameters(found->pathTemplate, method, u"path"_s);
    for (const QJsonObject &parameter : pathParameters) {
        for (const QString &problem :
             m_schema.checkText(found->id, parameter.value(u"schema"_s).toObject(),
                                parameter.value(u"name"_s).toString()))
            return refuse(404, {}, problem);
    }
    const auto queryParameters = m_schema.parameters(found->pathTemplate, method, u"query"_s);
    for (const auto &[name, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        if (!queryParameters.contains(name))
            return refuse(400, name, u"unknown query parameter"_s);
        for (const QString &problem : m_schema.checkText(
                 value, queryParameters.value(name).value(u"schema"_s).toObject(), name))
            return refuse(400, name, problem);
    }

    const QJsonObject bodySchema = m_schema.requestSchema(operation, u"application/json"_s);
    if (bodySchema.isEmpty()) {
        if (!request.body.isEmpty())
            return refuse(400, {}, u"a body was sent with %1"_s.arg(method));
        return std::nullopt;
    }
    if (!request.header("Content-Type").startsWith("application/json"))
        return refuse(415, {},
                      u"Unsupported media type \"%1\" in request."_s.arg(
                          QString::fromLatin1(request.header("Content-Type"))));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (!document.isObject())
        return refuse(400, {}, u"JSON parse error - "_s + parseError.errorString());
    const QJsonObject body = document.object();
    const QStringList problems = m_schema.check(body, bodySchema, ApiSchema::Direction::Request);
    if (!problems.isEmpty()) {
        for (const QString &problem : problems.mid(1))
            violation(problem);
        return refuse(400, problems.first().section(u':', 0, 0),
                      problems.first().section(u':', 1).trimmed());
    }
    // What the schema cannot say but the service enforces.
    if (found->pathTemplate == u"/api/agents"_s && body.value(u"name"_s).toString().isEmpty())
        return refuse(400, u"name"_s, u"This field is required."_s);
    if (found->pathTemplate.startsWith(u"/api/agents"_s) && body.contains(u"callTemplate"_s)) {
        if (const std::optional<QString> problem =
                callTemplateProblem(body.value(u"callTemplate"_s).toObject()))
            return refuse(400, u"callTemplate"_s, *problem);
    }
    if (found->pathTemplate.endsWith(u"calls"_s)) {
        const QJsonObject medium = body.value(u"medium"_s).toObject();
        const bool webSocket = medium.keys() == QStringList{u"serverWebSocket"_s};
        if (medium.keys() != QStringList{u"twilio"_s} && !webSocket)
            return refuse(
                400, u"medium"_s,
                u"exactly one of medium.twilio (Twilio joins) or medium.serverWebSocket (the "
                u"console joins) is needed, got %1"_s.arg(
                    QString::fromUtf8(QJsonDocument(medium).toJson(QJsonDocument::Compact))));
        // The schema leaves it optional; the service needs it ("Required." in its description).
        if (webSocket && !medium.value(u"serverWebSocket"_s)
                              .toObject()
                              .value(u"inputSampleRate"_s)
                              .isDouble())
            return refuse(400, u"medium"_s, u"serverWebSocket.inputSampleRate is required"_s);
        if (body.contains(u"firstSpeakerSettings"_s) &&
            body.value(u"firstSpeakerSettings"_s).toObject().size() != 1)
            return refuse(400, u"firstSpeakerSettings"_s,
                          u"Exactly one of user or agent should be set."_s);
    }
    return std::nullopt;
}

std::optional<QString> FakeUltravox::callTemplateProblem(const QJsonObject &callTemplate)
{
    // The schema's prose, enforced: exactly one side speaks first, an agent greeting is text or a
    // prompt, each selected tool names exactly one tool, and the built-in tools get the
    // parameters their definitions require.
    if (callTemplate.contains(u"firstSpeakerSettings"_s)) {
        const QJsonObject settings = callTemplate.value(u"firstSpeakerSettings"_s).toObject();
        if (settings.size() != 1)
            return u"firstSpeakerSettings: exactly one of user or agent should be set"_s;
        const QJsonObject agent = settings.value(u"agent"_s).toObject();
        if (agent.contains(u"text"_s) && agent.contains(u"prompt"_s))
            return u"firstSpeakerSettings.agent: text and prompt cannot both be set"_s;
    }
    static const QStringList builtIn{u"hangUp"_s,         u"leaveVoicemail"_s, u"coldTransfer"_s,
                                     u"playDtmfSounds"_s, u"queryCorpus"_s,    u"warmTransfer"_s};
    QStringList seen;
    for (const QJsonValue &value : callTemplate.value(u"selectedTools"_s).toArray()) {
        const QJsonObject tool = value.toObject();
        const int named = int(tool.contains(u"toolId"_s)) + int(tool.contains(u"toolName"_s)) +
                          int(tool.contains(u"temporaryTool"_s));
        if (named != 1)
            return u"selectedTools: exactly one of toolId, toolName or temporaryTool"_s;
        const QString name = tool.value(u"toolName"_s).toString();
        if (!name.isEmpty() && !builtIn.contains(name))
            return u"selectedTools: no tool named '%1'"_s.arg(name);
        if (seen.contains(name))
            return u"selectedTools: '%1' selected twice"_s.arg(name);
        seen << name;
        const QJsonObject overrides = tool.value(u"parameterOverrides"_s).toObject();
        if (name == u"coldTransfer"_s && !overrides.value(u"target"_s).isString())
            return u"selectedTools: coldTransfer requires parameterOverrides.target"_s;
        if (name == u"hangUp"_s && overrides.contains(u"strict"_s) &&
            !overrides.value(u"strict"_s).isBool())
            return u"selectedTools: hangUp's strict is a boolean"_s;
        if (name == u"leaveVoicemail"_s && overrides.contains(u"message"_s) &&
            !overrides.value(u"message"_s).isString())
            return u"selectedTools: leaveVoicemail's message is a string"_s;
    }
    const double temperature = callTemplate.value(u"temperature"_s).toDouble(0);
    if (temperature < 0 || temperature > 1)
        return u"temperature: must be between 0 and 1"_s;
    return std::nullopt;
}

QJsonObject FakeUltravox::agentJson(const QString &id, const QJsonObject &stored) const
{
    int calls = 0;
    for (const Call &call : m_calls)
        calls += call.json.value(u"agentId"_s).toString() == id ? 1 : 0;
    return {{u"agentId"_s, id},
            {u"publishedRevisionId"_s, QJsonValue::Null},
            {u"name"_s, stored.value(u"name"_s)},
            {u"created"_s, stored.value(u"created"_s)},
            {u"callTemplate"_s, stored.value(u"callTemplate"_s)},
            {u"statistics"_s, QJsonObject{{u"calls"_s, calls}}}};
}

FakeResponse FakeUltravox::startCall(const RecordedRequest &request, const QJsonObject &agent)
{
    const QJsonObject body = request.json();
    const QString id = newId();
    m_lastCallBody = body;
    const bool webSocket = body.value(u"medium"_s).toObject().contains(u"serverWebSocket"_s);
    const QString joinUrl =
        webSocket ? m_socket.joinUrl(id)
                  : u"wss://127.0.0.1:%1/calls/%2/join?token=t0k"_s.arg(port()).arg(id) +
                        m_joinUrlSuffix;
    m_joinUrls.insert(joinUrl);
    const QJsonObject callTemplate = agent.value(u"callTemplate"_s).toObject();
    // An agent's call starts as its template says, unless the request overrides it.
    const QJsonObject settings = body.contains(u"firstSpeakerSettings"_s)
                                     ? body.value(u"firstSpeakerSettings"_s).toObject()
                                     : callTemplate.value(u"firstSpeakerSettings"_s).toObject();
    const bool userFirst = settings.contains(u"user"_s);
    const QString agentId = agent.isEmpty() ? QString() : request.path.section(u'/', 3, 3);
    QJsonObject call{
        {u"callId"_s, id},
        {u"clientVersion"_s, QJsonValue::Null},
        {u"created"_s, isoMicro(QDateTime::currentMSecsSinceEpoch())},
        {u"joined"_s, QJsonValue::Null},
        {u"ended"_s, QJsonValue::Null},
        {u"endReason"_s, QJsonValue::Null},
        {u"billedDuration"_s, QJsonValue::Null},
        {u"billedSideInputTokens"_s, QJsonValue::Null},
        {u"billedSideOutputTokens"_s, QJsonValue::Null},
        {u"billingStatus"_s, u"BILLING_STATUS_PENDING"_s},
        {u"firstSpeaker"_s, userFirst ? u"FIRST_SPEAKER_USER"_s : u"FIRST_SPEAKER_AGENT"_s},
        {u"firstSpeakerSettings"_s,
         userFirst || !settings.isEmpty() ? settings : QJsonObject{{u"agent"_s, QJsonObject()}}},
        {u"initialOutputMedium"_s,
         body.value(u"initialOutputMedium"_s).toString(u"MESSAGE_MEDIUM_VOICE"_s)},
        {u"joinTimeout"_s, u"30s"_s},
        {u"joinUrl"_s, joinUrl},
        {u"maxDuration"_s, u"3600s"_s},
        {u"medium"_s, body.value(u"medium"_s)},
        {u"model"_s, body.value(u"model"_s).toString(u"ultravox-v0.7"_s)},
        {u"recordingEnabled"_s, !m_recording.isEmpty()},
        {u"systemPrompt"_s,
         agent.isEmpty() ? body.value(u"systemPrompt"_s) : callTemplate.value(u"systemPrompt"_s)},
        {u"temperature"_s, 0},
        {u"voice"_s, agent.isEmpty() ? body.value(u"voice"_s) : callTemplate.value(u"voice"_s)},
        {u"shortSummary"_s, QJsonValue::Null},
        {u"summary"_s, QJsonValue::Null},
        {u"agent"_s, agent.isEmpty() ? QJsonValue(QJsonValue::Null)
                                     : QJsonObject{{u"agentId"_s, agentId},
                                                   {u"name"_s, agent.value(u"name"_s)}}},
        {u"agentId"_s, agent.isEmpty() ? QJsonValue(QJsonValue::Null) : agentId},
        {u"experimentalSettings"_s, QJsonObject()},
        {u"metadata"_s, QJsonObject()},
        {u"initialState"_s, QJsonObject()},
        {u"requestContext"_s,
         QJsonObject{{u"templateContext"_s, body.value(u"templateContext"_s)}}},
        {u"sipDetails"_s, QJsonValue::Null},
    };
    if (call.value(u"voice"_s).isUndefined())
        call.insert(u"voice"_s, QJsonValue::Null);
    m_calls.insert(id, {call, m_transcript, 0, m_growing ? 0 : -1});
    return FakeResponse::json(call, 201);
}

FakeResponse FakeUltravox::page(const RecordedRequest &request, const QJsonArray &items, int status)
{
    const int cursor = request.query.queryItemValue(u"cursor"_s).toInt();
    const QString askedSize = request.query.queryItemValue(u"pageSize"_s);
    const int size = askedSize.isEmpty() ? m_pageSize : askedSize.toInt();
    QJsonArray results;
    for (int i = cursor; i < items.size() && i < cursor + size; ++i)
        results.append(items.at(i));
    const auto link = [&](int at) -> QJsonValue {
        if (at < 0 || at >= items.size() || (at == cursor))
            return QJsonValue::Null;
        QUrlQuery query = request.query;
        query.removeAllQueryItems(u"cursor"_s);
        query.addQueryItem(u"cursor"_s, QString::number(at));
        QUrl url(origin() + request.path);
        url.setQuery(query);
        return url.toString();
    };
    return FakeResponse::json({{u"next"_s, link(cursor + size)},
                               {u"previous"_s, cursor > 0 ? link(std::max(0, cursor - size))
                                                          : QJsonValue(QJsonValue::Null)},
                               {u"results"_s, results},
                               {u"total"_s, items.size()}},
                              status);
}

FakeResponse FakeUltravox::respond(const RecordedRequest &request)
{
    const Route found = *route(request.path);
    const QString &path = found.pathTemplate;
    const QJsonObject operation = m_schema.operation(path, QString::fromLatin1(request.method));
    FakeResponse response;
    const auto notFound = [] { return FakeResponse::json({{u"detail"_s, u"Not found."_s}}, 404); };
    if (path == u"/api/accounts/me"_s) {
        response = FakeResponse::json({{u"accountId"_s, u"5d1c4f0e-0000-4000-8000-000000000001"_s},
                                       {u"name"_s, u"Test account"_s},
                                       {u"billingUrl"_s, u"https://example.invalid/billing"_s},
                                       {u"freeTimeUsed"_s, u"120s"_s},
                                       {u"freeTimeRemaining"_s, u"1680s"_s},
                                       {u"hasActiveSubscription"_s, false},
                                       {u"subscriptionTier"_s, QJsonValue::Null},
                                       {u"subscriptionCadence"_s, QJsonValue::Null},
                                       {u"subscriptionExpiration"_s, QJsonValue::Null},
                                       {u"subscriptionScheduledUpdate"_s, QJsonValue::Null},
                                       {u"subscriptionRenewal"_s, QJsonValue::Null},
                                       {u"activeCalls"_s, 0},
                                       {u"allowedConcurrentCalls"_s, 5},
                                       {u"allowedVoices"_s, 0},
                                       {u"allowedCorpora"_s, 1}});
    } else if (path == u"/api/agents"_s) {
        const QJsonObject body = request.json();
        const QString id = newId();
        m_agents.insert(id, {{u"name"_s, body.value(u"name"_s)},
                             {u"callTemplate"_s, body.value(u"callTemplate"_s)},
                             {u"created"_s, isoMicro(QDateTime::currentMSecsSinceEpoch())}});
        response = FakeResponse::json(agentJson(id, m_agents.value(id)), 201);
    } else if (path == u"/api/agents/{agent_id}"_s) {
        if (!m_agents.contains(found.id))
            return notFound();
        if (request.method == "DELETE") {
            m_agents.remove(found.id);
            response.status = 204;
            return response;
        }
        if (request.method == "PATCH") {
            const QJsonObject body = request.json();
            QJsonObject &stored = m_agents[found.id];
            for (const QString &key : {u"name"_s, u"callTemplate"_s})
                if (body.contains(key))
                    stored.insert(key, body.value(key));
        }
        response = FakeResponse::json(agentJson(found.id, m_agents.value(found.id)));
    } else if (path == u"/api/agents/{agent_id}/calls"_s) {
        if (!m_agents.contains(found.id))
            return notFound();
        response = startCall(request, m_agents.value(found.id));
    } else if (path == u"/api/calls"_s) {
        response = startCall(request, {});
    } else if (path == u"/api/calls/{call_id}"_s) {
        if (!m_calls.contains(found.id))
            return notFound();
        Call &call = m_calls[found.id];
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (call.json.value(u"ended"_s).isNull() && m_callsEnd) {
            const bool joined = m_endReason != u"unjoined"_s;
            call.json.insert(u"joined"_s, joined ? QJsonValue(isoMicro(now - 1000))
                                                 : QJsonValue(QJsonValue::Null));
            call.json.insert(u"ended"_s, isoMicro(now));
            call.json.insert(u"endReason"_s, m_endReason);
            call.json.insert(u"shortSummary"_s, joined ? u"A short test call."_s : QString());
            call.json.insert(u"summary"_s,
                             joined ? u"The agent said the order shipped."_s : QString());
        }
        // Billing comes late: the first GETs after the end still say it is pending.
        if (!call.json.value(u"ended"_s).isNull() &&
            call.json.value(u"billedDuration"_s).isNull() && call.billingGets++ >= m_billingDelay) {
            const bool joined = !call.json.value(u"joined"_s).isNull();
            call.json.insert(u"billedDuration"_s, joined ? u"61.5s"_s : u"0s"_s);
            call.json.insert(u"billingStatus"_s,
                             joined ? u"BILLING_STATUS_BILLED"_s
                                    : u"BILLING_STATUS_FREE_ZERO_EFFECTIVE_DURATION"_s);
        }
        response = FakeResponse::json(call.json);
    } else if (path == u"/api/calls/{call_id}/messages"_s) {
        if (!m_calls.contains(found.id))
            return notFound();
        QJsonArray messages;
        int index = 0;
        Call &call = m_calls[found.id];
        // A growing transcript shows one more message at each read of its first page.
        if (call.revealed >= 0 && call.revealed < call.transcript.size())
            ++call.revealed;
        const QList<Line> shown =
            call.revealed >= 0 ? call.transcript.mid(0, call.revealed) : call.transcript;
        for (const Line &line : shown) {
            QJsonObject message{
                {u"role"_s, line.role},
                {u"text"_s, line.text},
                {u"medium"_s, u"MESSAGE_MEDIUM_VOICE"_s},
                {u"callStageMessageIndex"_s, index},
                {u"callStageId"_s, found.id},
                {u"timespan"_s, QJsonObject{{u"start"_s, u"%1s"_s.arg(index * 2)},
                                            {u"end"_s, u"%1.5s"_s.arg(index * 2 + 1)}}}};
            ++index;
            if (line.role.contains(u"TOOL"_s)) {
                message.insert(u"toolName"_s, u"lookupOrder"_s);
                message.insert(u"invocationId"_s, u"inv-1"_s);
            }
            messages.append(message);
        }
        response = page(request, messages);
    } else if (path == u"/api/calls/{call_id}/recording"_s) {
        if (!m_calls.contains(found.id) || m_recording.isEmpty() ||
            m_calls.value(found.id).json.value(u"ended"_s).isNull())
            return notFound();
        if (m_storage) {
            FakeResponse redirect;
            redirect.status = 302;
            redirect.contentType.clear();
            redirect.headers.append(
                qMakePair(QByteArray("Location"),
                          m_storage->put(found.id + u".wav"_s, m_recording).toUtf8()));
            return redirect;
        }
        FakeResponse audio;
        audio.contentType = "audio/wav";
        audio.body = m_recording;
        return audio;
    } else if (path == u"/api/voices"_s) {
        const QString search = request.query.queryItemValue(u"search"_s, QUrl::FullyDecoded);
        QJsonArray matching;
        for (const QJsonValue &voice : voices()) {
            if (search.isEmpty() ||
                voice[u"name"_s].toString().contains(search, Qt::CaseInsensitive))
                matching.append(voice);
        }
        response = page(request, matching);
    }
    if (response.status < 300 && !response.body.isEmpty()) {
        QJsonObject answer = QJsonDocument::fromJson(response.body).object();
        // The schema marks a call's `agent` required and not nullable, yet an ad-hoc call has
        // none and the service answers null: check the rest of it.
        if (answer.contains(u"callId"_s) && answer.value(u"agent"_s).isNull())
            answer.insert(u"agent"_s,
                          QJsonObject{{u"agentId"_s, u"00000000-0000-4000-8000-000000000000"_s},
                                      {u"name"_s, u"ad-hoc"_s}});
        checkOwnAnswer(m_schema, operation, response.status, answer);
    }
    return response;
}

FakeStorage::FakeStorage(QObject *parent)
    : FakeHttpServer(u"fake storage"_s, parent)
{
}

QString FakeStorage::put(const QString &name, const QByteArray &audio)
{
    m_objects.insert(name, audio);
    return origin() + u"/recordings/"_s + name + u"?signature=s1gn3d"_s;
}

std::optional<FakeResponse> FakeStorage::check(const RecordedRequest &request)
{
    if (!request.header("X-API-Key").isEmpty()) {
        violation(u"the Ultravox API key was sent to the recording's storage"_s);
        return FakeResponse::json({{u"detail"_s, u"unexpected credentials"_s}}, 400);
    }
    if (request.method != "GET" || !request.path.startsWith(u"/recordings/"_s))
        return FakeResponse::json({{u"detail"_s, u"not found"_s}}, 404);
    return std::nullopt;
}

FakeResponse FakeStorage::respond(const RecordedRequest &request)
{
    const QString name = request.path.mid(QStringLiteral("/recordings/").size());
    if (!m_objects.contains(name) || request.query.queryItemValue(u"signature"_s) != u"s1gn3d"_s)
        return FakeResponse::json({{u"detail"_s, u"not found"_s}}, 404);
    FakeResponse audio;
    audio.contentType = "audio/wav";
    audio.body = m_objects.value(name);
    return audio;
}

QByteArray FakeStorage::errorBody(int, const QString &message) const
{
    return QJsonDocument(QJsonObject{{u"detail"_s, message}}).toJson(QJsonDocument::Compact);
}
