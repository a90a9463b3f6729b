// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIODevice>
#include <QString>

class Store;

// A campaign's results as CSV: one row per attempt of every recipient (a recipient never dialed
// has one row with the attempt columns empty), so a spreadsheet shows who was reached, after how
// many tries, and each call's SID. Read a page of recipients at a time, so a list of 100,000
// never sits in memory at once.
namespace CampaignResults {
QByteArray header();
// Returns the number of recipients written; throws AppError when the store fails.
qint64 writeCsv(Store &store, const QString &campaignId, QIODevice &out);
// Into a file, written whole or not at all.
qint64 writeCsvFile(Store &store, const QString &campaignId, const QString &path);
} // namespace CampaignResults
