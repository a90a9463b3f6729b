// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxUltravox.h"

#include "DeliverLater.h"
#include "SandboxConsoleServer.h"
#include "SandboxScenarios.h"
#include "Timestamps.h"

#include <QJsonArray>
#include <QtEndian>

#include <QUuid>
#include <algorithm>
#include <cmath>

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

QList<TranscriptMessage> voicemail(const QString &agentName)
{
    const QString name = agentName.isEmpty() ? u"your assistant"_s : agentName;
    return {{u"user"_s,
             u"Hi, you've reached the voicemail of this sandbox number. Please leave a message "
             u"after the tone."_s,
             0},
            {u"agent"_s,
             u"Hello, this is %1 with a message: please call us back when it suits you. "
             u"Goodbye!"_s.arg(name),
             1}};
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

SandboxUltravox::SandboxUltravox(SandboxOptions options, std::shared_ptr<SandboxLedger> ledger)
    : m_options(options)
    , m_ledger(std::move(ledger))
{
}

SandboxUltravox::~SandboxUltravox()
{
    delete m_console.data();
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

SandboxUltravox::Story SandboxUltravox::story(const QString &callId) const
{
    SimulatedCall call;
    {
        QMutexLocker locker(&m_mutex);
        call = m_calls.value(callId);
    }
    Story story;
    const std::optional<SandboxLedger::Entry> entry = m_ledger->find(callId);
    const double scale = m_options.timeScale;
    const Sandbox::Scenario scenario = entry ? entry->scenario : Sandbox::Scenario::Completes;
    const qint64 placed = entry ? entry->placedAtMs : call.created;
    const Sandbox::Timeline timeline = Sandbox::timelineFor(scenario);
    const qint64 scheduledEnd = placed + qint64(double(timeline.endsAt) * scale);
    const qint64 hungUp = entry ? entry->hungUpAtMs : 0;
    story.endsAt = hungUp > 0 ? std::min(hungUp, scheduledEnd) : scheduledEnd;
    if (!entry && placed == 0) {
        // Placed before a restart: the simulator no longer knows it; it reports it long over
        // (and unbilled).
        story.endsAt = 1;
        story.endReason = u"hangup"_s;
        return story;
    }
    const qint64 answerAt =
        timeline.answeredAt < 0 ? 0 : placed + qint64(double(timeline.answeredAt) * scale);
    if (answerAt == 0 || answerAt >= story.endsAt) {
        story.endReason = u"unjoined"_s;
        return story;
    }
    story.joinedAt = answerAt;
    story.machine = entry && entry->machine;
    story.endReason = u"hangup"_s;
    const QList<TranscriptMessage> lines =
        story.machine ? voicemail(call.agentName)
                      : conversation(call.agentName, call.templateContext, call.callTemplate);
    // The turns share the scheduled conversation evenly; a hang-up cuts off what was not said.
    const qint64 span = scheduledEnd - answerAt;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        TranscriptMessage message = lines.at(i);
        message.startMs = qint64((double(i) + 0.1) * double(span) / double(lines.size()));
        message.endMs = qint64((double(i) + 0.9) * double(span) / double(lines.size()));
        if (answerAt + message.endMs > story.endsAt)
            break;
        story.messages.append(message);
    }
    return story;
}

void SandboxUltravox::startConsoleCall(const ConsoleCallSpec &spec, QObject *context,
                                       Callback<UltravoxCall> done)
{
    if (!m_console)
        m_console = new SandboxConsoleServer(m_options.timeScale);
    QString error;
    if (!m_console->ensureListening(&error)) {
        deliverLater<UltravoxCall>(context, latency(), std::move(done), ultravoxError(503, error));
        return;
    }
    UltravoxCall call = newCall({spec.agentName, spec.templateContext, Timestamps::nowMs(), {}});
    call.joinUrl = m_console->registerCall(call.callId, spec);
    deliverLater<UltravoxCall>(context, latency(), std::move(done), call);
}

void SandboxUltravox::getCall(const QString &callId, QObject *context, Callback<UltravoxCall> done)
{
    if (m_console && m_console->knows(callId)) {
        // A console call ends when its socket says so, not on a timeline.
        const SandboxConsoleServer::CallRecordView view = m_console->call(callId);
        UltravoxCall call;
        call.callId = callId;
        call.ended = view.ended ? view.endedAt : 0;
        call.endReason = view.endReason;
        deliverLater<UltravoxCall>(context, latency(), std::move(done), call);
        return;
    }
    UltravoxCall call;
    call.callId = callId;
    call.joinUrl = u"wss://%1/calls/%2/join"_s.arg(Sandbox::JoinUrlHost, callId);
    {
        QMutexLocker locker(&m_mutex);
        call.created = m_calls.value(callId).created;
    }
    const Story told = story(callId);
    const qint64 now = Timestamps::nowMs();
    call.joined = told.joinedAt > 0 && told.joinedAt <= now ? told.joinedAt : 0;
    call.recordingEnabled = true; // the sandbox records every call it joins
    if (now >= told.endsAt) {
        call.ended = told.endsAt;
        call.endReason = told.endReason;
        if (told.joinedAt > 0) {
            call.shortSummary = told.machine
                                    ? u"Reached voicemail and left a call-back message."_s
                                    : u"The callee listened and was happy with the news."_s;
            call.summary =
                told.machine
                    ? u"An answering machine took the call. The agent left a short message "
                      u"asking for a call back."_s
                    : u"The agent introduced itself and explained why it called (%1 turns). The "
                      u"callee had no questions and the call ended politely."_s.arg(
                          told.messages.size());
        }
        // Billing settles a few seconds after the end, as Ultravox's does.
        call.billingStatus = u"BILLING_STATUS_PENDING"_s;
        if (now >= told.endsAt + qint64(Sandbox::CostDelayMs * m_options.timeScale)) {
            call.billedSeconds =
                told.joinedAt > 0 ? double(told.endsAt - told.joinedAt) / 1000.0 : 0;
            call.billingStatus = told.joinedAt > 0
                                     ? u"BILLING_STATUS_BILLED"_s
                                     : u"BILLING_STATUS_FREE_ZERO_EFFECTIVE_DURATION"_s;
        }
    }
    deliverLater<UltravoxCall>(context, latency(), std::move(done), call);
}

void SandboxUltravox::getMessages(const QString &callId, QObject *context,
                                  Callback<QList<TranscriptMessage>> done)
{
    if (m_console && m_console->knows(callId)) {
        deliverLater<QList<TranscriptMessage>>(context, latency(), std::move(done),
                                               m_console->call(callId).transcript);
        return;
    }
    deliverLater<QList<TranscriptMessage>>(context, latency(), std::move(done),
                                           story(callId).messages);
}

void SandboxUltravox::getNewMessages(const QString &callId, const MessageCursor &from,
                                     QObject *context, Callback<MessagePage> done)
{
    // A turn appears once it has been said; the cursor counts the turns already read.
    const Story told = story(callId);
    const qint64 now = Timestamps::nowMs();
    MessagePage page;
    page.cursor = from;
    for (const TranscriptMessage &message : told.messages) {
        if (message.ordinal < from.total || told.joinedAt + message.endMs > now)
            continue;
        page.messages.append(message);
        page.cursor.total = int(message.ordinal + 1);
    }
    deliverLater<MessagePage>(context, latency(), std::move(done), page);
}

void SandboxUltravox::getRecording(const QString &callId, QObject *context,
                                   Callback<Recording> done)
{
    const Story told = story(callId);
    if (told.joinedAt == 0 || Timestamps::nowMs() < told.endsAt) {
        ProviderError error;
        error.provider = u"ultravox"_s;
        error.httpStatus = 404;
        error.message = u"No recording: the call never joined, or has not ended yet"_s;
        deliverLater<Recording>(context, latency(), std::move(done), error);
        return;
    }
    deliverLater<Recording>(
        context, latency(), std::move(done),
        Recording{toneRecording(told.messages, told.endsAt - told.joinedAt), u"audio/wav"_s});
}

QByteArray SandboxUltravox::toneRecording(const QList<TranscriptMessage> &messages, qint64 lengthMs)
{
    constexpr int Rate = 8000;
    constexpr qint64 MaxLengthMs = 10 * 60 * 1000;
    const qint64 samples = std::clamp<qint64>(lengthMs, 0, MaxLengthMs) * Rate / 1000;
    QByteArray pcm(samples * 2, '\0');
    auto *out = reinterpret_cast<qint16 *>(pcm.data());
    for (const TranscriptMessage &message : messages) {
        const double frequency = message.role == u"agent"_s ? 523.25 : 392.0;
        const qint64 from = std::max<qint64>(0, message.startMs * Rate / 1000);
        const qint64 to = std::min(samples, message.endMs * Rate / 1000);
        for (qint64 i = from; i < to; ++i)
            out[i] = qint16(6000 * std::sin(2 * 3.14159265358979 * frequency * double(i) / Rate));
    }
    const auto le32 = [](quint32 value) {
        QByteArray bytes(4, '\0');
        qToLittleEndian(value, bytes.data());
        return bytes;
    };
    const auto le16 = [](quint16 value) {
        QByteArray bytes(2, '\0');
        qToLittleEndian(value, bytes.data());
        return bytes;
    };
    QByteArray wav;
    wav += "RIFF" + le32(quint32(36 + pcm.size())) + "WAVE";
    wav += "fmt " + le32(16) + le16(1) + le16(1) + le32(Rate) + le32(Rate * 2) + le16(2) + le16(16);
    wav += "data" + le32(quint32(pcm.size())) + pcm;
    return wav;
}
