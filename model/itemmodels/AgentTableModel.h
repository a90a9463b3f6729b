// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"

#include <QAbstractTableModel>
#include <QHash>

#include <variant>

class Store;

// All agents, one row each, with what the table shows (not the prompts: 100,000 agents stay
// small), kept in name order so views and combo boxes need no sorting of their own. Updated row by
// row from the services' signals, so a change made by a script shows at once without reloading.
class AgentTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Status, Voice, Language, Updated, ColumnCount };

    struct Row
    {
        QString id;
        QString name;
        AgentStatus status = AgentStatus::Active;
        QString statusReason;
        QString voice;
        QString language;
        qint64 updatedAt = 0;
        QString sortKey; // the name, case-folded: the rows' order
    };

    explicit AgentTableModel(QObject *parent = nullptr);

    // Replaces everything with what the store holds.
    void load(Store &store);
    // The same, read on a worker thread (100,000 agents take a few hundred milliseconds): the
    // window paints at once and the rows arrive with loaded(). Changes that come in meanwhile
    // are applied after.
    void loadInBackground(Store &store);
    bool isLoading() const { return m_loading; }
    void upsert(const Agent &agent);
    void remove(const QString &id);
    int rowOf(const QString &id) const;
    const Row &rowAt(int row) const { return m_rows.at(row); }
    // Voices by id ("sandbox-jessica" -> "Jessica (en-US)"): the Voice column shows the name;
    // a voice not in the list shows as it is stored.
    void setVoiceNames(const QHash<QString, QString> &names);
    const QHash<QString, QString> &voiceNames() const { return m_voiceNames; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &reason);

public:
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void reindexFrom(int row);
    int insertionRow(const Row &row) const;
    void replaceRows(QList<Row> rows);
    static QList<Row> readRows(Store &store);

    QList<Row> m_rows;
    QHash<QString, int> m_rowById;
    QHash<QString, QString> m_voiceNames;
    bool m_loading = false;
    QList<std::variant<Agent, QString>> m_pendingChanges; // upserts and removals during a load
};
