// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

class Store;

// What a team shares besides agents, calls and companies: settings such as the team key's check
// value, and the company secrets, sealed under the team key (never plain in the database).
class TeamRepository
{
public:
    explicit TeamRepository(Store &store)
        : m_store(store)
    {
    }

    std::optional<QString> setting(const QString &name);
    // Stores the setting unless one is there already; true when this call stored it (the first
    // of several instances setting up the team at once wins, the others learn they lost).
    bool insertSettingIfAbsent(const QString &name, const QString &value);

    std::optional<QString> sealedSecret(const QString &name);
    void putSealedSecret(const QString &name, const QString &sealed);
    void removeSealedSecret(const QString &name);

private:
    Store &m_store;
};
