// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Campaign.h"
#include "RecipientImport.h"

#include <QMap>
#include <optional>

class Store;

// Campaigns and their recipients as stored. The dialing itself (claims, attempts, leases) is
// DialRepository's.
class CampaignRepository
{
public:
    explicit CampaignRepository(Store &store)
        : m_store(store)
    {
    }

    void insert(const Campaign &campaign);
    // Writes `campaign` if the stored version is still `campaign.version` (then moves it on).
    bool update(Campaign &campaign);
    std::optional<Campaign> find(const QString &id);
    QList<Campaign> list();
    // Running and scheduled campaigns: what the dispatcher looks at.
    QList<Campaign> active();
    bool remove(const QString &id);

    // Recipients per state, every state present in the map only when non-zero.
    QMap<QString, qint64> counts(const QString &campaignId);
    // Adds recipients in one transaction, in batches; a number the campaign already has is
    // rejected (returned) with its line, like a duplicate within the file.
    QList<RecipientImport::Rejected> addRecipients(const QString &campaignId,
                                                   const QList<RecipientImport::Accepted> &rows);
    QList<Recipient> recipients(const QString &campaignId, std::optional<RecipientState> state,
                                qint64 limit, qint64 offset);
    qint64 recipientCount(const QString &campaignId, std::optional<RecipientState> state);
    // Every attempt of the given recipients, by recipient, oldest first.
    QMap<qint64, QList<CampaignAttempt>> attemptsOf(const QList<qint64> &recipientIds);
    // Recipients still to be dialed become canceled; returns how many.
    int cancelPending(const QString &campaignId);
    // Recipients pending or being called.
    qint64 unfinishedCount(const QString &campaignId);

private:
    Store &m_store;
};
