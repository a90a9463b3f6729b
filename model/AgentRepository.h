// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"

#include <QMap>

#include <functional>
#include <optional>

class Store;

// How an agent's call settings are kept in its row: the JSON of CallSettings::writeJson().
QString encodeCallSettings(const CallSettings &settings);
CallSettings decodeCallSettings(const QString &text);
// Template variables as [[key, value], ...], in the order the operator gave them.
QString encodeVariables(const QList<QPair<QString, QString>> &variables);
QList<QPair<QString, QString>> decodeVariables(const QString &text);

// Agents in the store. Writes carry the version the writer read; a stale one changes nothing.
class AgentRepository
{
public:
    explicit AgentRepository(Store &store)
        : m_store(store)
    {
    }

    void insert(const Agent &agent);
    // Writes `agent` if the stored version is still `agent.version`; on success the version in
    // `agent` moves on by one. Returns false when someone else wrote first or the agent is gone.
    bool update(Agent &agent);
    bool remove(const QString &id);
    std::optional<Agent> find(const QString &id);
    // Oldest first, so that offsets stay stable while agents are added. limit < 0: all.
    QList<Agent> list(qint64 limit, qint64 offset);
    // Every agent, oldest first, one at a time.
    void forEach(const std::function<void(const Agent &)> &visit);
    qint64 count();
    QMap<QString, qint64> countByStatus();
    // Agents in `status` whose last write is older than `updatedBeforeMs`.
    QList<Agent> withStatusUpdatedBefore(AgentStatus status, qint64 updatedBeforeMs);

private:
    Store &m_store;
};
