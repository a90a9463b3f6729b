// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompanyListModel.h"

#include "CompanyRepository.h"
#include "ModelRoles.h"

using namespace Qt::StringLiterals;

CompanyListModel::CompanyListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void CompanyListModel::load(Store &store)
{
    beginResetModel();
    m_companies = CompanyRepository(store).list();
    endResetModel();
}

int CompanyListModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_companies.size(); ++row) {
        if (m_companies.at(row).id == id)
            return row;
    }
    return -1;
}

void CompanyListModel::upsert(const Company &company)
{
    const int row = rowOf(company.id);
    if (row >= 0) {
        m_companies[row] = company;
        Q_EMIT dataChanged(index(row), index(row));
        return;
    }
    const int end = int(m_companies.size());
    beginInsertRows({}, end, end);
    m_companies.append(company);
    endInsertRows();
}

void CompanyListModel::remove(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_companies.removeAt(row);
    endRemoveRows();
}

int CompanyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_companies.size());
}

QVariant CompanyListModel::data(const QModelIndex &index, int role) const
{
    // Views and combo boxes ask about row -1 at times; that is not an error worth a warning.
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount())
        return {};
    const Company &company = m_companies.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return company.name;
    case Qt::ToolTipRole: {
        QStringList parts;
        parts << (company.twilio ? tr("Twilio %1").arg(company.twilio->phoneNumber)
                                 : tr("no Twilio account"));
        parts << (company.ultravox ? tr("Ultravox %1").arg(company.ultravox->model)
                                   : tr("no Ultravox account"));
        return parts.join(u" · "_s);
    }
    case ModelRoles::IdRole:
    case ModelRoles::SortRole:
        return company.id;
    default:
        return {};
    }
}
