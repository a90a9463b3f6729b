// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignListModel.h"

#include "AgentRepository.h"
#include "CampaignRepository.h"
#include "CampaignWords.h"
#include "ModelRoles.h"

#include <QSet>

using namespace Qt::StringLiterals;

CampaignListModel::CampaignListModel(Store &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
}

void CampaignListModel::reload()
{
    beginResetModel();
    m_campaigns = CampaignRepository(m_store).list();
    m_counts.clear();
    m_agentNames.clear();
    CampaignRepository campaigns(m_store);
    for (const Campaign &campaign : std::as_const(m_campaigns))
        m_counts.insert(campaign.id, campaigns.counts(campaign.id));
    endResetModel();
}

void CampaignListModel::sync()
{
    CampaignRepository campaigns(m_store);
    const QList<Campaign> stored = campaigns.list();
    QSet<QString> present;
    // Oldest first, so that new ones end up on top as upsert() prepends them.
    for (auto it = stored.crbegin(); it != stored.crend(); ++it) {
        present.insert(it->id);
        const int row = rowOf(it->id);
        if (row < 0 || m_campaigns.at(row).version != it->version)
            upsert(*it);
    }
    for (int row = int(m_campaigns.size()) - 1; row >= 0; --row) {
        if (!present.contains(m_campaigns.at(row).id))
            remove(m_campaigns.at(row).id);
    }
    for (const Campaign &campaign : stored)
        refreshCounts(campaign.id);
}

QString CampaignListModel::agentName(const QString &agentId)
{
    auto known = m_agentNames.constFind(agentId);
    if (known != m_agentNames.constEnd())
        return *known;
    const std::optional<::Agent> agent = AgentRepository(m_store).find(agentId);
    const QString name = agent ? agent->config.name : tr("(deleted agent)");
    m_agentNames.insert(agentId, name);
    return name;
}

void CampaignListModel::upsert(const Campaign &campaign)
{
    m_agentNames.remove(campaign.agentId);
    const int row = rowOf(campaign.id);
    if (row >= 0) {
        m_campaigns[row] = campaign;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_campaigns.prepend(campaign);
    m_counts.insert(campaign.id, CampaignRepository(m_store).counts(campaign.id));
    endInsertRows();
}

void CampaignListModel::remove(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_campaigns.removeAt(row);
    m_counts.remove(id);
    endRemoveRows();
}

void CampaignListModel::refreshCounts(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_counts.insert(id, CampaignRepository(m_store).counts(id));
    Q_EMIT dataChanged(index(row, Progress), index(row, Progress));
}

int CampaignListModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_campaigns.size(); ++row) {
        if (m_campaigns.at(row).id == id)
            return row;
    }
    return -1;
}

std::optional<Campaign> CampaignListModel::campaignAt(int row) const
{
    if (row < 0 || row >= m_campaigns.size())
        return std::nullopt;
    return m_campaigns.at(row);
}

int CampaignListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_campaigns.size());
}

int CampaignListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CampaignListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_campaigns.size())
        return {};
    const Campaign &campaign = m_campaigns.at(index.row());
    if (role == ModelRoles::IdRole)
        return campaign.id;
    if (role == ModelRoles::StatusRole)
        return toString(campaign.status);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Name:
        return campaign.name;
    case Agent:
        return const_cast<CampaignListModel *>(this)->agentName(campaign.agentId);
    case Status:
        return CampaignWords::status(campaign.status);
    case Progress: {
        const QMap<QString, qint64> counts = m_counts.value(campaign.id);
        const qint64 total = CampaignWords::total(counts);
        return total == 0 ? tr("no recipients")
                          : tr("%1 of %2 done").arg(CampaignWords::finished(counts)).arg(total);
    }
    default:
        return {};
    }
}

QVariant CampaignListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Campaign");
    case Agent:
        return tr("Agent");
    case Status:
        return tr("Status");
    case Progress:
        return tr("Progress");
    default:
        return {};
    }
}
