// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

// The agents table's search: a row stays when every word typed appears in its name, status,
// voice or language (case-insensitive). Unsorted it keeps the model's name order; sorting by a
// column compares the model's rows directly, which matters with 100,000 of them.
class AgentFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AgentFilterProxy(QObject *parent = nullptr);
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QStringList m_words;
};
