// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretStore.h"

#include <QByteArray>
#include <QHash>

#include <cstddef>
#include <cstdint>
#include <functional>

// What the harnesses share: one QCoreApplication for the process (made in
// LLVMFuzzerInitialize), secrets kept in memory, and a way to let queued work finish.
namespace Fuzz {
void startApplication(int *argc, char ***argv);
// Runs the event loop until `done` holds or `maxMs` pass.
void processEventsUntil(const std::function<bool()> &done, int maxMs);
// The harness's input as a QByteArray that does not copy it.
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}
} // namespace Fuzz

class MemorySecretStore : public SecretStore
{
public:
    std::optional<QString> read(const QString &key) override;
    void write(const QString &key, const QString &value) override { m_values.insert(key, value); }
    void remove(const QString &key) override { m_values.remove(key); }
    bool isPersistent() const override { return false; }
    QString status() const override { return QStringLiteral("memory only (fuzzing)"); }

private:
    QHash<QString, QString> m_values;
};
