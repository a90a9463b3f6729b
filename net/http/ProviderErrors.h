// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpTypes.h"
#include "ProviderTypes.h"

// Turns what a provider answered into a ProviderError: the transport's failure (unreachable,
// timed out), or the provider's own code and words parsed out of its error body (Twilio's
// {code, message, more_info}, Ultravox's {"detail"} or {field: [messages]}), raw body kept.
namespace ProviderErrors {
inline const QString Ultravox = QStringLiteral("ultravox");
inline const QString Twilio = QStringLiteral("twilio");

// The body as the operator may see it: at most `max` characters, control characters dropped.
QString shortened(const QByteArray &body, int max = 500);
// For a reply that is not a success.
ProviderError fromReply(const QString &provider, const HttpReply &reply);
// A success status whose body does not say what it must (not JSON, a field missing).
ProviderError badBody(const QString &provider, const HttpReply &reply, const QString &problem);
// Refused before anything was sent.
ProviderError local(const QString &provider, const QString &message);
} // namespace ProviderErrors
