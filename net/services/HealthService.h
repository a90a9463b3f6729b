// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QObject>

#include <functional>

class CallService;
class ChangeFeed;
class ProviderHub;
class TeamKeyService;
class SecretStore;
class Store;

// The answers of /health and /health/detailed. Basic health never touches the network; the
// detailed one asks both providers with a short timeout and says which failed and why.
class HealthService : public QObject
{
    Q_OBJECT
public:
    struct Report
    {
        QJsonObject body;
        int httpStatus = 200; // 503 when unhealthy
    };

    HealthService(Store &store, CallService &calls, ProviderHub &providers, SecretStore &secrets,
                  QObject *parent = nullptr);

    Report basic();
    void detailed(std::function<void(const Report &)> done);
    void setProbeTimeoutMs(int ms) { m_probeTimeoutMs = ms; }
    // Team mode adds the checks "sync" (live updates from other instances) and "team_key".
    void setTeam(ChangeFeed *feed, TeamKeyService *teamKey);

private:
    QJsonObject checks(bool *unhealthy, bool *degraded);
    Report finish(QJsonObject checks, bool unhealthy, bool degraded);
    // Where each credential came from ("environment", "keychain", ...), by variable name.
    QJsonObject credentialSources() const;

    Store &m_store;
    CallService &m_calls;
    ProviderHub &m_providers;
    SecretStore &m_secrets;
    qint64 m_startedAt;
    int m_probeTimeoutMs = 5000;
    ChangeFeed *m_feed = nullptr;
    TeamKeyService *m_teamKey = nullptr;
};
