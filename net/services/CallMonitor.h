// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

class CallService;

// Follows calls until they end, by asking the providers with backoff: a desktop has no public
// address for Twilio's status callbacks. Resumes the calls of a previous run at start.
class CallMonitor : public QObject
{
    Q_OBJECT
public:
    struct Pacing
    {
        int firstMs = 1000;       // first poll after a change
        int maxMs = 10000;        // calm calls are asked at most this rarely
        int maxBackoffMs = 60000; // after provider errors
    };

    CallMonitor(CallService &calls, Pacing pacing, QObject *parent = nullptr);

    void start();
    void follow(const QString &callId);
    int followedCount() const { return int(m_followed.size()); }

Q_SIGNALS:
    void followedCountChanged(int count);

private:
    struct Followed
    {
        qint64 dueAt = 0;
        int intervalMs = 0;
        int failures = 0;
        bool inFlight = false;
    };
    void pollDue();
    void reschedule();
    void finishPoll(const QString &callId, bool finished, bool failed, int retryAfterSeconds);

    CallService &m_calls;
    Pacing m_pacing;
    QHash<QString, Followed> m_followed;
    QTimer m_timer;
};
