// SPDX-License-Identifier: GPL-3.0-or-later
// The window's forms as a new operator meets them, under the offscreen platform with the real
// services behind it: the company form's messages (only for touched fields, as sentences), its
// Test connection buttons, Ctrl+S and Save, phone numbers read like the dial dialog reads them,
// forms that do not jump, the window's title, colours that read in light and dark, the way back
// to the welcome page and the empty lists that say what to do.
#include "AgentEditor.h"
#include "AgentsPane.h"
#include "AppSettings.h"
#include "CampaignForm.h"
#include "CampaignsPane.h"
#include "CompaniesPane.h"
#include "CompanyEditor.h"
#include "CompanyListModel.h"
#include "EmptyState.h"
#include "FieldMessage.h"
#include "GuiHarness.h"
#include "MainWindow.h"
#include "MetricsPane.h"
#include "ModelRoles.h"
#include "PhoneNumbers.h"
#include "SettingsDialog.h"
#include "Theme.h"

#include <QAbstractAxis>
#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
// What the window system shows: Qt adds the application's display name unless the title ends
// with it (QPlatformWindow::formatWindowTitle).
QString shownTitle(const QWidget *window)
{
    const QString name = QGuiApplication::applicationDisplayName();
    const QString title = window->windowTitle();
    if (title.endsWith(name))
        return title;
    return title.isEmpty() ? name : title + u" — "_s + name;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject companyBody(const QString &name)
{
    return {{u"name"_s, name},
            {u"twilio"_s, QJsonObject{{u"account_sid"_s, u"AC0123456789abcdef0123456789abcdef"_s},
                                      {u"auth_token"_s, u"token-0123456789"_s},
                                      {u"phone_number"_s, u"+14155550100"_s}}},
            {u"ultravox"_s, QJsonObject{{u"api_key"_s, u"uv-key-0123456789"_s},
                                        {u"system_prompt"_s, u"You answer for Acme."_s}}}};
}
} // namespace

class TestGuiForms : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> m_gui;

    CompaniesPane *companies() { return m_gui->window().companiesPane(); }
    CompanyEditor *company() { return companies()->editor(); }
    QLineEdit *edit(const QString &name) { return company()->findChild<QLineEdit *>(name); }
    QLineEdit *nameEdit() { return edit(u"companyName"_s); }
    QLineEdit *sidEdit() { return edit(u"companyAccountSid"_s); }
    QLineEdit *tokenEdit() { return edit(u"companyAuthToken"_s); }
    QLineEdit *phoneEdit() { return edit(u"companyPhoneNumber"_s); }
    QLineEdit *keyEdit() { return edit(u"companyApiKey"_s); }
    QPlainTextEdit *promptEdit() { return company()->findChild<QPlainTextEdit *>(); }
    QStringList shownMessages(QWidget *form)
    {
        QStringList shown;
        for (const FieldMessage *line : form->findChildren<FieldMessage *>()) {
            if (line->hasProblem())
                shown << line->text();
        }
        return shown;
    }
    void fillValidCompany(const QString &name, const QString &phone)
    {
        QTest::keyClicks(nameEdit(), name);
        QTest::keyClicks(sidEdit(), u"AC0123456789abcdef0123456789abcdef"_s);
        QTest::keyClicks(tokenEdit(), u"token-0123456789"_s);
        QTest::keyClicks(phoneEdit(), phone);
        QTest::keyClicks(keyEdit(), u"uv-key-0123456789"_s);
        QTest::keyClicks(promptEdit(), u"You answer for Acme."_s);
    }

private Q_SLOTS:
    // As main() names the application.
    void initTestCase() { QGuiApplication::setApplicationDisplayName(u"Switchboard"_s); }

    void init()
    {
        m_gui = std::make_unique<GuiHarness>();
        QString error;
        QVERIFY2(m_gui->start(&error), qPrintable(error));
        m_gui->window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui->window()));
    }
    void cleanup()
    {
        m_gui.reset();
        Theme::apply(Theme::Mode::System);
    }

    // 3: no scolding before anything is typed; a touched field speaks in a sentence; a save
    // attempt shows every problem and saves nothing.
    void aNewCompanyFormOpensQuietAndSpeaksInSentences()
    {
        m_gui->window().showPane(MainWindow::Companies);
        companies()->newCompany();
        QCOMPARE(shownMessages(company()), QStringList());
        QTest::keyClicks(sidEdit(), u"AC12"_s);
        QCOMPARE(company()->shownProblem(u"twilio.account_sid"_s),
                 u"The account SID must be 'AC' followed by 32 hexadecimal characters"_s);
        QVERIFY(company()->shownProblem(u"name"_s).isEmpty());
        QVERIFY(company()->shownProblem(u"ultravox.api_key"_s).isEmpty());
        QVERIFY(company()->saveButton()->isEnabled()); // something changed: Save may be tried
        QTest::mouseClick(company()->saveButton(), Qt::LeftButton);
        QCOMPARE(company()->shownProblem(u"name"_s),
                 u"The name must not be empty or only whitespace"_s);
        QCOMPARE(company()->shownProblem(u"ultravox.api_key"_s), u"The API key is required"_s);
        QVERIFY(!company()->companyId());
        QCOMPARE(companies()->model()->rowCount(), 0);
    }

    // 3: after a restart the pane shows the saved company, not a blank form.
    void thePaneOpensOnTheSavedCompany()
    {
        QCOMPARE(m_gui->api("POST", u"/api/v1/companies"_s, json(companyBody(u"Acme"_s))).status,
                 201);
        companies()->reload();
        QTRY_VERIFY(company()->companyId().has_value());
        QCOMPARE(nameEdit()->text(), u"Acme"_s);
        QCOMPARE(companies()->list()->currentIndex().row(), 0);
        QVERIFY(!company()->saveButton()->isEnabled()); // nothing changed yet
    }

    // The agent and the company an operator last looked at are the ones shown after a restart,
    // not the first of each list; one deleted meanwhile falls back to the first.
    void thePanesReopenOnWhatWasShownLast()
    {
        QTemporaryDir dataDir;
        const auto restart = [&] {
            m_gui.reset();
            GuiHarnessOptions options;
            options.dataDir = dataDir.path();
            m_gui = std::make_unique<GuiHarness>(options);
            QString error;
            QVERIFY2(m_gui->start(&error), qPrintable(error));
            m_gui->window().show();
            QVERIFY(QTest::qWaitForWindowExposed(&m_gui->window()));
        };
        restart();
        const QString first =
            m_gui->createActiveAgent({{u"name"_s, u"Alpha desk"_s}, {u"prompt"_s, u"Hello."_s}});
        const QString second =
            m_gui->createActiveAgent({{u"name"_s, u"Beta desk"_s}, {u"prompt"_s, u"Hello."_s}});
        QCOMPARE(m_gui->api("POST", u"/api/v1/companies"_s, json(companyBody(u"Acme"_s))).status,
                 201);
        QCOMPARE(m_gui->api("POST", u"/api/v1/companies"_s, json(companyBody(u"Zenith"_s))).status,
                 201);
        companies()->reload();

        // Click the agent that is not first, and the company that is not first.
        m_gui->window().showPane(MainWindow::Agents);
        QTableView *agents = m_gui->window().agentsPane()->table();
        QTRY_COMPARE(agents->model()->rowCount(), 2);
        const auto rowOfAgent = [&](const QString &id) {
            for (int row = 0; row < agents->model()->rowCount(); ++row) {
                if (agents->model()->index(row, 0).data(ModelRoles::IdRole).toString() == id)
                    return row;
            }
            return -1;
        };
        const QString notFirst =
            agents->model()->index(0, 0).data(ModelRoles::IdRole).toString() == first ? second
                                                                                      : first;
        QTest::mouseClick(
            agents->viewport(), Qt::LeftButton, {},
            agents->visualRect(agents->model()->index(rowOfAgent(notFirst), 0)).center());
        QTRY_COMPARE(m_gui->window().agentsPane()->editor()->agentId(), notFirst);
        m_gui->window().showPane(MainWindow::Companies);
        QListView *list = companies()->list();
        QCOMPARE(list->model()->rowCount(), 2);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualRect(list->model()->index(1, 0)).center());
        const QString secondCompany = list->model()->index(1, 0).data().toString();
        QTRY_COMPARE(nameEdit()->text(), secondCompany);

        restart();
        QTRY_COMPARE(m_gui->window().agentsPane()->editor()->agentId(), notFirst);
        QCOMPARE(m_gui->window()
                     .agentsPane()
                     ->table()
                     ->currentIndex()
                     .data(ModelRoles::IdRole)
                     .toString(),
                 notFirst);
        QCOMPARE(nameEdit()->text(), secondCompany);
        QCOMPARE(companies()->list()->currentIndex().row(), 1);
        QVERIFY(!company()->saveButton()->isEnabled());

        // Gone by the next start: the first of each list, as before.
        QCOMPARE(m_gui->api("DELETE", u"/api/v1/agents/"_s + notFirst).status, 204);
        const qint64 companyId = *company()->companyId();
        QCOMPARE(m_gui->api("DELETE", u"/api/v1/companies/%1"_s.arg(companyId)).status, 204);
        restart();
        const QString remaining = notFirst == first ? second : first;
        QTRY_COMPARE(m_gui->window().agentsPane()->editor()->agentId(), remaining);
        QTRY_VERIFY(company()->companyId().has_value());
        QVERIFY(*company()->companyId() != companyId);
        m_gui.reset();
    }

    // 2: Test connection looks at the fields first, says when the sandbox answered, and an
    // edit takes the verdict away.
    void testConnectionChecksTheFieldsAndSaysWhenSimulated()
    {
        m_gui->window().showPane(MainWindow::Companies);
        companies()->newCompany();
        QTest::mouseClick(company()->ultravoxTestButton(), Qt::LeftButton);
        QVERIFY2(company()->ultravoxTestResult()->text().contains(u"Type the API key"_s),
                 qPrintable(company()->ultravoxTestResult()->text()));
        QVERIFY(!company()->ultravoxTestResult()->text().contains(u"accepted"_s));
        QTest::mouseClick(company()->twilioTestButton(), Qt::LeftButton);
        QVERIFY(company()->twilioTestResult()->text().contains(u"Type the account SID"_s));

        QTest::keyClicks(keyEdit(), u"uv-key-0123456789"_s);
        QVERIFY(company()->ultravoxTestResult()->text().isEmpty()); // the edit cleared it
        QTest::mouseClick(company()->ultravoxTestButton(), Qt::LeftButton);
        QTRY_VERIFY(company()->ultravoxTestResult()->text().contains(u"accepted"_s));
        QVERIFY(company()->ultravoxTestResult()->text().contains(
            u"Sandbox: simulated, no request was sent."_s));
        QTest::keyClick(keyEdit(), Qt::Key_Backspace);
        QVERIFY(company()->ultravoxTestResult()->text().isEmpty());

        QTest::keyClicks(sidEdit(), u"AC0123456789abcdef0123456789abcdef"_s);
        QTest::mouseClick(company()->twilioTestButton(), Qt::LeftButton);
        QVERIFY(company()->twilioTestResult()->text().contains(u"auth token"_s));
        QTest::keyClicks(tokenEdit(), u"token-0123456789"_s);
        QTest::mouseClick(company()->twilioTestButton(), Qt::LeftButton);
        QTRY_VERIFY(company()->twilioTestResult()->text().contains(u"accepted"_s));
        QVERIFY(company()->twilioTestResult()->text().contains(u"Sandbox: simulated"_s));
    }

    // 5 and 4: Ctrl+S saves a company typed with a local number, which is kept in E.164;
    // Save is off once saved.
    void ctrlSSavesACompanyAndReadsLocalNumbers()
    {
        m_gui->window().showPane(MainWindow::Companies);
        companies()->newCompany();
        QVERIFY(!company()->saveButton()->isEnabled()); // a blank form: nothing to save
        fillValidCompany(u"Acme"_s, u"(415) 555-0100"_s);
        QVERIFY2(company()->shownProblem(u"twilio.phone_number"_s).isEmpty(),
                 qPrintable(company()->shownProblem(u"twilio.phone_number"_s)));
        QVERIFY(company()->isValid());
        m_gui->window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&m_gui->window()));
        QTest::keySequence(&m_gui->window(), QKeySequence::Save);
        QTRY_VERIFY(company()->companyId().has_value());
        QVERIFY(!company()->saveButton()->isEnabled());
        const QJsonArray listed = m_gui->api("GET", u"/api/v1/companies"_s).array();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0)[u"twilio"_s][u"phone_number"_s].toString(), u"+14155550100"_s);

        // A number the parser cannot read gets the dial dialog's own words.
        phoneEdit()->clear();
        QTest::keyClicks(phoneEdit(), u"555-01"_s);
        const QString expected = PhoneNumbers::normalize(u"555-01"_s, u"US"_s).problem;
        QVERIFY(!expected.isEmpty());
        QCOMPARE(company()->shownProblem(u"twilio.phone_number"_s), expected);
    }

    // 5: Ctrl+S in the agents pane and the campaign form; Save off while the form is clean.
    void ctrlSSavesInEveryFormAndSaveWaitsForAChange()
    {
        m_gui->window().showPane(MainWindow::Agents);
        AgentEditor *agent = m_gui->window().agentsPane()->editor();
        m_gui->window().agentsPane()->newAgent();
        QTest::keyClicks(agent->findChild<QLineEdit *>(u"agentName"_s), u"Shortcut"_s);
        QTest::keyClicks(agent->findChild<QPlainTextEdit *>(u"agentPrompt"_s), u"Hello."_s);
        m_gui->window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&m_gui->window()));
        QTest::keySequence(&m_gui->window(), QKeySequence::Save);
        QTRY_VERIFY(!agent->agentId().isEmpty());
        QTRY_VERIFY(!agent->saveButton()->isEnabled());

        CampaignForm *form = m_gui->window().campaignsPane()->newCampaign();
        QVERIFY(QTest::qWaitForWindowExposed(form));
        QVERIFY(!form->saveButton()->isEnabled());
        QTest::keyClicks(form->nameEdit(), u"March"_s);
        QVERIFY(form->saveButton()->isEnabled());
        form->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(form));
        QTest::keySequence(form, QKeySequence::Save);
        // No agent chosen: the attempt shows what is missing, in a sentence.
        QTRY_VERIFY(form->shownProblem(u"agent_id"_s).startsWith(u"Agent "_s));
        form->close();
    }

    // 16: a message coming does not move the field under it; editing the name of a new agent
    // says nothing under the untouched prompt.
    void messagesDoNotMoveTheFields()
    {
        m_gui->window().showPane(MainWindow::Companies);
        companies()->newCompany();
        QApplication::processEvents();
        const QPoint before = tokenEdit()->mapTo(company(), QPoint(0, 0));
        QTest::keyClicks(sidEdit(), u"AC12"_s);
        QVERIFY(!company()->shownProblem(u"twilio.account_sid"_s).isEmpty());
        QApplication::processEvents();
        QCOMPARE(tokenEdit()->mapTo(company(), QPoint(0, 0)), before);

        m_gui->window().showPane(MainWindow::Agents);
        AgentEditor *agent = m_gui->window().agentsPane()->editor();
        m_gui->window().agentsPane()->newAgent();
        QApplication::processEvents();
        auto *prompt = agent->findChild<QPlainTextEdit *>(u"agentPrompt"_s);
        const QPoint promptBefore = prompt->mapTo(agent, QPoint(0, 0));
        QTest::keyClicks(agent->findChild<QLineEdit *>(u"agentName"_s), u"Bad@Name"_s);
        QVERIFY(!agent->problemOf(u"name"_s).isEmpty());
        QVERIFY2(agent->problemOf(u"prompt"_s).isEmpty(),
                 qPrintable(agent->problemOf(u"prompt"_s)));
        QApplication::processEvents();
        QCOMPARE(prompt->mapTo(agent, QPoint(0, 0)), promptBefore);
    }

    // 8: the application's name once in every title.
    void theTitleNamesSwitchboardOnce()
    {
        QCOMPARE(shownTitle(&m_gui->window()).count(u"Switchboard"_s), 1);
        QVERIFY(shownTitle(&m_gui->window()).contains(u"Sandbox"_s));
        CampaignForm *form = m_gui->window().campaignsPane()->newCampaign();
        QCOMPARE(shownTitle(form).count(u"Switchboard"_s), 1);
        form->close();
        const QList<QWidget *> all = QApplication::topLevelWidgets();
        for (const QWidget *widget : all) {
            if (widget->isWindow() && !widget->windowTitle().isEmpty())
                QVERIFY2(shownTitle(widget).count(u"Switchboard"_s) == 1,
                         qPrintable(shownTitle(widget)));
        }
    }

    // 13 and 14: every status colour and the helper text read at 4.5:1 on both themes'
    // backgrounds (plain, alternate rows and a status pill's tint).
    void colorsReadInLightAndDark_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("light") << int(Theme::Mode::Light);
        QTest::newRow("dark") << int(Theme::Mode::Dark);
    }
    void colorsReadInLightAndDark()
    {
        QFETCH(int, mode);
        const QPalette palette = Theme::palette(Theme::Mode(mode));
        QCOMPARE(Theme::isDark(palette), Theme::Mode(mode) == Theme::Mode::Dark);
        const QList<QColor> backgrounds{palette.color(QPalette::Window),
                                        palette.color(QPalette::Base),
                                        palette.color(QPalette::AlternateBase)};
        const auto check = [&](const QString &what, const QColor &color) {
            for (const QColor &background : backgrounds) {
                const double plain = Theme::contrastRatio(color, background);
                QVERIFY2(plain >= 4.5,
                         qPrintable(u"%1 %2 on %3: %4"_s.arg(what, color.name(), background.name())
                                        .arg(plain)));
                QColor tint = color;
                const double a = Theme::PillFillAlpha / 255.0;
                tint.setRgbF(color.redF() * a + background.redF() * (1 - a),
                             color.greenF() * a + background.greenF() * (1 - a),
                             color.blueF() * a + background.blueF() * (1 - a));
                QVERIFY2(Theme::contrastRatio(color, tint) >= 4.5,
                         qPrintable(what + u" on its pill"_s));
            }
        };
        for (const QString &status : Theme::coloredStatuses())
            check(status, Theme::statusColor(status, palette));
        for (Theme::Role role :
             {Theme::Role::Success, Theme::Role::Error, Theme::Role::Warning, Theme::Role::Info,
              Theme::Role::Active, Theme::Role::Muted, Theme::Role::Neutral, Theme::Role::Hint})
            check(u"role %1"_s.arg(int(role)), Theme::color(role, palette));
        check(u"text"_s, palette.color(QPalette::WindowText));
    }

    // 13 and 14: the settings' choice is applied at once, remembered, and the welcome page's
    // hints follow it with readable text (not a disabled label's grey).
    void theThemeIsChosenInSettingsAndHintsStayReadable()
    {
        SettingsDialog *dialog = nullptr;
        QTimer::singleShot(0, &m_gui->window(), [&dialog] {
            dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            QComboBox *box = dialog->themeBox();
            box->setCurrentIndex(box->findData(u"dark"_s));
            Q_EMIT box->activated(box->currentIndex());
            dialog->reject();
        });
        m_gui->window().openSettings(SettingsDialog::GeneralTab);
        QVERIFY(dialog);
        QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
        QVERIFY(Theme::isDark(QGuiApplication::palette()));
        QCOMPARE(m_gui->settings().theme(), u"dark"_s);

        // No text is greyed out by disabling its label (the calls and metrics panes are
        // checked with their own suites).
        MainWindow &window = m_gui->window();
        for (const QWidget *pane :
             {window.welcomePage(), static_cast<QWidget *>(window.agentsPane()),
              static_cast<QWidget *>(window.companiesPane()),
              static_cast<QWidget *>(window.campaignsPane())}) {
            for (const QLabel *label : pane->findChildren<QLabel *>()) {
                if (!label->text().isEmpty())
                    QVERIFY2(!label->testAttribute(Qt::WA_ForceDisabled),
                             qPrintable(label->text()));
            }
        }
        // Every chart of the metrics, the call outcomes' too, takes the dark look at once (they
        // stayed white on a dark window).
        const QList<QChartView *> charts = window.metricsPane()->findChildren<QChartView *>();
        QVERIFY(charts.size() >= 5);
        for (QChartView *chart : charts) {
            QCOMPARE(chart->chart()->backgroundBrush().color(),
                     QGuiApplication::palette().color(QPalette::Base));
            for (const QAbstractAxis *axis : chart->chart()->axes())
                QCOMPARE(axis->labelsColor(),
                         QGuiApplication::palette().color(QPalette::WindowText));
        }

        QWidget *welcome = m_gui->window().welcomePage();
        const QList<QLabel *> hints = welcome->findChildren<QLabel *>(u"welcomeHint"_s);
        QCOMPARE(hints.size(), 2);
        for (const QLabel *hint : hints) {
            QVERIFY(hint->isEnabled());
            const double ratio =
                Theme::contrastRatio(hint->palette().color(QPalette::WindowText),
                                     QGuiApplication::palette().color(QPalette::Window));
            QVERIFY2(ratio >= 4.5, qPrintable(QString::number(ratio)));
        }
    }

    // 15: the welcome page is reachable again; empty lists say what to do next; the accounts
    // say where the keys come from and why companies have accounts too.
    void theWayBackEmptyListsAndWhereKeysComeFrom()
    {
        auto *welcome = m_gui->window().findChild<QAction *>(u"showWelcome"_s);
        QVERIFY(welcome);
        welcome->trigger();
        QCOMPARE(m_gui->window().findChild<QStackedWidget *>()->currentWidget(),
                 m_gui->window().welcomePage());
        m_gui->window().showPane(MainWindow::Companies);
        QCOMPARE(companies()->isVisible(), true);

        EmptyState *empty = companies()->emptyState();
        QVERIFY(empty->isShowingEmpty());
        QVERIFY(empty->textLabel()->text().contains(u"No company yet"_s));
        QTest::mouseClick(empty->actionButton(), Qt::LeftButton);
        QCOMPARE(nameEdit()->hasFocus() || !company()->companyId(), true);
        QCOMPARE(m_gui->api("POST", u"/api/v1/companies"_s, json(companyBody(u"Acme"_s))).status,
                 201);
        QTRY_VERIFY(!empty->isShowingEmpty());
        QVERIFY(
            companies()->findChild<QLabel *>(u"companiesAbout"_s)->text().contains(u"Settings"_s));

        // The agents and campaigns lists too, each with its next step.
        auto *agentsEmpty = m_gui->window().agentsPane()->findChild<EmptyState *>();
        QVERIFY(agentsEmpty->isShowingEmpty());
        QVERIFY(agentsEmpty->textLabel()->text().startsWith(u"No agents yet"_s));
        QCOMPARE(agentsEmpty->actionButton()->text(), u"New agent"_s);
        auto *campaignsEmpty = m_gui->window().campaignsPane()->findChild<EmptyState *>();
        QVERIFY(campaignsEmpty->isShowingEmpty());
        QVERIFY(campaignsEmpty->textLabel()->text().startsWith(u"No campaigns yet"_s));
        QTest::mouseClick(campaignsEmpty->actionButton(), Qt::LeftButton);
        auto *form = m_gui->window().findChild<CampaignForm *>();
        QVERIFY(form);
        form->close();
        QCOMPARE(m_gui
                     ->api("POST", u"/api/v1/agents"_s,
                           json({{u"name"_s, u"Desk"_s}, {u"prompt"_s, u"Hello."_s}}))
                     .status,
                 201);
        QTRY_VERIFY(!agentsEmpty->isShowingEmpty());

        QLabel *about = nullptr;
        QTimer::singleShot(0, &m_gui->window(), [&about] {
            auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            about = dialog->findChild<QLabel *>(u"accountsAbout"_s);
            if (about)
                about = new QLabel(about->text()); // kept past the dialog's end
            dialog->reject();
        });
        m_gui->window().openSettings(SettingsDialog::AccountsTab);
        QVERIFY(about);
        QVERIFY(about->text().contains(u"https://app.ultravox.ai/"_s));
        QVERIFY(about->text().contains(u"https://console.twilio.com/"_s));
        QVERIFY(about->text().contains(u"Companies"_s));
        delete about;
    }
};

QTEST_MAIN(TestGuiForms)
#include "tst_gui_forms.moc"
