// SPDX-License-Identifier: GPL-3.0-or-later
#include "HealthService.h"

#include "AppError.h"
#include "CallService.h"
#include "ChangeFeed.h"
#include "ProviderHub.h"
#include "SecretStore.h"
#include "Store.h"
#include "TeamKeyService.h"
#include "Timestamps.h"
#include "Version.h"

#include <QSqlQuery>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

HealthService::HealthService(Store &store, CallService &calls, ProviderHub &providers,
                             SecretStore &secrets, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_calls(calls)
    , m_providers(providers)
    , m_secrets(secrets)
    , m_startedAt(Timestamps::nowMs())
{
}

void HealthService::setTeam(ChangeFeed *feed, TeamKeyService *teamKey)
{
    m_feed = feed;
    m_teamKey = teamKey;
}

QJsonObject HealthService::checks(bool *unhealthy, bool *degraded)
{
    QJsonObject checks{{u"configuration"_s, u"ok"_s}};
    const QString ultravoxProblem = m_providers.ultravoxProblem();
    const QString twilioProblem = m_providers.twilioProblem();
    checks.insert(u"ultravox_config"_s, ultravoxProblem.isEmpty() ? u"ok"_s : ultravoxProblem);
    checks.insert(u"twilio_config"_s, twilioProblem.isEmpty() ? u"ok"_s : twilioProblem);
    *degraded = !ultravoxProblem.isEmpty() || !twilioProblem.isEmpty();

    QString database = u"ok"_s;
    try {
        QSqlQuery &ping = m_store.prepared(u"SELECT 1"_s);
        m_store.exec(ping);
        ping.finish();
    } catch (const AppError &error) {
        database = error.message();
        *unhealthy = true;
    }
    checks.insert(u"database"_s, database);
    if (m_feed && m_feed->isEnabled()) {
        const QString sync =
            m_feed->isLive()
                ? u"ok"_s
                : u"live updates from other instances are paused: "_s + m_feed->problem();
        checks.insert(u"sync"_s, sync);
        if (!m_feed->isLive())
            *degraded = true;
    }
    if (m_teamKey && database == u"ok"_s) {
        const QString problem = m_teamKey->problem();
        if (m_teamKey->state() != TeamKeyService::State::NotNeeded)
            checks.insert(u"team_key"_s, problem.isEmpty() ? u"ok"_s : problem);
        if (!problem.isEmpty())
            *degraded = true;
    }
    checks.insert(u"keychain"_s, m_secrets.status());
    if (!m_secrets.isPersistent())
        *degraded = true;
    return checks;
}

HealthService::Report HealthService::finish(QJsonObject checks, bool unhealthy, bool degraded)
{
    qint64 ongoing = -1;
    try {
        ongoing = m_calls.ongoingCount();
    } catch (const AppError &) {
        unhealthy = true;
    }
    const bool sandbox = m_providers.isSandbox();
    QJsonObject body{
        {u"status"_s, unhealthy ? u"unhealthy"_s : (degraded ? u"degraded"_s : u"healthy"_s)},
        {u"service"_s, u"ultravox-twilio-integration"_s}, // the spec's name for this API
        {u"application"_s, u"Switchboard"_s},
        {u"version"_s, QStringLiteral(SWITCHBOARD_VERSION)},
        {u"timestamp"_s, Timestamps::nowIso()},
        {u"mode"_s, sandbox ? u"sandbox"_s : u"live"_s},
        {u"sandbox"_s, sandbox},
        {u"uptime"_s, QJsonObject{{u"startup_complete"_s, true},
                                  {u"config_validated"_s, true},
                                  {u"ongoing_calls"_s, ongoing},
                                  {u"seconds"_s, (Timestamps::nowMs() - m_startedAt) / 1000}}},
        {u"checks"_s, checks},
        {u"database"_s,
         QJsonObject{{u"engine"_s, m_store.isPostgres() ? u"postgresql"_s : u"sqlite"_s},
                     {u"schema_version"_s, m_store.schemaVersion()}}},
    };
    if (sandbox)
        body.insert(u"providers"_s, QJsonObject{{u"ultravox"_s, u"sandbox (simulated)"_s},
                                                {u"twilio"_s, u"sandbox (simulated)"_s}});
    return {body, unhealthy ? 503 : 200};
}

QJsonObject HealthService::credentialSources() const
{
    QJsonObject sources;
    const QMap<QString, QString> known = m_providers.defaults().sources;
    for (auto it = known.cbegin(); it != known.cend(); ++it)
        sources.insert(it.key(), it.value());
    return sources;
}

HealthService::Report HealthService::basic()
{
    bool unhealthy = false;
    bool degraded = false;
    QJsonObject result = checks(&unhealthy, &degraded);
    return finish(result, unhealthy, degraded);
}

void HealthService::detailed(std::function<void(const Report &)> done)
{
    struct Probe
    {
        QJsonObject checks;
        bool unhealthy = false;
        bool degraded = false;
        int pending = 2;
        bool answered = false;
        std::function<void(const Report &)> done;
        QTimer timer;
    };
    auto probe = std::make_shared<Probe>();
    probe->checks = checks(&probe->unhealthy, &probe->degraded);
    probe->done = std::move(done);
    const auto settle = [this, probe] {
        if (probe->answered)
            return;
        probe->answered = true;
        probe->timer.stop();
        Report report = finish(probe->checks, probe->unhealthy, probe->degraded);
        report.body.insert(u"credentials"_s, credentialSources());
        probe->done(report);
    };
    const auto record = [probe, settle](const QString &check, const QString &result) {
        if (probe->answered)
            return;
        probe->checks.insert(check, result);
        if (result != u"ok"_s)
            probe->degraded = true;
        if (--probe->pending == 0)
            settle();
    };
    probe->timer.setSingleShot(true);
    connect(&probe->timer, &QTimer::timeout, this, [probe, settle] {
        for (const QString &check : {u"ultravox_api"_s, u"twilio_api"_s}) {
            if (!probe->checks.contains(check))
                probe->checks.insert(check, u"no answer within the probe timeout"_s);
        }
        probe->degraded = true;
        settle();
    });
    probe->timer.start(m_probeTimeoutMs);

    try {
        m_providers.defaultUltravox()->checkAccount(
            this, [record](const Outcome<UltravoxAccount> &outcome) {
                record(u"ultravox_api"_s, outcome.ok() ? u"ok"_s : outcome.error().summary());
            });
    } catch (const AppError &notConfigured) {
        record(u"ultravox_api"_s, u"not checked: "_s + notConfigured.message());
    }
    try {
        m_providers.defaultTwilio()->checkAccount(
            this, [record](const Outcome<TwilioAccount> &outcome) {
                record(u"twilio_api"_s, outcome.ok() ? u"ok"_s : outcome.error().summary());
            });
    } catch (const AppError &notConfigured) {
        record(u"twilio_api"_s, u"not checked: "_s + notConfigured.message());
    }
}
