// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderFactories.h"

#include "AppOptions.h"
#include "HttpProviderFactory.h"
#include "SandboxProviderFactory.h"

#include <QtGlobal>

namespace {
// SWITCHBOARD_SANDBOX_TIME_SCALE=0.1 runs sandbox calls ten times faster (for scripts' own tests).
double sandboxTimeScale()
{
    bool ok = false;
    const double scale = qEnvironmentVariable("SWITCHBOARD_SANDBOX_TIME_SCALE").toDouble(&ok);
    return ok && scale > 0.0 && scale <= 10.0 ? scale : 1.0;
}
} // namespace

std::unique_ptr<ProviderFactory> makeProviderFactory(const AppOptions &options)
{
    if (!options.sandbox)
        return std::make_unique<HttpProviderFactory>();
    SandboxOptions sandbox;
    sandbox.timeScale = sandboxTimeScale();
    return std::make_unique<SandboxProviderFactory>(sandbox);
}

CallMonitor::Pacing sandboxPacing()
{
    const double scale = sandboxTimeScale();
    CallMonitor::Pacing pacing;
    pacing.firstMs = std::max(20, int(400 * scale));
    pacing.maxMs = std::max(50, int(1000 * scale));
    pacing.maxBackoffMs = std::max(100, int(5000 * scale));
    pacing.campaignTickMs = std::max(50, int(1000 * scale));
    return pacing;
}
