// SPDX-License-Identifier: GPL-3.0-or-later
// The direct JSON writer against QJsonDocument: the same bytes for awkward strings (quotes,
// backslashes, control characters, non-ASCII, surrogate pairs), for times across the calendar,
// and for whole agents with and without their optional fields.
#include "Agent.h"
#include "JsonWriter.h"
#include "Timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
QByteArray viaQt(const QJsonValue &value)
{
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

QString randomText(QRandomGenerator &random)
{
    static const QList<char32_t> pool{U'a',  U'Z',  U'0',  U' ',  U'"',   U'\\',   U'/',
                                      U'\n', U'\t', U'\r', U'\b', U'\f',  0x01,    0x1f,
                                      0x7f,  U'é',  U'ß',  U'€',  0x2028, 0x1F642, U'中'};
    QString text;
    const int length = int(random.bounded(12));
    for (int i = 0; i < length; ++i) {
        const char32_t c = pool.at(random.bounded(int(pool.size())));
        text += QString::fromUcs4(&c, 1);
    }
    return text;
}
} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringsMatchQJsonDocument()
    {
        QRandomGenerator random(20261121);
        for (int round = 0; round < 2000; ++round) {
            const QString text = randomText(random);
            QByteArray mine;
            JsonWriter::appendString(mine, text);
            QCOMPARE(mine, viaQt(text));
        }
    }

    void timesMatchTimestampsIso_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::newRow("epoch") << qint64(0);
        QTest::newRow("before the epoch") << qint64(-1);
        QTest::newRow("1969-12-31 23:59:59") << qint64(-1000);
        QTest::newRow("leap day 2024") << Timestamps::parseIso(u"2024-02-29T23:59:59Z"_s);
        QTest::newRow("2000-03-01") << Timestamps::parseIso(u"2000-03-01T00:00:00Z"_s);
        QTest::newRow("2100-02-28") << Timestamps::parseIso(u"2100-02-28T12:34:56Z"_s);
        QTest::newRow("with milliseconds") << qint64(1700000000999);
        QTest::newRow("9999") << Timestamps::parseIso(u"9999-12-31T23:59:59Z"_s);
    }
    void timesMatchTimestampsIso()
    {
        QFETCH(qint64, ms);
        QByteArray mine;
        JsonWriter::appendTime(mine, ms);
        QCOMPARE(mine, viaQt(Timestamps::iso(ms)));
    }

    void randomTimesMatch()
    {
        QRandomGenerator random(7);
        for (int round = 0; round < 5000; ++round) {
            const qint64 ms = qint64(random.bounded(4102444800.0)) * 1000 + random.bounded(1000);
            QByteArray mine;
            JsonWriter::appendTime(mine, ms);
            QCOMPARE(mine, viaQt(Timestamps::iso(ms)));
        }
    }

    void agentsMatch()
    {
        QRandomGenerator random(42);
        for (int round = 0; round < 300; ++round) {
            Agent agent;
            agent.id = u"agent_"_s + QString::number(round);
            agent.config.name = randomText(random);
            agent.config.prompt = randomText(random) + u" {{customer_name}}"_s;
            agent.config.voice = round % 3 ? u"default"_s : randomText(random);
            agent.config.language = u"en-US"_s;
            for (int i = 0; i < round % 5; ++i)
                agent.config.templateVariables.append(
                    {u"k%1_%2"_s.arg(4 - i).arg(round), randomText(random)});
            agent.status = AgentStatus(round % 4);
            agent.statusReason = round % 2 ? randomText(random) : QString();
            agent.remoteId = round % 3 ? u"5c3d0e8e-1b7a-4a9d-9a11-0d7e2f1b6c3a"_s : QString();
            agent.createdAt = 1700000000000 + round;
            agent.updatedAt = 1700000100000 + round * 1000;
            agent.version = round + 1;
            agent.revision = round % 7;
            // The call template, off its defaults in a different way each round.
            CallSettings &call = agent.config.call;
            call.firstSpeaker = round % 2 ? FirstSpeaker::Agent : FirstSpeaker::Callee;
            call.greetingText = round % 3 == 1 ? randomText(random) : QString();
            call.greetingPrompt = round % 3 == 2 ? randomText(random) : QString();
            call.greetingDelayMs = round * 7;
            call.greetingInterruptible = round % 4 != 0;
            call.model = round % 5 ? QString() : u"ultravox-v0.7"_s;
            call.temperature = (round % 11) / 10.0 + (round % 3) * 0.001;
            call.maxDurationSeconds = 10 + round;
            call.timeExceededMessage = round % 2 ? randomText(random) : QString();
            for (int i = 0; i < round % 4; ++i)
                call.inactivityMessages.append(
                    {i + 1, randomText(random), InactivityEnd((round + i) % 3)});
            call.recordingEnabled = round % 2 == 0;
            call.vadTurnEndDelayMs = round;
            call.tools.hangUp = round & 1;
            call.tools.hangUpStrict = round & 16;
            call.tools.leaveVoicemail = round & 2;
            call.tools.voicemailMessage = round & 2 ? randomText(random) : QString();
            call.tools.coldTransfer = round & 4;
            call.tools.transferTarget = round & 4 ? u"+14155550123"_s : QString();
            call.tools.playDtmfSounds = round & 8;
            QCOMPARE(agent.toJsonBytes(),
                     QJsonDocument(agent.toJson()).toJson(QJsonDocument::Compact));
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_json_writer.moc"
