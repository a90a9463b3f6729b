// SPDX-License-Identifier: GPL-3.0-or-later
// Importing a campaign's recipients: 100,000 rows of CSV read and checked (E.164 with
// libphonenumber, duplicates, template context) and stored in one transaction, beside reading the
// same bytes as CSV alone, which is the baseline. Prints time and resident memory of each phase
// and the ratios against the baseline.
//
//   switchboard-bench-campaign-import [rows]      (default 100000; SQLite in a temporary folder)
#include "Campaign.h"
#include "CampaignRepository.h"
#include "RecipientCsv.h"
#include "RecipientImport.h"
#include "Store.h"
#include "StoreLocation.h"
#include "Timestamps.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
// Resident memory in KiB, from /proc (Linux).
qint64 residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QByteArray makeCsv(int rows)
{
    QByteArray csv = "phone_number,customer_name,appointment,note\n";
    csv.reserve(rows * 64);
    for (int i = 0; i < rows; ++i) {
        // Written the way exports write them: spaces and brackets, some with country code.
        const int area = 201 + (i % 700);
        const int line = i % 10000;
        const int exchange = 200 + (i / 10000) % 700;
        csv += (i % 2 ? QByteArray("+1 ") : QByteArray()) + '(' + QByteArray::number(area) + ") " +
               QByteArray::number(exchange) + '-' +
               QByteArray::number(line).rightJustified(4, '0') + ",Customer " +
               QByteArray::number(i) + ",2027-03-0" + QByteArray::number(1 + i % 9) +
               " 10:00,\"Bring the card, please\"\n";
    }
    return csv;
}

struct Phase
{
    const char *name;
    double ms;
    qint64 rssKiB;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const QByteArray csv = makeCsv(rows);
    std::printf("%d rows, %.1f MiB of CSV\n", rows, double(csv.size()) / (1024 * 1024));
    QList<Phase> phases;
    QElapsedTimer timer;

    const qint64 before = residentKiB();
    timer.start();
    qsizetype records = 0;
    {
        const Csv::Table table = Csv::parse(csv);
        records = table.records.size();
        phases.append(
            {"read the CSV alone (baseline)", timer.nsecsElapsed() / 1e6, residentKiB() - before});
    }

    timer.restart();
    const RecipientImport::Result result = RecipientImport::fromCsv(csv, {}, u"US"_s);
    phases.append({"read and check every row", timer.nsecsElapsed() / 1e6, residentKiB() - before});

    QTemporaryDir dir;
    Store store(StoreLocation::sqliteInDataDir(dir.path()));
    store.open();
    Campaign campaign;
    campaign.id = CampaignIds::newCampaignId();
    campaign.name = u"bench"_s;
    campaign.agentId = u"agent_bench"_s;
    campaign.createdAt = campaign.updatedAt = Timestamps::nowMs();
    CampaignRepository campaigns(store);
    campaigns.insert(campaign);
    timer.restart();
    const auto already = campaigns.addRecipients(campaign.id, result.accepted);
    phases.append(
        {"store them (one transaction)", timer.nsecsElapsed() / 1e6, residentKiB() - before});

    std::printf("records %lld, accepted %lld, rejected %lld, already present %lld\n",
                qint64(records), qint64(result.accepted.size()), qint64(result.rejected.size()),
                qint64(already.size()));
    const double baseline = phases.first().ms;
    for (const Phase &phase : phases)
        std::printf("%-32s %9.1f ms  %6.2fx baseline  RSS +%lld KiB\n", phase.name, phase.ms,
                    phase.ms / baseline, phase.rssKiB);
    const double total = phases.at(1).ms + phases.at(2).ms;
    std::printf("import total (check + store)     %9.1f ms  %6.2fx baseline\n", total,
                total / baseline);
    return 0;
}
