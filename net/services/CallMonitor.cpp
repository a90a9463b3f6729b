// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallMonitor.h"

#include "CallLeases.h"
#include "CallService.h"
#include "Timestamps.h"
#include "TwilioProvider.h"
#include "UltravoxProvider.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMonitor, "switchboard.monitor")

namespace {
// Gives up on a call the providers keep failing to report after this many attempts in a row.
constexpr int MaxConsecutiveFailures = 30;

bool sameTwilioState(const CallRecord &a, const CallRecord &b)
{
    return a.status == b.status && a.twilioStatus == b.twilioStatus &&
           a.answeredAt == b.answeredAt && a.endedAt == b.endedAt &&
           a.durationSeconds == b.durationSeconds && a.answeredBy == b.answeredBy &&
           a.price == b.price;
}
} // namespace

CallMonitor::CallMonitor(CallService &calls, RecordingStore &recordings, Pacing pacing,
                         QObject *parent)
    : QObject(parent)
    , m_calls(calls)
    , m_recordings(recordings)
    , m_pacing(pacing)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &CallMonitor::pollDue);
    connect(&m_calls, &CallService::callPlaced, this, &CallMonitor::follow);
    connect(&m_calls, &CallService::callRemoved, this, &CallMonitor::unfollow);
}

void CallMonitor::setLeases(CallLeases *leases)
{
    m_leases = leases;
    connect(leases, &CallLeases::acquired, this, &CallMonitor::follow);
    connect(leases, &CallLeases::lost, this, &CallMonitor::unfollow);
}

void CallMonitor::start()
{
    if (m_leases && m_leases->isEnabled()) {
        // Calls of a previous run, or of an instance that went away, come through acquired().
        m_leases->start();
        return;
    }
    try {
        const QList<CallRecord> calls = m_calls.needingFollowUp();
        for (const CallRecord &call : calls)
            follow(call.id);
        if (!calls.isEmpty())
            qCInfo(lcMonitor) << "following" << calls.size() << "call(s) from before";
    } catch (const AppError &error) {
        qCWarning(lcMonitor) << "cannot resume calls:" << error.message();
    }
}

int CallMonitor::withJitter(int ms) const
{
    // +-10%, so calls placed together are not all asked about in the same instant.
    const int spread = std::max(1, ms / 10);
    return ms - spread + int(QRandomGenerator::global()->bounded(2 * spread + 1));
}

void CallMonitor::follow(const QString &callId)
{
    if (m_followed.contains(callId))
        return;
    if (m_leases && !m_leases->holds(callId))
        return; // another instance follows it
    Followed followed;
    followed.intervalMs = m_pacing.firstMs;
    followed.dueAt = Timestamps::nowMs() + withJitter(m_pacing.firstMs);
    m_followed.insert(callId, followed);
    Q_EMIT followedCountChanged(followedCount());
    reschedule();
}

void CallMonitor::unfollow(const QString &callId)
{
    auto it = m_followed.find(callId);
    if (it == m_followed.end() || it->inFlight)
        return; // a poll in flight finds out by itself when it ends
    m_followed.erase(it);
    Q_EMIT followedCountChanged(followedCount());
    reschedule();
}

void CallMonitor::reschedule()
{
    qint64 next = -1;
    for (const Followed &followed : std::as_const(m_followed)) {
        if (!followed.inFlight && (next < 0 || followed.dueAt < next))
            next = followed.dueAt;
    }
    if (next < 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::max<qint64>(0, next - Timestamps::nowMs())));
}

void CallMonitor::pollDue()
{
    const qint64 now = Timestamps::nowMs();
    QStringList due;
    for (auto it = m_followed.cbegin(); it != m_followed.cend(); ++it) {
        if (!it->inFlight && it->dueAt <= now)
            due << it.key();
    }
    for (const QString &callId : std::as_const(due)) {
        if (m_leases && !m_leases->holds(callId)) {
            // The lease lapsed (the database is away, or someone took the call over): asking
            // the providers now could double another instance's polling.
            m_followed.remove(callId);
            Q_EMIT followedCountChanged(followedCount());
            continue;
        }
        m_followed[callId].inFlight = true;
        try {
            refresh(callId, [this, callId](const Poll &poll) { finishPoll(callId, poll); });
        } catch (const AppError &error) {
            qCWarning(lcMonitor) << "cannot follow call" << callId << ":" << error.message();
            Poll failed;
            failed.finished = error.kind() == ErrorKind::NotFound;
            failed.error = ProviderError{};
            finishPoll(callId, failed);
        }
    }
    reschedule();
}

void CallMonitor::finishPoll(const QString &callId, const Poll &poll)
{
    auto it = m_followed.find(callId);
    if (it == m_followed.end())
        return;
    const bool failed = poll.error.has_value();
    if (poll.finished || (failed && it->failures + 1 >= MaxConsecutiveFailures)) {
        if (!poll.finished)
            qCWarning(lcMonitor) << "giving up on call" << callId << "after" << it->failures + 1
                                 << "failed attempts";
        m_followed.erase(it);
        if (m_leases && poll.finished)
            m_leases->release(callId);
        Q_EMIT followedCountChanged(followedCount());
        reschedule();
        return;
    }
    it->inFlight = false;
    if (failed) {
        ++it->failures;
        const int backoff =
            std::min(m_pacing.maxBackoffMs, m_pacing.firstMs << std::min(it->failures, 10));
        it->intervalMs = std::max(backoff, poll.error->retryAfterSeconds * 1000);
    } else {
        it->failures = 0;
        if (poll.nextInMs > 0)
            it->intervalMs = poll.nextInMs;
        else
            it->intervalMs =
                poll.changed ? m_pacing.firstMs : std::min(m_pacing.maxMs, it->intervalMs * 3 / 2);
    }
    it->dueAt = Timestamps::nowMs() + withJitter(it->intervalMs);
    reschedule();
}

void CallMonitor::refresh(const QString &callId, PollDone done)
{
    const CallRecord call = m_calls.get(callId);
    if (isFinal(call.status)) {
        followEnded(call, std::move(done));
        return;
    }
    if (call.test && !call.ultravoxCallId.isEmpty()) {
        refreshTestCall(call, std::move(done));
        return;
    }
    if (call.callSid.isEmpty()) {
        if (m_calls.isBeingPlaced(callId)) {
            done({});
            return;
        }
        if (!call.campaignId.isEmpty()) {
            // A campaign's call: its dispatcher looks for it at Twilio (by number and time)
            // before anything else happens to it, so that nobody is called twice.
            done({true, false, std::nullopt});
            return;
        }
        // Placement was cut short: Switchboard stopped between the two providers.
        const AppError interrupted(ErrorKind::Internal,
                                   u"Switchboard stopped while this call was being placed"_s);
        m_calls.fail(callId, interrupted, {{u"message"_s, interrupted.message()}});
        done({true, true, std::nullopt});
        return;
    }
    const CallService::Legs legs = m_calls.legsFor(call);
    legs.twilio->getCall(
        call.callSid, this, [this, callId, done](const Outcome<TwilioCall> &outcome) {
            try {
                if (!outcome.ok()) {
                    if (outcome.error().httpStatus ==
                        404) { // Twilio does not know it: it never will
                        m_calls.fail(callId, outcome.error().toAppError(u"Following the call"_s),
                                     outcome.error().toJson());
                        done({true, true, outcome.error()});
                        return;
                    }
                    done({false, false, outcome.error()});
                    return;
                }
                const CallRecord before = m_calls.get(callId);
                CallRecord after = before;
                applyTwilioState(after, outcome.value());
                if (sameTwilioState(before, after)) { // nothing new: no write, no signal
                    done({});
                    return;
                }
                const CallRecord updated = m_calls.update(
                    callId, [&](CallRecord &record) { applyTwilioState(record, outcome.value()); });
                if (isFinal(updated.status)) {
                    followEnded(updated, [done](const Poll &fetched) {
                        done({fetched.finished, true, fetched.error, fetched.nextInMs});
                    });
                    return;
                }
                hangUpOnMachine(updated);
                done({false, true, std::nullopt});
            } catch (const AppError &error) {
                qCWarning(lcMonitor)
                    << "could not store the state of call" << callId << ":" << error.message();
                done({false, false, ProviderError{}});
            }
        });
}

void CallMonitor::refreshTestCall(const CallRecord &call, PollDone done)
{
    const QString callId = call.id;
    m_calls.ultravoxFor(call)->getCall(
        call.ultravoxCallId, this, [this, callId, done](const Outcome<UltravoxCall> &outcome) {
            try {
                if (!outcome.ok() && outcome.error().httpStatus != 404) {
                    done({false, false, outcome.error()});
                    return;
                }
                if (outcome.ok() && outcome.value().ended == 0) {
                    done({});
                    return;
                }
                const CallRecord ended = m_calls.update(callId, [&](CallRecord &record) {
                    record.status = CallStatus::Completed;
                    record.endedAt = outcome.ok() ? outcome.value().ended : Timestamps::nowMs();
                    record.durationSeconds =
                        int(std::max<qint64>(0, record.endedAt - record.answeredAt) / 1000);
                });
                fetchOutcome(ended, [done](const Poll &fetched) {
                    done({fetched.finished, true, fetched.error});
                });
            } catch (const AppError &error) {
                qCWarning(lcMonitor)
                    << "could not store the end of test call" << callId << ":" << error.message();
                done({false, false, ProviderError{}});
            }
        });
}
