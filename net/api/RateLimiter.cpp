// SPDX-License-Identifier: GPL-3.0-or-later
#include "RateLimiter.h"

#include <QMutexLocker>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {
constexpr qint64 MinuteMs = 60 * 1000;
constexpr qint64 HourMs = 60 * MinuteMs;

int secondsUntil(qint64 fromMs, qint64 toMs)
{
    return int(std::max<qint64>(1, (toMs - fromMs + 999) / 1000));
}
} // namespace

RateLimiter::RateLimiter(Limits limits)
    : m_limits(limits)
{
}

void RateLimiter::setLimits(Limits limits)
{
    QMutexLocker locker(&m_mutex);
    m_limits = limits;
    m_clients.clear();
}

RateLimiter::Limits RateLimiter::limits() const
{
    QMutexLocker locker(&m_mutex);
    return m_limits;
}

RateLimiter::Decision RateLimiter::take(const QString &client, qint64 nowMs)
{
    QMutexLocker locker(&m_mutex);
    forgetIdle(nowMs);
    const Limits limits = m_limits;
    auto it = m_clients.find(client);
    if (it == m_clients.end()) {
        if (m_clients.size() >= MaxClients)
            forgetLeastRecent();
        Client fresh;
        fresh.tokens = limits.burst;
        fresh.refilledAt = fresh.minuteStart = fresh.hourStart = nowMs;
        it = m_clients.insert(client, fresh);
    }
    Client &state = *it;

    // The burst bucket refills at the per-minute rate.
    const double perMs = double(limits.perMinute) / double(MinuteMs);
    state.tokens =
        std::min<double>(limits.burst, state.tokens + double(nowMs - state.refilledAt) * perMs);
    state.refilledAt = nowMs;
    if (nowMs - state.minuteStart >= MinuteMs) {
        state.minuteStart = nowMs;
        state.minuteCount = 0;
    }
    if (nowMs - state.hourStart >= HourMs) {
        state.hourStart = nowMs;
        state.hourCount = 0;
    }

    Decision decision;
    decision.limit = limits.perMinute;
    const bool burstLeft = state.tokens >= 1.0;
    const bool minuteLeft = state.minuteCount < limits.perMinute;
    const bool hourLeft = state.hourCount < limits.perHour;
    decision.allowed = burstLeft && minuteLeft && hourLeft;
    if (decision.allowed) {
        state.tokens -= 1.0;
        ++state.minuteCount;
        ++state.hourCount;
    } else {
        int wait = 0;
        if (!burstLeft && perMs > 0)
            wait = std::max(wait, int(std::ceil((1.0 - state.tokens) / perMs / 1000.0)));
        if (!minuteLeft)
            wait = std::max(wait, secondsUntil(nowMs, state.minuteStart + MinuteMs));
        if (!hourLeft)
            wait = std::max(wait, secondsUntil(nowMs, state.hourStart + HourMs));
        decision.retryAfter = std::max(1, wait);
    }
    decision.remaining =
        std::max(0, std::min({int(std::floor(state.tokens)), limits.perMinute - state.minuteCount,
                              limits.perHour - state.hourCount}));
    const qint64 resetMs = hourLeft ? state.minuteStart + MinuteMs : state.hourStart + HourMs;
    decision.resetAt = (resetMs + 999) / 1000;
    return decision;
}

qsizetype RateLimiter::clientCount() const
{
    QMutexLocker locker(&m_mutex);
    return m_clients.size();
}

void RateLimiter::forgetIdle(qint64 nowMs)
{
    // Clients quiet for an hour hold nothing worth keeping; sweep at most once a minute.
    if (nowMs - m_lastSweep < MinuteMs)
        return;
    m_lastSweep = nowMs;
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        if (nowMs - it->refilledAt > HourMs)
            it = m_clients.erase(it);
        else
            ++it;
    }
}

void RateLimiter::forgetLeastRecent()
{
    // Many keys within the hour (a client making up a new one per request): keep the most recently
    // seen three quarters, so memory stays bounded. A client forgotten this way starts afresh.
    std::vector<qint64> seen;
    seen.reserve(std::size_t(m_clients.size()));
    for (const Client &client : std::as_const(m_clients))
        seen.push_back(client.refilledAt);
    const auto cut = seen.begin() + qsizetype(seen.size() / 4);
    std::nth_element(seen.begin(), cut, seen.end());
    const qint64 oldestKept = *cut;
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        if (it->refilledAt < oldestKept)
            it = m_clients.erase(it);
        else
            ++it;
    }
}
