// SPDX-License-Identifier: GPL-3.0-or-later
#include "DialRepository.h"

#include "CampaignRows.h"
#include "Ids.h"
#include "Store.h"
#include "Validation.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {
qint64 scalar(Store &store, QSqlQuery &query)
{
    store.exec(query);
    const qint64 value = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return value;
}

RecipientState finalStateFor(const QString &outcome)
{
    if (outcome == u"busy"_s)
        return RecipientState::Busy;
    if (outcome == u"no-answer"_s)
        return RecipientState::NoAnswer;
    if (outcome == u"failed"_s)
        return RecipientState::Failed;
    if (outcome == u"canceled"_s)
        return RecipientState::Canceled;
    if (outcome == u"unknown"_s)
        return RecipientState::Unknown;
    return RecipientState::Completed; // completed, machine
}

QList<DialRepository::OpenAttempt> readOpen(Store &store, QSqlQuery &query)
{
    store.exec(query);
    QList<DialRepository::OpenAttempt> open;
    while (query.next()) {
        DialRepository::OpenAttempt item;
        item.attempt = CampaignRows::readAttempt(query);
        item.phoneNumber = query.value(12).toString();
        item.callStatus = query.value(13).toString();
        item.callError = CampaignRows::jsonObject(query.value(14));
        item.leaseOwner = query.value(15).toString();
        item.callSid = query.value(16).toString();
        open << item;
    }
    query.finish();
    return open;
}

const QString openAttemptSelect =
    u"SELECT a.id, a.campaign_id, a.recipient_id, a.attempt, a.call_id, a.ultravox_call_id, "
    u"a.call_sid, a.outcome, a.detail, a.instance, a.started_at, a.ended_at, r.phone_number, "
    u"c.status, c.error, r.lease_owner, c.call_sid FROM campaign_attempts a JOIN "
    u"campaign_recipients r ON r.id = a.recipient_id "
    u"LEFT JOIN calls c ON c.id = a.call_id "_s;
} // namespace

QList<DialRepository::Claim> DialRepository::claim(const QString &campaignId, const QString &owner,
                                                   qint64 nowMs, const Limits &limits,
                                                   const TimingCheck &timing)
{
    QList<Claim> claims;
    Store::Transaction transaction(m_store);
    // The campaign's row lock makes the counts below true team-wide until the commit.
    QSqlQuery &lock = m_store.prepared(u"SELECT status FROM campaigns WHERE id = ?"_s +
                                       (m_store.isPostgres() ? u" FOR UPDATE"_s : QString()));
    lock.addBindValue(campaignId);
    m_store.exec(lock);
    const QString status = lock.next() ? lock.value(0).toString() : QString();
    lock.finish();
    if (status != u"running"_s)
        return claims;

    QSqlQuery &active = m_store.prepared(u"SELECT COUNT(*) FROM campaign_attempts WHERE "
                                         u"campaign_id = ? AND outcome IS NULL"_s);
    active.addBindValue(campaignId);
    const qint64 underWay = scalar(m_store, active);
    QSqlQuery &recent = m_store.prepared(u"SELECT COUNT(*) FROM campaign_attempts WHERE "
                                         u"campaign_id = ? AND started_at > ?"_s);
    recent.addBindValue(campaignId);
    recent.addBindValue(nowMs - 60000);
    const qint64 lastMinute = scalar(m_store, recent);
    qint64 slots = std::min<qint64>(limits.maxActive - underWay, limits.perMinute - lastMinute);
    if (slots <= 0)
        return claims;

    // More candidates than slots: some may be deferred by their calling hours or skipped.
    QSqlQuery &due = m_store.prepared(
        u"SELECT " + CampaignRows::recipientColumns +
        u" FROM campaign_recipients WHERE campaign_id = ? AND state = 'pending' AND "
        u"next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"_s +
        (m_store.isPostgres() ? u" FOR UPDATE SKIP LOCKED"_s : QString()));
    due.addBindValue(campaignId);
    due.addBindValue(nowMs);
    due.addBindValue(slots * 4 + 16);
    m_store.exec(due);
    QList<Recipient> candidates;
    while (due.next())
        candidates << CampaignRows::readRecipient(due);
    due.finish();

    for (Recipient &recipient : candidates) {
        if (slots <= 0)
            break;
        QSqlQuery &dnc = m_store.prepared(u"SELECT 1 FROM dnc_numbers WHERE phone_number = ?"_s);
        dnc.addBindValue(recipient.phoneNumber);
        const bool doNotCall = scalar(m_store, dnc) == 1;
        const Timing when = doNotCall ? Timing{} : timing(recipient);
        if (doNotCall || when.notBefore != 0) {
            QSqlQuery &set =
                m_store.prepared(u"UPDATE campaign_recipients SET state = ?, last_outcome = "
                                 u"COALESCE(?, last_outcome), next_attempt_at = ?, updated_at = ? "
                                 u"WHERE id = ?"_s);
            set.addBindValue(doNotCall            ? u"skipped_dnc"_s
                             : when.notBefore < 0 ? u"invalid"_s
                                                  : u"pending"_s);
            // A wait for calling hours keeps the outcome of the last attempt.
            set.addBindValue(doNotCall ? QVariant(u"on the do-not-call list"_s)
                                       : CampaignRows::nullIfEmpty(when.reason));
            set.addBindValue(std::max<qint64>(when.notBefore, recipient.nextAttemptAt));
            set.addBindValue(nowMs);
            set.addBindValue(recipient.id);
            m_store.exec(set);
            set.finish();
            continue;
        }
        QSqlQuery &take = m_store.prepared(
            u"UPDATE campaign_recipients SET state = 'calling', attempts = attempts + 1, "
            u"lease_owner = ?, lease_expires_at = {now} + ?, updated_at = ? WHERE id = ? AND "
            u"state = 'pending'"_s);
        take.addBindValue(owner);
        take.addBindValue(limits.leaseTtlMs);
        take.addBindValue(nowMs);
        take.addBindValue(recipient.id);
        m_store.exec(take);
        const bool taken = take.numRowsAffected() == 1;
        take.finish();
        if (!taken)
            continue;
        recipient.state = RecipientState::Calling;
        ++recipient.attempts;

        // Numbered past every earlier row, also those of attempts that were never dialed.
        QSqlQuery &number = m_store.prepared(u"SELECT COALESCE(MAX(attempt), 0) + 1 FROM "
                                             u"campaign_attempts WHERE recipient_id = ?"_s);
        number.addBindValue(recipient.id);
        CampaignAttempt attempt;
        attempt.campaignId = campaignId;
        attempt.recipientId = recipient.id;
        attempt.attempt = int(scalar(m_store, number));
        attempt.callId = Ids::newCallId();
        attempt.instance = owner;
        attempt.startedAt = nowMs;
        QSqlQuery &write = m_store.prepared(
            u"INSERT INTO campaign_attempts (campaign_id, recipient_id, attempt, call_id, "
            u"instance, started_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"_s);
        write.addBindValue(campaignId);
        write.addBindValue(recipient.id);
        write.addBindValue(attempt.attempt);
        write.addBindValue(attempt.callId);
        write.addBindValue(owner);
        write.addBindValue(nowMs);
        attempt.id = scalar(m_store, write);
        claims.append({recipient, attempt});
        --slots;
    }
    transaction.commit();
    return claims;
}

void DialRepository::setUltravoxCallId(const QString &callId, const QString &ultravoxCallId)
{
    QSqlQuery &query =
        m_store.prepared(u"UPDATE campaign_attempts SET ultravox_call_id = ? WHERE call_id = ?"_s);
    query.addBindValue(ultravoxCallId);
    query.addBindValue(callId);
    m_store.exec(query);
    query.finish();
}

void DialRepository::setCallSid(const QString &callId, const QString &callSid)
{
    QSqlQuery &query =
        m_store.prepared(u"UPDATE campaign_attempts SET call_sid = ? WHERE call_id = ?"_s);
    query.addBindValue(callSid);
    query.addBindValue(callId);
    m_store.exec(query);
    query.finish();
}

bool DialRepository::finish(const QString &callId, const QString &outcome, const QString &detail,
                            qint64 nowMs)
{
    Store::Transaction transaction(m_store);
    QSqlQuery &end = m_store.prepared(
        u"UPDATE campaign_attempts SET outcome = ?, detail = ?, ended_at = ? WHERE call_id = ? "
        u"AND outcome IS NULL RETURNING recipient_id, campaign_id"_s);
    end.addBindValue(outcome);
    end.addBindValue(CampaignRows::nullIfEmpty(detail));
    end.addBindValue(nowMs);
    end.addBindValue(callId);
    m_store.exec(end);
    if (!end.next()) {
        end.finish();
        return false;
    }
    const qint64 recipientId = end.value(0).toLongLong();
    const QString campaignId = end.value(1).toString();
    end.finish();

    QSqlQuery &read = m_store.prepared(
        u"SELECT r.attempts, c.status, c.rules FROM campaign_recipients r JOIN campaigns c ON "
        u"c.id = r.campaign_id WHERE r.id = ?"_s);
    read.addBindValue(recipientId);
    m_store.exec(read);
    int attempts = 0;
    QString status;
    CampaignRules rules;
    if (read.next()) {
        attempts = read.value(0).toInt();
        status = read.value(1).toString();
        FieldErrors ignored;
        rules.readJson(CampaignRows::jsonObject(read.value(2)), ignored);
    }
    read.finish();

    const bool retry =
        rules.retryOn.contains(outcome) && attempts < rules.maxAttempts && status != u"canceled"_s;
    QSqlQuery &move = m_store.prepared(
        u"UPDATE campaign_recipients SET state = ?, last_outcome = ?, next_attempt_at = ?, "
        u"lease_owner = NULL, lease_expires_at = 0, updated_at = ? WHERE id = ?"_s);
    move.addBindValue(retry ? toString(RecipientState::Pending) : toString(finalStateFor(outcome)));
    move.addBindValue(outcome);
    move.addBindValue(retry ? nowMs + qint64(rules.retryDelaySeconds) * 1000 : 0);
    move.addBindValue(nowMs);
    move.addBindValue(recipientId);
    m_store.exec(move);
    move.finish();
    transaction.commit();
    return true;
}

void DialRepository::abandon(const QString &callId, const QString &reason, qint64 nowMs)
{
    Store::Transaction transaction(m_store);
    QSqlQuery &end = m_store.prepared(
        u"UPDATE campaign_attempts SET outcome = 'not-dialed', detail = ?, ended_at = ? WHERE "
        u"call_id = ? AND outcome IS NULL RETURNING recipient_id"_s);
    end.addBindValue(reason);
    end.addBindValue(nowMs);
    end.addBindValue(callId);
    const qint64 recipientId = scalar(m_store, end);
    if (recipientId > 0) {
        QSqlQuery &back = m_store.prepared(
            u"UPDATE campaign_recipients SET state = 'pending', attempts = attempts - 1, "
            u"last_outcome = 'not-dialed', lease_owner = NULL, lease_expires_at = 0, "
            u"updated_at = ? WHERE id = ? AND state = 'calling'"_s);
        back.addBindValue(nowMs);
        back.addBindValue(recipientId);
        m_store.exec(back);
        back.finish();
    }
    transaction.commit();
}

QList<DialRepository::OpenAttempt> DialRepository::openAttemptsWithEndedCalls(int limit)
{
    QSqlQuery &query = m_store.prepared(
        openAttemptSelect +
        u"WHERE a.outcome IS NULL AND c.status IN ('completed', 'failed', 'busy', 'no-answer', "
        u"'canceled') ORDER BY a.id LIMIT ?"_s);
    query.addBindValue(limit);
    return readOpen(m_store, query);
}

void DialRepository::renewLeases(const QString &owner, int ttlMs)
{
    QSqlQuery &query = m_store.prepared(
        u"UPDATE campaign_recipients SET lease_expires_at = {now} + ? WHERE lease_owner = ? "
        u"AND state = 'calling'"_s);
    query.addBindValue(ttlMs);
    query.addBindValue(owner);
    m_store.exec(query);
    query.finish();
}

QList<DialRepository::OpenAttempt> DialRepository::claimOrphans(const QString &owner, int ttlMs)
{
    Store::Transaction transaction(m_store);
    QSqlQuery &take = m_store.prepared(
        u"UPDATE campaign_recipients SET lease_owner = ?, lease_expires_at = {now} + ? WHERE "
        u"state = 'calling' AND lease_expires_at < {now} RETURNING id"_s);
    take.addBindValue(owner);
    take.addBindValue(ttlMs);
    m_store.exec(take);
    QList<qint64> taken;
    while (take.next())
        taken << take.value(0).toLongLong();
    take.finish();
    QList<OpenAttempt> open;
    for (const qint64 recipientId : taken) {
        QSqlQuery &query = m_store.prepared(openAttemptSelect +
                                            u"WHERE a.outcome IS NULL AND a.recipient_id = ?"_s);
        query.addBindValue(recipientId);
        const QList<OpenAttempt> found = readOpen(m_store, query);
        if (found.isEmpty()) {
            // Claimed but no attempt row: the transaction that claims writes both, so this is
            // only reached by hand-edited data; the recipient goes back to be dialed.
            QSqlQuery &back = m_store.prepared(
                u"UPDATE campaign_recipients SET state = 'pending', lease_owner = NULL, "
                u"lease_expires_at = 0 WHERE id = ?"_s);
            back.addBindValue(recipientId);
            m_store.exec(back);
            back.finish();
        }
        open += found;
    }
    transaction.commit();
    return open;
}

void DialRepository::handOver(const QString &owner)
{
    QSqlQuery &query = m_store.prepared(
        u"UPDATE campaign_recipients SET lease_expires_at = 0 WHERE lease_owner = ?"_s);
    query.addBindValue(owner);
    m_store.exec(query);
    query.finish();
}

void DialRepository::releaseLease(qint64 recipientId)
{
    QSqlQuery &query = m_store.prepared(
        u"UPDATE campaign_recipients SET lease_expires_at = 0 WHERE id = ? AND state = "
        u"'calling'"_s);
    query.addBindValue(recipientId);
    m_store.exec(query);
    query.finish();
}

void DialRepository::expireAllLeases()
{
    QSqlQuery &query = m_store.prepared(
        u"UPDATE campaign_recipients SET lease_expires_at = 0 WHERE state = 'calling'"_s);
    m_store.exec(query);
    query.finish();
}

int DialRepository::retryUnknown(const QString &campaignId)
{
    QSqlQuery &query = m_store.prepared(
        u"UPDATE campaign_recipients SET state = 'pending', next_attempt_at = 0 WHERE "
        u"campaign_id = ? AND state = 'unknown'"_s);
    query.addBindValue(campaignId);
    m_store.exec(query);
    const int count = query.numRowsAffected();
    query.finish();
    return count;
}

qint64 DialRepository::openAttemptCount(const QString &campaignId)
{
    QSqlQuery &query = m_store.prepared(
        u"SELECT COUNT(*) FROM campaign_attempts WHERE campaign_id = ? AND outcome IS NULL"_s);
    query.addBindValue(campaignId);
    return scalar(m_store, query);
}
