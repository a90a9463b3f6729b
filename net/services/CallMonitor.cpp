// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallMonitor.h"

#include "CallService.h"
#include "Timestamps.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMonitor, "switchboard.monitor")

namespace {
// Gives up on a call the providers keep failing to report after this many attempts in a row.
constexpr int MaxConsecutiveFailures = 30;
} // namespace

CallMonitor::CallMonitor(CallService &calls, Pacing pacing, QObject *parent)
    : QObject(parent)
    , m_calls(calls)
    , m_pacing(pacing)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &CallMonitor::pollDue);
    connect(&m_calls, &CallService::callPlaced, this, &CallMonitor::follow);
}

void CallMonitor::start()
{
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

void CallMonitor::follow(const QString &callId)
{
    if (m_followed.contains(callId))
        return;
    Followed followed;
    followed.intervalMs = m_pacing.firstMs;
    followed.dueAt = Timestamps::nowMs() + m_pacing.firstMs;
    m_followed.insert(callId, followed);
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
        m_followed[callId].inFlight = true;
        try {
            m_calls.refresh(
                callId, [this, callId](bool finished, const std::optional<ProviderError> &error) {
                    finishPoll(callId, finished, error.has_value(),
                               error ? error->retryAfterSeconds : 0);
                });
        } catch (const AppError &error) {
            qCWarning(lcMonitor) << "cannot follow call" << callId << ":" << error.message();
            finishPoll(callId, error.kind() == ErrorKind::NotFound, true, 0);
        }
    }
    reschedule();
}

void CallMonitor::finishPoll(const QString &callId, bool finished, bool failed,
                             int retryAfterSeconds)
{
    auto it = m_followed.find(callId);
    if (it == m_followed.end())
        return;
    if (finished || (failed && it->failures + 1 >= MaxConsecutiveFailures)) {
        if (!finished)
            qCWarning(lcMonitor) << "giving up on call" << callId << "after" << it->failures + 1
                                 << "failed attempts";
        m_followed.erase(it);
        Q_EMIT followedCountChanged(followedCount());
        reschedule();
        return;
    }
    it->inFlight = false;
    if (failed) {
        ++it->failures;
        const int backoff =
            std::min(m_pacing.maxBackoffMs, m_pacing.firstMs << std::min(it->failures, 10));
        it->intervalMs = std::max(backoff, retryAfterSeconds * 1000);
    } else {
        it->failures = 0;
        it->intervalMs = std::min(m_pacing.maxMs, it->intervalMs * 3 / 2);
    }
    it->dueAt = Timestamps::nowMs() + it->intervalMs;
    reschedule();
}
