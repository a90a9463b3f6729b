// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Campaign.h"

#include <QAbstractTableModel>
#include <QMap>

#include <optional>

class Store;

// One campaign's recipients, optionally of one state, fetched a page at a time as the view
// scrolls (never the whole list), each with its attempts' call SIDs.
class RecipientTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Line, Number, State, Attempts, LastOutcome, NextAttempt, CallSids, ColumnCount };
    static constexpr int PageSize = 200;

    explicit RecipientTableModel(Store &store, QObject *parent = nullptr);

    void setCampaign(const QString &campaignId, std::optional<RecipientState> state);
    // Reads the rows already shown again (states and attempts move while a campaign runs);
    // the view keeps its place when their number did not change.
    void refresh();
    qint64 total() const { return m_total; }
    std::optional<Recipient> recipientAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    struct Page
    {
        QList<Recipient> recipients;
        QMap<qint64, QList<CampaignAttempt>> attempts;
    };
    Page read(qint64 limit, qint64 offset) const;

    Store &m_store;
    QString m_campaignId;
    std::optional<RecipientState> m_state;
    QList<Recipient> m_rows;
    QMap<qint64, QList<CampaignAttempt>> m_attempts;
    qint64 m_total = 0;
};
