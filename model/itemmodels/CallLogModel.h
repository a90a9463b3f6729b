// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CallRepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimer>

class Store;

// The call log, newest first, straight from the store. Only the count is known up front; rows
// are read a page at a time when the view asks for them and a few pages are kept, so a million
// calls open as fast as a hundred and never sit in memory together.
class CallLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Time,
        Agent,
        Number,
        Status,
        Duration,
        Sid,
        AnsweredBy,
        Cost,
        EndReason,
        Summary,
        ColumnCount
    };
    static constexpr int PageSize = 200;
    static constexpr int PagesKept = 16;

    explicit CallLogModel(Store &store, QObject *parent = nullptr);

    // Counts the calls the filter lets through and starts over. limit/offset are ignored.
    void setFilter(const CallFilter &filter);
    const CallFilter &filter() const { return m_filter; }
    // A call changed (or appeared) somewhere: update its row, or show it on top if it is new.
    void callChanged(const CallRecord &call);
    // A (test) call was deleted: count again.
    void callRemoved() { refreshLater(); }
    std::optional<CallRecord> callAt(int row) const;
    int rowOfLoaded(const QString &callId) const; // -1 when not in a loaded page

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const QList<CallRecord> *page(int number) const;
    void refreshLater();
    void reload();

    Store &m_store;
    CallFilter m_filter;
    int m_count = 0;
    mutable QHash<int, QList<CallRecord>> m_pages;
    mutable QList<int> m_recentPages; // most recently used last
    QTimer m_refresh;
};

// Whether a call passes a filter, as the store's query would decide.
bool callMatchesFilter(const CallFilter &filter, const CallRecord &call);
