// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretStore.h"

#include <QHash>
#include <QMutex>

// Secrets in the OS keychain through QtKeychain (the Secret Service on Linux, the Keychain on
// macOS, the Credential Manager on Windows). Keychain jobs run on one thread of their own, shared
// by every instance (QtKeychain queues jobs in a process-wide executor that must stay on one
// thread), so the caller's thread never spins a nested event loop. When no keychain answers,
// secrets are kept in memory for this run only (never written anywhere) and status() says why.
class KeychainSecretStore : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("switchboard"),
                                 int timeoutMs = 20000);

    std::optional<QString> read(const QString &key) override;
    void write(const QString &key, const QString &value) override;
    void remove(const QString &key) override;
    bool isPersistent() const override;
    QString status() const override;

private:
    void markUnavailable(const QString &reason);

    QString m_service;
    int m_timeoutMs;
    mutable QMutex m_mutex;
    QHash<QString, std::optional<QString>> m_cache; // nullopt: known to be absent
    bool m_available = true;
    QString m_problem;
};
