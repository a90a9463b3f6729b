// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzSupport.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QLoggingCategory>

namespace Fuzz {
void startApplication(int *argc, char ***argv)
{
    // The services log every refused request; millions of lines would hide the fuzzer's own.
    QLoggingCategory::setFilterRules(
        QStringLiteral("*.debug=false\n*.info=false\n*.warning=false"));
    static QCoreApplication application(*argc, *argv);
}

void processEventsUntil(const std::function<bool()> &done, int maxMs)
{
    const QDeadlineTimer deadline(maxMs);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}
} // namespace Fuzz

std::optional<QString> MemorySecretStore::read(const QString &key)
{
    const auto found = m_values.constFind(key);
    if (found == m_values.cend())
        return std::nullopt;
    return *found;
}
