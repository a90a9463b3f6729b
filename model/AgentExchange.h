// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"

#include <QJsonObject>
#include <QList>
#include <QSet>

#include <optional>

class FieldErrors;

// The file agents are exported to and imported from:
//   {"format": "switchboard-agents", "version": 1, "exported_at": "...", "agents": [config, ...]}
// Each entry is an agent's config as the API shows it; a whole agent ({"config": {...}, ...},
// as GET /api/v1/agents answers) is read for its config too.
namespace AgentExchange {
inline const QString Format = QStringLiteral("switchboard-agents");
constexpr int Version = 1;

// The name a duplicate of `name` gets: "<name> copy", shortened to stay within the limit.
QString duplicateName(const QString &name);

QJsonObject exportDocument(const QList<Agent> &agents, qint64 exportedAtMs);

struct Entry
{
    qsizetype index = 0;
    QString name;
    std::optional<AgentConfig> config; // set when the entry can be imported
    QString reason;                    // why not, otherwise
    QJsonObject fieldErrors;           // the rules it broke, by field
};

// Reads every entry and checks it with the API's rules; an entry whose name an existing agent
// (or an earlier entry) has is skipped, so importing the same file twice adds nothing. Problems of
// the document itself (not an export, no agents list) land in `errors`.
QList<Entry> read(const QJsonObject &document, const QSet<QString> &existingNames,
                  FieldErrors &errors);
// {"imported": [{"index", "name", "agent_id"}], "skipped": [{"index", "name", "reason",
// "errors"}]}; `agentIds` holds the new id of each importable entry, in order.
QJsonObject report(const QList<Entry> &entries, const QStringList &agentIds);
} // namespace AgentExchange
