// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Campaign.h"

#include <QMap>
#include <QString>

// How the window names campaign states to an operator: words, not the API's identifiers.
namespace CampaignWords {
// "pending", "no answer", "skipped: do-not-call", ...
QString state(RecipientState state);
QString status(CampaignStatus status);
// Recipients that reached a final state, of all (from CampaignRepository::counts()).
qint64 finished(const QMap<QString, qint64> &counts);
qint64 total(const QMap<QString, qint64> &counts);
// "3 pending, 1 calling, 6 completed, ..." with every state, zeros included, in the order
// of the recipient's life.
QString countsSentence(const QMap<QString, qint64> &counts);
} // namespace CampaignWords
