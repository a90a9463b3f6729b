// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestCallService.h"

#include "AgentRepository.h"
#include "UltravoxCallTemplate.h"
#include "UltravoxProvider.h"
#include "Validation.h"

using namespace Qt::StringLiterals;

namespace {
// The rates Ultravox serves well; anything else is refused before a provider is asked.
const QList<int> &allowedRates()
{
    static const QList<int> rates{8000, 16000, 24000, 44100, 48000};
    return rates;
}

int rateField(const QJsonObject &json, const QString &key, FieldErrors &errors)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull())
        return ConsoleProtocol::DefaultSampleRate;
    QStringList names;
    for (const int rate : allowedRates())
        names << QString::number(rate);
    if (!value.isDouble() || !allowedRates().contains(value.toInt()) ||
        value.toDouble() != value.toInt()) {
        errors.add(key, u"must be one of %1 (Hz)"_s.arg(names.join(u", "_s)));
        return ConsoleProtocol::DefaultSampleRate;
    }
    return value.toInt();
}
} // namespace

TestCallRequest TestCallRequest::fromJson(const QJsonObject &json, FieldErrors &errors)
{
    using namespace JsonFields;
    rejectUnknown(
        json, {u"medium"_s, u"template_context"_s, u"input_sample_rate"_s, u"output_sample_rate"_s},
        errors);
    TestCallRequest request;
    const QString medium = string(json, u"medium"_s, errors, Presence::Optional, u"text"_s);
    if (!errors.contains(u"medium"_s) && !ConsoleProtocol::mediumFromName(medium, &request.medium))
        errors.add(u"medium"_s, u"must be \"text\" or \"voice\""_s);
    request.templateContext = object(json, u"template_context"_s, errors, Presence::Optional);
    validateTemplateContext(request.templateContext, errors);
    request.inputSampleRate = rateField(json, u"input_sample_rate"_s, errors);
    request.outputSampleRate = rateField(json, u"output_sample_rate"_s, errors);
    return request;
}

ConsoleCallSpec consoleCallSpec(const AgentConfig &config, const TestCallRequest &request)
{
    // The agent's variables are defaults; the test's context overrides them (as for calls).
    QJsonObject context = config.templateVariablesJson();
    for (auto it = request.templateContext.constBegin(); it != request.templateContext.constEnd();
         ++it)
        context.insert(it.key(), it.value());
    ConsoleCallSpec spec;
    spec.call.systemPrompt = ConsoleProtocol::renderPrompt(config.prompt, context);
    // "default" is Switchboard's word for Ultravox's default voice: the field is left out.
    if (config.voice != u"default"_s)
        spec.call.voice = config.voice;
    spec.call.firstSpeaker = u"FIRST_SPEAKER_AGENT"_s;
    spec.languageHint = config.language;
    spec.textOutput = request.medium == ConsoleProtocol::Medium::Text;
    spec.inputSampleRate = request.inputSampleRate;
    spec.outputSampleRate = request.outputSampleRate;
    AgentConfig rendered = config;
    rendered.prompt = spec.call.systemPrompt;
    spec.callTemplate = UltravoxCallTemplate::fromAgentConfig(rendered);
    spec.agentName = config.name;
    spec.templateContext = context;
    return spec;
}

void TestCallService::start(const QString &agentId, const AgentConfig &config,
                            const TestCallRequest &request, CallService::CallDone done)
{
    FieldErrors errors;
    config.validate(errors);
    validateTemplateContext(request.templateContext, errors);
    errors.throwIfAny();

    CallRecord attempt;
    attempt.agentId = agentId;
    attempt.agentName = config.name;
    attempt.phoneNumber = u""_s; // no phone line (the column takes no NULL)
    attempt.templateContext = request.templateContext;
    // The revision it ran, when the form holds the saved agent unchanged.
    if (!agentId.isEmpty()) {
        if (const std::optional<Agent> saved = AgentRepository(m_store).find(agentId);
            saved && saved->config == config)
            attempt.agentRevision = saved->revision;
    }
    const ConsoleCallSpec spec = consoleCallSpec(config, request);
    const std::shared_ptr<UltravoxProvider> ultravox = m_calls.ultravoxFor(attempt);
    m_calls.placeTestCall(
        attempt,
        [ultravox, spec](QObject *owner, Callback<UltravoxCall> started) {
            ultravox->startConsoleCall(spec, owner, std::move(started));
        },
        std::move(done));
}

void TestCallService::startSaved(const QString &agentId, const TestCallRequest &request,
                                 CallService::CallDone done)
{
    const std::optional<Agent> agent = AgentRepository(m_store).find(agentId);
    if (!agent)
        throw AppError::notFound(u"Agent"_s, agentId);
    start(agent->id, agent->config, request, std::move(done));
}
