// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxProviderFactory.h"

#include "SandboxTwilio.h"
#include "SandboxUltravox.h"

SandboxProviderFactory::SandboxProviderFactory(SandboxOptions options)
{
    auto ledger = std::make_shared<SandboxLedger>();
    m_ultravox = std::make_shared<SandboxUltravox>(options, ledger);
    m_twilio = std::make_shared<SandboxTwilio>(options, ledger);
}

std::shared_ptr<UltravoxProvider> SandboxProviderFactory::ultravox(const UltravoxCredentials &)
{
    return m_ultravox;
}

std::shared_ptr<TwilioProvider> SandboxProviderFactory::twilio(const TwilioCredentials &)
{
    return m_twilio;
}
