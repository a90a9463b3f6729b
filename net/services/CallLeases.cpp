// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallLeases.h"

#include "AppError.h"
#include "CallLeaseRepository.h"
#include "ChangeFeed.h"
#include "Store.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>

#include <chrono>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLeases, "switchboard.leases")

namespace {
qint64 monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

CallLeases::CallLeases(Store &store, int ttlMs, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_ttlMs(std::max(300, ttlMs))
{
    m_renewTimer.setInterval(m_ttlMs / 3);
    connect(&m_renewTimer, &QTimer::timeout, this, &CallLeases::renew);
    // Jittered so that instances started together do not claim in the same instant.
    m_claimTimer.setInterval(m_ttlMs / 2 + int(QRandomGenerator::global()->bounded(m_ttlMs / 5)));
    connect(&m_claimTimer, &QTimer::timeout, this, &CallLeases::claimNow);
}

bool CallLeases::isEnabled() const
{
    return m_store.isPostgres();
}

void CallLeases::start()
{
    if (!isEnabled())
        return;
    try {
        const int adopted = CallLeaseRepository(m_store).adoptOrphans();
        if (adopted > 0)
            qCInfo(lcLeases) << adopted << "unfinished call(s) had no lease; offered them";
    } catch (const AppError &error) {
        qCWarning(lcLeases) << "cannot look for calls without a lease:" << error.message();
    }
    claimNow();
    m_renewTimer.start();
    m_claimTimer.start();
}

void CallLeases::hold(const QString &callId, qint64 since)
{
    m_held.insert(callId, since + m_ttlMs * 4 / 5);
}

bool CallLeases::acquire(const QString &callId)
{
    if (!isEnabled())
        return true;
    const qint64 since = monotonicMs();
    if (!CallLeaseRepository(m_store).acquire(callId, m_store.instanceTag(), m_ttlMs))
        return false;
    hold(callId, since);
    return true;
}

bool CallLeases::holds(const QString &callId) const
{
    if (!isEnabled())
        return true;
    const auto it = m_held.constFind(callId);
    return it != m_held.cend() && *it > monotonicMs();
}

void CallLeases::release(const QString &callId)
{
    if (!isEnabled())
        return;
    m_held.remove(callId);
    try {
        CallLeaseRepository(m_store).release(callId, m_store.instanceTag());
    } catch (const AppError &error) {
        qCWarning(lcLeases) << "could not release the lease of" << callId << ":" << error.message();
    }
}

void CallLeases::handOver()
{
    if (!isEnabled())
        return;
    m_renewTimer.stop();
    m_claimTimer.stop();
    if (m_held.isEmpty())
        return;
    m_held.clear();
    try {
        Store::Transaction transaction(m_store);
        CallLeaseRepository(m_store).handOver(m_store.instanceTag());
        ChangeFeed::announce(m_store, u"call_leases"_s, u'R');
        transaction.commit();
    } catch (const AppError &error) {
        qCWarning(lcLeases) << "could not hand the call leases over (others take them when they "
                               "run out):"
                            << error.message();
    }
}

void CallLeases::renew()
{
    const qint64 since = monotonicMs();
    QStringList renewed;
    try {
        renewed = CallLeaseRepository(m_store).renew(m_store.instanceTag(), m_ttlMs);
    } catch (const AppError &error) {
        // The leases lapse locally on their own; holds() turns false before anyone can claim.
        qCWarning(lcLeases) << "cannot renew the call leases:" << error.message();
        return;
    }
    const QSet<QString> still(renewed.cbegin(), renewed.cend());
    const QStringList known = m_held.keys();
    for (const QString &callId : known) {
        if (!still.contains(callId)) {
            m_held.remove(callId);
            qCInfo(lcLeases) << "another instance follows call" << callId << "now";
            Q_EMIT lost(callId);
        }
    }
    for (const QString &callId : renewed) {
        const bool lapsed = !holds(callId);
        hold(callId, since);
        if (lapsed) // held again after the database came back: follow it again
            Q_EMIT acquired(callId);
    }
}

void CallLeases::claimNow()
{
    if (!isEnabled())
        return;
    const qint64 since = monotonicMs();
    QStringList claimed;
    try {
        claimed = CallLeaseRepository(m_store).claimExpired(m_store.instanceTag(), m_ttlMs);
    } catch (const AppError &error) {
        qCWarning(lcLeases) << "cannot claim expired call leases:" << error.message();
        return;
    }
    for (const QString &callId : std::as_const(claimed)) {
        hold(callId, since);
        qCInfo(lcLeases) << "took over call" << callId;
        Q_EMIT acquired(callId);
    }
}
