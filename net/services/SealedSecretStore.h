// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretStore.h"

class Store;
class TeamKeyService;

// The secret store of team mode. Company secrets (keys "company/...") must reach every operator,
// so they go to the shared database, sealed under the team key; the database never holds them in
// plain text. Everything else (the local API key, the default provider accounts) stays in this
// operator's keychain.
class SealedSecretStore : public SecretStore
{
public:
    SealedSecretStore(Store &store, SecretStore &keychain, TeamKeyService &teamKey);

    static bool isShared(const QString &key);

    // A shared secret that was sealed under another key, or altered, throws
    // AppError(Unavailable) rather than passing for absent.
    std::optional<QString> read(const QString &key) override;
    void write(const QString &key, const QString &value) override;
    void remove(const QString &key) override;
    // Shared secrets persist in the database whatever the keychain does.
    bool isPersistent() const override { return true; }
    QString status() const override;

private:
    Store &m_store;
    SecretStore &m_keychain;
    TeamKeyService &m_teamKey;
};
