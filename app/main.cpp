// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppOptions.h"
#include "HeadlessApp.h"
#include "Startup.h"
#include "Version.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"switchboard"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));

    AppOptions options;
    QString message;
    switch (AppOptions::parse(QCoreApplication::arguments(), &options, &message)) {
    case AppOptions::Outcome::ExitOk:
        QTextStream(stdout) << message << Qt::endl;
        return Startup::Ok;
    case AppOptions::Outcome::ExitError:
        QTextStream(stderr) << "switchboard: " << message << Qt::endl;
        return Startup::BadUsage;
    case AppOptions::Outcome::Run:
        break;
    }
    if (!options.headless) {
        QTextStream(stderr) << "switchboard: this build has no window yet; run it with --headless "
                               "(and --sandbox to try it without accounts)."
                            << Qt::endl;
        return Startup::BadUsage;
    }
    return HeadlessApp::run(options);
}
