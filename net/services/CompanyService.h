// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Company.h"

#include <QObject>
#include <QStringList>

#include <optional>

class EventLog;
class ReadCache;
class SecretStore;
class Store;

struct CompanyResult
{
    Company company;
    QStringList warnings; // e.g. secrets kept only in memory because no keychain is reachable
};

// Company profiles. The profile goes to the store, its two secrets to the keychain; a write
// either lands whole or changes nothing.
class CompanyService : public QObject
{
    Q_OBJECT
public:
    CompanyService(Store &store, SecretStore &secrets, EventLog &events, QObject *parent = nullptr);

    CompanyResult create(const CompanyInput &input);
    CompanyResult update(qint64 id, const CompanyInput &input,
                         std::optional<qint64> expectedVersion);
    void remove(qint64 id);
    // Team mode: reads fall back on what the instance last knew while the database is away.
    void setReadCache(const ReadCache *cache) { m_cache = cache; }
    std::optional<Company> find(qint64 id);
    Company get(qint64 id); // throws NotFound
    QList<Company> list();

Q_SIGNALS:
    void companyChanged(const Company &company);
    void companyRemoved(qint64 id);

private:
    QStringList writeSecrets(qint64 companyId, const CompanySecrets &secrets);
    void forgetSecrets(qint64 companyId, bool twilio, bool ultravox);

    Store &m_store;
    SecretStore &m_secrets;
    EventLog &m_events;
    const ReadCache *m_cache = nullptr;
};
