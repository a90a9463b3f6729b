// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Campaign.h"

#include <functional>
#include <optional>

class Store;

// The store side of dialing a campaign, where "never twice" is kept.
//
// A claim takes the campaign's row lock (PostgreSQL; SQLite's writers queue anyway), counts the
// calls under way and those started in the last minute across every instance, and for each
// recipient it takes: checks the do-not-call list, moves it to `calling` under this instance's
// lease and writes the attempt row with the call id reserved for it, all in one transaction.
// Only then is a provider asked. Leases are renewed while this instance lives; a recipient whose
// lease ran out is taken over by another instance, which then learns the fate of the attempt
// from the call record or from Twilio instead of dialing again.
class DialRepository
{
public:
    explicit DialRepository(Store &store)
        : m_store(store)
    {
    }

    struct Claim
    {
        Recipient recipient;
        CampaignAttempt attempt;
    };

    // When a recipient may be called: 0 now, a later time in ms to come back then, -1 never
    // (its state becomes invalid with `reason`).
    struct Timing
    {
        qint64 notBefore = 0;
        QString reason;
    };
    using TimingCheck = std::function<Timing(const Recipient &)>;

    struct Limits
    {
        int maxActive = 1;  // calls of this campaign under way at once, team-wide
        int perMinute = 10; // attempts started in the last 60 s, team-wide
        int leaseTtlMs = 15000;
    };

    // Claims due recipients of a running campaign within the limits. `nowMs` is the dispatcher's
    // clock; leases run on the database's. Each claim carries its attempt row, already stored.
    QList<Claim> claim(const QString &campaignId, const QString &owner, qint64 nowMs,
                       const Limits &limits, const TimingCheck &timing);

    // The provider ids of an attempt, as soon as each is known.
    void setUltravoxCallId(const QString &callId, const QString &ultravoxCallId);
    void setCallSid(const QString &callId, const QString &callSid);

    // Ends an attempt that is still open with `outcome` (a call status, "machine" or "unknown")
    // and moves its recipient on: completed, back to pending for a retry the rules allow, or to
    // the state the outcome names. False when the attempt was already ended.
    bool finish(const QString &callId, const QString &outcome, const QString &detail, qint64 nowMs);

    // Closes an attempt that certainly reached no provider (the call was refused before any
    // was asked, or its call record was never written) as `not-dialed`; the recipient goes back
    // to pending and the attempt does not count against max_attempts.
    void abandon(const QString &callId, const QString &reason, qint64 nowMs);

    struct OpenAttempt
    {
        CampaignAttempt attempt;
        QString phoneNumber;
        QString callStatus; // of its call record; empty when there is none
        QString callSid;    // of its call record
        QJsonObject callError;
        QString leaseOwner; // of its recipient
    };
    // Attempts still open whose call record has reached a final status, to be finished from it.
    QList<OpenAttempt> openAttemptsWithEndedCalls(int limit);
    // Extends the leases this instance holds.
    void renewLeases(const QString &owner, int ttlMs);
    // Takes over recipients in `calling` whose lease ran out and returns their open attempts.
    QList<OpenAttempt> claimOrphans(const QString &owner, int ttlMs);
    // Lets others take over at once (a clean shutdown, or the only instance starting again).
    void handOver(const QString &owner);
    // Lets the recipient of one attempt be taken over again on the next round (a look-up at
    // Twilio that could not be made now).
    void releaseLease(qint64 recipientId);
    void expireAllLeases();
    // An `unknown` recipient is dialed again only on the operator's word: back to pending.
    int retryUnknown(const QString &campaignId);
    qint64 openAttemptCount(const QString &campaignId);

private:
    Store &m_store;
};
