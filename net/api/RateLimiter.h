// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

struct RateLimits
{
    int perMinute = 60;
    int perHour = 1000;
    int burst = 10;
};

// Rate limiting per client (an API key, or an address for requests without a valid key), with
// the spec's three limits: a burst of `burst` requests at once, refilled at the per-minute rate;
// at most `perMinute` in a minute; at most `perHour` in an hour.
class RateLimiter
{
public:
    using Limits = RateLimits;

    struct Decision
    {
        bool allowed = true;
        int limit = 0;      // X-RateLimit-Limit: the per-minute limit
        int remaining = 0;  // X-RateLimit-Remaining, after this request
        qint64 resetAt = 0; // X-RateLimit-Reset: Unix time (s) when the minute window resets
        int retryAfter = 0; // seconds, when refused
    };

    // At most this many clients are remembered; past it the least recently seen are forgotten.
    static constexpr qsizetype MaxClients = 100000;

    explicit RateLimiter(Limits limits = Limits());
    void setLimits(Limits limits);
    Limits limits() const;

    // Counts one request of `client` at `nowMs` and says whether it may go on.
    Decision take(const QString &client, qint64 nowMs);
    qsizetype clientCount() const;

private:
    struct Client
    {
        double tokens = 0;
        qint64 refilledAt = 0;
        qint64 minuteStart = 0;
        int minuteCount = 0;
        qint64 hourStart = 0;
        int hourCount = 0;
    };
    void forgetIdle(qint64 nowMs);
    void forgetLeastRecent();

    mutable QMutex m_mutex;
    Limits m_limits;
    QHash<QString, Client> m_clients;
    qint64 m_lastSweep = 0;
};
