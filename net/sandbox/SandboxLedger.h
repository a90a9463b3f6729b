// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SandboxScenarios.h"

#include <QHash>
#include <QMutex>

#include <optional>

// What the simulated Twilio knows of a call that the simulated Ultravox needs to tell the same
// story: which scenario its number plays, when it was placed and when it was hung up. Twilio
// learns the Ultravox call from the join URL in the TwiML, as the real pair does.
class SandboxLedger
{
public:
    struct Entry
    {
        Sandbox::Scenario scenario = Sandbox::Scenario::Completes;
        qint64 placedAtMs = 0;
        qint64 hungUpAtMs = 0; // 0: not hung up
        bool machine = false;  // an answering machine took it
    };

    void placed(const QString &ultravoxCallId, const Entry &entry)
    {
        QMutexLocker locker(&m_mutex);
        m_entries.insert(ultravoxCallId, entry);
    }
    void hungUp(const QString &ultravoxCallId, qint64 atMs)
    {
        QMutexLocker locker(&m_mutex);
        auto it = m_entries.find(ultravoxCallId);
        if (it != m_entries.end() && it->hungUpAtMs == 0)
            it->hungUpAtMs = atMs;
    }
    std::optional<Entry> find(const QString &ultravoxCallId) const
    {
        QMutexLocker locker(&m_mutex);
        const auto it = m_entries.constFind(ultravoxCallId);
        if (it == m_entries.cend())
            return std::nullopt;
        return *it;
    }

private:
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries;
};
