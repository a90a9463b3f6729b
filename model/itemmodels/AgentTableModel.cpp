// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentTableModel.h"

#include "AppError.h"
#include "ModelRoles.h"
#include "Store.h"

#include <QDateTime>
#include <QPointer>
#include <QSqlQuery>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace {
AgentTableModel::Row rowFrom(const Agent &agent)
{
    return {agent.id,           agent.config.name,
            agent.status,       agent.statusReason,
            agent.config.voice, agent.config.language,
            agent.updatedAt,    agent.config.name.toCaseFolded()};
}

bool before(const AgentTableModel::Row &a, const AgentTableModel::Row &b)
{
    return a.sortKey != b.sortKey ? a.sortKey < b.sortKey : a.id < b.id;
}

QString shownTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd HH:mm"_s);
}
} // namespace

AgentTableModel::AgentTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QList<AgentTableModel::Row> AgentTableModel::readRows(Store &store)
{
    QList<Row> rows;
    // Only what the table shows, forward only: the driver turns every column of every row into
    // a QVariant, which is most of the time this takes with 100,000 agents.
    QSqlQuery query(store.connection());
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT id, name, status, status_reason, voice, language, updated_at FROM agents"_s);
    store.exec(query);
    while (query.next()) {
        Row row;
        row.id = query.value(0).toString();
        row.name = query.value(1).toString();
        if (!agentStatusFromString(query.value(2).toString(), &row.status))
            row.status = AgentStatus::Error;
        row.statusReason = query.value(3).toString();
        row.voice = query.value(4).toString();
        row.language = query.value(5).toString();
        row.updatedAt = query.value(6).toLongLong();
        row.sortKey = row.name.toCaseFolded();
        rows.append(std::move(row));
    }
    query.finish();
    std::sort(rows.begin(), rows.end(), before);
    return rows;
}

void AgentTableModel::replaceRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    reindexFrom(0);
    endResetModel();
}

void AgentTableModel::load(Store &store)
{
    replaceRows(readRows(store));
}

void AgentTableModel::loadInBackground(Store &store)
{
    m_loading = true;
    m_pendingChanges.clear();
    QPointer<AgentTableModel> self(this);
    QThreadPool::globalInstance()->start([self, &store] {
        std::optional<QList<Row>> rows;
        QString problem;
        try {
            rows = readRows(store);
        } catch (const AppError &error) {
            problem = error.message();
        }
        store.closeThreadConnection(); // the pool's thread may serve someone else next
        QMetaObject::invokeMethod(
            self,
            [self, rows = std::move(rows), problem]() mutable {
                if (!self)
                    return;
                self->m_loading = false;
                if (!rows) {
                    Q_EMIT self->loadFailed(problem);
                    return;
                }
                self->replaceRows(std::move(*rows));
                const auto changes = std::exchange(self->m_pendingChanges, {});
                for (const auto &change : changes) {
                    if (const auto *agent = std::get_if<Agent>(&change))
                        self->upsert(*agent);
                    else
                        self->remove(std::get<QString>(change));
                }
                Q_EMIT self->loaded();
            },
            Qt::QueuedConnection);
    });
}

void AgentTableModel::reindexFrom(int row)
{
    for (int i = row; i < m_rows.size(); ++i)
        m_rowById.insert(m_rows.at(i).id, i);
}

int AgentTableModel::rowOf(const QString &id) const
{
    return m_rowById.value(id, -1);
}

int AgentTableModel::insertionRow(const Row &row) const
{
    return int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), row, before) - m_rows.cbegin());
}

void AgentTableModel::upsert(const Agent &agent)
{
    if (m_loading) {
        m_pendingChanges.append(agent);
        return;
    }
    Row updated = rowFrom(agent);
    const int existing = rowOf(agent.id);
    if (existing >= 0 && m_rows.at(existing).sortKey == updated.sortKey) {
        m_rows[existing] = std::move(updated);
        Q_EMIT dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
        return;
    }
    if (existing >= 0) // renamed: its place in the order changes
        remove(agent.id);
    const int row = insertionRow(updated);
    beginInsertRows({}, row, row);
    m_rows.insert(row, std::move(updated));
    reindexFrom(row);
    endInsertRows();
}

void AgentTableModel::remove(const QString &id)
{
    if (m_loading) {
        m_pendingChanges.append(id);
        return;
    }
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_rowById.remove(id);
    reindexFrom(row);
    endRemoveRows();
}

int AgentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AgentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void AgentTableModel::setVoiceNames(const QHash<QString, QString> &names)
{
    m_voiceNames = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Voice), index(int(m_rows.size()) - 1, Voice));
}

QVariant AgentTableModel::data(const QModelIndex &index, int role) const
{
    // Views and combo boxes ask about row -1 at times; that is not an error worth a warning.
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: // what an editable combo box (the dial dialog's agent) shows
        switch (Column(index.column())) {
        case Name:
            return row.name;
        case Status:
            return toString(row.status);
        case Voice:
            return m_voiceNames.value(row.voice, row.voice);
        case Language:
            return row.language;
        case Updated:
            return shownTime(row.updatedAt);
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (row.status == AgentStatus::Error && !row.statusReason.isEmpty())
            return row.statusReason;
        break;
    case ModelRoles::SortRole:
        switch (Column(index.column())) {
        case Name:
            return row.sortKey;
        case Status:
            return int(row.status);
        case Updated:
            return row.updatedAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case ModelRoles::IdRole:
        return row.id;
    case ModelRoles::StatusRole:
        return toString(row.status);
    default:
        break;
    }
    return {};
}

QVariant AgentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Status:
        return tr("Status");
    case Voice:
        return tr("Voice");
    case Language:
        return tr("Language");
    case Updated:
        return tr("Updated");
    case ColumnCount:
        break;
    }
    return {};
}
