// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox's memory of calls is bounded: a sandbox server left running keeps the latest calls,
// not every call it ever placed.
#include "RecentHash.h"
#include "SandboxLedger.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theOldestKeyIsForgottenPastTheCapacity()
    {
        RecentHash<QString, int> recent(3);
        recent.insert(u"a"_s, 1);
        recent.insert(u"b"_s, 2);
        recent.insert(u"c"_s, 3);
        recent.insert(u"a"_s, 10); // a new value, not a newer key
        QCOMPARE(recent.value(u"a"_s), 10);
        recent.insert(u"d"_s, 4);
        QCOMPARE(recent.size(), 3);
        QVERIFY(!recent.contains(u"a"_s));
        QVERIFY(recent.contains(u"b"_s));
        QVERIFY(recent.contains(u"d"_s));
        recent.insert(u"e"_s, 5);
        recent.insert(u"f"_s, 6);
        QCOMPARE(recent.size(), 3);
        QVERIFY(!recent.contains(u"b"_s));
        QCOMPARE(recent.value(u"f"_s), 6);
        QVERIFY(recent.find(u"e"_s) && *recent.find(u"e"_s) == 5);
        QVERIFY(!recent.find(u"b"_s));
    }

    void theLedgerKeepsTheLatestCallsOnly()
    {
        SandboxLedger ledger;
        const qsizetype placed = Sandbox::RememberedCalls + 5;
        for (qsizetype i = 0; i < placed; ++i)
            ledger.placed(u"call-%1"_s.arg(i), {Sandbox::Scenario::Completes, i, 0, false});
        QVERIFY(!ledger.find(u"call-0"_s));
        QVERIFY(!ledger.find(u"call-4"_s));
        QVERIFY(ledger.find(u"call-5"_s));
        const QString last = u"call-%1"_s.arg(placed - 1);
        ledger.hungUp(last, 1234);
        QCOMPARE(ledger.find(last)->hungUpAtMs, 1234);
        QCOMPARE(ledger.find(last)->placedAtMs, placed - 1);
    }
};

QTEST_GUILESS_MAIN(TestSandboxMemory)
#include "tst_sandbox_memory.moc"
