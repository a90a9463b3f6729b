// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyringSession.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace KeyringSession {
namespace {
constexpr const char *MarkerVariable = "SWITCHBOARD_TEST_KEYRING";
}

bool active()
{
    return qEnvironmentVariable(MarkerVariable) == u"1"_s;
}

int run(int argc, char *argv[], const std::function<int(int, char *[])> &testMain)
{
    if (active())
        return testMain(argc, argv);

    QCoreApplication app(argc, argv);
    const QString dbusRunSession = QStandardPaths::findExecutable(u"dbus-run-session"_s);
    const QString keyringDaemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
    if (dbusRunSession.isEmpty() || keyringDaemon.isEmpty()) {
        std::fprintf(stderr, "FAIL: this test needs dbus-run-session and gnome-keyring-daemon "
                             "(Debian: dbus, gnome-keyring); the test command installs them\n");
        return 1;
    }
    QTemporaryDir home;
    QDir(home.path()).mkpath(u"run"_s);
    QFile::setPermissions(home.filePath(u"run"_s),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(MarkerVariable), u"1"_s);
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_RUNTIME_DIR"_s, home.filePath(u"run"_s));
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);

    // The keyring is unlocked with a throwaway password and serves org.freedesktop.secrets on
    // the private bus; dbus-run-session stops both when the test exits.
    const QString script = u"printf test-password | \"$KEYRING\" --unlock --components=secrets "
                           u">/dev/null || exit 90; exec \"$@\""_s;
    environment.insert(u"KEYRING"_s, keyringDaemon);
    QStringList arguments{u"--"_s, u"/bin/sh"_s, u"-c"_s,
                          script,  u"sh"_s,      QCoreApplication::applicationFilePath()};
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QProcess child;
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(dbusRunSession, arguments);
    if (!child.waitForStarted()) {
        std::fprintf(stderr, "FAIL: could not start dbus-run-session\n");
        return 1;
    }
    child.waitForFinished(-1);
    if (child.exitStatus() != QProcess::NormalExit) {
        std::fprintf(stderr, "FAIL: the test process crashed inside the keyring session\n");
        return 1;
    }
    return child.exitCode();
}
} // namespace KeyringSession
