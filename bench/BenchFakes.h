// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FakeTwilio.h"
#include "FakeUltravox.h"

#include <QStringList>
#include <QThread>

#include <cstdio>

namespace BenchFakes {
// Prints how many requests the fake providers flagged (figures measured on requests they refused
// would be meaningless), then deletes them on their own thread and stops it. Returns what they
// flagged.
inline QStringList reportAndStop(FakeUltravox *ultravox, FakeTwilio *twilio, QThread &thread)
{
    using namespace Qt::StringLiterals;
    const QStringList violations = ultravox->violations() + twilio->violations();
    std::printf("requests the fakes flagged: %d%s\n", int(violations.size()),
                violations.isEmpty() ? "" : qPrintable(u" (first: "_s + violations.first() + u')'));
    std::fflush(stdout);
    QMetaObject::invokeMethod(
        ultravox,
        [&] {
            delete ultravox;
            delete twilio;
        },
        Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return violations;
}
} // namespace BenchFakes
