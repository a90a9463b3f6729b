// SPDX-License-Identifier: GPL-3.0-or-later
// Campaigns end to end over the real REST server, with the real provider clients pointed at the
// fake Ultravox and Twilio, which count what was really dialed: the CSV reader and the import
// report, time zones from the number, the limits (at once, per minute, the account's), calling
// hours in several zones on an injected clock, retries exactly as configured, the do-not-call
// list checked at dial time, and an attempt left without a Twilio SID by a crash looked up at
// Twilio instead of dialed again.
#include "CallRepository.h"
#include "CallingHours.h"
#include "Core.h"
#include "DialRepository.h"
#include "LiveStack.h"
#include "PhoneTimeZones.h"
#include "RecipientCsv.h"
#include "RecipientImport.h"
#include "Store.h"
#include "Timestamps.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
const QJsonObject allDay{
    {u"start"_s, u"00:00"_s},
    {u"end"_s, u"24:00"_s},
    {u"days"_s, QJsonArray{u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s, u"fri"_s, u"sat"_s, u"sun"_s}}};

qint64 utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

// Wednesday 2 December 2026, in UTC.
const QString Wednesday = u"2026-12-02T"_s;
} // namespace

class TestCampaigns : public QObject, public LiveStack
{
    Q_OBJECT

    qint64 m_now = 0; // the injected clock; 0: the real one

    void useClock(qint64 startMs)
    {
        m_now = startMs;
        m_server->core().campaigns().setClock([this] { return m_now; });
    }

    QString createCampaign(const QString &agentId, QJsonObject rules)
    {
        rules.insert(u"name"_s, u"Reminders"_s);
        rules.insert(u"agent_id"_s, agentId);
        if (!rules.contains(u"calling_hours"_s))
            rules.insert(u"calling_hours"_s, allDay);
        const HttpResult created = m_server->post(u"/api/v1/campaigns"_s, rules);
        if (created.status != 201)
            qWarning("campaign not created: %s", created.body.constData());
        return created.object().value(u"id"_s).toString();
    }

    HttpResult addCsv(const QString &campaignId, const QByteArray &csv, const QString &query = {})
    {
        return m_server->request("POST",
                                 u"/api/v1/campaigns/%1/recipients%2"_s.arg(campaignId, query), csv,
                                 {{"Content-Type", "text/csv"}});
    }

    HttpResult action(const QString &campaignId, const QString &name)
    {
        return m_server->post(u"/api/v1/campaigns/%1/%2"_s.arg(campaignId, name), {});
    }

    QJsonObject campaign(const QString &campaignId)
    {
        return m_server->get(u"/api/v1/campaigns/"_s + campaignId).object();
    }

    qint64 count(const QString &campaignId, const QString &state)
    {
        return campaign(campaignId).value(u"counts"_s).toObject().value(state).toInteger();
    }

    QJsonArray recipients(const QString &campaignId, const QString &query = {})
    {
        return m_server->get(u"/api/v1/campaigns/%1/recipients%2"_s.arg(campaignId, query))
            .object()
            .value(u"recipients"_s)
            .toArray();
    }

    bool finished(const QString &campaignId, int timeoutMs = 20000)
    {
        return waitUntil([&] { return campaign(campaignId).value(u"status"_s) == u"completed"_s; },
                         timeoutMs);
    }

    static QByteArray csvOf(const QStringList &numbers)
    {
        QByteArray csv = "phone_number,customer_name\n";
        for (const QString &number : numbers)
            csv += number.toUtf8() + ",Ada\n";
        return csv;
    }

    static QStringList numbers(int count, int first = 200)
    {
        QStringList list;
        for (int i = 0; i < count; ++i)
            list << u"+1415555%1"_s.arg(first + i, 4, 10, QChar(u'0'));
        return list;
    }

    // Every dialed number appears once in `dialed` at most.
    static bool nobodyTwice(const QStringList &dialed)
    {
        return QSet<QString>(dialed.cbegin(), dialed.cend()).size() == dialed.size();
    }

private Q_SLOTS:
    void init()
    {
        // A call's outcome is recorded when it arrives, not by a later sweep after a failure.
        QTest::failOnWarning(QRegularExpression(u"cannot record the outcome"_s));
        m_now = 0;
        startStack();
    }
    void cleanup() { stopStack(); }

    void csvReadsRfc4180_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QList<int>>("lines");
        QTest::addColumn<QStringList>("secondFields");
        QTest::newRow("plain LF") << QByteArray("a,b\n1,2\n3,4\n") << QStringList{u"a"_s, u"b"_s}
                                  << QList<int>{2, 3} << QStringList{u"3"_s, u"4"_s};
        QTest::newRow("CRLF, BOM, no final newline")
            << QByteArray("\xEF\xBB\xBF"
                          "a,b\r\n1,2\r\n3,4")
            << QStringList{u"a"_s, u"b"_s} << QList<int>{2, 3} << QStringList{u"3"_s, u"4"_s};
        QTest::newRow("BOM after blank lines")
            << QByteArray("\n\xEF\xBB\xBF"
                          "a,b\n1,2\n\xEF\xBB\xBF"
                          "3,4\n")
            << QStringList{u"a"_s, u"b"_s} << QList<int>{3, 4}
            << QStringList{QString(QChar::ByteOrderMark) + u"3"_s, u"4"_s};
        QTest::newRow("several BOMs after a blank line")
            << QByteArray("\n\xEF\xBB\xBF\xEF\xBB\xBF"
                          "a,b\n1,2\n3,4\n")
            << QStringList{u"a"_s, u"b"_s} << QList<int>{3, 4} << QStringList{u"3"_s, u"4"_s};
        QTest::newRow("quoted comma, quote and line break")
            << QByteArray("a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n5,6\n")
            << QStringList{u"a"_s, u"b"_s} << QList<int>{2, 4} << QStringList{u"5"_s, u"6"_s};
        QTest::newRow("blank lines skipped")
            << QByteArray("a,b\n\n1,2\n\n3,\n") << QStringList{u"a"_s, u"b"_s} << QList<int>{3, 5}
            << QStringList{u"3"_s, QString()};
    }

    void csvReadsRfc4180()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QStringList, header);
        QFETCH(QList<int>, lines);
        QFETCH(QStringList, secondFields);
        const Csv::Table table = Csv::parse(csv);
        QVERIFY2(table.error.isEmpty(), qPrintable(table.error));
        QCOMPARE(table.header, header);
        QList<int> seen;
        for (const Csv::Record &record : table.records)
            seen << record.line;
        QCOMPARE(seen, lines);
        QCOMPARE(table.records.at(1).fields, secondFields);
    }

    void csvErrorsNameTheLine()
    {
        const Csv::Table open = Csv::parse("a,b\n1,2\n\"never closed,3\n4,5\n");
        QVERIFY(open.error.contains(u"never closed"_s));
        QCOMPARE(open.errorLine, 3);
        const Csv::Table stray = Csv::parse("a,b\n\"x\"y,2\n");
        QVERIFY(!stray.error.isEmpty());
        QCOMPARE(stray.errorLine, 2);
        QVERIFY(!Csv::parse("").error.isEmpty());
    }

    void importReportsEveryRejectedLine()
    {
        const QByteArray csv = "name,phone,order_id\n"
                               "Ada,+14155550123,1\n"
                               "Bob,(415) 555-0124,2\n"
                               "Cy,not a number,3\n"
                               "Dee,415.555.0123,4\n"
                               "Eve,+14155550125,5,extra\n"
                               "Fay,+1415,6\n";
        const RecipientImport::Result result = RecipientImport::fromCsv(csv, u"phone"_s, u"US"_s);
        QCOMPARE(result.accepted.size(), 2);
        QCOMPARE(result.accepted.at(1).phoneNumber, u"+14155550124"_s);
        QCOMPARE(result.accepted.at(0).context.value(u"name"_s).toString(), u"Ada"_s);
        QCOMPARE(result.accepted.at(0).context.value(u"order_id"_s).toString(), u"1"_s);
        QVERIFY(!result.accepted.at(0).context.contains(u"phone"_s));
        QList<int> lines;
        for (const RecipientImport::Rejected &rejected : result.rejected)
            lines << rejected.line;
        QCOMPARE(lines, (QList<int>{4, 5, 6, 7}));
        QVERIFY(result.rejected.at(1).reason.contains(u"duplicate of line 2"_s));
        QVERIFY(result.rejected.at(2).reason.contains(u"header has 3 columns"_s));
        // A file-wide problem names itself instead.
        QVERIFY_THROWS_EXCEPTION(AppError, RecipientImport::fromCsv(csv, u"mobile"_s, {}));
        QVERIFY_THROWS_EXCEPTION(
            AppError,
            RecipientImport::fromCsv("phone_number,first name\n+14155550123,x\n", {}, {}));
        // Without a region, a number needs its country code.
        QCOMPARE(RecipientImport::fromCsv("phone_number\n4155550123\n", {}, {}).rejected.size(), 1);
    }

    void timeZonesComeFromTheNumber()
    {
        QVERIFY(PhoneTimeZones::prefixCount() > 1000);
        QCOMPARE(PhoneTimeZones::zonesFor(u"+14155550123"_s),
                 QStringList{u"America/Los_Angeles"_s});
        QCOMPARE(PhoneTimeZones::zonesFor(u"+12125550123"_s), QStringList{u"America/New_York"_s});
        QVERIFY(PhoneTimeZones::zonesFor(u"+442079460958"_s).contains(u"Europe/London"_s));
        QVERIFY(PhoneTimeZones::zonesFor(u"+61291234567"_s).contains(u"Australia/Sydney"_s));
        // +1 with an unknown area code spans the continent and beyond.
        QVERIFY(PhoneTimeZones::zonesFor(u"+1999"_s).size() > 10);
    }

    void callingHoursHoldInEveryZone()
    {
        CallingHours hours;
        hours.startMinute = 9 * 60;
        hours.endMinute = 17 * 60;
        const qint64 noonUtc = utc(Wednesday + u"12:00:00Z"_s); // 07:00 New York, 12:00 London
        QVERIFY(!hours.allows(noonUtc, {u"America/New_York"_s}));
        QVERIFY(hours.allows(noonUtc, {u"Europe/London"_s}));
        QVERIFY(!hours.allows(noonUtc, {u"Europe/London"_s, u"America/New_York"_s}));
        QCOMPARE(hours.nextOpening(noonUtc, {u"Europe/London"_s, u"America/New_York"_s}),
                 utc(Wednesday + u"14:00:00Z"_s));
        // Saturday is not a calling day by default: Friday 17:00 New York -> Monday 09:00.
        const qint64 fridayEvening = utc(u"2026-12-04T22:30:00Z"_s);
        QCOMPARE(hours.nextOpening(fridayEvening, {u"America/New_York"_s}),
                 utc(u"2026-12-07T14:00:00Z"_s));
        // Zones half a day apart never share eight office hours.
        QCOMPARE(hours.nextOpening(noonUtc, {u"Pacific/Honolulu"_s, u"Europe/Berlin"_s}), 0);
        QVERIFY(!hours.allows(noonUtc, {}));
    }

    void campaignsAreValidated()
    {
        const HttpResult empty = m_server->post(u"/api/v1/campaigns"_s, {});
        QCOMPARE(empty.status, 400);
        const QJsonObject details = empty.object().value(u"details"_s).toObject();
        QVERIFY(details.contains(u"name"_s));
        QVERIFY(details.contains(u"agent_id"_s));

        const QString agentId = createAgent();
        const HttpResult bad =
            m_server->post(u"/api/v1/campaigns"_s,
                           {{u"name"_s, u"x"_s},
                            {u"agent_id"_s, agentId},
                            {u"max_concurrent_calls"_s, 0},
                            {u"calls_per_minute"_s, 3e300},
                            {u"calling_hours"_s, QJsonObject{{u"start"_s, u"25:00"_s},
                                                             {u"days"_s, QJsonArray{u"someday"_s}},
                                                             {u"time_zone"_s, u"Mars/Olympus"_s}}},
                            {u"retry_on"_s, QJsonArray{u"sometimes"_s}},
                            {u"colour"_s, u"blue"_s}});
        QCOMPARE(bad.status, 400);
        const QJsonObject problems = bad.object().value(u"details"_s).toObject();
        for (const QString &field :
             {u"max_concurrent_calls"_s, u"calls_per_minute"_s, u"calling_hours.start"_s,
              u"calling_hours.days"_s, u"calling_hours.time_zone"_s, u"retry_on"_s, u"colour"_s})
            QVERIFY2(problems.contains(field), qPrintable(field));

        const HttpResult unknownAgent = m_server->post(
            u"/api/v1/campaigns"_s, {{u"name"_s, u"x"_s}, {u"agent_id"_s, u"agent_nobody"_s}});
        QCOMPARE(unknownAgent.status, 400);
        QVERIFY(m_server->get(u"/api/v1/campaigns"_s).object().value(u"count"_s).toInt() == 0);

        const QString id = createCampaign(agentId, {});
        const QJsonObject created = campaign(id);
        QCOMPARE(created.value(u"status"_s).toString(), u"draft"_s);
        QCOMPARE(created.value(u"max_attempts"_s).toInt(), 3);
        QCOMPARE(created.value(u"counts"_s).toObject().size(), 10);
        QCOMPARE(m_server->get(u"/api/v1/campaigns/cmp_0123456789abcdef01234567"_s).status, 404);
        // Started without recipients: refused, nothing changes.
        QCOMPARE(action(id, u"start"_s).status, 409);
        QCOMPARE(action(id, u"resume"_s).status, 409);
        const HttpResult renamed = m_server->put(
            u"/api/v1/campaigns/"_s + id, {{u"name"_s, u"Renamed"_s}, {u"calls_per_minute"_s, 30}});
        QCOMPARE(renamed.status, 200);
        QCOMPARE(renamed.object().value(u"calls_per_minute"_s).toInt(), 30);
        QCOMPARE(m_server->del(u"/api/v1/campaigns/"_s + id).status, 204);
        QCOMPARE(m_server->get(u"/api/v1/campaigns/"_s + id).status, 404);
    }

    void recipientsAreImportedWithAReport()
    {
        const QString id = createCampaign(createAgent(), {});
        const HttpResult imported =
            addCsv(id,
                   "mobile,customer_name\n+14155550123,Ada\n\"(415) 555-0124\",\"Bob, Jr.\"\n"
                   "555,Cy\n+14155550123,Dup\n",
                   u"?phone_column=mobile&default_region=us"_s);
        QCOMPARE(imported.status, 200);
        QCOMPARE(imported.object().value(u"accepted"_s).toInt(), 2);
        const QJsonArray rejected = imported.object().value(u"rejected"_s).toArray();
        QCOMPARE(rejected.size(), 2);
        QCOMPARE(rejected.at(0).toObject().value(u"line"_s).toInt(), 4);
        QCOMPARE(rejected.at(1).toObject().value(u"line"_s).toInt(), 5);
        QCOMPARE(rejected.at(1).toObject().value(u"phone_number"_s).toString(), u"+14155550123"_s);

        // JSON, with one number the campaign already has.
        const HttpResult json =
            m_server->request("POST", u"/api/v1/campaigns/%1/recipients"_s.arg(id),
                              R"([{"phone_number": "+14155550124"}, {"phone_number": "+14155550125",
                "context": {"customer_name": "Eve"}}, {"phone_number": 5}])",
                              {{"Content-Type", "application/json"}});
        QCOMPARE(json.status, 200);
        QCOMPARE(json.object().value(u"accepted"_s).toInt(), 1);
        QCOMPARE(json.object().value(u"rejected"_s).toArray().size(), 2);
        QVERIFY(json.object()
                    .value(u"rejected"_s)
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(u"reason"_s)
                    .toString()
                    .contains(u"already in this campaign"_s));

        const QJsonArray all = recipients(id);
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(1).toObject().value(u"context"_s).toObject().value(u"customer_name"_s),
                 u"Bob, Jr."_s);
        QCOMPARE(all.at(0).toObject().value(u"state"_s).toString(), u"pending"_s);
        QCOMPARE(recipients(id, u"?state=completed"_s).size(), 0);
        QCOMPARE(m_server->get(u"/api/v1/campaigns/%1/recipients?state=bogus"_s.arg(id)).status,
                 400);
        QCOMPARE(addCsv(id, "number\n+14155550126\n").status, 400);  // no phone_number column
        QCOMPARE(addCsv(id, "phone_number\n\"+1415\n").status, 400); // not CSV
        QCOMPARE(campaign(id).value(u"recipients"_s).toInt(), 3);    // nothing changed
    }

    void concurrencyAndAccountLimitsHold()
    {
        m_twilio->setDefaultTimeline({u"ringing"_s, u"ringing"_s, u"ringing"_s, u"in-progress"_s,
                                      u"in-progress"_s, u"in-progress"_s, u"completed"_s});
        const QString agentId = createAgent();
        const QString capped = createCampaign(
            agentId, {{u"max_concurrent_calls"_s, 3}, {u"calls_per_minute"_s, 1000}});
        QCOMPARE(addCsv(capped, csvOf(numbers(12))).object().value(u"accepted"_s).toInt(), 12);
        QCOMPARE(action(capped, u"start"_s).status, 200);
        QVERIFY(finished(capped));
        QCOMPARE(m_twilio->dialedNumbers().size(), 12);
        QVERIFY(nobodyTwice(m_twilio->dialedNumbers()));
        QVERIFY2(m_twilio->peakConcurrentCalls() <= 3,
                 qPrintable(QString::number(m_twilio->peakConcurrentCalls())));
        QVERIFY(m_twilio->peakConcurrentCalls() >= 2); // calls really overlapped
        QCOMPARE(count(capped, u"completed"_s), 12);

        // Ten at once asked for; the fake Ultravox account allows five.
        const QString wide = createCampaign(
            agentId, {{u"max_concurrent_calls"_s, 10}, {u"calls_per_minute"_s, 1000}});
        addCsv(wide, csvOf(numbers(15, 300)));
        action(wide, u"start"_s);
        QVERIFY(finished(wide));
        QCOMPARE(m_twilio->dialedNumbers().size(), 27);
        QVERIFY2(m_twilio->peakConcurrentCalls() <= 5,
                 qPrintable(QString::number(m_twilio->peakConcurrentCalls())));
        // The calls are ordinary calls of the log, found by campaign.
        const QJsonObject calls =
            m_server->get(u"/api/v1/calls?campaign_id=%1&limit=1"_s.arg(wide)).object();
        QCOMPARE(calls.value(u"total"_s).toInt(), 15);
        QCOMPARE(calls.value(u"calls"_s).toArray().at(0).toObject().value(u"campaign_id"_s), wide);
        const QJsonObject recipient = recipients(wide).at(0).toObject();
        const QJsonObject attempt = recipient.value(u"attempts"_s).toArray().at(0).toObject();
        QVERIFY(attempt.value(u"call_sid"_s).toString().startsWith(u"CA"_s));
        QVERIFY(!attempt.value(u"ultravox_call_id"_s).toString().isEmpty());
        QCOMPARE(attempt.value(u"outcome"_s).toString(), u"completed"_s);
    }

    void perMinuteLimitHolds()
    {
        useClock(utc(Wednesday + u"15:00:00Z"_s));
        const QString id = createCampaign(
            createAgent(), {{u"max_concurrent_calls"_s, 10}, {u"calls_per_minute"_s, 3}});
        addCsv(id, csvOf(numbers(7)));
        action(id, u"start"_s);
        QVERIFY(waitUntil([&] { return count(id, u"completed"_s) == 3; }));
        QTest::qWait(400); // many rounds of the dispatcher, in the same minute
        QCOMPARE(m_twilio->dialedNumbers().size(), 3);
        m_now += 59000;
        QTest::qWait(300);
        QCOMPARE(m_twilio->dialedNumbers().size(), 3);
        m_now += 2000;
        QVERIFY(waitUntil([&] { return count(id, u"completed"_s) == 6; }));
        QTest::qWait(300);
        QCOMPARE(m_twilio->dialedNumbers().size(), 6);
        m_now += 61000;
        QVERIFY(finished(id));
        QCOMPARE(m_twilio->dialedNumbers().size(), 7);
        QVERIFY(nobodyTwice(m_twilio->dialedNumbers()));
    }

    void callingHoursHoldInRecipientZones()
    {
        // 15:00 UTC on a Wednesday: 10:00 in New York, 07:00 in Los Angeles, 15:00 in London.
        useClock(utc(Wednesday + u"15:00:00Z"_s));
        const QString id = createCampaign(
            createAgent(),
            {{u"max_concurrent_calls"_s, 5},
             {u"calling_hours"_s, QJsonObject{{u"start"_s, u"09:00"_s},
                                              {u"end"_s, u"17:00"_s},
                                              {u"days"_s, QJsonArray{u"mon"_s, u"tue"_s, u"wed"_s,
                                                                     u"thu"_s, u"fri"_s}}}}});
        const QString newYork = u"+12125550123"_s;
        const QString losAngeles = u"+14155550123"_s;
        const QString london = u"+442079460958"_s;
        addCsv(id, csvOf({newYork, losAngeles, london}));
        action(id, u"start"_s);
        QVERIFY(waitUntil([&] { return count(id, u"completed"_s) == 2; }));
        QTest::qWait(300);
        const QStringList dialed = m_twilio->dialedNumbers();
        QCOMPARE(QSet<QString>(dialed.cbegin(), dialed.cend()), (QSet<QString>{newYork, london}));
        const QJsonObject waiting = recipients(id, u"?state=pending"_s).at(0).toObject();
        QCOMPARE(waiting.value(u"phone_number"_s).toString(), losAngeles);
        QCOMPARE(waiting.value(u"next_attempt_at"_s).toString(), Wednesday + u"17:00:00Z"_s);
        m_now = utc(Wednesday + u"16:59:00Z"_s); // 08:59 in Los Angeles
        QTest::qWait(300);
        QCOMPARE(m_twilio->dialedNumbers().size(), 2);
        m_now = utc(Wednesday + u"17:00:00Z"_s);
        QVERIFY(finished(id));
        QCOMPARE(m_twilio->dialedNumbers().last(), losAngeles);
    }

    void retriesHappenExactlyAsConfigured()
    {
        useClock(utc(Wednesday + u"15:00:00Z"_s));
        const QString busy = u"+14155550101"_s;
        const QString noAnswer = u"+14155550102"_s;
        m_twilio->setTimeline(busy, {u"ringing"_s, u"busy"_s});
        m_twilio->setTimeline(noAnswer, {u"ringing"_s, u"no-answer"_s});
        const QString id = createCampaign(createAgent(), {{u"max_concurrent_calls"_s, 2},
                                                          {u"max_attempts"_s, 3},
                                                          {u"retry_delay_seconds"_s, 120},
                                                          {u"retry_on"_s, QJsonArray{u"busy"_s}}});
        addCsv(id, csvOf({busy, noAnswer}));
        action(id, u"start"_s);
        QVERIFY(waitUntil([&] { return count(id, u"no_answer"_s) == 1; }));
        QVERIFY(waitUntil([&] { return m_twilio->dialedNumbers().count(busy) == 1; }));
        QVERIFY(waitUntil([&] {
            return recipients(id, u"?state=pending"_s).size() == 1; // waiting for its retry
        }));
        QTest::qWait(300);
        QCOMPARE(m_twilio->dialedNumbers().count(busy), 1); // the delay holds
        m_now += 121000;
        QVERIFY(waitUntil([&] {
            const QJsonArray waiting = recipients(id, u"?state=pending"_s);
            return waiting.size() == 1 &&
                   waiting.at(0).toObject().value(u"attempt_count"_s).toInt() == 2;
        }));
        QCOMPARE(m_twilio->dialedNumbers().count(busy), 2);
        m_now += 121000;
        QVERIFY(finished(id));
        QCOMPARE(m_twilio->dialedNumbers().count(busy), 3);
        QCOMPARE(m_twilio->dialedNumbers().count(noAnswer), 1); // not in retry_on
        const QJsonObject busyOne = recipients(id).at(0).toObject();
        QCOMPARE(busyOne.value(u"state"_s).toString(), u"busy"_s);
        QCOMPARE(busyOne.value(u"attempts"_s).toArray().size(), 3);
        QCOMPARE(busyOne.value(u"attempt_count"_s).toInt(), 3);
        QCOMPARE(count(id, u"busy"_s), 1);

        // The results as CSV: a row per attempt, each with its call SID.
        const HttpResult results = m_server->get(u"/api/v1/campaigns/%1/results"_s.arg(id));
        QCOMPARE(results.status, 200);
        QCOMPARE(results.mediaType(), u"text/csv"_s);
        const QList<QByteArray> rows = results.body.trimmed().split('\n');
        QCOMPARE(rows.size(), 1 + 3 + 1);
        QVERIFY(
            rows.at(0).startsWith("line,phone_number,state,attempt_count,last_outcome,attempt,"));
        int busyRows = 0;
        for (const QByteArray &row : rows) {
            if (row.contains(busy.toUtf8())) {
                ++busyRows;
                const QByteArray expected =
                    "2," + busy.toUtf8() + ",busy,3,busy," + QByteArray::number(busyRows) + ",";
                QVERIFY2(row.startsWith(expected), row.constData());
                const QString sid = busyOne[u"attempts"_s][busyRows - 1][u"call_sid"_s].toString();
                QVERIFY(!sid.isEmpty() && row.contains(sid.toUtf8()));
            }
        }
        QCOMPARE(busyRows, 3);
        QCOMPARE(m_server->get(u"/api/v1/campaigns/cmp_000000000000000000000000/results"_s).status,
                 404);
    }

    // Twilio is asked to detect machines only when retry_on names them; a machine is then
    // retried like a busy line, and a person is not.
    void machinesAreRetriedWhenAsked()
    {
        useClock(utc(Wednesday + u"15:00:00Z"_s));
        const QString machine = u"+14155550160"_s;
        const QString person = u"+14155550161"_s;
        m_twilio->setAnsweredBy(machine, u"machine_start"_s);
        const QString agentId = createAgent();
        const QString plain = createCampaign(agentId, {{u"retry_delay_seconds"_s, 0}});
        addCsv(plain, csvOf({u"+14155550162"_s}));
        action(plain, u"start"_s);
        QVERIFY(finished(plain));
        const QString id =
            createCampaign(agentId, {{u"max_attempts"_s, 2},
                                     {u"retry_delay_seconds"_s, 0},
                                     {u"retry_on"_s, QJsonArray{u"busy"_s, u"machine"_s}}});
        addCsv(id, csvOf({machine, person}));
        action(id, u"start"_s);
        QVERIFY(finished(id));
        QStringList detection;
        for (const RecordedRequest &request : m_twilio->requests("POST", u"/Calls\\.json$"_s))
            detection << request.form().value(u"MachineDetection"_s, u"-"_s);
        QCOMPARE(detection, (QStringList{u"-"_s, u"Enable"_s, u"Enable"_s, u"Enable"_s}));
        QCOMPARE(m_twilio->dialedNumbers().count(machine), 2);
        QCOMPARE(m_twilio->dialedNumbers().count(person), 1);
        const QJsonArray all = recipients(id);
        QCOMPARE(all.at(0)[u"last_outcome"_s].toString(), u"machine"_s);
        QCOMPARE(all.at(0)[u"attempts"_s][0][u"outcome"_s].toString(), u"machine"_s);
        QCOMPARE(all.at(1)[u"attempt_count"_s].toInt(), 1);
    }

    void doNotCallNumbersAreNeverDialed()
    {
        m_twilio->setDefaultTimeline(
            {u"ringing"_s, u"ringing"_s, u"in-progress"_s, u"in-progress"_s, u"completed"_s});
        const QStringList list = numbers(4);
        const HttpResult listed = m_server->post(
            u"/api/v1/dnc"_s, {{u"phone_numbers"_s, QJsonArray{list.at(0), u"junk"_s}},
                               {u"reason"_s, u"asked not to be called"_s}});
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.object().value(u"added"_s).toInt(), 1);
        QCOMPARE(listed.object().value(u"rejected"_s).toArray().size(), 1);
        const QString id = createCampaign(createAgent(), {{u"max_concurrent_calls"_s, 1}});
        addCsv(id, csvOf(list));
        action(id, u"start"_s);
        // While the second recipient is being called, the last one asks to be left alone.
        QVERIFY(waitUntil([&] { return m_twilio->dialedNumbers().size() == 1; }));
        const HttpResult csvAdd = m_server->request("POST", u"/api/v1/dnc"_s,
                                                    "phone_number\n" + list.at(3).toUtf8() + "\n",
                                                    {{"Content-Type", "text/csv"}});
        QCOMPARE(csvAdd.object().value(u"added"_s).toInt(), 1);
        QVERIFY(finished(id));
        QCOMPARE(m_twilio->dialedNumbers(), (QStringList{list.at(1), list.at(2)}));
        QCOMPARE(count(id, u"skipped_dnc"_s), 2);
        QCOMPARE(m_server->get(u"/api/v1/dnc"_s).object().value(u"total"_s).toInt(), 2);
        QCOMPARE(m_server->del(u"/api/v1/dnc/%2B"_s + list.at(0).mid(1)).status, 204);
        QCOMPARE(m_server->del(u"/api/v1/dnc/%2B"_s + list.at(0).mid(1)).status, 404);
        QCOMPARE(m_server->del(u"/api/v1/dnc/nonsense"_s).status, 400);
    }

    void pauseResumeAndCancel()
    {
        m_twilio->setDefaultTimeline(
            {u"ringing"_s, u"in-progress"_s, u"in-progress"_s, u"in-progress"_s, u"completed"_s});
        const QString id = createCampaign(createAgent(), {{u"max_concurrent_calls"_s, 1}});
        addCsv(id, csvOf(numbers(5)));
        action(id, u"start"_s);
        QVERIFY(waitUntil([&] { return m_twilio->dialedNumbers().size() == 1; }));
        QCOMPARE(action(id, u"pause"_s).object().value(u"status"_s).toString(), u"paused"_s);
        QVERIFY(waitUntil([&] { return count(id, u"calling"_s) == 0; }));
        QTest::qWait(300);
        QCOMPARE(m_twilio->dialedNumbers().size(), 1); // the call under way ended; no new one
        QCOMPARE(action(id, u"pause"_s).status, 409);
        QCOMPARE(action(id, u"resume"_s).status, 200);
        QVERIFY(waitUntil([&] { return m_twilio->dialedNumbers().size() == 2; }));
        QCOMPARE(m_server->del(u"/api/v1/campaigns/"_s + id).status, 409); // dialing
        const QJsonObject canceled = action(id, u"cancel"_s).object();
        QCOMPARE(canceled.value(u"status"_s).toString(), u"canceled"_s);
        QVERIFY(waitUntil([&] { return count(id, u"calling"_s) == 0; }));
        QTest::qWait(300);
        QCOMPARE(m_twilio->dialedNumbers().size(), 2);
        QCOMPARE(count(id, u"canceled"_s), 3);
        QCOMPARE(count(id, u"completed"_s), 2);
        QCOMPARE(action(id, u"resume"_s).status, 409);
    }

    void crashedAttemptIsLookedUpNotRedialed()
    {
        const QString agentId = createAgent();
        const QString id = createCampaign(agentId, {{u"max_concurrent_calls"_s, 5}});
        const QString placed = u"+14155550301"_s;    // Twilio has its call
        const QString neverSeen = u"+14155550302"_s; // Twilio does not
        addCsv(id, csvOf({placed, neverSeen}));

        // What a run killed between writing its attempts and reading Twilio's answers leaves:
        // two claimed recipients with their attempt rows and initiated call records, no SID.
        Core &core = m_server->core();
        core.dispatcher().stop();
        core.campaigns().setStatus(id, CampaignStatus::Running);
        Store &store = core.store();
        DialRepository::Limits limits;
        limits.maxActive = 5;
        const QList<DialRepository::Claim> claims =
            DialRepository(store).claim(id, u"switchboard-gone"_s, Timestamps::nowMs(), limits,
                                        [](const Recipient &) { return DialRepository::Timing{}; });
        QCOMPARE(claims.size(), 2);
        for (const DialRepository::Claim &claim : claims) {
            CallRecord call;
            call.id = claim.attempt.callId;
            call.campaignId = id;
            call.agentId = agentId;
            call.phoneNumber = claim.recipient.phoneNumber;
            call.fromNumber = QString::fromLatin1(FakeTwilio::FromNumber);
            call.createdAt = call.updatedAt = Timestamps::nowMs();
            CallRepository(store).insert(call);
        }
        m_twilio->addCallPlacedElsewhere(placed, QString::fromLatin1(FakeTwilio::FromNumber),
                                         Timestamps::nowMs());

        core.dispatcher().start(); // as after a restart
        QVERIFY(waitUntil([&] { return campaign(id).value(u"status"_s) == u"completed"_s; }));
        QCOMPARE(m_twilio->dialedNumbers(), QStringList{placed}); // only the one placed before
        QCOMPARE(count(id, u"completed"_s), 1);
        QCOMPARE(count(id, u"unknown"_s), 1);
        const QJsonObject unknown = recipients(id, u"?state=unknown"_s).at(0).toObject();
        QCOMPARE(unknown.value(u"phone_number"_s).toString(), neverSeen);
        const QJsonObject found = recipients(id, u"?state=completed"_s).at(0).toObject();
        QCOMPARE(found.value(u"attempts"_s).toArray().at(0).toObject().value(u"call_sid"_s),
                 m_twilio->callSids().first());
        const QList<RecordedRequest> lookups = m_twilio->requests();
        QVERIFY(std::any_of(lookups.cbegin(), lookups.cend(), [](const RecordedRequest &request) {
            return request.method == "GET" && request.path.endsWith(u"/Calls.json"_s) &&
                   request.query.hasQueryItem(u"To"_s);
        }));

        // The operator's word: dial the unknown one again.
        const HttpResult again = action(id, u"retry-unknown"_s);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.object().value(u"recipients"_s).toInt(), 1);
        QCOMPARE(action(id, u"resume"_s).status, 200);
        QVERIFY(finished(id));
        QCOMPARE(m_twilio->dialedNumbers(), (QStringList{placed, neverSeen}));
    }

    void agentThatCannotCallPausesTheCampaign()
    {
        const QString agentId = createAgent();
        const QString id = createCampaign(agentId, {});
        addCsv(id, csvOf(numbers(2)));
        QCOMPARE(m_server->del(u"/api/v1/agents/"_s + agentId).status, 204);
        action(id, u"start"_s);
        QVERIFY(waitUntil([&] { return campaign(id).value(u"status"_s) == u"paused"_s; }));
        QVERIFY(!campaign(id).value(u"status_reason"_s).toString().isEmpty());
        QCOMPARE(count(id, u"pending"_s), 2); // nobody was called, no attempt counted
        QCOMPARE(recipients(id).at(0).toObject().value(u"attempt_count"_s).toInt(), 0);
        QVERIFY(m_twilio->dialedNumbers().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCampaigns)
#include "tst_campaigns.moc"
