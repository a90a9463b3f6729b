// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxUltravox.h"

#include "DeliverLater.h"
#include "SandboxScenarios.h"
#include "Timestamps.h"

#include <QJsonArray>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
ProviderError ultravoxError(int httpStatus, const QString &message, const QString &field = {})
{
    ProviderError error;
    error.provider = u"ultravox"_s;
    error.httpStatus = httpStatus;
    // As the real client reads Ultravox's {"field": ["message"]}: the field is both the code and
    // the start of the message.
    error.code = field;
    error.message = field.isEmpty() ? message : field + u": "_s + message;
    return error;
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A value of the template context, read aloud: strings as they are, the rest as JSON.
QString spoken(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? u"yes"_s : u"no"_s;
    return {};
}

// Follows the agent's call template: who speaks first, and the opening line when it is given.
QList<TranscriptMessage> conversation(const QString &agentName, const QJsonObject &context,
                                      const QJsonObject &callTemplate)
{
    QString greeting = u"there"_s;
    for (const QString &key : {u"customer_name"_s, u"name"_s, u"first_name"_s}) {
        if (!spoken(context.value(key)).isEmpty()) {
            greeting = spoken(context.value(key));
            break;
        }
    }
    QStringList facts;
    for (auto it = context.constBegin(); it != context.constEnd() && facts.size() < 2; ++it) {
        const QString value = spoken(it.value());
        if (!value.isEmpty() && value != greeting)
            facts << QString(it.key()).replace(u'_', u' ') + u' ' + value;
    }
    const QString purpose = facts.isEmpty()
                                ? u"I'm just checking in to see how things are going."_s
                                : u"I'm calling about your %1."_s.arg(facts.join(u" and "_s));
    const QString name = agentName.isEmpty() ? u"your assistant"_s : agentName;
    const QJsonObject firstSpeaker = callTemplate.value(u"firstSpeakerSettings"_s).toObject();
    const QString openingText =
        firstSpeaker.value(u"agent"_s).toObject().value(u"text"_s).toString();
    QString opening =
        u"Hello %1, this is %2. This is a sandbox call: no real phone rang."_s.arg(greeting, name);
    if (!openingText.isEmpty())
        opening = openingText;
    QStringList lines{
        opening,
        u"Oh, hello. What is this about?"_s,
        purpose,
        u"That all sounds fine, thank you."_s,
        u"Wonderful. Thanks for your time, and goodbye!"_s,
    };
    bool agentTurn = true;
    if (firstSpeaker.contains(u"user"_s)) { // the callee picks up and speaks first
        lines.prepend(u"Hello?"_s);
        agentTurn = false;
    }
    QList<TranscriptMessage> messages;
    for (int i = 0; i < lines.size(); ++i) {
        messages.append({agentTurn ? u"agent"_s : u"user"_s, lines.at(i), i});
        agentTurn = !agentTurn;
    }
    return messages;
}
} // namespace

SandboxUltravox::SandboxUltravox(SandboxOptions options)
    : m_options(options)
{
}

int SandboxUltravox::latency() const
{
    return int(m_options.latencyMs * m_options.timeScale);
}

void SandboxUltravox::checkAccount(QObject *context, Callback<UltravoxAccount> done)
{
    QMutexLocker locker(&m_mutex);
    deliverLater<UltravoxAccount>(context, latency(), std::move(done),
                                  UltravoxAccount{u"Switchboard sandbox"_s, 0, 5});
}

void SandboxUltravox::createAgent(const RemoteAgentSpec &spec, QObject *context,
                                  Callback<RemoteAgent> done)
{
    if (spec.name.size() > 64) {
        deliverLater<RemoteAgent>(context, latency(), std::move(done),
                                  ultravoxError(400,
                                                u"Ensure this field has no more than 64 "
                                                u"characters."_s,
                                                u"name"_s));
        return;
    }
    if (spec.name.contains(Sandbox::RejectedAgentMarker, Qt::CaseInsensitive)) {
        deliverLater<RemoteAgent>(
            context, latency(), std::move(done),
            ultravoxError(400,
                          u"The sandbox refuses agents named '%1', to show what a provider "
                          u"error looks like. Rename the agent and retry."_s.arg(
                              Sandbox::RejectedAgentMarker),
                          u"name"_s));
        return;
    }
    const QString id = newUuid();
    {
        QMutexLocker locker(&m_mutex);
        m_agents.insert(id, spec);
    }
    deliverLater<RemoteAgent>(context, latency(), std::move(done), RemoteAgent{id, spec.name});
}

void SandboxUltravox::updateAgent(const QString &agentId, const RemoteAgentSpec &spec,
                                  QObject *context, Callback<RemoteAgent> done)
{
    if (spec.name.contains(Sandbox::RejectedAgentMarker, Qt::CaseInsensitive)) {
        deliverLater<RemoteAgent>(
            context, latency(), std::move(done),
            ultravoxError(
                400, u"The sandbox refuses agents named '%1'."_s.arg(Sandbox::RejectedAgentMarker),
                u"name"_s));
        return;
    }
    {
        // The simulator forgets its agents when Switchboard stops; an update re-creates them.
        QMutexLocker locker(&m_mutex);
        m_agents.insert(agentId, spec);
    }
    deliverLater<RemoteAgent>(context, latency(), std::move(done), RemoteAgent{agentId, spec.name});
}

QJsonObject SandboxUltravox::agentCallTemplate(const QString &agentId)
{
    QMutexLocker locker(&m_mutex);
    return m_agents.value(agentId).callTemplate;
}

void SandboxUltravox::deleteAgent(const QString &agentId, QObject *context, Callback<Done> done)
{
    {
        QMutexLocker locker(&m_mutex);
        m_agents.remove(agentId);
    }
    deliverLater<Done>(context, latency(), std::move(done), Done{});
}

void SandboxUltravox::listVoices(const QString &search, QObject *context,
                                 Callback<QList<Voice>> done)
{
    static const QList<Voice> voices{
        {u"sandbox-mark"_s, u"Mark"_s, u"en-US"_s, u"Calm, mid-range male voice"_s, {}},
        {u"sandbox-jessica"_s, u"Jessica"_s, u"en-US"_s, u"Warm, friendly female voice"_s, {}},
        {u"sandbox-terrence"_s, u"Terrence"_s, u"en-GB"_s, u"Clear British male voice"_s, {}},
        {u"sandbox-lucia"_s, u"Lucia"_s, u"es-ES"_s, u"Bright Spanish female voice"_s, {}},
        {u"sandbox-hugo"_s, u"Hugo"_s, u"fr-FR"_s, u"Relaxed French male voice"_s, {}},
    };
    QList<Voice> matching;
    for (const Voice &voice : voices) {
        if (search.isEmpty() || voice.name.contains(search, Qt::CaseInsensitive) ||
            voice.primaryLanguage.startsWith(search, Qt::CaseInsensitive))
            matching.append(voice);
    }
    deliverLater<QList<Voice>>(context, latency(), std::move(done), matching);
}

UltravoxCall SandboxUltravox::newCall(const SimulatedCall &simulated)
{
    UltravoxCall call;
    call.callId = newUuid();
    call.joinUrl = u"wss://%1/calls/%2/join"_s.arg(Sandbox::JoinUrlHost, call.callId);
    call.created = simulated.created;
    QMutexLocker locker(&m_mutex);
    m_calls.insert(call.callId, simulated);
    return call;
}

void SandboxUltravox::startAgentCall(const QString &agentId, const QJsonObject &templateContext,
                                     QObject *context, Callback<UltravoxCall> done)
{
    RemoteAgentSpec agent;
    {
        QMutexLocker locker(&m_mutex);
        agent = m_agents.value(agentId);
    }
    const UltravoxCall call =
        newCall({agent.name, templateContext, Timestamps::nowMs(), agent.callTemplate});
    deliverLater<UltravoxCall>(context, latency(), std::move(done), call);
}

void SandboxUltravox::startAdHocCall(const AdHocCallSpec &, QObject *context,
                                     Callback<UltravoxCall> done)
{
    const UltravoxCall call = newCall({{}, {}, Timestamps::nowMs(), {}});
    deliverLater<UltravoxCall>(context, latency(), std::move(done), call);
}

void SandboxUltravox::getCall(const QString &callId, QObject *context, Callback<UltravoxCall> done)
{
    UltravoxCall call;
    call.callId = callId;
    call.joinUrl = u"wss://%1/calls/%2/join"_s.arg(Sandbox::JoinUrlHost, callId);
    {
        QMutexLocker locker(&m_mutex);
        call.created = m_calls.value(callId).created;
    }
    // The simulator does not follow the phone leg; it reports the call as ended by a hang-up.
    call.ended = Timestamps::nowMs();
    call.endReason = u"hangup"_s;
    call.shortSummary = u"A short sandbox conversation."_s;
    deliverLater<UltravoxCall>(context, latency(), std::move(done), call);
}

void SandboxUltravox::getMessages(const QString &callId, QObject *context,
                                  Callback<QList<TranscriptMessage>> done)
{
    SimulatedCall call;
    {
        QMutexLocker locker(&m_mutex);
        call = m_calls.value(callId);
    }
    deliverLater<QList<TranscriptMessage>>(
        context, latency(), std::move(done),
        conversation(call.agentName, call.templateContext, call.callTemplate));
}
