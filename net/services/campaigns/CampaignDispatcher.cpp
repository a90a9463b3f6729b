// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignDispatcher.h"

#include "CallLeases.h"
#include "CallMonitor.h"
#include "CallRepository.h"
#include "CallService.h"
#include "CampaignRepository.h"
#include "CampaignService.h"
#include "ProviderHub.h"
#include "Store.h"
#include "Timestamps.h"
#include "TwilioProvider.h"
#include "UltravoxProvider.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCampaigns, "switchboard.campaigns")

namespace {
constexpr int UltravoxIdWritten = 1;
constexpr int CallSidWritten = 2;
// Twilio calls are looked for from this long before their record was written (clock skew).
constexpr qint64 LookUpMarginMs = 60000;

// A Twilio failure that does not prove the call was not placed: no answer at all (timeout,
// network), a server error, or a success answer that could not be read. Only a 4xx refusal
// does.
bool mayHaveBeenPlaced(const CallRecord &call)
{
    if (call.status != CallStatus::Failed || !call.callSid.isEmpty())
        return false;
    if (call.error.value(u"provider"_s).toString() != u"twilio"_s)
        return false;
    const int status = call.error.value(u"http_status"_s).toInt();
    return status < 400 || status >= 500;
}

// What a retry rule sees: answering-machine detection's word where it spoke, else the status.
QString outcomeOf(const CallRecord &call)
{
    if (call.status == CallStatus::Completed && call.answeredBy.startsWith(u"machine"_s))
        return u"machine"_s;
    return toString(call.status);
}

QString detailOf(const CallRecord &call)
{
    return call.error.value(u"message"_s).toString();
}
} // namespace

CampaignDispatcher::CampaignDispatcher(Store &store, CampaignService &campaigns, CallService &calls,
                                       CallMonitor &monitor, ProviderHub &providers,
                                       CallLeases &leases, Pacing pacing, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_campaigns(campaigns)
    , m_calls(calls)
    , m_monitor(monitor)
    , m_providers(providers)
    , m_leases(leases)
    , m_pacing(pacing)
    , m_owner(store.instanceTag())
{
    m_timer.setInterval(m_pacing.tickMs);
    connect(&m_timer, &QTimer::timeout, this, &CampaignDispatcher::tick);
    connect(&m_calls, &CallService::callChanged, this, &CampaignDispatcher::noteCall);
}

CampaignDispatcher::~CampaignDispatcher()
{
    stop();
}

void CampaignDispatcher::start()
{
    try {
        if (!m_store.isPostgres())
            DialRepository(m_store).expireAllLeases();
    } catch (const AppError &error) {
        qCWarning(lcCampaigns) << "cannot take over earlier campaign calls:" << error.message();
    }
    m_timer.start();
    checkAccount();
}

void CampaignDispatcher::stop()
{
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    try {
        DialRepository(m_store).handOver(m_owner);
    } catch (const AppError &error) {
        qCWarning(lcCampaigns) << "cannot hand over campaign calls:" << error.message();
    }
}

void CampaignDispatcher::checkAccount()
{
    if (m_checkingAccount)
        return;
    std::shared_ptr<UltravoxProvider> ultravox;
    try {
        ultravox = m_providers.defaultUltravox();
    } catch (const AppError &) {
        return; // not configured: no campaign call could be placed anyway
    }
    m_checkingAccount = true;
    ultravox->checkAccount(this, [this](const Outcome<UltravoxAccount> &outcome) {
        m_checkingAccount = false;
        m_accountCheckedAt = Timestamps::nowMs();
        if (!outcome.ok()) {
            qCWarning(lcCampaigns)
                << "cannot read the Ultravox account's call limit:" << outcome.error().message;
            return;
        }
        // An account that states no limit is held to one call at a time rather than to none.
        m_accountLimit = std::max(1, outcome.value().allowedConcurrentCalls);
    });
}

void CampaignDispatcher::tick()
{
    if (m_ticking)
        return;
    m_ticking = true;
    try {
        DialRepository(m_store).renewLeases(m_owner, m_pacing.leaseTtlMs);
        finishEnded();
        recoverOrphans();
        if (m_accountLimit < 0 ||
            Timestamps::nowMs() - m_accountCheckedAt > m_pacing.accountCheckMs)
            checkAccount();
        const qint64 now = m_campaigns.now();
        for (Campaign campaign : CampaignRepository(m_store).active()) {
            if (campaign.status == CampaignStatus::Scheduled) {
                if (campaign.startAt > now)
                    continue;
                campaign = m_campaigns.setStatus(campaign.id, CampaignStatus::Running);
            }
            if (CampaignRepository(m_store).unfinishedCount(campaign.id) == 0) {
                m_campaigns.setStatus(campaign.id, CampaignStatus::Completed);
                continue;
            }
            dispatch(campaign);
        }
    } catch (const AppError &error) {
        qCWarning(lcCampaigns) << "campaign round failed:" << error.message();
    }
    m_ticking = false;
}

DialRepository::Timing CampaignDispatcher::timingFor(const Campaign &campaign,
                                                     const Recipient &recipient,
                                                     QHash<QString, qint64> &openings)
{
    const CallingHours &hours = campaign.rules.hours;
    const QStringList zones = hours.zonesFor(recipient.phoneNumber);
    if (zones.isEmpty())
        return {-1, u"no time zone is known for this number; give the campaign a fixed "
                    u"calling_hours.time_zone to call it"_s};
    const QString key = zones.join(u'&');
    auto found = openings.constFind(key);
    if (found == openings.constEnd())
        found = openings.insert(key, hours.nextOpening(m_campaigns.now(), zones));
    if (*found == 0)
        return {-1, u"the calling hours never hold in all of this number's time zones at once "
                    u"(%1)"_s.arg(zones.join(u", "_s))};
    return {*found <= m_campaigns.now() ? 0 : *found, {}};
}

void CampaignDispatcher::dispatch(const Campaign &campaign)
{
    if (m_accountLimit < 0)
        return; // not before Ultravox said how many calls the account may have at once
    DialRepository dial(m_store);
    // Calls of every kind count against the account: the ones this campaign has under way are
    // counted by the claim itself.
    const qint64 others =
        CallRepository(m_store).unfinishedCount() - dial.openAttemptCount(campaign.id);
    DialRepository::Limits limits;
    limits.maxActive =
        int(std::min<qint64>(campaign.rules.maxConcurrentCalls, m_accountLimit - others));
    limits.perMinute = campaign.rules.callsPerMinute;
    limits.leaseTtlMs = m_pacing.leaseTtlMs;
    if (limits.maxActive <= 0)
        return;
    QHash<QString, qint64> openings;
    const QList<DialRepository::Claim> claims = dial.claim(
        campaign.id, m_owner, m_campaigns.now(), limits,
        [&](const Recipient &recipient) { return timingFor(campaign, recipient, openings); });
    for (const DialRepository::Claim &claim : claims)
        place(campaign, claim);
    Q_EMIT m_campaigns.progressChanged(campaign.id);
}

void CampaignDispatcher::place(const Campaign &campaign, const DialRepository::Claim &claim)
{
    CallRequest request;
    request.agentId = campaign.agentId;
    request.phoneNumber = claim.recipient.phoneNumber;
    request.templateContext = claim.recipient.context;
    request.reservedCallId = claim.attempt.callId;
    request.campaignId = campaign.id;
    // A machine can only be retried if it is detected: Twilio is asked to, and the call does
    // what its agent does with machines. Otherwise the agent decides whether to detect them.
    if (campaign.rules.retryOn.contains(u"machine"_s))
        request.machineDetection = true;
    m_placed.insert(claim.attempt.callId, claim.recipient.id);
    try {
        // Ids and outcome arrive through callChanged (noteCall), also for calls that another
        // instance goes on to follow.
        m_calls.placeAgentCall(request, [](const CallResult &) {});
    } catch (const AppError &refused) {
        m_placed.remove(claim.attempt.callId);
        // Refused before any provider was asked (agent deleted, in error, inactive): nobody was
        // called, and every other recipient would be refused the same way.
        DialRepository(m_store).abandon(claim.attempt.callId, refused.message(), m_campaigns.now());
        m_campaigns.setStatus(campaign.id, CampaignStatus::Paused,
                              u"The agent cannot take calls: %1"_s.arg(refused.message()));
    }
}

void CampaignDispatcher::noteCall(const CallRecord &call)
{
    if (call.campaignId.isEmpty())
        return;
    try {
        DialRepository dial(m_store);
        int &written = m_written[call.id];
        if (!call.ultravoxCallId.isEmpty() && !(written & UltravoxIdWritten)) {
            dial.setUltravoxCallId(call.id, call.ultravoxCallId);
            written |= UltravoxIdWritten;
        }
        if (!call.callSid.isEmpty() && !(written & CallSidWritten)) {
            dial.setCallSid(call.id, call.callSid);
            written |= CallSidWritten;
        }
        if (!isFinal(call.status))
            return;
        m_written.remove(call.id);
        const qint64 recipientId = m_placed.take(call.id);
        if (mayHaveBeenPlaced(call)) {
            // Twilio may have the call although its answer never came: found there, it is
            // followed; not found, it is unknown. Only the instance that placed it looks now;
            // after a crash, whoever takes its recipient over does.
            if (recipientId > 0) {
                DialRepository::OpenAttempt open;
                open.attempt.callId = call.id;
                open.attempt.campaignId = call.campaignId;
                open.attempt.recipientId = recipientId;
                open.phoneNumber = call.phoneNumber;
                lookUp(open);
            }
            return;
        }
        if (dial.finish(call.id, outcomeOf(call), detailOf(call), m_campaigns.now()))
            Q_EMIT m_campaigns.progressChanged(call.campaignId);
    } catch (const AppError &error) {
        // The next round's sweep finishes it from the call record.
        qCWarning(lcCampaigns) << "cannot record the outcome of campaign call" << call.id << ":"
                               << error.message();
    }
}

void CampaignDispatcher::finishEnded()
{
    DialRepository dial(m_store);
    for (const DialRepository::OpenAttempt &open : dial.openAttemptsWithEndedCalls(500)) {
        CallRecord call;
        call.status = CallStatus::Failed;
        callStatusFromString(open.callStatus, &call.status);
        call.error = open.callError;
        call.callSid = open.callSid;
        if (mayHaveBeenPlaced(call))
            continue; // its recipient's lease holder looks it up at Twilio
        if (dial.finish(open.attempt.callId, open.callStatus,
                        open.callError.value(u"message"_s).toString(), m_campaigns.now()))
            Q_EMIT m_campaigns.progressChanged(open.attempt.campaignId);
    }
}

void CampaignDispatcher::recoverOrphans()
{
    const QList<DialRepository::OpenAttempt> orphans =
        DialRepository(m_store).claimOrphans(m_owner, m_pacing.leaseTtlMs);
    for (const DialRepository::OpenAttempt &open : orphans) {
        qCInfo(lcCampaigns) << "taking over campaign call" << open.attempt.callId << "to"
                            << open.phoneNumber;
        lookUp(open);
    }
}

void CampaignDispatcher::lookUp(const DialRepository::OpenAttempt &open)
{
    const QString callId = open.attempt.callId;
    if (m_lookingUp.contains(callId))
        return;
    DialRepository dial(m_store);
    const std::optional<CallRecord> call = m_calls.find(callId);
    if (!call) {
        // The call record is written before any provider is asked: without one, nobody was.
        dial.abandon(callId, u"Switchboard stopped before the call was placed"_s,
                     m_campaigns.now());
        return;
    }
    if (!call->callSid.isEmpty()) {
        dial.setCallSid(callId, call->callSid);
        if (isFinal(call->status)) {
            dial.finish(callId, outcomeOf(*call), detailOf(*call), m_campaigns.now());
        } else {
            if (m_leases.isEnabled())
                m_leases.acquire(callId);
            m_monitor.follow(callId);
        }
        return;
    }
    CallService::Legs legs;
    try {
        legs = m_calls.legsFor(*call);
    } catch (const AppError &error) {
        finishUnknown(callId, u"cannot ask Twilio about it: %1"_s.arg(error.message()));
        return;
    }
    m_lookingUp.insert(callId);
    const qint64 since = call->createdAt - LookUpMarginMs;
    const qint64 recipientId = open.attempt.recipientId;
    legs.twilio->findCalls(
        call->phoneNumber, since, this,
        [this, callId, since, recipientId,
         from = call->fromNumber](const Outcome<QList<TwilioCall>> &outcome) {
            m_lookingUp.remove(callId);
            try {
                if (!outcome.ok()) {
                    qCWarning(lcCampaigns) << "cannot look up campaign call" << callId
                                           << "at Twilio:" << outcome.error().message;
                    if (recipientId > 0)
                        DialRepository(m_store).releaseLease(recipientId); // next round
                    return;
                }
                std::optional<TwilioCall> match;
                for (const TwilioCall &candidate : outcome.value()) {
                    if (!from.isEmpty() && !candidate.from.isEmpty() && candidate.from != from)
                        continue;
                    if (candidate.dateCreated > 0 && candidate.dateCreated < since)
                        continue;
                    if (CallRepository(m_store).find(candidate.sid))
                        continue; // another attempt's call to the same number
                    if (!match || candidate.dateCreated < match->dateCreated)
                        match = candidate;
                }
                if (!match) {
                    finishUnknown(callId, u"Twilio has no call to this number from the time of "
                                          u"the attempt; it was not dialed again"_s);
                    return;
                }
                const CallRecord found = m_calls.update(callId, [&](CallRecord &record) {
                    record.callSid = match->sid;
                    record.error = {};
                    record.endedAt = 0;
                    record.transcriptFetched = false;
                    applyTwilioState(record, *match);
                });
                if (!isFinal(found.status)) {
                    if (m_leases.isEnabled())
                        m_leases.acquire(callId);
                    m_monitor.follow(callId);
                }
            } catch (const AppError &error) {
                qCWarning(lcCampaigns) << "cannot store what Twilio said of campaign call" << callId
                                       << ":" << error.message();
            }
        });
}

void CampaignDispatcher::finishUnknown(const QString &callId, const QString &detail)
{
    DialRepository(m_store).finish(callId, u"unknown"_s, detail, m_campaigns.now());
    const std::optional<CallRecord> call = m_calls.find(callId);
    if (call && !isFinal(call->status)) {
        const AppError unknown(ErrorKind::Internal, u"Outcome unknown: %1"_s.arg(detail));
        m_calls.fail(callId, unknown, {{u"message"_s, unknown.message()}});
    }
    qCWarning(lcCampaigns) << "campaign call" << callId << "outcome unknown:" << detail;
}
