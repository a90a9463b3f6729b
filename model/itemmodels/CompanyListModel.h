// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Company.h"

#include <QAbstractListModel>

class Store;

// Company profiles by name, for the Companies pane's list.
class CompanyListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit CompanyListModel(QObject *parent = nullptr);
    void load(Store &store);
    void upsert(const Company &company);
    void remove(qint64 id);
    int rowOf(qint64 id) const;
    const Company &companyAt(int row) const { return m_companies.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<Company> m_companies;
};
