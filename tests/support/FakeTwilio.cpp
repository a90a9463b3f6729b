// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeTwilio.h"

#include "FakeUltravox.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {
const QString Version = u"/2010-04-01"_s;

QString rfc2822(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"ddd, dd MMM yyyy HH:mm:ss"_s) +
           u" +0000"_s;
}

QString hex32()
{
    QString text;
    for (int i = 0; i < 32; ++i)
        text += QString::number(QRandomGenerator::global()->bounded(16), 16);
    return text;
}

bool isFinalStatus(const QString &status)
{
    return status == u"completed"_s || status == u"busy"_s || status == u"failed"_s ||
           status == u"no-answer"_s || status == u"canceled"_s;
}

bool isE164(const QString &number)
{
    static const QRegularExpression e164(u"^\\+[1-9][0-9]{1,14}$"_s);
    return e164.match(number).hasMatch();
}
} // namespace

FakeTwilio::FakeTwilio(QObject *parent)
    : FakeHttpServer(u"fake Twilio"_s, parent)
    , m_schema(ApiSchema::load(u"twilio-subset.json"_s))
{
    addAccount(QString::fromLatin1(AccountSid), QString::fromLatin1(AuthToken),
               {QString::fromLatin1(FromNumber), u"+14155550101"_s, u"+14155550102"_s});
}

QUrl FakeTwilio::baseUrl() const
{
    return QUrl(origin() + u'/');
}

TwilioCredentials FakeTwilio::credentials() const
{
    TwilioCredentials credentials;
    credentials.accountSid = QString::fromLatin1(AccountSid);
    credentials.authToken = QString::fromLatin1(AuthToken);
    credentials.baseUrl = baseUrl();
    return credentials;
}

void FakeTwilio::addAccount(const QString &sid, const QString &token, const QStringList &numbers)
{
    m_accounts.insert(sid, {token, numbers});
}

void FakeTwilio::setTimeline(const QString &to, const QStringList &statuses)
{
    m_timelines.insert(to, statuses);
}

QJsonObject FakeTwilio::call(const QString &sid) const
{
    return m_calls.value(sid).json;
}

QByteArray FakeTwilio::errorBody(int status, const QString &message) const
{
    const int code = status == 401 ? 20003 : status == 404 ? 20404 : status == 429 ? 20429 : 20500;
    return twilioError(status, code, message).body;
}

FakeResponse FakeTwilio::twilioError(int status, int code, const QString &message) const
{
    return FakeResponse::json(
        {{u"code"_s, code},
         {u"message"_s, message},
         {u"more_info"_s, u"https://www.twilio.com/docs/errors/%1"_s.arg(code)},
         {u"status"_s, status}},
        status);
}

FakeResponse FakeTwilio::refuse(int status, int code, const QString &message)
{
    violation(message);
    return twilioError(status, code, message);
}

std::optional<FakeTwilio::Route> FakeTwilio::route(const QString &path) const
{
    static const QList<QPair<QRegularExpression, QString>> routes{
        {QRegularExpression(u"^/2010-04-01/Accounts/([^/]+)\\.json$"_s),
         u"/2010-04-01/Accounts/{Sid}.json"_s},
        {QRegularExpression(u"^/2010-04-01/Accounts/([^/]+)/Calls\\.json$"_s),
         u"/2010-04-01/Accounts/{AccountSid}/Calls.json"_s},
        {QRegularExpression(u"^/2010-04-01/Accounts/([^/]+)/Calls/([^/]+)\\.json$"_s),
         u"/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json"_s},
        {QRegularExpression(u"^/2010-04-01/Accounts/([^/]+)/IncomingPhoneNumbers\\.json$"_s),
         u"/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json"_s},
    };
    for (const auto &[pattern, pathTemplate] : routes) {
        const QRegularExpressionMatch match = pattern.match(path);
        if (match.hasMatch())
            return Route{pathTemplate, match.captured(1), match.captured(2)};
    }
    return std::nullopt;
}

QString FakeTwilio::authenticatedSid(const RecordedRequest &request) const
{
    const QByteArray header = request.header("Authorization");
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6));
    return QString::fromUtf8(decoded.left(decoded.indexOf(':')));
}

std::optional<FakeResponse> FakeTwilio::check(const RecordedRequest &request)
{
    const QString method = QString::fromLatin1(request.method);
    const std::optional<Route> found = route(request.path);
    if (!found)
        return refuse(404, 20404, u"The requested resource %1 was not found"_s.arg(request.path));
    const QJsonObject operation = m_schema.operation(found->pathTemplate, method);
    if (operation.isEmpty())
        return refuse(405, 20004,
                      u"Method %1 not allowed on %2"_s.arg(method, found->pathTemplate));

    const QByteArray authorization = request.header("Authorization");
    if (!authorization.startsWith("Basic "))
        return refuse(401, 20003, u"Authenticate: no HTTP Basic Authorization header"_s);
    const QByteArray decoded =
        QByteArray::fromBase64(authorization.mid(6), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded.contains(':'))
        return refuse(401, 20003, u"Authenticate: the Basic credentials are malformed"_s);
    const QString sid = QString::fromUtf8(decoded.left(decoded.indexOf(':')));
    const QString token = QString::fromUtf8(decoded.mid(decoded.indexOf(':') + 1));
    if (!m_accounts.contains(sid) || m_accounts.value(sid).token != token)
        return twilioError(401, 20003, u"Authenticate"_s); // wrong secret: not a malformed call

    const auto pathParameters = m_schema.parameters(found->pathTemplate, method, u"path"_s);
    const QHash<QString, QString> values{
        {u"Sid"_s, found->pathTemplate.endsWith(u"{Sid}.json"_s) && found->sid.isEmpty()
                       ? found->accountSid
                       : found->sid},
        {u"AccountSid"_s, found->accountSid}};
    for (auto it = pathParameters.cbegin(); it != pathParameters.cend(); ++it) {
        for (const QString &problem : m_schema.checkText(
                 values.value(it.key()), it.value().value(u"schema"_s).toObject(), it.key()))
            return refuse(404, 20404, problem);
    }
    if (found->accountSid != sid)
        return refuse(
            404, 20404,
            u"account %1 in the path, but authenticated as %2"_s.arg(found->accountSid, sid));

    const auto queryParameters = m_schema.parameters(found->pathTemplate, method, u"query"_s);
    for (const auto &[name, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        if (!queryParameters.contains(name))
            return refuse(400, 20001, u"%1: unknown query parameter"_s.arg(name));
        for (const QString &problem : m_schema.checkText(
                 value, queryParameters.value(name).value(u"schema"_s).toObject(), name))
            return refuse(400, 20001, problem);
    }

    const QJsonObject formSchema =
        m_schema.requestSchema(operation, u"application/x-www-form-urlencoded"_s);
    if (formSchema.isEmpty()) {
        if (!request.body.isEmpty())
            return refuse(400, 20001, u"a body was sent with GET"_s);
        return std::nullopt;
    }
    if (!request.header("Content-Type").startsWith("application/x-www-form-urlencoded"))
        return refuse(400, 20001,
                      u"Content-Type must be application/x-www-form-urlencoded, got \"%1\""_s.arg(
                          QString::fromLatin1(request.header("Content-Type"))));
    const QMultiMap<QString, QString> form = request.form();
    const QStringList problems = m_schema.checkForm(form, formSchema);
    if (!problems.isEmpty()) {
        for (const QString &problem : problems.mid(1))
            violation(problem);
        return refuse(400, 21201, problems.first());
    }
    if (found->pathTemplate.endsWith(u"/Calls.json"_s))
        return checkCallCreation(sid, form);
    if (found->pathTemplate.endsWith(u"{Sid}.json"_s) && form.contains(u"Twiml"_s))
        return refuse(400, 21201, u"Twiml updates are not used by Switchboard"_s);
    return std::nullopt;
}

std::optional<FakeResponse> FakeTwilio::checkCallCreation(const QString &accountSid,
                                                          const QMultiMap<QString, QString> &form)
{
    const QString to = form.value(u"To"_s);
    const QString from = form.value(u"From"_s);
    if (!isE164(to))
        return refuse(400, 21211, u"The 'To' number %1 is not a valid phone number."_s.arg(to));
    if (!isE164(from))
        return refuse(400, 21212, u"The 'From' number %1 is not a valid phone number."_s.arg(from));
    if (!m_accounts.value(accountSid).numbers.contains(from))
        return refuse(400, 21210,
                      u"The source phone number provided, %1, is not yet verified for your "
                      u"account."_s.arg(from));
    if (!form.contains(u"Twiml"_s) && !form.contains(u"Url"_s))
        return refuse(400, 21205, u"Url parameter is required."_s);
    const QString detection = form.value(u"MachineDetection"_s);
    if (form.contains(u"MachineDetection"_s) && detection != u"Enable"_s &&
        detection != u"DetectMessageEnd"_s)
        return refuse(
            400, 21201,
            u"MachineDetection must be Enable or DetectMessageEnd, not '%1'"_s.arg(detection));
    // Asynchronous detection reports only to a callback URL, which a desktop does not have.
    if (form.value(u"AsyncAmd"_s) == u"true"_s && !form.contains(u"AsyncAmdStatusCallback"_s))
        return refuse(400, 21201, u"AsyncAmd needs an AsyncAmdStatusCallback"_s);
    const QString twiml = form.value(u"Twiml"_s);
    if (twiml.size() > 4000)
        return refuse(400, 21232,
                      u"Twiml is %1 characters; the limit is 4000."_s.arg(twiml.size()));

    QXmlStreamReader xml(twiml);
    QStringList path;
    QString streamUrl;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            path << xml.name().toString();
            if (path == QStringList{u"Response"_s, u"Connect"_s, u"Stream"_s})
                streamUrl = xml.attributes().value(u"url"_s).toString();
        } else if (xml.isEndElement()) {
            path.removeLast();
        }
    }
    if (xml.hasError())
        return refuse(400, 12100,
                      u"Document parse failure: %1 (TwiML: %2)"_s.arg(xml.errorString(), twiml));
    if (streamUrl.isEmpty())
        return refuse(400, 12100,
                      u"The TwiML has no <Response><Connect><Stream url=...>: %1"_s.arg(twiml));
    if (m_ultravox && !m_ultravox->issuedJoinUrl(streamUrl))
        return refuse(
            400, 12100,
            u"The Stream url %1 is not a join URL Ultravox issued (escaping?)"_s.arg(streamUrl));
    return std::nullopt;
}

void FakeTwilio::priceIfDue(Call &call)
{
    if (call.unpricedGets-- > 0)
        return;
    call.json.insert(u"price"_s, call.answered ? u"-0.01400"_s : u"0.00000"_s);
}

void FakeTwilio::setStatus(Call &call, const QString &status)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    call.json.insert(u"status"_s, status);
    call.json.insert(u"date_updated"_s, rfc2822(now));
    // Twilio sets start_time when it dials, not when someone answers: a busy call has one too.
    if ((status == u"ringing"_s || status == u"in-progress"_s) &&
        call.json.value(u"start_time"_s).isNull())
        call.json.insert(u"start_time"_s, rfc2822(now - 1000));
    call.answered = call.answered || status == u"in-progress"_s;
    if (call.answered && !call.machineDetection.isEmpty())
        call.json.insert(u"answered_by"_s, call.answeredBy);
    if (isFinalStatus(status)) {
        call.json.insert(u"end_time"_s, rfc2822(now));
        call.json.insert(u"duration"_s, call.answered ? u"1"_s : u"0"_s);
        call.unpricedGets = m_priceDelay;
        priceIfDue(call);
    }
}

FakeTwilio::Call FakeTwilio::newCall(const QString &accountSid, const QString &to,
                                     const QString &from, qint64 now)
{
    const QString accountPath = Version + u"/Accounts/"_s + accountSid;
    const QString sid = u"CA"_s + hex32();
    Call call;
    call.timeline = m_timelines.value(to, m_defaultTimeline);
    call.json = {{u"sid"_s, sid},
                 {u"account_sid"_s, accountSid},
                 {u"date_created"_s, rfc2822(now)},
                 {u"date_updated"_s, rfc2822(now)},
                 {u"parent_call_sid"_s, QJsonValue::Null},
                 {u"to"_s, to},
                 {u"to_formatted"_s, to},
                 {u"from"_s, from},
                 {u"from_formatted"_s, from},
                 {u"phone_number_sid"_s, QString(u"PN"_s + hex32())},
                 {u"status"_s, u"queued"_s},
                 {u"start_time"_s, QJsonValue::Null},
                 {u"end_time"_s, QJsonValue::Null},
                 {u"duration"_s, QJsonValue::Null},
                 {u"price"_s, QJsonValue::Null},
                 {u"price_unit"_s, u"USD"_s},
                 {u"direction"_s, u"outbound-api"_s},
                 {u"answered_by"_s, QJsonValue::Null},
                 {u"api_version"_s, u"2010-04-01"_s},
                 {u"forwarded_from"_s, QJsonValue::Null},
                 {u"group_sid"_s, QJsonValue::Null},
                 {u"caller_name"_s, QJsonValue::Null},
                 {u"queue_time"_s, u"0"_s},
                 {u"trunk_sid"_s, QJsonValue::Null},
                 {u"uri"_s, QString(accountPath + u"/Calls/"_s + sid + u".json"_s)},
                 {u"subresource_uris"_s, QJsonObject()}};
    return call;
}

QString FakeTwilio::addCallPlacedElsewhere(const QString &to, const QString &from, qint64 createdMs)
{
    Call call = newCall(QString::fromLatin1(AccountSid), to, from, createdMs);
    setStatus(call, u"ringing"_s);
    const QString sid = call.json.value(u"sid"_s).toString();
    m_calls.insert(sid, call);
    m_order.append(sid);
    return sid;
}

QStringList FakeTwilio::dialedNumbers() const
{
    QStringList numbers;
    for (const QString &sid : m_order)
        numbers << m_calls.value(sid).json.value(u"to"_s).toString();
    return numbers;
}

// GET Calls.json with Twilio's To and StartTime> (on or after that UTC day) filters, newest
// first, in one page.
FakeResponse FakeTwilio::callList(const QString &accountSid, const QUrlQuery &query) const
{
    const QString to = query.queryItemValue(u"To"_s, QUrl::FullyDecoded);
    const QDate since =
        QDate::fromString(query.queryItemValue(u"StartTime>"_s, QUrl::FullyDecoded), Qt::ISODate);
    QJsonArray list;
    for (auto it = m_order.crbegin(); it != m_order.crend(); ++it) {
        const QJsonObject json = m_calls.value(*it).json;
        if (json.value(u"account_sid"_s).toString() != accountSid)
            continue;
        if (!to.isEmpty() && json.value(u"to"_s).toString() != to)
            continue;
        const QDateTime started = QDateTime::fromString(
            json.value(u"start_time"_s).toString().chopped(6), u"ddd, dd MMM yyyy HH:mm:ss"_s);
        if (since.isValid() && (!started.isValid() || started.date() < since))
            continue;
        list.append(json);
    }
    const QString listPath = Version + u"/Accounts/"_s + accountSid + u"/Calls.json"_s;
    return FakeResponse::json({{u"calls"_s, list},
                               {u"page"_s, 0},
                               {u"page_size"_s, 50},
                               {u"start"_s, 0},
                               {u"end"_s, int(list.size()) - 1},
                               {u"uri"_s, listPath},
                               {u"first_page_uri"_s, listPath},
                               {u"next_page_uri"_s, QJsonValue::Null},
                               {u"previous_page_uri"_s, QJsonValue::Null}});
}

FakeResponse FakeTwilio::respond(const RecordedRequest &request)
{
    const Route found = *route(request.path);
    const QJsonObject operation =
        m_schema.operation(found.pathTemplate, QString::fromLatin1(request.method));
    const QString accountPath = Version + u"/Accounts/"_s + found.accountSid;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    FakeResponse response;

    if (found.pathTemplate.endsWith(u"{Sid}.json"_s) && found.sid.isEmpty()) {
        response = FakeResponse::json({{u"sid"_s, found.accountSid},
                                       {u"friendly_name"_s, u"Test account"_s},
                                       {u"status"_s, u"active"_s},
                                       {u"type"_s, u"Full"_s},
                                       {u"auth_token"_s, QJsonValue::Null},
                                       {u"owner_account_sid"_s, found.accountSid},
                                       {u"date_created"_s, rfc2822(now - 86400000)},
                                       {u"date_updated"_s, rfc2822(now)},
                                       {u"subresource_uris"_s, QJsonObject()},
                                       {u"uri"_s, QString(accountPath + u".json"_s)}});
    } else if (found.pathTemplate.endsWith(u"/Calls.json"_s) && request.method == "GET") {
        response = callList(found.accountSid, request.query);
    } else if (found.pathTemplate.endsWith(u"/Calls.json"_s)) {
        const QMultiMap<QString, QString> form = request.form();
        Call call = newCall(found.accountSid, form.value(u"To"_s), form.value(u"From"_s), now);
        call.machineDetection = form.value(u"MachineDetection"_s);
        call.answeredBy = m_answeredBy.value(form.value(u"To"_s), u"human"_s);
        QXmlStreamReader xml(form.value(u"Twiml"_s));
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"Stream"_s)
                call.streamUrl = xml.attributes().value(u"url"_s).toString();
        const QString sid = call.json.value(u"sid"_s).toString();
        int underWay = 1;
        for (const Call &other : std::as_const(m_calls))
            underWay += isFinalStatus(other.json.value(u"status"_s).toString()) ? 0 : 1;
        m_peakConcurrent = std::max(m_peakConcurrent, underWay);
        m_calls.insert(sid, call);
        m_order.append(sid);
        response = FakeResponse::json(call.json, 201);
    } else if (found.pathTemplate.endsWith(u"/Calls/{Sid}.json"_s)) {
        if (!m_calls.contains(found.sid))
            return twilioError(404, 20404,
                               u"The requested resource %1 was not found"_s.arg(request.path));
        Call &call = m_calls[found.sid];
        const QString current = call.json.value(u"status"_s).toString();
        if (request.method == "GET" && !isFinalStatus(current) && !call.timeline.isEmpty()) {
            setStatus(call,
                      call.timeline.at(std::min<qsizetype>(call.step, call.timeline.size() - 1)));
            ++call.step;
        } else if (request.method == "GET" && call.json.value(u"price"_s).isNull() &&
                   isFinalStatus(current)) {
            priceIfDue(call);
        } else if (request.method == "POST" && !isFinalStatus(current)) {
            const QString wanted = request.form().value(u"Status"_s);
            // Twilio only cancels calls that were not answered; an answered one goes on.
            if (wanted == u"completed"_s || current != u"in-progress"_s)
                setStatus(call, wanted);
        }
        response = FakeResponse::json(call.json);
    } else {
        const QStringList numbers = m_accounts.value(found.accountSid).numbers;
        const int pageSize = request.query.hasQueryItem(u"PageSize"_s)
                                 ? request.query.queryItemValue(u"PageSize"_s).toInt()
                                 : m_numbersPageSize;
        const int page = request.query.queryItemValue(u"Page"_s).toInt();
        QJsonArray list;
        for (int i = page * pageSize; i < numbers.size() && i < (page + 1) * pageSize; ++i)
            list.append(
                QJsonObject{{u"account_sid"_s, found.accountSid},
                            {u"phone_number"_s, numbers.at(i)},
                            {u"friendly_name"_s, u"Line %1"_s.arg(i + 1)},
                            {u"sid"_s, QString(u"PN"_s + hex32())},
                            {u"capabilities"_s, QJsonObject{{u"voice"_s, true}, {u"sms"_s, false}}},
                            {u"status"_s, u"in-use"_s}});
        const QString listPath = accountPath + u"/IncomingPhoneNumbers.json"_s;
        const auto pageUri = [&](int at) {
            return u"%1?PageSize=%2&Page=%3&PageToken=PT%3"_s.arg(listPath).arg(pageSize).arg(at);
        };
        const bool more = (page + 1) * pageSize < numbers.size();
        response = FakeResponse::json(
            {{u"incoming_phone_numbers"_s, list},
             {u"page"_s, page},
             {u"page_size"_s, pageSize},
             {u"start"_s, page * pageSize},
             {u"end"_s, page * pageSize + int(list.size()) - 1},
             {u"uri"_s, pageUri(page)},
             {u"first_page_uri"_s, pageUri(0)},
             {u"next_page_uri"_s, more ? QJsonValue(pageUri(page + 1)) : QJsonValue::Null},
             {u"previous_page_uri"_s,
              page > 0 ? QJsonValue(pageUri(page - 1)) : QJsonValue(QJsonValue::Null)}});
    }
    if (response.status < 300)
        checkOwnAnswer(m_schema, operation, response.status,
                       QJsonDocument::fromJson(response.body).object());
    return response;
}
