// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppOptions.h"
#include "DataDir.h"
#include "GuiApp.h"
#include "HeadlessApp.h"
#include "KeychainSecretStore.h"
#include "SingleInstance.h"
#include "Startup.h"
#include "Version.h"

#include <QApplication>
#include <QMessageBox>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {
void describeApplication()
{
    QCoreApplication::setApplicationName(u"switchboard"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    QGuiApplication::setApplicationDisplayName(u"Switchboard"_s);
    // The desktop entry's id, so Wayland shells match the window to its menu entry and icon.
    QGuiApplication::setDesktopFileName(u"io.github.switchboard_app.Switchboard"_s);
}

// Without a display Qt would abort with a message about platform plugins; say what to do instead.
bool displayAvailable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

int runWindow(int argc, char *argv[], const AppOptions &options)
{
    if (!displayAvailable()) {
        QTextStream(stderr) << "switchboard: there is no display for the window (DISPLAY and "
                               "WAYLAND_DISPLAY are not set). Run with --headless for the REST API "
                               "only (add --sandbox to try it without accounts)."
                            << Qt::endl;
        return Startup::BadUsage;
    }
    QApplication app(argc, argv);
    describeApplication();
    QString error;
    const QString dataDir = DataDir::prepare(options.dataDir, &error);
    if (dataDir.isEmpty()) {
        QMessageBox::critical(nullptr, QObject::tr("Switchboard cannot start"), error);
        return Startup::DataDirUnusable;
    }
    // A second launch (a tel: link) gives its number to the window already open.
    SingleInstance instance(dataDir);
    if (instance.handOver(options.telNumber))
        return Startup::Ok;
    instance.listen();
    KeychainSecretStore secrets;
    GuiApp gui(options, dataDir, secrets);
    QObject::connect(&instance, &SingleInstance::activationRequested, &gui, &GuiApp::activate);
    if (!gui.start())
        return gui.exitCode();
    return QApplication::exec();
}
} // namespace

int main(int argc, char *argv[])
{
    // Options are read before choosing between a window and none, so before any application
    // object exists.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    AppOptions options;
    QString message;
    switch (AppOptions::parse(arguments, &options, &message)) {
    case AppOptions::Outcome::ExitOk:
        QTextStream(stdout) << message << Qt::endl;
        return Startup::Ok;
    case AppOptions::Outcome::ExitError:
        QTextStream(stderr) << "switchboard: " << message << Qt::endl;
        return Startup::BadUsage;
    case AppOptions::Outcome::Run:
        break;
    }
    if (options.headless) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return HeadlessApp::run(options);
    }
    return runWindow(argc, argv, options);
}
