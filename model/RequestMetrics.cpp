// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestMetrics.h"

#include "Timestamps.h"

#include <QMutexLocker>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 MinuteMs = 60 * 1000;

double roundedMs(double ms)
{
    return std::round(ms * 100.0) / 100.0;
}
} // namespace

QJsonObject ApiCallRecord::toJson() const
{
    return {{u"timestamp"_s, Timestamps::iso(timestamp)},
            {u"method"_s, method},
            {u"endpoint"_s, endpoint},
            {u"status_code"_s, statusCode},
            {u"response_time_ms"_s, roundedMs(responseTimeMs)},
            {u"request_id"_s, requestId}};
}

void RequestMetrics::record(const ApiCallRecord &call)
{
    const bool isError = call.statusCode >= 400;
    const qint64 minuteStart = call.timestamp - call.timestamp % MinuteMs;
    QMutexLocker locker(&m_mutex);
    ++m_total;
    if (isError)
        ++m_errors;
    m_latency.record(call.responseTimeMs);

    m_recent[std::size_t(m_recentNext)] = call;
    m_recentNext = (m_recentNext + 1) % RecentCapacity;
    m_recentSize = std::min(m_recentSize + 1, RecentCapacity);

    MinuteSlot &slot = m_minutes[std::size_t((minuteStart / MinuteMs) % MinutesKept)];
    if (slot.startMs != minuteStart) {
        slot = MinuteSlot{};
        slot.startMs = minuteStart;
    }
    ++slot.requests;
    if (isError)
        ++slot.errors;
    slot.latency.record(call.responseTimeMs);
}

RequestMetrics::Summary RequestMetrics::summary() const
{
    QMutexLocker locker(&m_mutex);
    Summary summary;
    summary.total = m_total;
    summary.errors = m_errors;
    summary.success = m_total - m_errors;
    summary.averageMs = roundedMs(m_latency.averageMs());
    summary.p95Ms = roundedMs(m_latency.quantileMs(0.95));
    summary.p99Ms = roundedMs(m_latency.quantileMs(0.99));
    return summary;
}

QList<ApiCallRecord> RequestMetrics::recent(int limit) const
{
    QMutexLocker locker(&m_mutex);
    QList<ApiCallRecord> calls;
    const int count = std::min(limit, m_recentSize);
    calls.reserve(count);
    for (int i = 1; i <= count; ++i)
        calls.append(m_recent[std::size_t((m_recentNext - i + RecentCapacity) % RecentCapacity)]);
    return calls;
}

QList<RequestMetrics::Minute> RequestMetrics::perMinute(int minutes, qint64 nowMs) const
{
    minutes = std::clamp(minutes, 1, MinutesKept);
    const qint64 currentStart = nowMs - nowMs % MinuteMs;
    QMutexLocker locker(&m_mutex);
    QList<Minute> series;
    for (int back = minutes - 1; back >= 0; --back) {
        const qint64 start = currentStart - back * MinuteMs;
        const MinuteSlot &slot = m_minutes[std::size_t((start / MinuteMs) % MinutesKept)];
        Minute minute;
        minute.startMs = start;
        if (slot.startMs == start) {
            minute.requests = slot.requests;
            minute.errors = slot.errors;
            minute.p95Ms = roundedMs(slot.latency.quantileMs(0.95));
            minute.p99Ms = roundedMs(slot.latency.quantileMs(0.99));
        }
        series.append(minute);
    }
    return series;
}
