// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

class Store;

// This instance's side of the call leases (CallLeaseRepository): only the holder of a call's
// lease asks the providers about it, so five operators on one team database do not poll Twilio
// five times for every call.
//
// The instance that places a call takes its lease with the call record. Every ttl/3 it renews all
// its leases in one statement; every ttl/2 it claims the leases that ran out (their holder
// crashed, froze or lost the network) and follows those calls from then on. It trusts a lease
// for at most 80% of the ttl after the last renewal that succeeded, so an instance cut off from
// the database stops polling before anyone can take its calls over. A clean shutdown hands the
// leases over at once and tells the others, who claim them without waiting for the ttl.
//
// On SQLite there is one instance per database file: leases are off, and the call monitor
// follows every call as it always did.
class CallLeases : public QObject
{
    Q_OBJECT
public:
    CallLeases(Store &store, int ttlMs, QObject *parent = nullptr);

    bool isEnabled() const;
    int ttlMs() const { return m_ttlMs; }
    // Takes over orphaned and expired leases (acquired() for each) and starts the timers.
    void start();
    // The lease of a call this instance is placing; throws AppError when the database fails.
    bool acquire(const QString &callId);
    bool holds(const QString &callId) const;
    // Never throw: a lease that cannot be released simply runs out.
    void release(const QString &callId);
    void handOver();
    // Claims expired leases now (another instance just handed its leases over).
    void claimNow();
    int heldCount() const { return int(m_held.size()); }

Q_SIGNALS:
    // A call this instance should follow now: taken over, or held again after a lapse.
    void acquired(const QString &callId);
    // Someone else holds this call's lease now: stop following it.
    void lost(const QString &callId);

private:
    void renew();
    void hold(const QString &callId, qint64 since);

    Store &m_store;
    int m_ttlMs;
    QHash<QString, qint64> m_held; // call id -> monotonic ms until which we trust the lease
    QTimer m_renewTimer;
    QTimer m_claimTimer;
};
