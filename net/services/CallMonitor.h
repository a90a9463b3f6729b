// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderTypes.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

class CallLeases;
class CallService;
class RecordingStore;
struct CallRecord;

// Follows calls until they end, by asking the providers with backoff: a desktop has no public
// address for Twilio's status callbacks. Once Twilio reports a final status it fetches
// Ultravox's end reason and the transcript. Resumes the calls of a previous run at start.
// In team mode it follows only the calls whose lease this instance holds (see CallLeases).
class CallMonitor : public QObject
{
    Q_OBJECT
public:
    struct Pacing
    {
        int firstMs = 1000;       // first poll, and the pace after a change
        int maxMs = 5000;         // calm calls are asked at most this rarely
        int maxBackoffMs = 60000; // after provider errors
        // How long after Twilio's end to wait for Ultravox to finish the call (its transcript
        // may still be coming); after that the outcome is stored as it is.
        int ultravoxGraceMs = 120000;
        // Team mode: how long a call's lease outlives its holder's last renewal, i.e. how soon
        // another instance takes over the calls of one that went away.
        int leaseTtlMs = 15000;
        // After the end: how long to keep asking for the price and billed duration (they come
        // late), and the longest wait between two asks.
        int costWindowMs = 3600000;
        int costMaxMs = 60000;
        // How often the messages of a call in progress are read (0: no live transcript).
        int liveTranscriptMs = 2000; // "every second or two", within 5 % of a core for 200 calls
        // How often the campaign dispatcher looks for recipients to dial and calls that ended.
        int campaignTickMs = 1000;
    };

    CallMonitor(CallService &calls, RecordingStore &recordings, Pacing pacing,
                QObject *parent = nullptr);

    // Team mode: follow only leased calls, take over those whose holder went away.
    void setLeases(CallLeases *leases);
    void start();
    void follow(const QString &callId);
    int followedCount() const { return int(m_followed.size()); }

Q_SIGNALS:
    void followedCountChanged(int count);

private:
    struct Poll
    {
        bool finished = false; // nothing more to follow
        bool changed = false;  // the call's state moved: ask again soon
        std::optional<ProviderError> error;
        int nextInMs = 0; // when to ask again, if not at the usual pace
    };
    using PollDone = std::function<void(const Poll &)>;

    struct Followed
    {
        qint64 dueAt = 0;
        int intervalMs = 0;
        int failures = 0;
        bool inFlight = false;
    };

    void unfollow(const QString &callId);
    void pollDue();
    void reschedule();
    void finishPoll(const QString &callId, const Poll &poll);
    int withJitter(int ms) const;

    // Asks Twilio where the call stands and stores what changed.
    void refresh(const QString &callId, PollDone done);
    // Ultravox's end reason and the transcript of an ended call.
    void fetchOutcome(const CallRecord &call, PollDone done);
    // What an ended call still awaits: its outcome, its cost, its recording (one per poll).
    void followEnded(const CallRecord &call, PollDone done);
    void fetchCost(const CallRecord &call, PollDone done);
    void fetchRecording(const CallRecord &call, PollDone done);
    // Twilio said a machine answered and the call is to hang up then.
    void hangUpOnMachine(const CallRecord &call);
    int costPollDelay(const CallRecord &call) const;
    // A test call has no phone leg: Ultravox alone says when it ended.
    void refreshTestCall(const CallRecord &call, PollDone done);

    CallService &m_calls;
    RecordingStore &m_recordings;
    CallLeases *m_leases = nullptr;
    Pacing m_pacing;
    QHash<QString, Followed> m_followed;
    QSet<QString> m_hangingUp; // calls Switchboard is hanging up on a machine
    QTimer m_timer;
};
