// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Call.h"
#include "DialRepository.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

class CallLeases;
class CallMonitor;
class CallService;
class CampaignService;
class ProviderHub;
class Store;

// Dials running campaigns at the pace their rules set. Every tick it:
//  - renews the leases of the recipients this instance is calling;
//  - finishes the attempts whose calls ended (here or in another instance) and moves their
//    recipients on (done, retry later, or final);
//  - takes over recipients whose lease ran out (a crash, a kill, another instance that died) and
//    learns the fate of their open attempt: from the call record when it has Twilio's SID, else
//    from Twilio's call list (by number and time). A call not found there is `unknown` and its
//    recipient is not dialed again without the operator's word;
//  - starts scheduled campaigns whose time came, completes those with nobody left to call;
//  - claims due recipients within the campaign's limits, never above the Ultravox account's
//    allowedConcurrentCalls (read from GET /api/accounts/me), and places each through
//    CallService, so a campaign call is an ordinary call in the log.
class CampaignDispatcher : public QObject
{
    Q_OBJECT
public:
    struct Pacing
    {
        int tickMs = 1000;
        int leaseTtlMs = 15000;
        int accountCheckMs = 5 * 60 * 1000; // how often allowedConcurrentCalls is read again
    };

    CampaignDispatcher(Store &store, CampaignService &campaigns, CallService &calls,
                       CallMonitor &monitor, ProviderHub &providers, CallLeases &leases,
                       Pacing pacing, QObject *parent = nullptr);
    ~CampaignDispatcher() override;

    // On SQLite this process is the database's only user: every recipient left `calling` by an
    // earlier run is taken over at once instead of after its lease would have run out.
    void start();
    void stop();
    // One round now (tests, and the window after start/resume).
    void tick();
    // -1 until Ultravox answered.
    int accountConcurrencyLimit() const { return m_accountLimit; }
    const QString &owner() const { return m_owner; }

private:
    void checkAccount();
    void dispatch(const Campaign &campaign);
    void place(const Campaign &campaign, const DialRepository::Claim &claim);
    void finishEnded();
    void recoverOrphans();
    void lookUp(const DialRepository::OpenAttempt &open);
    void noteCall(const CallRecord &call);
    void finishUnknown(const QString &callId, const QString &detail);
    DialRepository::Timing timingFor(const Campaign &campaign, const Recipient &recipient,
                                     QHash<QString, qint64> &openings);

    Store &m_store;
    CampaignService &m_campaigns;
    CallService &m_calls;
    CallMonitor &m_monitor;
    ProviderHub &m_providers;
    CallLeases &m_leases;
    Pacing m_pacing;
    QString m_owner;
    QTimer m_timer;
    int m_accountLimit = -1;
    bool m_checkingAccount = false;
    qint64 m_accountCheckedAt = 0;
    bool m_ticking = false;
    QSet<QString> m_lookingUp;
    QHash<QString, int> m_written;   // call id -> which provider ids the attempt row has (bits)
    QHash<QString, qint64> m_placed; // call id -> recipient, for calls this instance placed
};
