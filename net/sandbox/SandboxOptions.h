// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

struct SandboxOptions
{
    // Multiplies every simulated delay; tests run calls at 0.1 (a call then lasts under a second).
    double timeScale = 1.0;
    // How long a simulated provider takes to answer a request, in ms (before scaling).
    int latencyMs = 40;
};
