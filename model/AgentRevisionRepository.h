// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"

#include <QList>

#include <optional>

class Store;

// Where a saved configuration came from.
namespace RevisionSources {
inline const QString Window = QStringLiteral("window");
inline const QString Api = QStringLiteral("api");
inline const QString Restore = QStringLiteral("restore");
inline const QString Import = QStringLiteral("import");
inline const QString Duplicate = QStringLiteral("duplicate");
} // namespace RevisionSources

// One saved configuration of an agent. Numbers count from 1 for each agent.
struct AgentRevision
{
    QString agentId;
    qint64 number = 0;
    AgentConfig config;
    QString source;  // a RevisionSources name
    QString savedBy; // "user@host" of the team member whose instance saved it
    qint64 createdAt = 0;
    qint64 restoredFrom = 0; // for source "restore": the number given back

    // With the whole configuration; `summary` leaves it out (lists of revisions).
    QJsonObject toJson(bool summary = false) const;
};

// Who saves on this machine: "user@host", so a team sees which member saved what.
QString localSaver();

class AgentRevisionRepository
{
public:
    explicit AgentRevisionRepository(Store &store)
        : m_store(store)
    {
    }

    // Records `config` as the agent's revision `number` (the caller's transaction holds the agent
    // row, so numbers cannot collide).
    void insert(const AgentRevision &revision);
    // Newest first.
    QList<AgentRevision> list(const QString &agentId);
    std::optional<AgentRevision> find(const QString &agentId, qint64 number);

private:
    Store &m_store;
};
