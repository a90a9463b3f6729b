// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderFactory.h"
#include "SandboxOptions.h"

// One simulated Ultravox and one simulated Twilio for every set of credentials.
class SandboxProviderFactory : public ProviderFactory
{
public:
    explicit SandboxProviderFactory(SandboxOptions options = {});
    bool isSandbox() const override { return true; }
    std::shared_ptr<UltravoxProvider> ultravox(const UltravoxCredentials &) override;
    std::shared_ptr<TwilioProvider> twilio(const TwilioCredentials &) override;

private:
    std::shared_ptr<UltravoxProvider> m_ultravox;
    std::shared_ptr<TwilioProvider> m_twilio;
};
