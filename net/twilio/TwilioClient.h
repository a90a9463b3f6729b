// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHttp.h"
#include "TwilioProvider.h"

// Twilio's 2010-04-01 REST API for calls as WIRE.md and twilio-api-v2010-calls.json describe it:
// HTTP Basic with the account SID and auth token, form-encoded PascalCase requests, JSON answers
// (with the .json suffix) in snake_case and RFC 2822 dates.
class TwilioClient : public TwilioProvider
{
public:
    // Twilio refuses a Twiml parameter longer than this.
    static constexpr int MaxTwimlLength = 4000;

    TwilioClient(const TwilioCredentials &credentials, std::shared_ptr<NetworkAccess> network,
                 HttpClientOptions options);

    void checkAccount(QObject *context, Callback<TwilioAccount> done) override;
    void placeCall(const PlaceCallSpec &spec, QObject *context, Callback<TwilioCall> done) override;
    void getCall(const QString &sid, QObject *context, Callback<TwilioCall> done) override;
    void hangUp(const QString &sid, bool cancel, QObject *context,
                Callback<TwilioCall> done) override;
    void listNumbers(QObject *context, Callback<QList<OwnedNumber>> done) override;
    void findCalls(const QString &to, qint64 sinceMs, QObject *context,
                   Callback<QList<TwilioCall>> done) override;

    // application/x-www-form-urlencoded, every reserved character escaped ("+" too: Twilio
    // would read a bare "+14155550123" as " 14155550123").
    static QByteArray formBody(const QList<QPair<QString, QString>> &fields);
    // "Tue, 31 Aug 2010 20:36:28 +0000" -> ms since the epoch; 0 for null or garbage.
    static qint64 rfc2822Ms(const QJsonValue &value);

private:
    QUrl accountUrl(const QString &suffix) const;
    HttpRequest formRequest(const QUrl &url, const QList<QPair<QString, QString>> &fields) const;
    void sendCall(HttpRequest request, QObject *context, Callback<TwilioCall> done);

    QString m_accountSid;
    ProviderHttp m_http;
};
