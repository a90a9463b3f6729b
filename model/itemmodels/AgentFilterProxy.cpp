// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentFilterProxy.h"

#include "AgentTableModel.h"
#include "ModelRoles.h"

AgentFilterProxy::AgentFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ModelRoles::SortRole);
    setDynamicSortFilter(true);
}

void AgentFilterProxy::setSearchText(const QString &text)
{
    const QStringList words = text.toCaseFolded().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    // One layout change, not a removal per stretch of rows: with 100,000 agents a keystroke can
    // drop rows in thousands of separate stretches, and each would be its own signal to the view.
    invalidate();
}

bool AgentFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const auto *agents = qobject_cast<const AgentTableModel *>(sourceModel());
    if (!agents || sourceParent.isValid())
        return true;
    const AgentTableModel::Row &row = agents->rowAt(sourceRow);
    return std::all_of(m_words.cbegin(), m_words.cend(), [&row](const QString &word) {
        return row.sortKey.contains(word) || row.voice.contains(word, Qt::CaseInsensitive) ||
               row.language.contains(word, Qt::CaseInsensitive) ||
               toString(row.status).startsWith(word);
    });
}

bool AgentFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto *agents = qobject_cast<const AgentTableModel *>(sourceModel());
    if (!agents)
        return QSortFilterProxyModel::lessThan(left, right);
    const AgentTableModel::Row &a = agents->rowAt(left.row());
    const AgentTableModel::Row &b = agents->rowAt(right.row());
    switch (AgentTableModel::Column(left.column())) {
    case AgentTableModel::Status:
        return a.status != b.status ? int(a.status) < int(b.status) : a.sortKey < b.sortKey;
    case AgentTableModel::Updated:
        return a.updatedAt < b.updatedAt;
    case AgentTableModel::Voice:
        return a.voice < b.voice;
    case AgentTableModel::Language:
        return a.language < b.language;
    default:
        return a.sortKey < b.sortKey;
    }
}
