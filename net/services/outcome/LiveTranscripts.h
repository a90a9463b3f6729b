// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderTypes.h"

#include <QHash>
#include <QObject>
#include <QTimer>

class CallLeases;
class CallService;
struct CallRecord;

// Reads the messages of calls in progress every second or two, so their transcripts grow while
// they last. Each poll asks only for what came after the last message read (one request for
// the newest page). The final transcript, stored when the call ends, replaces what was read here.
// In team mode only the holder of a call's lease reads it.
class LiveTranscripts : public QObject
{
    Q_OBJECT
public:
    // intervalMs 0: off.
    LiveTranscripts(CallService &calls, int intervalMs, QObject *parent = nullptr);

    void setLeases(CallLeases *leases) { m_leases = leases; }
    // Follows the calls already in progress (after a restart); later ones come by callChanged.
    void start();
    int followedCount() const { return int(m_followed.size()); }

private:
    struct Followed
    {
        QString ultravoxCallId;
        MessageCursor cursor;
        qint64 dueAt = 0;
        bool inFlight = false;
        int failures = 0;
    };
    void callChanged(const CallRecord &call);
    void pollDue();
    void poll(const QString &callId);

    CallService &m_calls;
    CallLeases *m_leases = nullptr;
    int m_intervalMs;
    QHash<QString, Followed> m_followed;
    QTimer m_timer;
};
