// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

// Where secrets go: provider keys and tokens, the local API key. Never the database, QSettings
// or a log. The application's implementation is the OS keychain (app/KeychainSecretStore).
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // The secret under `key`, or nothing when none is stored (or no keychain answers and this run
    // was not given one).
    virtual std::optional<QString> read(const QString &key) = 0;
    // Keeps the secret; in memory only when no keychain answers (then isPersistent() is false).
    // Throws AppError(Unavailable) when it cannot be kept at all.
    virtual void write(const QString &key, const QString &value) = 0;
    virtual void remove(const QString &key) = 0;

    // False when secrets only last until the application stops (no keychain reachable).
    virtual bool isPersistent() const = 0;
    // "ok", or what is wrong with the keychain, for health and for warnings in responses.
    virtual QString status() const = 0;
};
