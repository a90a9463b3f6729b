// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHttp.h"
#include "UltravoxProvider.h"

// Ultravox's REST API as WIRE.md and ultravox-openapi.yaml describe it: X-API-Key, JSON in
// camelCase, paginated lists followed through `next`.
class UltravoxClient : public UltravoxProvider
{
public:
    UltravoxClient(const UltravoxCredentials &credentials, std::shared_ptr<NetworkAccess> network,
                   HttpClientOptions options);

    void checkAccount(QObject *context, Callback<UltravoxAccount> done) override;
    void createAgent(const RemoteAgentSpec &spec, QObject *context,
                     Callback<RemoteAgent> done) override;
    void updateAgent(const QString &agentId, const RemoteAgentSpec &spec, QObject *context,
                     Callback<RemoteAgent> done) override;
    void deleteAgent(const QString &agentId, QObject *context, Callback<Done> done) override;
    void listVoices(const QString &search, QObject *context, Callback<QList<Voice>> done) override;
    void startAgentCall(const QString &agentId, const QJsonObject &templateContext,
                        QObject *context, Callback<UltravoxCall> done) override;
    void startAdHocCall(const AdHocCallSpec &spec, QObject *context,
                        Callback<UltravoxCall> done) override;
    void startConsoleCall(const ConsoleCallSpec &spec, QObject *context,
                          Callback<UltravoxCall> done) override;
    void getCall(const QString &callId, QObject *context, Callback<UltravoxCall> done) override;
    void getMessages(const QString &callId, QObject *context,
                     Callback<QList<TranscriptMessage>> done) override;
    void getNewMessages(const QString &callId, const MessageCursor &from, QObject *context,
                        Callback<MessagePage> done) override;
    void getRecording(const QString &callId, QObject *context, Callback<Recording> done) override;

    // Messages asked for per page while following a call: one request a poll in all but the
    // longest conversations.
    static constexpr int LiveMessagesPageSize = 100;
    // A recording larger than this is refused rather than kept in memory.
    static constexpr qint64 MaxRecordingBytes = 200 * 1024 * 1024;

    // The bodies sent, exposed for tests of their shape.
    static QJsonObject agentBody(const RemoteAgentSpec &spec);
    static QJsonObject adHocCallBody(const AdHocCallSpec &spec);
    static QJsonObject consoleCallBody(const ConsoleCallSpec &spec);
    // MESSAGE_ROLE_USER -> "user", ...; empty for roles the transcript does not show.
    static QString roleName(const QString &ultravoxRole);

private:
    HttpRequest jsonRequest(const QByteArray &method, const QUrl &url,
                            const QJsonObject &body) const;
    void sendAgent(HttpRequest request, QObject *context, Callback<RemoteAgent> done);
    void sendCall(HttpRequest request, bool expectJoinUrl, QObject *context,
                  Callback<UltravoxCall> done);

    ProviderHttp m_http;
};
