// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Event.h"
#include "RequestMetrics.h"

#include <QAbstractTableModel>
#include <QList>

#include <functional>

// The newest events or API requests, newest on top, at most `capacity` of them; new ones are
// added as they happen.
template<typename Record>
class RecentTableModel : public QAbstractTableModel
{
public:
    explicit RecentTableModel(int capacity, QObject *parent = nullptr)
        : QAbstractTableModel(parent)
        , m_capacity(capacity)
    {
    }

    // Newest first.
    void reset(const QList<Record> &records)
    {
        beginResetModel();
        m_records = records.mid(0, m_capacity);
        endResetModel();
    }

    void prepend(const Record &record)
    {
        beginInsertRows({}, 0, 0);
        m_records.prepend(record);
        endInsertRows();
        if (m_records.size() > m_capacity) {
            const int last = int(m_records.size()) - 1;
            beginRemoveRows({}, last, last);
            m_records.removeLast();
            endRemoveRows();
        }
    }

    const Record &recordAt(int row) const { return m_records.at(row); }
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_records.size());
    }

protected:
    QList<Record> m_records;
    int m_capacity;
};

class EventTableModel : public RecentTableModel<EventRecord>
{
    Q_OBJECT
public:
    enum Column { Time, Type, Agent, Call, Details, ColumnCount };
    using RecentTableModel::RecentTableModel;
    // How the window words an event (a sentence, the agent's name, the remaining details); the
    // raw type, agent id and JSON details are shown while none is set, and as tooltips.
    struct Words
    {
        std::function<QString(const EventRecord &)> sentence;
        std::function<QString(const QString &agentId)> agentName;
        std::function<QString(const EventRecord &)> details;
    };
    void setWords(Words words) { m_words = std::move(words); }
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Words m_words;
};

class ApiCallTableModel : public RecentTableModel<ApiCallRecord>
{
    Q_OBJECT
public:
    enum Column { Time, Method, Endpoint, Status, Duration, ColumnCount };
    using RecentTableModel::RecentTableModel;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
};
