// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Campaign.h"
#include "SqlValues.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

// How campaign rows are written and read back, shared by the campaign repositories.
namespace CampaignRows {
extern const QString recipientColumns;
extern const QString attemptColumns;

using SqlValues::jsonObject;
using SqlValues::jsonText;
using SqlValues::nullIfEmpty;
using SqlValues::nullIfZero;
// From a query selecting recipientColumns / attemptColumns first.
Recipient readRecipient(const QSqlQuery &query);
CampaignAttempt readAttempt(const QSqlQuery &query, int first = 0);
} // namespace CampaignRows
