// SPDX-License-Identifier: GPL-3.0-or-later
#include "Startup.h"

#include "AppError.h"
#include "DataDir.h"
#include "ProviderFactories.h"
#include "SandboxScenarios.h"
#include "SecretStore.h"
#include "Store.h"
#include "Version.h"

#include <QDir>

using namespace Qt::StringLiterals;

bool Startup::prepare(const AppOptions &options, SecretStore &secrets, QString *error,
                      int *exitCode)
{
    dataDir = DataDir::prepare(options.dataDir, error);
    if (dataDir.isEmpty()) {
        *exitCode = DataDirUnusable;
        return false;
    }
    StackConfig config;
    if (options.databaseUrl.isEmpty()) {
        config.store = StoreLocation::sqliteInDataDir(dataDir);
    } else if (!StoreLocation::parse(options.databaseUrl, &config.store, error)) {
        *error = u"--database: "_s + *error;
        *exitCode = BadUsage;
        return false;
    }
    // One process per embedded database: a second one would change it behind the first one's
    // back (its caches, its call polling). Shared databases are PostgreSQL's job. The lock sits
    // beside the database file, so that --database sqlite:///same/file is caught too.
    if (config.store.engine == StoreLocation::Engine::Sqlite && !dataDirLock) {
        auto lock = std::make_unique<QLockFile>(config.store.sqlitePath + u".lock"_s);
        lock->setStaleLockTime(0); // a lock of a process that is gone is taken over
        if (!lock->tryLock(0)) {
            qint64 pid = 0;
            QString host, application;
            lock->getLockInfo(&pid, &host, &application);
            *error =
                u"Another Switchboard (process %1) is using the database %2. Stop it, or start "
                u"this one with another --data-dir (or a shared --database postgresql://...)."_s
                    .arg(pid)
                    .arg(config.store.sqlitePath);
            *exitCode = DataDirUnusable;
            return false;
        }
        dataDirLock = std::move(lock);
    }
    config.server.bindAddress = options.bindAddress;
    config.server.port = options.port;
    config.dataDir = dataDir;
    config.server.limits = options.limits;
    try {
        if (!options.credentialsFile.isEmpty())
            Credentials::setCommandLineValues(
                Credentials::readCredentialsFile(options.credentialsFile));
        apiKey = Credentials::loadOrCreateApiKey(secrets);
        config.defaults =
            Credentials::loadProviderDefaults(secrets, options.ultravoxUrl, options.twilioUrl);
        config.defaults.sources.insert(Credentials::Variables::ApiKey,
                                       Credentials::describe(apiKey.source));
    } catch (const AppError &bad) {
        *error = bad.message();
        *exitCode = BadCredentials;
        return false;
    }
    config.apiKey = apiKey.key;
    config.pacing = options.sandbox ? sandboxPacing() : CallMonitor::Pacing{};
    stack = std::make_unique<ServerStack>(config, secrets, makeProviderFactory(options));
    return true;
}

QString Startup::banner(const SecretStore &secrets) const
{
    const QString base = stack->server().baseUrl();
    QStringList lines;
    lines << u"Switchboard %1"_s.arg(QStringLiteral(SWITCHBOARD_VERSION));
    if (stack->isSandbox()) {
        lines
            << u"Sandbox mode: Ultravox and Twilio are simulated; no accounts, no network, no cost."_s;
        QStringList numbers;
        for (const Sandbox::Number &number : Sandbox::numbers())
            numbers << number.phoneNumber + u" -> "_s + number.outcome;
        lines << u"  Sandbox numbers: "_s + numbers.join(u"; "_s) +
                     u"; any other number completes."_s;
    }
    lines << u"Data: %1"_s.arg(stack->store().location().displayName());
    lines << u"REST API: %1/api/v1   docs: %1/docs   ReDoc: %1/redoc"_s.arg(base);
    switch (apiKey.source) {
    case Credentials::Source::Generated:
        if (secrets.isPersistent())
            lines << u"API key (new, stored in the keychain, shown only now): %1"_s.arg(apiKey.key);
        else
            lines << u"API key for this run only (the keychain is unavailable, so it is not kept; "
                     u"set SWITCHBOARD_API_KEY to choose a lasting one): %1"_s.arg(apiKey.key);
        break;
    case Credentials::Source::CommandLine:
        lines << u"API key: SWITCHBOARD_API_KEY from the --credentials file"_s;
        break;
    case Credentials::Source::Environment:
        lines << u"API key: from SWITCHBOARD_API_KEY in the environment"_s;
        break;
    case Credentials::Source::Keychain:
    case Credentials::Source::Unset:
        lines << u"API key: the one in the keychain (secret-tool lookup server switchboard "
                 u"user api_key)"_s;
        break;
    }
    // Where each account credential came from (never its value): an operator whose environment
    // sets new credentials sees at once that they are the ones in use.
    QStringList sources;
    const QMap<QString, QString> &known = stack->config().defaults.sources;
    for (auto it = known.cbegin(); it != known.cend(); ++it)
        if (it.key() != Credentials::Variables::ApiKey)
            sources << u"%1 (%2)"_s.arg(it.key(), it.value());
    lines << u"Credentials: "_s + sources.join(u", "_s);
    lines << u"Try: curl -H 'X-API-Key: <key>' %1/api/v1/agents"_s.arg(base);
    return lines.join(u'\n');
}
