// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AppOptions.h"

// `switchboard --headless`: the REST API without a window, until SIGINT or SIGTERM.
// Returns the process exit code.
namespace HeadlessApp {
int run(const AppOptions &options);
}
