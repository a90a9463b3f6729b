// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecentHash.h"
#include "SandboxScenarios.h"

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
        Entry *entry = m_entries.find(ultravoxCallId);
        if (entry && entry->hungUpAtMs == 0)
            entry->hungUpAtMs = atMs;
    }
    std::optional<Entry> find(const QString &ultravoxCallId) const
    {
        QMutexLocker locker(&m_mutex);
        const Entry *entry = m_entries.find(ultravoxCallId);
        if (!entry)
            return std::nullopt;
        return *entry;
    }

private:
    mutable QMutex m_mutex;
    RecentHash<QString, Entry> m_entries;
};
