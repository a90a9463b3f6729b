// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallService.h"

#include "AgentRepository.h"
#include "CallLeases.h"
#include "CallOutcome.h"
#include "CompanyRepository.h"
#include "EventLog.h"
#include "Ids.h"
#include "ProviderHub.h"
#include "ReadCache.h"
#include "Store.h"
#include "Timestamps.h"
#include "Validation.h"

#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCalls, "switchboard.calls")

void applyTwilioState(CallRecord &call, const TwilioCall &twilio)
{
    call.twilioStatus = twilio.status;
    if (!twilio.answeredBy.isEmpty())
        call.answeredBy = CallOutcome::answeredByFromTwilio(twilio.answeredBy);
    if (!twilio.price.isEmpty()) {
        call.price = twilio.price;
        call.priceUnit = twilio.priceUnit;
    }
    call.status = callStatusFromTwilio(twilio.status);
    // Twilio sets start_time when it dials, so a busy or unanswered call has one too: only an
    // in-progress or completed call was answered.
    const bool answered =
        call.status == CallStatus::InProgress || call.status == CallStatus::Completed;
    if (answered && twilio.startTime > 0)
        call.answeredAt = twilio.startTime;
    else if (answered && call.answeredAt == 0)
        call.answeredAt = Timestamps::nowMs();
    if (isFinal(call.status)) {
        call.endedAt = twilio.endTime > 0 ? twilio.endTime : Timestamps::nowMs();
        if (twilio.durationSeconds >= 0)
            call.durationSeconds = twilio.durationSeconds;
        else if (call.answeredAt > 0)
            call.durationSeconds = int((call.endedAt - call.answeredAt) / 1000);
        else
            call.durationSeconds = 0;
    }
}

CallService::CallService(Store &store, EventLog &events, ProviderHub &providers, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_events(events)
    , m_providers(providers)
{
}

std::optional<CallRecord> CallService::find(const QString &idOrSid)
{
    return readOrCached(
        m_cache, [&] { return CallRepository(m_store).find(idOrSid); },
        [&] {
            // Only the recent calls are cached: not knowing a call says nothing about it.
            std::optional<CallRecord> cached = m_cache->call(idOrSid);
            if (!cached)
                throw;
            return cached;
        });
}

CallRecord CallService::get(const QString &idOrSid)
{
    std::optional<CallRecord> call = find(idOrSid);
    if (!call)
        throw AppError::notFound(u"Call"_s, idOrSid);
    return *call;
}

QList<CallRecord> CallService::list(const CallFilter &filter)
{
    return readOrCached(
        m_cache, [&] { return CallRepository(m_store).list(filter); },
        [&] { return m_cache->calls(filter); });
}

qint64 CallService::count(const CallFilter &filter)
{
    return readOrCached(
        m_cache, [&] { return CallRepository(m_store).count(filter); },
        [&] { return m_cache->callCount(filter); });
}

QList<TranscriptMessage> CallService::transcript(const QString &callId)
{
    return CallRepository(m_store).transcript(callId);
}

qint64 CallService::ongoingCount()
{
    return CallRepository(m_store).unfinishedCount();
}

QMap<QString, qint64> CallService::countByStatus()
{
    return CallRepository(m_store).countByStatus();
}

QList<CallRecord> CallService::needingFollowUp()
{
    QList<CallRecord> calls = CallRepository(m_store).unfinished();
    calls += CallRepository(m_store).awaitingOutcome();
    return calls;
}

CallRecord CallService::update(const QString &id, const std::function<void(CallRecord &)> &change)
{
    CallRepository calls(m_store);
    for (int attempt = 0; attempt < 3; ++attempt) {
        CallRecord call = get(id);
        const CallStatus before = call.status;
        change(call);
        call.updatedAt = Timestamps::nowMs();
        if (!calls.update(call))
            continue;
        // After our transaction, if any: the campaign dispatcher writes when a call changes.
        m_store.afterCommit([this, call] { Q_EMIT callChanged(call); });
        if (call.status != before) {
            m_events.record(EventTypes::CallStatusChanged, call.agentId, call.publicId(),
                            call.companyId,
                            {{u"from"_s, toString(before)}, {u"to"_s, toString(call.status)}});
            if (isFinal(call.status)) {
                QJsonObject details{{u"status"_s, toString(call.status)}};
                if (call.durationSeconds >= 0)
                    details.insert(u"duration_seconds"_s, call.durationSeconds);
                if (!call.error.isEmpty())
                    details.insert(u"error"_s, call.error);
                m_events.record(call.status == CallStatus::Completed ? EventTypes::CallCompleted
                                                                     : EventTypes::CallFailed,
                                call.agentId, call.publicId(), call.companyId, details);
            }
        }
        return call;
    }
    throw AppError(ErrorKind::Conflict, u"Call '%1' kept changing while it was saved"_s.arg(id));
}

CallRecord CallService::insertAttempt(CallRecord call)
{
    if (call.id.isEmpty())
        call.id = Ids::newCallId();
    call.status = CallStatus::Initiated;
    call.sandbox = m_providers.isSandbox();
    call.createdAt = call.updatedAt = Timestamps::nowMs();
    if (m_leases && m_leases->isEnabled()) {
        // With its lease, in one transaction: no instant in which another instance could
        // mistake the new call for an orphan.
        Store::Transaction transaction(m_store);
        CallRepository(m_store).insert(call);
        m_leases->acquire(call.id);
        transaction.commit();
    } else {
        CallRepository(m_store).insert(call);
    }
    Q_EMIT callChanged(call);
    return call;
}

CallResult CallService::fail(const QString &callId, const AppError &error,
                             const QJsonObject &errorJson)
{
    m_placing.remove(callId);
    CallRecord call;
    try {
        call = update(callId, [&](CallRecord &record) {
            record.status = CallStatus::Failed;
            record.error = errorJson;
            record.endedAt = Timestamps::nowMs();
            record.durationSeconds = 0;
            record.transcriptFetched = true; // nobody talked
            record.costSettled = true;       // no provider will bill a call that never was
        });
    } catch (const AppError &storeError) {
        qCWarning(lcCalls) << "could not mark call" << callId << "failed:" << storeError.message();
    }
    if (m_leases && call.transcriptFetched) // nothing left to follow
        m_leases->release(callId);
    QJsonObject details = error.details();
    details.insert(u"call_id"_s, callId);
    AppError withCall(error.kind(), error.message(), details);
    withCall.withRetryAfter(error.retryAfterSeconds());
    return {call, withCall};
}

CallService::Legs CallService::legsFor(const CallRecord &call)
{
    if (call.companyId > 0) {
        const std::optional<Company> company = CompanyRepository(m_store).find(call.companyId);
        if (!company)
            throw AppError(
                ErrorKind::NotFound,
                u"Company %1 of call '%2' no longer exists"_s.arg(call.companyId).arg(call.id));
        return {m_providers.companyUltravox(*company), m_providers.companyTwilio(*company)};
    }
    return {m_providers.defaultUltravox(), m_providers.defaultTwilio()};
}

std::shared_ptr<UltravoxProvider> CallService::ultravoxFor(const CallRecord &call)
{
    if (call.companyId > 0)
        return legsFor(call).ultravox;
    return m_providers.defaultUltravox();
}

void CallService::placeTestCall(
    CallRecord attempt, const std::function<void(QObject *, Callback<UltravoxCall>)> &startUltravox,
    CallDone done)
{
    attempt.test = true;
    const CallRecord call = insertAttempt(attempt);
    const QString callId = call.id;
    m_placing.insert(callId);
    startUltravox(this, [this, callId, done = std::move(done)](
                            const Outcome<UltravoxCall> &outcome) {
        if (!outcome.ok()) {
            done(fail(callId, outcome.error().toAppError(u"Starting the Ultravox test call"_s),
                      outcome.error().toJson()));
            return;
        }
        m_placing.remove(callId);
        try {
            const CallRecord placed = update(callId, [&](CallRecord &record) {
                record.ultravoxCallId = outcome.value().callId;
                record.joinUrl = outcome.value().joinUrl;
                record.status = CallStatus::InProgress;
                record.answeredAt = Timestamps::nowMs();
            });
            m_events.record(EventTypes::CallInitiated, placed.agentId, placed.publicId(),
                            placed.companyId,
                            {{u"call_id"_s, placed.id},
                             {u"test"_s, true},
                             {u"sandbox"_s, placed.sandbox}});
            Q_EMIT callPlaced(callId);
            done({placed, std::nullopt});
        } catch (const AppError &error) {
            done(fail(callId, error, {{u"message"_s, error.message()}}));
        }
    });
}

CallRecord CallService::finishTestCall(const QString &callId,
                                       const QList<TranscriptMessage> &messages,
                                       const QString &endReason)
{
    CallRepository(m_store).replaceTranscript(callId, messages);
    const CallRecord call = update(callId, [&](CallRecord &record) {
        if (!isFinal(record.status)) {
            record.status = CallStatus::Completed;
            record.endedAt = Timestamps::nowMs();
            record.durationSeconds =
                record.answeredAt > 0 ? int((record.endedAt - record.answeredAt) / 1000) : 0;
        }
        if (!endReason.isEmpty())
            record.endReason = endReason;
        record.transcriptFetched = true;
    });
    if (m_leases)
        m_leases->release(callId);
    return call;
}

void CallService::removeTestCall(const QString &idOrSid)
{
    const CallRecord call = get(idOrSid);
    if (!call.test)
        throw AppError(ErrorKind::Conflict,
                       u"Call '%1' is not a test call; only test calls can be deleted"_s.arg(
                           idOrSid));
    CallRepository(m_store).remove(call.id);
    Q_EMIT callRemoved(call.id);
}

void CallService::placeAgentCall(const CallRequest &request, CallDone done)
{
    const std::optional<Agent> agent = AgentRepository(m_store).find(request.agentId);
    if (!agent)
        throw AppError::notFound(u"Agent"_s, request.agentId);
    const QJsonObject agentDetails{{u"agent_id"_s, agent->id},
                                   {u"status"_s, toString(agent->status)},
                                   {u"status_reason"_s, agent->statusReason}};
    switch (agent->status) {
    case AgentStatus::Active:
        break;
    case AgentStatus::Error:
        throw AppError(
            ErrorKind::Conflict,
            u"Agent '%1' cannot take calls: its last sync with Ultravox failed (%2). "
            u"Fix the agent (PUT) to sync it again."_s.arg(agent->id, agent->statusReason),
            agentDetails);
    case AgentStatus::Creating:
        throw AppError(
            ErrorKind::Conflict,
            u"Agent '%1' is still being created on Ultravox; try again in a moment"_s.arg(
                agent->id),
            agentDetails);
    case AgentStatus::Inactive:
        throw AppError(ErrorKind::Conflict, u"Agent '%1' is inactive"_s.arg(agent->id),
                       agentDetails);
    }

    CallRecord attempt;
    attempt.id = request.reservedCallId;
    attempt.campaignId = request.campaignId;
    attempt.agentId = agent->id;
    attempt.agentName = agent->config.name;
    attempt.agentRevision = agent->revision;
    attempt.phoneNumber = request.phoneNumber;
    attempt.fromNumber = m_providers.defaultFromNumber();
    attempt.templateContext = request.templateContext;
    // The call's own choice wins over the agent's.
    attempt.machineDetection =
        request.machineDetection.value_or(agent->config.call.machineDetection);
    if (attempt.machineDetection)
        attempt.onMachine =
            request.onMachine.isEmpty() ? agent->config.call.onMachine : request.onMachine;
    const CallRecord call = insertAttempt(attempt);

    Legs legs;
    try {
        legs = legsFor(call);
    } catch (const AppError &unavailable) {
        done(fail(call.id, unavailable, unavailable.details()));
        return;
    }
    // The agent's template variables are defaults; the call's context overrides them.
    QJsonObject context = agent->config.templateVariablesJson();
    for (auto it = request.templateContext.constBegin(); it != request.templateContext.constEnd();
         ++it)
        context.insert(it.key(), it.value());
    const QString remoteId = agent->remoteId;
    startLegs(
        call.id, legs,
        [legs, remoteId, context](QObject *owner, Callback<UltravoxCall> started) {
            legs.ultravox->startAgentCall(remoteId, context, owner, std::move(started));
        },
        std::move(done));
}

void CallService::placeCompanyCall(qint64 companyId, const QString &destination, CallDone done)
{
    const std::optional<Company> company = CompanyRepository(m_store).find(companyId);
    if (!company || !company->twilio)
        throw AppError(ErrorKind::NotFound, u"Twilio configuration not found"_s,
                       {{u"company_id"_s, companyId}})
            .withCode(u"Twilio configuration not found"_s);
    if (!company->ultravox)
        throw AppError(ErrorKind::NotFound, u"Ultravox configuration not found"_s,
                       {{u"company_id"_s, companyId}})
            .withCode(u"Ultravox configuration not found"_s);

    CallRecord attempt;
    attempt.companyId = company->id;
    attempt.agentName = company->name;
    attempt.phoneNumber = destination.isEmpty() ? company->twilio->phoneNumber : destination;
    attempt.fromNumber = company->twilio->phoneNumber;
    const CallRecord call = insertAttempt(attempt);

    Legs legs;
    try {
        legs = legsFor(call);
    } catch (const AppError &unavailable) {
        done(fail(call.id, unavailable, unavailable.details()));
        return;
    }
    AdHocCallSpec spec;
    spec.systemPrompt = company->ultravox->systemPrompt;
    spec.model = company->ultravox->model;
    spec.voice = company->ultravox->voice;
    spec.firstSpeaker = company->ultravox->firstSpeaker;
    startLegs(
        call.id, legs,
        [legs, spec](QObject *owner, Callback<UltravoxCall> started) {
            legs.ultravox->startAdHocCall(spec, owner, std::move(started));
        },
        std::move(done));
}

void CallService::startLegs(
    const QString &callId, const Legs &legs,
    const std::function<void(QObject *, Callback<UltravoxCall>)> &startUltravox, CallDone done)
{
    m_placing.insert(callId);
    startUltravox(
        this, [this, callId, legs, done = std::move(done)](const Outcome<UltravoxCall> &outcome) {
            if (!outcome.ok()) {
                done(fail(callId, outcome.error().toAppError(u"Starting the Ultravox call"_s),
                          outcome.error().toJson()));
                return;
            }
            connectTwilio(callId, legs, outcome.value(), done);
        });
}

void CallService::connectTwilio(const QString &callId, const Legs &legs,
                                const UltravoxCall &ultravoxCall, CallDone done)
{
    CallRecord call;
    try {
        call = update(callId, [&](CallRecord &record) {
            record.ultravoxCallId = ultravoxCall.callId;
            record.joinUrl = ultravoxCall.joinUrl;
        });
    } catch (const AppError &error) {
        done(fail(callId, error, {{u"message"_s, error.message()}}));
        return;
    }
    // Ultravox ends an unjoined call after its join timeout (30 s): Twilio must be asked now.
    PlaceCallSpec spec{call.phoneNumber, call.fromNumber, streamTwiml(call.joinUrl), {}};
    if (call.machineDetection) // to leave a message, the agent starts speaking after the beep
        spec.machineDetection =
            call.onMachine == CallOutcome::OnMachineVoicemail ? u"DetectMessageEnd"_s : u"Enable"_s;
    legs.twilio->placeCall(spec, this, [this, callId, done](const Outcome<TwilioCall> &outcome) {
        if (!outcome.ok()) {
            QJsonObject errorJson = outcome.error().toJson();
            errorJson.insert(u"ultravox"_s, u"the Ultravox call was created and goes unjoined"_s);
            done(fail(callId, outcome.error().toAppError(u"Placing the Twilio call"_s), errorJson));
            return;
        }
        m_placing.remove(callId);
        try {
            const CallRecord placed = update(callId, [&](CallRecord &record) {
                record.callSid = outcome.value().sid;
                applyTwilioState(record, outcome.value());
            });
            // Recorded once both providers accepted, so the event carries Twilio's SID; an
            // attempt that fails earlier leaves a call_failed event instead.
            m_events.record(EventTypes::CallInitiated, placed.agentId, placed.callSid,
                            placed.companyId,
                            {{u"call_id"_s, placed.id},
                             {u"phone_number"_s, placed.phoneNumber},
                             {u"sandbox"_s, placed.sandbox}});
            Q_EMIT callPlaced(callId);
            done({placed, std::nullopt});
        } catch (const AppError &error) {
            done({CallRecord{}, error});
        }
    });
}

void CallService::hangUp(const QString &idOrSid, CallDone done)
{
    endCall(idOrSid, CallOutcome::HungUpByOperator, std::move(done));
}

void CallService::endCall(const QString &idOrSid, const QString &hungUpBy, CallDone done)
{
    const CallRecord call = get(idOrSid);
    if (isFinal(call.status))
        throw AppError(ErrorKind::Conflict,
                       u"Call '%1' has already ended (%2)"_s.arg(idOrSid, toString(call.status)),
                       {{u"status"_s, toString(call.status)}});
    if (call.callSid.isEmpty())
        throw AppError(ErrorKind::Conflict,
                       u"Call '%1' is still being placed; hang up once it rings"_s.arg(idOrSid),
                       {{u"status"_s, toString(call.status)}});
    const Legs legs = legsFor(call);
    const bool cancel = call.status != CallStatus::InProgress;
    const QString callId = call.id;
    auto finish = [this, callId, hungUpBy, done](const Outcome<TwilioCall> &outcome) {
        if (!outcome.ok()) {
            done({CallRecord{}, outcome.error().toAppError(u"Hanging up through Twilio"_s,
                                                           {{u"call_id"_s, callId}})});
            return;
        }
        try {
            const CallRecord updated = update(callId, [&](CallRecord &record) {
                applyTwilioState(record, outcome.value());
                if (record.hungUpBy.isEmpty())
                    record.hungUpBy = hungUpBy;
            });
            done({updated, std::nullopt});
        } catch (const AppError &error) {
            done({CallRecord{}, error});
        }
    };
    legs.twilio->hangUp(
        call.callSid, cancel, this,
        [this, legs, sid = call.callSid, cancel, finish](const Outcome<TwilioCall> &outcome) {
            // Answered between our last poll and the cancel: Twilio ignores "canceled" then.
            if (outcome.ok() && cancel && outcome.value().status == u"in-progress"_s) {
                legs.twilio->hangUp(sid, false, this, finish);
                return;
            }
            finish(outcome);
        });
}

void CallService::storeOutcome(const QString &callId, const QList<TranscriptMessage> &messages,
                               const UltravoxCall &ultravox)
{
    Store::Transaction transaction(m_store);
    CallRepository(m_store).replaceTranscript(callId, messages);
    update(callId, [&](CallRecord &record) {
        applyUltravoxOutcome(record, ultravox);
        record.transcriptFetched = true;
        record.transcriptCount = int(messages.size());
        if (record.recordingEnabled && record.recordingStatus.isEmpty())
            record.recordingStatus = u"pending"_s;
    });
    transaction.commit();
}

void CallService::appendLiveTranscript(const QString &callId,
                                       const QList<TranscriptMessage> &messages)
{
    if (messages.isEmpty())
        return;
    Store::Transaction transaction(m_store);
    if (get(callId).transcriptFetched)
        return; // the final transcript is in: a late live read adds nothing to it
    CallRepository(m_store).appendTranscript(callId, messages);
    // The row's new count tells the window and the other team members to read the transcript
    // again; a final transcript already stored is never overwritten by a late live poll.
    update(callId, [&](CallRecord &record) {
        if (!record.transcriptFetched)
            record.transcriptCount =
                std::max<int>(record.transcriptCount, int(messages.last().ordinal + 1));
    });
    transaction.commit();
}

void applyUltravoxOutcome(CallRecord &call, const UltravoxCall &ultravox)
{
    if (!ultravox.endReason.isEmpty())
        call.endReason = ultravox.endReason;
    if (!ultravox.shortSummary.isEmpty())
        call.shortSummary = ultravox.shortSummary;
    if (!ultravox.summary.isEmpty())
        call.summary = ultravox.summary;
    if (ultravox.billedSeconds >= 0)
        call.billedSeconds = ultravox.billedSeconds;
    call.recordingEnabled = call.recordingEnabled || ultravox.recordingEnabled;
}
