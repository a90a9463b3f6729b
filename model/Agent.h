// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CallSettings.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

class FieldErrors;

enum class AgentStatus { Active, Inactive, Creating, Error };

QString toString(AgentStatus status);
// Returns false when `text` names no status.
bool agentStatusFromString(const QString &text, AgentStatus *status);

// What an operator or a script sets on an agent: the spec's "Agent Configuration".
struct AgentConfig
{
    QString name;
    QString prompt;
    QString voice = QStringLiteral("default");
    QString language = QStringLiteral("en");
    // Kept in the order given; keys are unique.
    QList<QPair<QString, QString>> templateVariables;
    // Everything else Ultravox's call template holds: first speaker, timing, tools, ...
    CallSettings call;

    QJsonObject toJson() const;
    QJsonObject templateVariablesJson() const;
    bool operator==(const AgentConfig &other) const;

    // Reads and checks a request body against every rule; violations land in `errors`.
    static AgentConfig fromJson(const QJsonObject &json, FieldErrors &errors);
    // Checks a config built elsewhere (the window's form) against the same rules.
    void validate(FieldErrors &errors) const;
};

struct Agent
{
    QString id;
    AgentConfig config;
    AgentStatus status = AgentStatus::Creating;
    QString statusReason; // the provider's reason when status is Error
    QString remoteId;     // the Ultravox agentId once created there
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 version = 1;  // bumped on every write; a stale writer is refused
    qint64 revision = 0; // the number of the latest saved configuration (see AgentRevision)

    QJsonObject toJson() const;
    // The same as QJsonDocument(toJson()).toJson(Compact), written directly (the API's hot path).
    QByteArray toJsonBytes() const;
};

// The names of placeholders ({{name}}) used in a prompt, in order of first use.
QStringList promptPlaceholders(const QString &prompt);
