// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecentHash.h"
#include "SandboxLedger.h"
#include "SandboxOptions.h"
#include "UltravoxProvider.h"

#include <QHash>
#include <QMutex>
#include <QPointer>

class SandboxConsoleServer;

// A simulated Ultravox account: agents and calls in memory, a handful of voices, and a short
// made-up conversation for every answered call.
class SandboxUltravox : public UltravoxProvider
{
public:
    SandboxUltravox(SandboxOptions options, std::shared_ptr<SandboxLedger> ledger);
    ~SandboxUltravox() override;

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

    // A WAV (8 kHz, 16-bit mono) of the conversation: a tone for each turn, the agent's higher.
    static QByteArray toneRecording(const QList<TranscriptMessage> &messages, qint64 lengthMs);

    // The call template kept for an agent, as Ultravox would keep it (empty when unknown).
    QJsonObject agentCallTemplate(const QString &agentId);

private:
    struct SimulatedCall
    {
        QString agentName;
        QJsonObject templateContext;
        qint64 created = 0;
        QJsonObject callTemplate; // the agent's, as Switchboard last sent it
    };
    // How the call goes, by the scenario the simulated Twilio saw for its number.
    struct Story
    {
        qint64 joinedAt = 0; // 0: never joined
        qint64 endsAt = 0;
        QString endReason;
        bool machine = false;
        QList<TranscriptMessage> messages; // with timespans from the join
    };
    int latency() const;
    UltravoxCall newCall(const SimulatedCall &call);
    Story story(const QString &callId) const;

    SandboxOptions m_options;
    std::shared_ptr<SandboxLedger> m_ledger;
    mutable QMutex m_mutex;
    QHash<QString, RemoteAgentSpec> m_agents;
    RecentHash<QString, SimulatedCall> m_calls; // the latest calls only
    // Console calls: a real local WebSocket with a simulated agent, made on first use in the
    // thread that asks (the one running the services).
    QPointer<SandboxConsoleServer> m_console;
};
