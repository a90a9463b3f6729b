// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Campaign.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

// How campaign rows are written and read back, shared by the campaign repositories.
namespace CampaignRows {
extern const QString recipientColumns;
extern const QString attemptColumns;

QString jsonText(const QJsonObject &object);
QJsonObject jsonObject(const QVariant &value);
QVariant nullIfEmpty(const QString &text);
QVariant nullIfZero(qint64 value);
// From a query selecting recipientColumns / attemptColumns first.
Recipient readRecipient(const QSqlQuery &query);
CampaignAttempt readAttempt(const QSqlQuery &query, int first = 0);
} // namespace CampaignRows
