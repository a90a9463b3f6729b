// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LatencyHistogram.h"

#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>

#include <vector>

// One answered API request, as GET /api/v1/metrics/api-calls lists it.
struct ApiCallRecord
{
    qint64 timestamp = 0; // ms
    QString method;
    QString endpoint; // the path as requested, without the query
    int statusCode = 0;
    double responseTimeMs = 0.0;
    QString requestId;

    QJsonObject toJson() const;
};

// Counters and response times of the local API since start, safe to record from any thread.
// Keeps the latest 1000 requests and a per-minute series of the last two hours for the charts.
class RequestMetrics
{
public:
    static constexpr int RecentCapacity = 1000;
    static constexpr int MinutesKept = 120;

    struct Summary
    {
        qint64 total = 0;
        qint64 success = 0;
        qint64 errors = 0;
        double averageMs = 0.0;
        double p95Ms = 0.0;
        double p99Ms = 0.0;
    };

    struct Minute
    {
        qint64 startMs = 0;
        qint64 requests = 0;
        qint64 errors = 0;
        double p95Ms = 0.0;
        double p99Ms = 0.0;
    };

    void record(const ApiCallRecord &call);
    Summary summary() const;
    // Newest first.
    QList<ApiCallRecord> recent(int limit) const;
    // The last `minutes` minutes up to now, oldest first, including empty ones.
    QList<Minute> perMinute(int minutes, qint64 nowMs) const;

private:
    struct MinuteSlot
    {
        qint64 startMs = -1;
        qint64 requests = 0;
        qint64 errors = 0;
        LatencyHistogram latency;
    };

    mutable QMutex m_mutex;
    qint64 m_total = 0;
    qint64 m_errors = 0;
    LatencyHistogram m_latency;
    std::vector<ApiCallRecord> m_recent = std::vector<ApiCallRecord>(RecentCapacity);
    int m_recentNext = 0;
    int m_recentSize = 0;
    std::vector<MinuteSlot> m_minutes = std::vector<MinuteSlot>(MinutesKept);
};
