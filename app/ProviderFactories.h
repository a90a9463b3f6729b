// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CallMonitor.h"
#include "ProviderFactory.h"

#include <memory>

struct AppOptions;

// The sandbox with --sandbox, otherwise the real Ultravox and Twilio clients.
std::unique_ptr<ProviderFactory> makeProviderFactory(const AppOptions &options);
// Sandbox calls last seconds: follow them closely.
CallMonitor::Pacing sandboxPacing();
