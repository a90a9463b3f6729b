// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadlessApp.h"

#include "AppError.h"
#include "Core.h"
#include "KeychainSecretStore.h"
#include "Startup.h"
#include "UnixSignals.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace HeadlessApp {
int run(const AppOptions &options)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    KeychainSecretStore secrets;
    Startup startup;
    QString error;
    int exitCode = Startup::Ok;
    if (!startup.prepare(options, secrets, &error, &exitCode)) {
        err << "switchboard: " << error << Qt::endl;
        return exitCode;
    }
    try {
        startup.stack->open();
    } catch (const AppError &failure) {
        err << "switchboard: " << failure.message() << Qt::endl;
        return Startup::DatabaseUnusable;
    }
    // Team mode: set the team key up on a new team database (its phrase is shown once), or take
    // the phrase from the environment; a wrong phrase stops here rather than going unnoticed.
    QStringList teamKeyLines;
    try {
        teamKeyLines = startup.stack->core().teamKey().settleAtStartup(
            qEnvironmentVariable("SWITCHBOARD_TEAM_KEY"));
    } catch (const AppError &failure) {
        err << "switchboard: team key: " << failure.message() << Qt::endl;
        return Startup::BadCredentials;
    }
    if (!startup.stack->listen(&error)) {
        err << "switchboard: " << error << Qt::endl;
        return Startup::PortUnavailable;
    }
    out << startup.banner(secrets) << Qt::endl;
    for (const QString &line : std::as_const(teamKeyLines))
        out << line << Qt::endl;
    out << "Press Ctrl+C to stop." << Qt::endl;

    UnixSignals signals;
    QObject::connect(&signals, &UnixSignals::terminationRequested, &signals,
                     [&startup, &out](int number) {
                         out << "Stopping (signal " << number
                             << "): finishing requests in flight..." << Qt::endl;
                         startup.stack->shutdown(10000, [] { QCoreApplication::quit(); });
                     });
    const int code = QCoreApplication::exec();
    startup.stack.reset(); // closes the database cleanly before the keychain thread stops
    out << "Stopped." << Qt::endl;
    return code;
}
} // namespace HeadlessApp
