// SPDX-License-Identifier: GPL-3.0-or-later
#include "TwilioClient.h"

#include "DeliverLater.h"

#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
const QString &provider()
{
    return ProviderErrors::Twilio;
}

QString segment(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

QByteArray basicAuth(const TwilioCredentials &credentials)
{
    return "Basic " + (credentials.accountSid + u':' + credentials.authToken).toUtf8().toBase64();
}

std::optional<ProviderError> missing(const HttpReply &reply, const QString &what)
{
    return ProviderErrors::badBody(
        provider(), reply, u"the answer has no %1 where the schema requires one"_s.arg(what));
}
} // namespace

TwilioClient::TwilioClient(const TwilioCredentials &credentials,
                           std::shared_ptr<NetworkAccess> network, HttpClientOptions options)
    : m_accountSid(credentials.accountSid)
    , m_http(provider(), credentials.baseUrl, {{"Authorization", basicAuth(credentials)}},
             std::move(network), options)
{
}

QByteArray TwilioClient::formBody(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

qint64 TwilioClient::rfc2822Ms(const QJsonValue &value)
{
    if (!value.isString() || value.toString().isEmpty())
        return 0;
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::RFC2822Date);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

QUrl TwilioClient::accountUrl(const QString &suffix) const
{
    return m_http.url(u"2010-04-01/Accounts/"_s + segment(m_accountSid) + suffix);
}

HttpRequest TwilioClient::formRequest(const QUrl &url,
                                      const QList<QPair<QString, QString>> &fields) const
{
    HttpRequest request = m_http.request("POST", url);
    request.contentType = "application/x-www-form-urlencoded";
    request.body = formBody(fields);
    return request;
}

void TwilioClient::checkAccount(QObject *context, Callback<TwilioAccount> done)
{
    sendFor<TwilioAccount>(
        m_http, m_http.request("GET", accountUrl(u".json"_s)), context, std::move(done),
        [http = m_http](const HttpReply &reply) -> Outcome<TwilioAccount> {
            ProviderError error;
            const std::optional<QJsonObject> body = http.object(reply, &error);
            if (!body)
                return error;
            TwilioAccount account{body->value(u"sid"_s).toString(),
                                  body->value(u"friendly_name"_s).toString(),
                                  body->value(u"status"_s).toString()};
            if (account.sid.isEmpty())
                return *missing(reply, u"sid"_s);
            // The credentials work, but such an account cannot place calls.
            if (account.status == u"suspended"_s || account.status == u"closed"_s)
                return ProviderErrors::badBody(provider(), reply,
                                               u"the account %1 is %2 and cannot place calls"_s.arg(
                                                   account.sid, account.status));
            return account;
        });
}

namespace {
// A call resource as Twilio words it; empty `sid` or `status` is the caller's to report.
TwilioCall readCall(const QJsonObject &body)
{
    TwilioCall call;
    call.sid = body.value(u"sid"_s).toString();
    call.status = body.value(u"status"_s).toString();
    call.to = body.value(u"to"_s).toString();
    call.from = body.value(u"from"_s).toString();
    call.startTime = TwilioClient::rfc2822Ms(body.value(u"start_time"_s));
    call.endTime = TwilioClient::rfc2822Ms(body.value(u"end_time"_s));
    call.dateCreated = TwilioClient::rfc2822Ms(body.value(u"date_created"_s));
    bool ok = false;
    const int duration = body.value(u"duration"_s).toString().toInt(&ok);
    call.durationSeconds = ok ? duration : -1;
    call.answeredBy = body.value(u"answered_by"_s).toString();
    // Twilio's decimal text is kept as it is: never rounded, never made up. Anything but a
    // number is no price.
    const QString price = body.value(u"price"_s).toString();
    bool priced = false;
    price.toDouble(&priced);
    call.price = priced ? price : QString();
    call.priceUnit = priced ? body.value(u"price_unit"_s).toString() : QString();
    return call;
}
} // namespace

void TwilioClient::sendCall(HttpRequest request, QObject *context, Callback<TwilioCall> done)
{
    sendFor<TwilioCall>(m_http, std::move(request), context, std::move(done),
                        [http = m_http](const HttpReply &reply) -> Outcome<TwilioCall> {
                            ProviderError error;
                            const std::optional<QJsonObject> body = http.object(reply, &error);
                            if (!body)
                                return error;
                            const TwilioCall call = readCall(*body);
                            if (call.sid.isEmpty())
                                return *missing(reply, u"sid"_s);
                            if (call.status.isEmpty())
                                return *missing(reply, u"status"_s);
                            return call;
                        });
}

void TwilioClient::placeCall(const PlaceCallSpec &spec, QObject *context, Callback<TwilioCall> done)
{
    if (spec.twiml.size() > MaxTwimlLength) {
        deliverLater<TwilioCall>(
            context, 0, std::move(done),
            ProviderErrors::local(
                provider(), u"the TwiML for this call is %1 characters, over Twilio's limit of "
                            u"%2 (is the join URL unusually long?)"_s.arg(spec.twiml.size())
                                .arg(MaxTwimlLength)));
        return;
    }
    QList<QPair<QString, QString>> fields{
        {u"To"_s, spec.to}, {u"From"_s, spec.from}, {u"Twiml"_s, spec.twiml}};
    // Synchronous detection (no AsyncAmd): Twilio starts the TwiML once it knows who answered
    // and reports it as answered_by on the call, which the monitor reads; no callback needed.
    if (!spec.machineDetection.isEmpty())
        fields.append({u"MachineDetection"_s, spec.machineDetection});
    // Sent once, whatever happens: a retry could ring the person twice.
    sendCall(formRequest(accountUrl(u"/Calls.json"_s), fields), context, std::move(done));
}

void TwilioClient::getCall(const QString &sid, QObject *context, Callback<TwilioCall> done)
{
    sendCall(m_http.request("GET", accountUrl(u"/Calls/%1.json"_s.arg(segment(sid)))), context,
             std::move(done));
}

void TwilioClient::hangUp(const QString &sid, bool cancel, QObject *context,
                          Callback<TwilioCall> done)
{
    sendCall(formRequest(accountUrl(u"/Calls/%1.json"_s.arg(segment(sid))),
                         {{u"Status"_s, cancel ? u"canceled"_s : u"completed"_s}}),
             context, std::move(done));
}

void TwilioClient::listNumbers(QObject *context, Callback<QList<OwnedNumber>> done)
{
    PageWalk<OwnedNumber>::start(
        m_http, accountUrl(u"/IncomingPhoneNumbers.json"_s), context, std::move(done),
        [http = m_http](const HttpReply &reply, QList<OwnedNumber> &numbers,
                        QUrl *next) -> std::optional<ProviderError> {
            ProviderError error;
            const std::optional<QJsonObject> page = http.object(reply, &error);
            if (!page)
                return error;
            if (!page->value(u"incoming_phone_numbers"_s).isArray())
                return missing(reply, u"incoming_phone_numbers list"_s);
            for (const QJsonValue &value : page->value(u"incoming_phone_numbers"_s).toArray()) {
                const QJsonObject number = value.toObject();
                numbers.append({number.value(u"phone_number"_s).toString(),
                                number.value(u"friendly_name"_s).toString()});
            }
            // next_page_uri is a path on the API host ("/2010-04-01/...?Page=1&PageToken=...").
            const QString nextPath = page->value(u"next_page_uri"_s).toString();
            *next = nextPath.isEmpty() ? QUrl() : http.url(u"."_s).resolved(QUrl(nextPath));
            return std::nullopt;
        });
}

void TwilioClient::findCalls(const QString &to, qint64 sinceMs, QObject *context,
                             Callback<QList<TwilioCall>> done)
{
    QUrl url = accountUrl(u"/Calls.json"_s);
    QUrlQuery query;
    query.addQueryItem(u"To"_s, QString::fromLatin1(QUrl::toPercentEncoding(to)));
    query.addQueryItem(
        u"StartTime>"_s,
        QString::fromLatin1(QUrl::toPercentEncoding(
            QDateTime::fromMSecsSinceEpoch(sinceMs, Qt::UTC).date().toString(Qt::ISODate))));
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    PageWalk<TwilioCall>::start(
        m_http, url, context, std::move(done),
        [http = m_http](const HttpReply &reply, QList<TwilioCall> &calls,
                        QUrl *next) -> std::optional<ProviderError> {
            ProviderError error;
            const std::optional<QJsonObject> page = http.object(reply, &error);
            if (!page)
                return error;
            if (!page->value(u"calls"_s).isArray())
                return missing(reply, u"calls list"_s);
            for (const QJsonValue &value : page->value(u"calls"_s).toArray()) {
                const TwilioCall call = readCall(value.toObject());
                if (!call.sid.isEmpty())
                    calls.append(call);
            }
            const QString nextPath = page->value(u"next_page_uri"_s).toString();
            *next = nextPath.isEmpty() ? QUrl() : http.url(u"."_s).resolved(QUrl(nextPath));
            return std::nullopt;
        });
}
