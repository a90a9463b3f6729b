// SPDX-License-Identifier: GPL-3.0-or-later
// The window on a shared PostgreSQL database (started by the test): the banner that asks for the
// team key, setting it up from the dialog, a colleague's change arriving in the agents table,
// choosing the server in the settings, and the banner that says the database is gone and goes
// when it is back.
#include "AgentTableModel.h"
#include "AgentsPane.h"
#include "AppOptions.h"
#include "AppSettings.h"
#include "CoreBridge.h"
#include "DatabaseSettings.h"
#include "GuiApp.h"
#include "GuiHarness.h"
#include "KeychainSecretStore.h"
#include "KeyringSession.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "Store.h"
#include "StoreLocation.h"
#include "TeamKeyDialog.h"
#include "TempPostgres.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
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

    static QAction *settingsAction(MainWindow &window)
    {
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_Comma))
                return action;
        }
        return nullptr;
    }

    // Picks the server in the open settings dialog: first the checks of empty fields and of a
    // wrong password, then the right one, a working test and OK. Empty when all went as expected.
    static QString chooseServer(SettingsDialog &dialog, const StoreLocation &server)
    {
        auto *box = dialog.findChild<DatabaseSettings *>();
        const QList<QRadioButton *> choices = box->findChildren<QRadioButton *>();
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        if (choices.size() != 2 || !ok->isEnabled())
            return u"expected two engine choices and OK on at first"_s;
        choices.at(1)->click();
        const auto *hostMessage = box->findChild<QLineEdit *>(u"databaseHost"_s);
        if (ok->isEnabled() || !box->problem().contains(u"server's name"_s) || !hostMessage)
            return u"empty server fields must turn OK off and name the host: "_s + box->problem();
        box->findChild<QLineEdit *>(u"databaseHost"_s)->setText(server.host);
        box->findChild<QSpinBox *>()->setValue(server.port);
        box->findChild<QLineEdit *>(u"databaseName"_s)->setText(server.database);
        box->findChild<QLineEdit *>(u"databaseUser"_s)->setText(server.user);
        auto *password = box->findChild<QLineEdit *>(u"databasePassword"_s);
        if (!ok->isEnabled())
            return u"OK stays off with every field filled: "_s + box->problem();
        auto *test = box->findChild<QPushButton *>();
        auto *result = box->findChild<QLabel *>(u"databaseTestResult"_s);
        const auto testSays = [&](const QString &expected) {
            test->click();
            return QTest::qWaitFor([&] { return result->text().contains(expected); }, 10000);
        };
        password->setText(u"not-the-password"_s);
        if (!testSays(u"Cannot connect"_s))
            return u"a wrong password must fail the test: "_s + result->text();
        password->setText(server.password);
        if (!testSays(u"no Switchboard data yet"_s))
            return u"the test must connect and find an empty database: "_s + result->text();
        ok->click();
        return {};
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

    void theDatabaseIsChosenInTheSettingsAndKeptForTheNextStart()
    {
        QString error;
        QVERIFY2(m_postgres.createDatabase(u"chosen"_s, &error), qPrintable(error));
        StoreLocation server;
        QVERIFY(StoreLocation::parse(m_postgres.url(u"chosen"_s), &server, &error));
        QTemporaryDir dir;
        const AppOptions options = sandboxAppOptions();
        KeychainSecretStore secrets(u"switchboard-gui-team-settings"_s, 2000);
        {
            GuiApp app(options, dir.path(), secrets);
            QVERIFY(app.start());
            QVERIFY(app.bridge() && !app.bridge()->store().isPostgres());

            // Settings > General, driven as an operator would, inside the dialog's own loop.
            QString failure = u"the settings dialog did not open"_s;
            QTimer::singleShot(0, qApp, [&] {
                auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
                if (!dialog)
                    return;
                failure = chooseServer(*dialog, server);
                if (!failure.isEmpty())
                    dialog->reject();
            });
            settingsAction(*app.window())->trigger();
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
            // The services restart on the server; the window stays.
            QTRY_VERIFY_WITH_TIMEOUT(app.bridge() && app.bridge()->store().isPostgres(), 15000);
            QTRY_VERIFY(banner(*app.window())); // a new team database: no team key yet
        }
        QFile ini(QDir(dir.path()).filePath(u"settings.ini"_s));
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray saved = ini.readAll();
        QVERIFY2(saved.contains("127.0.0.1"), saved.constData());
        QVERIFY2(!saved.contains(TempPostgres::Password), "the password belongs in the keychain");

        // The next start goes to the server at once, with the password from the keychain.
        KeychainSecretStore keychain(u"switchboard-gui-team-settings"_s, 2000);
        QVERIFY(keychain.isPersistent());
        GuiApp again(options, dir.path(), keychain);
        QVERIFY(again.start());
        QVERIFY(again.bridge() && again.bridge()->store().isPostgres());

        // --database wins over the setting, and the dialog says so instead of offering a choice.
        AppSettings settings(dir.path());
        SettingsDialog locked(settings, keychain, again.bridge(), {}, dir.path(),
                              m_postgres.url(u"team"_s));
        auto *box = locked.findChild<DatabaseSettings *>();
        QVERIFY(box);
        for (const QRadioButton *choice : box->findChildren<QRadioButton *>())
            QVERIFY(!choice->isEnabled());
        QString note;
        for (const QLabel *label : box->findChildren<QLabel *>()) {
            if (label->text().contains(u"--database"_s))
                note = label->text();
        }
        QVERIFY2(note.contains(u"/team"_s), qPrintable(note));
        QVERIFY(!note.contains(QLatin1String(TempPostgres::Password)));
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
        QTRY_VERIFY(!unreachable());
        QVERIFY(m_postgres.stop(true));
        QTRY_VERIFY_WITH_TIMEOUT(unreachable(), 10000);
        QVERIFY(m_postgres.start(&error));
        QTRY_VERIFY_WITH_TIMEOUT(!unreachable(), 20000);
    }

private:
    TempPostgres m_postgres;
};

SWITCHBOARD_GUI_TEST_MAIN_WITH_KEYRING(TestGuiTeam)
#include "tst_gui_team.moc"
