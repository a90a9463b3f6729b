// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SandboxOptions.h"
#include "UltravoxProvider.h"

#include <QHash>
#include <QMutex>

// A simulated Ultravox account: agents and calls in memory, a handful of voices, and a short
// made-up conversation for every answered call.
class SandboxUltravox : public UltravoxProvider
{
public:
    explicit SandboxUltravox(SandboxOptions options);

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
    void getCall(const QString &callId, QObject *context, Callback<UltravoxCall> done) override;
    void getMessages(const QString &callId, QObject *context,
                     Callback<QList<TranscriptMessage>> done) override;

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
    int latency() const;
    UltravoxCall newCall(const SimulatedCall &call);

    SandboxOptions m_options;
    QMutex m_mutex;
    QHash<QString, RemoteAgentSpec> m_agents;
    QHash<QString, SimulatedCall> m_calls;
};
