// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

// Something that happened, kept in the store: call_initiated, call_status_changed,
// call_completed, call_failed, agent_created, agent_updated, agent_deleted, agent_sync_failed,
// company_created, company_updated, company_deleted.
struct EventRecord
{
    qint64 id = 0;
    qint64 timestamp = 0;
    QString type;
    QString agentId;
    QString callSid; // the call's public id (Twilio SID, or ours when Twilio never answered)
    qint64 companyId = 0;
    QJsonObject details;

    QJsonObject toJson() const;
};

namespace EventTypes {
inline const QString CallInitiated = QStringLiteral("call_initiated");
inline const QString CallStatusChanged = QStringLiteral("call_status_changed");
inline const QString CallCompleted = QStringLiteral("call_completed");
inline const QString CallFailed = QStringLiteral("call_failed");
inline const QString AgentCreated = QStringLiteral("agent_created");
inline const QString AgentUpdated = QStringLiteral("agent_updated");
inline const QString AgentDeleted = QStringLiteral("agent_deleted");
inline const QString AgentSyncFailed = QStringLiteral("agent_sync_failed");
inline const QString CompanyCreated = QStringLiteral("company_created");
inline const QString CompanyUpdated = QStringLiteral("company_updated");
inline const QString CompanyDeleted = QStringLiteral("company_deleted");
} // namespace EventTypes
