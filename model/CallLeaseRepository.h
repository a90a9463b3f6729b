// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class Store;

// Who follows which call. Several instances share one database, but only one of them should ask
// the providers about a call: the holder of its lease. A lease lasts `ttlMs` on the database's
// clock (so operators' clocks need not agree) and is renewed by its holder; one that runs out
// because its holder went away is taken over by whichever instance claims it first. Owners are
// the stores' instance tags.
class CallLeaseRepository
{
public:
    explicit CallLeaseRepository(Store &store)
        : m_store(store)
    {
    }

    // Takes the lease of a call nobody holds (or whose lease ran out, or that `owner` already
    // holds). True when `owner` holds it afterwards.
    bool acquire(const QString &callId, const QString &owner, int ttlMs);
    // Extends every lease `owner` holds and returns their calls.
    QStringList renew(const QString &owner, int ttlMs);
    // Takes over every lease that ran out and returns their calls.
    QStringList claimExpired(const QString &owner, int ttlMs);
    // The call needs no more following.
    void release(const QString &callId, const QString &owner);
    // Lets others take over `owner`'s calls at once (a clean shutdown).
    void handOver(const QString &owner);
    // Calls still to be followed that have no lease (placed before leases existed, or cut short
    // between the call and its lease) get an expired one, so that someone claims them.
    int adoptOrphans();
    // The holder of the call's lease, empty when none.
    QString holder(const QString &callId);

private:
    Store &m_store;
};
