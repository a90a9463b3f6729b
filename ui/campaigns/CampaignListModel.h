// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Campaign.h"

#include <QAbstractTableModel>
#include <QHash>

class Store;

// The campaigns in the store, newest first, with their agent's name and progress. A campaign's
// counts come from one grouped query, read again only when that campaign moved.
class CampaignListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Agent, Status, Progress, ColumnCount };

    explicit CampaignListModel(Store &store, QObject *parent = nullptr);

    void reload();
    // Brings the rows in line with the store without a reset (the selection stays): what other
    // team members changed arrives with no signal here.
    void sync();
    void upsert(const Campaign &campaign);
    void remove(const QString &id);
    // Reads `id`'s counts again.
    void refreshCounts(const QString &id);
    int rowOf(const QString &id) const;
    std::optional<Campaign> campaignAt(int row) const;
    QMap<QString, qint64> countsOf(const QString &id) const { return m_counts.value(id); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString agentName(const QString &agentId);

    Store &m_store;
    QList<Campaign> m_campaigns;
    QHash<QString, QMap<QString, qint64>> m_counts;
    QHash<QString, QString> m_agentNames;
};
