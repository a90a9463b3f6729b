// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignRepository.h"

#include "CampaignRows.h"
#include "Store.h"
#include "Timestamps.h"
#include "Validation.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {
const QString campaignColumns = u"id, name, agent_id, status, status_reason, rules, start_at, "
                                u"created_at, updated_at, version"_s;

Campaign readCampaign(const QSqlQuery &query)
{
    Campaign campaign;
    campaign.id = query.value(0).toString();
    campaign.name = query.value(1).toString();
    campaign.agentId = query.value(2).toString();
    if (!campaignStatusFromString(query.value(3).toString(), &campaign.status))
        campaign.status = CampaignStatus::Paused;
    campaign.statusReason = query.value(4).toString();
    FieldErrors ignored; // written by this program: read leniently, keep defaults for the rest
    campaign.rules.readJson(CampaignRows::jsonObject(query.value(5)), ignored);
    campaign.startAt = query.value(6).toLongLong();
    campaign.createdAt = query.value(7).toLongLong();
    campaign.updatedAt = query.value(8).toLongLong();
    campaign.version = query.value(9).toLongLong();
    return campaign;
}

QList<Campaign> readCampaigns(Store &store, QSqlQuery &query)
{
    store.exec(query);
    QList<Campaign> campaigns;
    while (query.next())
        campaigns << readCampaign(query);
    query.finish();
    return campaigns;
}

// Every column but id, created_at and version, in the order both INSERT and UPDATE use.
void bindFields(QSqlQuery &query, const Campaign &campaign)
{
    query.addBindValue(campaign.name);
    query.addBindValue(campaign.agentId);
    query.addBindValue(toString(campaign.status));
    query.addBindValue(CampaignRows::nullIfEmpty(campaign.statusReason));
    query.addBindValue(CampaignRows::jsonText(campaign.rules.toJson()));
    query.addBindValue(CampaignRows::nullIfZero(campaign.startAt));
    query.addBindValue(campaign.updatedAt);
}

void bindState(QSqlQuery &query, const QString &campaignId, std::optional<RecipientState> state)
{
    query.addBindValue(campaignId);
    if (state)
        query.addBindValue(toString(*state));
}

} // namespace

void CampaignRepository::insert(const Campaign &campaign)
{
    QSqlQuery &query = m_store.prepared(
        u"INSERT INTO campaigns (name, agent_id, status, status_reason, rules, start_at, "
        u"updated_at, id, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"_s);
    bindFields(query, campaign);
    query.addBindValue(campaign.id);
    query.addBindValue(campaign.createdAt);
    m_store.exec(query);
}

bool CampaignRepository::update(Campaign &campaign)
{
    QSqlQuery &query = m_store.prepared(
        u"UPDATE campaigns SET name = ?, agent_id = ?, status = ?, status_reason = ?, rules = ?, "
        u"start_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"_s);
    bindFields(query, campaign);
    query.addBindValue(campaign.id);
    query.addBindValue(campaign.version);
    m_store.exec(query);
    const bool written = query.numRowsAffected() == 1;
    query.finish();
    if (written)
        ++campaign.version;
    return written;
}

std::optional<Campaign> CampaignRepository::find(const QString &id)
{
    QSqlQuery &query =
        m_store.prepared(u"SELECT " + campaignColumns + u" FROM campaigns WHERE id = ?"_s);
    query.addBindValue(id);
    const QList<Campaign> found = readCampaigns(m_store, query);
    return found.isEmpty() ? std::nullopt : std::optional<Campaign>(found.first());
}

QList<Campaign> CampaignRepository::list()
{
    QSqlQuery &query = m_store.prepared(u"SELECT " + campaignColumns +
                                        u" FROM campaigns ORDER BY created_at DESC, id"_s);
    return readCampaigns(m_store, query);
}

QList<Campaign> CampaignRepository::active()
{
    QSqlQuery &query = m_store.prepared(u"SELECT " + campaignColumns +
                                        u" FROM campaigns WHERE status IN ('running', "
                                        u"'scheduled') ORDER BY created_at, id"_s);
    return readCampaigns(m_store, query);
}

bool CampaignRepository::remove(const QString &id)
{
    Store::Transaction transaction(m_store);
    // The calls stay in the log; they only stop naming a campaign that no longer exists.
    QSqlQuery &calls =
        m_store.prepared(u"UPDATE calls SET campaign_id = NULL WHERE campaign_id = ?"_s);
    calls.addBindValue(id);
    m_store.exec(calls);
    QSqlQuery &attempts =
        m_store.prepared(u"DELETE FROM campaign_attempts WHERE campaign_id = ?"_s);
    attempts.addBindValue(id);
    m_store.exec(attempts);
    QSqlQuery &recipients =
        m_store.prepared(u"DELETE FROM campaign_recipients WHERE campaign_id = ?"_s);
    recipients.addBindValue(id);
    m_store.exec(recipients);
    QSqlQuery &query = m_store.prepared(u"DELETE FROM campaigns WHERE id = ?"_s);
    query.addBindValue(id);
    m_store.exec(query);
    const bool removed = query.numRowsAffected() == 1;
    query.finish();
    transaction.commit();
    return removed;
}

QMap<QString, qint64> CampaignRepository::counts(const QString &campaignId)
{
    QSqlQuery &query = m_store.prepared(u"SELECT state, COUNT(*) FROM campaign_recipients "
                                        u"WHERE campaign_id = ? GROUP BY state"_s);
    query.addBindValue(campaignId);
    m_store.exec(query);
    QMap<QString, qint64> counts;
    while (query.next())
        counts.insert(query.value(0).toString(), query.value(1).toLongLong());
    query.finish();
    return counts;
}

QList<RecipientImport::Rejected>
CampaignRepository::addRecipients(const QString &campaignId,
                                  const QList<RecipientImport::Accepted> &rows)
{
    QList<RecipientImport::Rejected> already;
    const qint64 now = Timestamps::nowMs();
    Store::Transaction transaction(m_store);
    // One prepared statement run per row: both engines plan it once, and a row the campaign
    // already has (ON CONFLICT DO NOTHING) is told apart by the rows it affected.
    QSqlQuery &query = m_store.prepared(
        u"INSERT INTO campaign_recipients (campaign_id, line, phone_number, context, state, "
        u"updated_at) VALUES (?, ?, ?, ?, 'pending', ?) "
        u"ON CONFLICT (campaign_id, phone_number) DO NOTHING"_s);
    for (const RecipientImport::Accepted &recipient : rows) {
        query.bindValue(0, campaignId);
        query.bindValue(1, recipient.line);
        query.bindValue(2, recipient.phoneNumber);
        query.bindValue(3, CampaignRows::jsonText(recipient.context));
        query.bindValue(4, now);
        m_store.exec(query);
        if (query.numRowsAffected() == 0)
            already.append({recipient.line, recipient.phoneNumber, u"already in this campaign"_s});
    }
    query.finish();
    transaction.commit();
    std::sort(already.begin(), already.end(),
              [](const auto &a, const auto &b) { return a.line < b.line; });
    return already;
}

QList<Recipient> CampaignRepository::recipients(const QString &campaignId,
                                                std::optional<RecipientState> state, qint64 limit,
                                                qint64 offset)
{
    QSqlQuery &query = m_store.prepared(u"SELECT " + CampaignRows::recipientColumns +
                                        u" FROM campaign_recipients WHERE campaign_id = ?"_s +
                                        (state ? u" AND state = ?"_s : QString()) +
                                        u" ORDER BY id LIMIT ? OFFSET ?"_s);
    bindState(query, campaignId, state);
    query.addBindValue(limit);
    query.addBindValue(offset);
    m_store.exec(query);
    QList<Recipient> list;
    while (query.next())
        list << CampaignRows::readRecipient(query);
    query.finish();
    return list;
}

qint64 CampaignRepository::recipientCount(const QString &campaignId,
                                          std::optional<RecipientState> state)
{
    QSqlQuery &query =
        m_store.prepared(u"SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?"_s +
                         (state ? u" AND state = ?"_s : QString()));
    bindState(query, campaignId, state);
    m_store.exec(query);
    const qint64 count = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return count;
}

QMap<qint64, QList<CampaignAttempt>>
CampaignRepository::attemptsOf(const QList<qint64> &recipientIds)
{
    QMap<qint64, QList<CampaignAttempt>> byRecipient;
    if (recipientIds.isEmpty())
        return byRecipient;
    QStringList marks;
    for (qsizetype index = 0; index < recipientIds.size(); ++index)
        marks << u"?"_s;
    QSqlQuery &query =
        m_store.prepared(u"SELECT " + CampaignRows::attemptColumns +
                         u" FROM campaign_attempts WHERE recipient_id IN (" + marks.join(u", "_s) +
                         u") ORDER BY recipient_id, attempt"_s);
    for (const qint64 id : recipientIds)
        query.addBindValue(id);
    m_store.exec(query);
    while (query.next()) {
        const CampaignAttempt attempt = CampaignRows::readAttempt(query);
        byRecipient[attempt.recipientId].append(attempt);
    }
    query.finish();
    return byRecipient;
}

int CampaignRepository::cancelPending(const QString &campaignId)
{
    QSqlQuery &query =
        m_store.prepared(u"UPDATE campaign_recipients SET state = 'canceled', updated_at = ? "
                         u"WHERE campaign_id = ? AND state = 'pending'"_s);
    query.addBindValue(Timestamps::nowMs());
    query.addBindValue(campaignId);
    m_store.exec(query);
    const int canceled = query.numRowsAffected();
    query.finish();
    return canceled;
}

qint64 CampaignRepository::unfinishedCount(const QString &campaignId)
{
    QSqlQuery &query = m_store.prepared(
        u"SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state IN "
        u"('pending', 'calling')"_s);
    query.addBindValue(campaignId);
    m_store.exec(query);
    const qint64 count = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return count;
}
