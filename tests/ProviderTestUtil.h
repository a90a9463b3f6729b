// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderTypes.h"
#include "TestServer.h"

#include <QObject>
#include <QtTest>

#include <functional>
#include <memory>
#include <optional>

// Runs one provider call and waits for its callback; also checks that the callback came later
// than the call (providers never answer synchronously).
template<typename T>
std::optional<Outcome<T>> awaitOutcome(const std::function<void(QObject *, Callback<T>)> &start,
                                       int timeoutMs = 10000)
{
    QObject context;
    auto result = std::make_shared<std::optional<Outcome<T>>>();
    start(&context, [result](const Outcome<T> &outcome) { result->emplace(outcome); });
    if (result->has_value()) {
        qWarning("the callback ran before the call returned");
        return std::nullopt;
    }
    waitUntil([result] { return result->has_value(); }, timeoutMs);
    return *result;
}

inline QString describe(const ProviderError &error)
{
    return error.summary() + QStringLiteral(" | body: ") + error.body;
}
