// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TwilioProvider.h"
#include "UltravoxProvider.h"

#include <memory>

// Makes providers for a set of credentials: the real clients, or the sandbox that ignores them.
class ProviderFactory
{
public:
    virtual ~ProviderFactory() = default;
    virtual bool isSandbox() const = 0;
    virtual std::shared_ptr<UltravoxProvider> ultravox(const UltravoxCredentials &credentials) = 0;
    virtual std::shared_ptr<TwilioProvider> twilio(const TwilioCredentials &credentials) = 0;
};
