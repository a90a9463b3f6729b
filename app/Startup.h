// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AppOptions.h"
#include "Credentials.h"
#include "ServerStack.h"

#include <QLockFile>

#include <memory>

class SecretStore;

// What the headless mode and the window share to get going: the data folder, the keychain, the
// API key, the providers and a ServerStack ready to open.
struct Startup
{
    // Exit codes, so scripts can tell failures apart.
    enum ExitCode {
        Ok = 0,
        BadUsage = 2,
        DataDirUnusable = 3,
        DatabaseUnusable = 4,
        PortUnavailable = 5,
        BadCredentials = 6
    };

    QString dataDir;
    Credentials::ApiKey apiKey;
    std::unique_ptr<ServerStack> stack;
    // Held while this process uses an embedded (SQLite) database in the data folder.
    std::unique_ptr<QLockFile> dataDirLock;

    // Prepares everything short of opening the database; on failure returns false with a message
    // and the exit code to use.
    bool prepare(const AppOptions &options, SecretStore &secrets, QString *error, int *exitCode);
    // What to tell the operator about the API once it listens.
    QString banner(const SecretStore &secrets) const;
};
