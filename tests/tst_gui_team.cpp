// SPDX-License-Identifier: GPL-3.0-or-later
// The window on a shared PostgreSQL database (started by the test): the banner that asks for the
// team key, setting it up from the dialog, a colleague's change arriving in the agents table,
// and the banner that says the database is gone and goes when it is back.
#include "AgentTableModel.h"
#include "AgentsPane.h"
#include "GuiHarness.h"
#include "MainWindow.h"
#include "TeamKeyDialog.h"
#include "TempPostgres.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>

using namespace Qt::StringLiterals;

class TestGuiTeam : public QObject
{
    Q_OBJECT

    QLabel *banner(MainWindow &window)
    {
        QWidget *frame = window.findChild<QWidget *>(u"teamBanner"_s);
        return frame && frame->isVisible() ? frame->findChild<QLabel *>() : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_postgres.start(&error), qPrintable(error));
        QVERIFY2(m_postgres.createDatabase(u"team"_s, &error), qPrintable(error));
    }

    void theTeamKeyIsSetUpFromTheWindowAndColleaguesChangesArrive()
    {
        GuiHarnessOptions options;
        options.databaseUrl = m_postgres.url(u"team"_s);
        options.keychainService = u"switchboard-gui-team-a"_s;
        GuiHarness first(options);
        QString error;
        QVERIFY2(first.start(&error), qPrintable(error));
        first.window().show();
        QTRY_VERIFY(banner(first.window()));
        QVERIFY2(banner(first.window())->text().contains(u"no team key"_s),
                 qPrintable(banner(first.window())->text()));

        // The dialog the banner's button opens, driven as an operator would.
        TeamKeyDialog dialog(first.bridge(), TeamKeyService::State::NeedsSetup, &first.window());
        dialog.show();
        QPushButton *setUp = nullptr;
        for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
            if (button->text().contains(u"Set up"_s))
                setUp = button;
        }
        QVERIFY(setUp);
        setUp->click();
        QTRY_VERIFY(dialog.shownPhrase().size() > 40);
        const QString phrase = dialog.shownPhrase();
        dialog.close();
        first.window().findChild<QWidget *>(u"teamBanner"_s); // refreshed through teamStatusChanged
        QTRY_VERIFY(!banner(first.window()));

        // A colleague on the same database, with an empty keychain of their own.
        options.keychainService = u"switchboard-gui-team-b"_s;
        GuiHarness second(options);
        QVERIFY2(second.start(&error), qPrintable(error));
        second.window().show();
        QTRY_VERIFY(banner(second.window()));
        QVERIFY(banner(second.window())->text().contains(u"recovery phrase"_s));
        TeamKeyDialog entry(second.bridge(), TeamKeyService::State::NeedsKey, &second.window());
        entry.show();
        entry.phraseField()->setText(u"AAAAA-BBBBB"_s);
        QTest::keyClick(entry.phraseField(), Qt::Key_Return);
        QTRY_VERIFY(entry.isVisible()); // refused, with the reason under the field
        entry.phraseField()->setText(phrase);
        QTest::keyClick(entry.phraseField(), Qt::Key_Return);
        QTRY_VERIFY(!entry.isVisible());
        QTRY_VERIFY(!banner(second.window()));

        // What one window makes, the other shows, without reloading.
        const HttpResult created = first.api(
            "POST", u"/api/v1/agents"_s,
            QJsonDocument(QJsonObject{{u"name"_s, u"Shared Agent"_s}, {u"prompt"_s, u"Hello."_s}})
                .toJson());
        QCOMPARE(created.status, 201);
        const QString id = created.object().value(u"id"_s).toString();
        QTRY_VERIFY_WITH_TIMEOUT(second.window().agentsPane()->model()->rowOf(id) >= 0, 2000);
    }

    void anUnreachableDatabaseIsSaidAndRecovered()
    {
        GuiHarnessOptions options;
        options.databaseUrl = m_postgres.url(u"team"_s);
        options.keychainService = u"switchboard-gui-team-a"_s;
        GuiHarness gui(options);
        QString error;
        QVERIFY2(gui.start(&error), qPrintable(error));
        gui.window().show();
        const auto unreachable = [&] {
            return banner(gui.window()) &&
                   banner(gui.window())->text().contains(u"cannot be reached"_s);
        };
        QTRY_VERIFY(!unreachable()); // (it may ask for the team key: this keychain lives in memory)
        QVERIFY(m_postgres.stop(true));
        QTRY_VERIFY_WITH_TIMEOUT(unreachable(), 10000);
        QVERIFY(m_postgres.start(&error));
        QTRY_VERIFY_WITH_TIMEOUT(!unreachable(), 20000);
    }

private:
    TempPostgres m_postgres;
};

QTEST_MAIN(TestGuiTeam)
#include "tst_gui_team.moc"
