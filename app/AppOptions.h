// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RateLimiter.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

// The command line of DESIGN.md, read and checked.
struct AppOptions
{
    bool headless = false;
    bool sandbox = false;
    quint16 port = 8000;
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    QString dataDir;     // empty: the OS app-data folder
    QString databaseUrl; // empty: SQLite in the data dir
    QUrl ultravoxUrl;    // empty: https://api.ultravox.ai/api/
    QUrl twilioUrl;      // empty: https://api.twilio.com/
    RateLimiter::Limits limits;
    QString telNumber; // from a tel: URI argument, for the dial dialog
    // NAME=value lines for SWITCHBOARD_API_KEY, ULTRAVOX_API_KEY and TWILIO_*: they win over the
    // environment and the keychain (systemd's LoadCredential=, container secrets).
    QString credentialsFile;

    // Which options the command line set, so they win over the window's saved settings.
    bool portGiven = false;
    bool bindGiven = false;
    bool limitsGiven = false;

    enum class Outcome { Run, ExitOk, ExitError };
    // Parses `arguments` (argv). On ExitOk (--help, --version) the text to print is in `message`;
    // on ExitError `message` names the bad option and says what is expected.
    static Outcome parse(const QStringList &arguments, AppOptions *options, QString *message);
};
