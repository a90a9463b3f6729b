// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderTypes.h"

#include <QObject>
#include <QTimer>

// Hands a simulated provider's answer to the caller after `delayMs`, on the caller's thread,
// and not at all once `context` is gone: the same promise the real clients keep.
template<typename T>
void deliverLater(QObject *context, int delayMs, Callback<T> done, Outcome<T> outcome)
{
    QTimer::singleShot(delayMs, context,
                       [done = std::move(done), outcome = std::move(outcome)] { done(outcome); });
}
