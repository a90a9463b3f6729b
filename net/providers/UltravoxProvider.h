// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderTypes.h"

class QObject;

// Ultravox as Switchboard uses it. Implemented by the real HTTP client and by the sandbox.
class UltravoxProvider
{
public:
    virtual ~UltravoxProvider() = default;

    virtual void checkAccount(QObject *context, Callback<UltravoxAccount> done) = 0;
    virtual void createAgent(const RemoteAgentSpec &spec, QObject *context,
                             Callback<RemoteAgent> done) = 0;
    virtual void updateAgent(const QString &agentId, const RemoteAgentSpec &spec, QObject *context,
                             Callback<RemoteAgent> done) = 0;
    virtual void deleteAgent(const QString &agentId, QObject *context, Callback<Done> done) = 0;
    virtual void listVoices(const QString &search, QObject *context,
                            Callback<QList<Voice>> done) = 0;
    virtual void startAgentCall(const QString &agentId, const QJsonObject &templateContext,
                                QObject *context, Callback<UltravoxCall> done) = 0;
    virtual void startAdHocCall(const AdHocCallSpec &spec, QObject *context,
                                Callback<UltravoxCall> done) = 0;
    // An ad-hoc call whose join URL is a WebSocket for the console (serverWebSocket medium).
    virtual void startConsoleCall(const ConsoleCallSpec &spec, QObject *context,
                                  Callback<UltravoxCall> done) = 0;
    virtual void getCall(const QString &callId, QObject *context, Callback<UltravoxCall> done) = 0;
    // The whole transcript, every page.
    virtual void getMessages(const QString &callId, QObject *context,
                             Callback<QList<TranscriptMessage>> done) = 0;
    // The messages after `from`, for a transcript that grows while the call lasts.
    virtual void getNewMessages(const QString &callId, const MessageCursor &from,
                                QObject *context, Callback<MessagePage> done) = 0;
    // The call's recording. Ultravox answers with the audio or redirects to storage elsewhere;
    // a redirect is followed without the API key.
    virtual void getRecording(const QString &callId, QObject *context,
                              Callback<Recording> done) = 0;
};
