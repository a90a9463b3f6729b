// SPDX-License-Identifier: GPL-3.0-or-later
#include "LiveTranscripts.h"

#include "CallLeases.h"
#include "CallService.h"
#include "Timestamps.h"
#include "UltravoxProvider.h"

#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLive, "switchboard.live")

namespace {
// A provider that keeps failing is asked less often, up to this.
constexpr int MaxBackoffMs = 30000;
} // namespace

LiveTranscripts::LiveTranscripts(CallService &calls, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_calls(calls)
    , m_intervalMs(intervalMs)
{
    // One coarse timer for every call: a tick reads the calls that are due.
    m_timer.setTimerType(Qt::CoarseTimer);
    m_timer.setInterval(std::max(50, intervalMs / 4));
    connect(&m_timer, &QTimer::timeout, this, &LiveTranscripts::pollDue);
    if (intervalMs > 0)
        connect(&m_calls, &CallService::callChanged, this, &LiveTranscripts::callChanged);
}

void LiveTranscripts::start()
{
    if (m_intervalMs <= 0)
        return;
    try {
        for (const CallRecord &call : m_calls.needingFollowUp())
            callChanged(call);
    } catch (const AppError &error) {
        qCWarning(lcLive) << "cannot resume live transcripts:" << error.message();
    }
}

void LiveTranscripts::callChanged(const CallRecord &call)
{
    const bool live = call.status == CallStatus::InProgress && !call.ultravoxCallId.isEmpty() &&
                      !call.transcriptFetched && (!m_leases || m_leases->holds(call.id));
    auto it = m_followed.find(call.id);
    if (!live) {
        if (it != m_followed.end() && !it->inFlight)
            m_followed.erase(it);
        return;
    }
    if (it != m_followed.end())
        return;
    Followed followed;
    followed.ultravoxCallId = call.ultravoxCallId;
    followed.cursor.total = 0;
    followed.dueAt = Timestamps::nowMs();
    m_followed.insert(call.id, followed);
    if (!m_timer.isActive())
        m_timer.start();
}

void LiveTranscripts::pollDue()
{
    const qint64 now = Timestamps::nowMs();
    QStringList due;
    for (auto it = m_followed.cbegin(); it != m_followed.cend(); ++it) {
        if (!it->inFlight && it->dueAt <= now)
            due << it.key();
    }
    for (const QString &callId : std::as_const(due))
        poll(callId);
    if (m_followed.isEmpty())
        m_timer.stop();
}

void LiveTranscripts::poll(const QString &callId)
{
    Followed &followed = m_followed[callId];
    std::shared_ptr<UltravoxProvider> ultravox;
    try {
        const CallRecord call = m_calls.get(callId);
        if (call.status != CallStatus::InProgress || call.transcriptFetched ||
            (m_leases && !m_leases->holds(callId))) {
            m_followed.remove(callId);
            return;
        }
        ultravox = m_calls.legsFor(call).ultravox;
    } catch (const AppError &error) {
        qCWarning(lcLive) << "cannot read the live transcript of" << callId << ":"
                          << error.message();
        m_followed.remove(callId);
        return;
    }
    followed.inFlight = true;
    ultravox->getNewMessages(
        followed.ultravoxCallId, followed.cursor, this,
        [this, callId](const Outcome<MessagePage> &page) {
            auto it = m_followed.find(callId);
            if (it == m_followed.end())
                return;
            it->inFlight = false;
            if (!page.ok()) {
                ++it->failures;
                it->dueAt = Timestamps::nowMs() +
                            std::min(MaxBackoffMs, m_intervalMs << std::min(it->failures, 5));
                return;
            }
            it->failures = 0;
            it->cursor = page.value().cursor;
            it->dueAt = Timestamps::nowMs() + m_intervalMs;
            try {
                m_calls.appendLiveTranscript(callId, page.value().messages);
            } catch (const AppError &error) {
                qCWarning(lcLive) << "cannot store the live transcript of" << callId << ":"
                                  << error.message();
            }
        });
}
