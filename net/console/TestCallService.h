// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"
#include "CallService.h"
#include "ConsoleProtocol.h"

class FieldErrors;
class Store;

// The body of POST /api/v1/agents/{agent_id}/test-calls, read and checked.
struct TestCallRequest
{
    ConsoleProtocol::Medium medium = ConsoleProtocol::Medium::Text;
    QJsonObject templateContext;
    int inputSampleRate = ConsoleProtocol::DefaultSampleRate;
    int outputSampleRate = ConsoleProtocol::DefaultSampleRate;

    static TestCallRequest fromJson(const QJsonObject &json, FieldErrors &errors);
};

// The Ultravox call of an agent as it stands (saved or only in the form): an ad-hoc call whose
// prompt is rendered with the agent's variables then the test's context, joined over a
// WebSocket. The one place an AgentConfig becomes the body of a console call.
ConsoleCallSpec consoleCallSpec(const AgentConfig &config, const TestCallRequest &request);

// Starts test calls: they need an Ultravox account (or the sandbox) but no Twilio number, are
// recorded in the call log marked `test`, and never count in the metrics.
class TestCallService
{
public:
    TestCallService(Store &store, CallService &calls)
        : m_store(store)
        , m_calls(calls)
    {
    }

    // The agent as it is in the form; `agentId` empty for one never saved. Throws a
    // validation error naming the field when the form or the context breaks a rule.
    void start(const QString &agentId, const AgentConfig &config, const TestCallRequest &request,
               CallService::CallDone done);
    // The saved agent (the REST route). Throws NotFound for an unknown agent.
    void startSaved(const QString &agentId, const TestCallRequest &request,
                    CallService::CallDone done);

private:
    Store &m_store;
    CallService &m_calls;
};
