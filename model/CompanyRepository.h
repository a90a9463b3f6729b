// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Company.h"

#include <QList>
#include <optional>

class Store;

// Company profiles without their secrets (those are in the keychain).
class CompanyRepository
{
public:
    explicit CompanyRepository(Store &store)
        : m_store(store)
    {
    }

    // Stores a new company and returns its id.
    qint64 insert(const Company &company);
    bool update(Company &company);
    bool remove(qint64 id);
    std::optional<Company> find(qint64 id);
    QList<Company> list();

private:
    Store &m_store;
};
