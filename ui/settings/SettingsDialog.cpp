// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsDialog.h"

#include "AppSettings.h"
#include "CoreBridge.h"
#include "Credentials.h"
#include "DatabaseSettings.h"
#include "Icons.h"
#include "PhoneNumbers.h"
#include "SecretStore.h"
#include "Theme.h"
#include "Validation.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QSpinBox *countBox(QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(1, 100000000);
    box->setGroupSeparatorShown(true);
    return box;
}

// A field whose credential the command line or the environment sets: that value is the one in
// use, so the field says so, names the variable, and cannot be edited (saving it would change
// nothing until the variable goes away).
void showOverridden(QLineEdit *field, const QString &variable, Credentials::Source source)
{
    const QString note = source == Credentials::Source::CommandLine
                             ? QObject::tr("Set by %1 in the --credentials file").arg(variable)
                             : QObject::tr("Set by the environment variable %1").arg(variable);
    field->clear();
    field->setReadOnly(true);
    field->setEnabled(false);
    field->setPlaceholderText(note);
    field->setToolTip(note + QObject::tr(": it wins over the keychain while it is set."));
}
} // namespace

SettingsDialog::SettingsDialog(AppSettings &settings, SecretStore &secrets, CoreBridge *core,
                               const QString &apiKey, const QString &dataDir,
                               const QString &commandLineDatabaseUrl, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_core(core)
    , m_apiKey(apiKey)
    , m_tabs(new QTabWidget(this))
    , m_port(new QSpinBox(this))
    , m_bind(new QComboBox(this))
    , m_perMinute(countBox(this))
    , m_perHour(countBox(this))
    , m_burst(countBox(this))
    , m_key(new QLineEdit(this))
    , m_apiStatus(new QLabel(this))
    , m_ultravoxKey(new QLineEdit(this))
    , m_twilioSid(new QLineEdit(this))
    , m_twilioToken(new QLineEdit(this))
    , m_twilioNumber(new QLineEdit(this))
    , m_accountsStatus(new QLabel(this))
    , m_region(new QComboBox(this))
    , m_sandbox(
          new QCheckBox(tr("Sandbox: simulate Ultravox and Twilio (no accounts, no cost)"), this))
    , m_closeToTray(
          new QCheckBox(tr("Closing the window keeps Switchboard running in the tray"), this))
    , m_theme(new QComboBox(this))
    , m_database(new DatabaseSettings(settings, secrets, commandLineDatabaseUrl, this))
{
    setWindowTitle(tr("Settings"));
    setObjectName(u"settingsDialog"_s);
    setMinimumWidth(560);

    // Local API
    m_port->setRange(1, 65535);
    m_bind->setEditable(true);
    m_bind->addItems({u"127.0.0.1"_s, u"::1"_s, u"0.0.0.0"_s});
    m_key->setReadOnly(true);
    m_key->setEchoMode(QLineEdit::Password);
    auto *show = new QPushButton(Icons::get(u"show"_s), tr("Show"), this);
    show->setCheckable(true);
    auto *copy = new QPushButton(Icons::get(u"copy"_s), tr("Copy"), this);
    m_regenerate = new QPushButton(Icons::get(u"refresh"_s), tr("Regenerate…"), this);
    m_apiKeySource = new QLabel(this);
    m_apiKeySource->setObjectName(u"apiKeySource"_s);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(show);
    keyRow->addWidget(copy);
    keyRow->addWidget(m_regenerate);
    m_apiStatus->setWordWrap(true);
    auto *api = new QWidget(this);
    auto *apiForm = new QFormLayout(api);
    apiForm->addRow(tr("Port"), m_port);
    apiForm->addRow(tr("Listen on"), m_bind);
    apiForm->addRow(tr("Requests a minute"), m_perMinute);
    apiForm->addRow(tr("Requests an hour"), m_perHour);
    apiForm->addRow(tr("Burst"), m_burst);
    apiForm->addRow(tr("API key"), keyRow);
    apiForm->addRow(QString(), m_apiKeySource);
    apiForm->addRow(m_apiStatus);
    m_tabs->addTab(api, tr("Local API"));

    // Default accounts
    m_ultravoxKey->setObjectName(u"ultravoxApiKey"_s);
    m_twilioSid->setObjectName(u"twilioAccountSid"_s);
    m_twilioToken->setObjectName(u"twilioAuthToken"_s);
    m_twilioNumber->setObjectName(u"twilioPhoneNumber"_s);
    m_regenerate->setObjectName(u"regenerateApiKey"_s);
    m_ultravoxKey->setEchoMode(QLineEdit::Password);
    m_twilioToken->setEchoMode(QLineEdit::Password);
    m_twilioSid->setPlaceholderText(u"AC0123456789abcdef0123456789abcdef"_s);
    m_twilioNumber->setPlaceholderText(u"+14155550100"_s);
    m_accountsStatus->setWordWrap(true);
    auto *accounts = new QWidget(this);
    auto *accountsForm = new QFormLayout(accounts);
    // Where the keys come from, and why Companies has accounts too.
    auto *accountsAbout = new QLabel(
        tr("The default accounts: agents, the dial dialog and campaigns use them. Secrets are "
           "kept in the system keychain (%1).<br>Your Ultravox API key is on the "
           "<a href=\"https://app.ultravox.ai/settings/\">Ultravox console</a> (Settings, API "
           "keys); the account SID, auth token and phone numbers on the "
           "<a href=\"https://console.twilio.com/\">Twilio console</a>.<br>A company (the "
           "Companies pane) has accounts of its own, for the company call route only.")
            .arg(m_secrets.status().toHtmlEscaped()),
        accounts);
    accountsAbout->setObjectName(u"accountsAbout"_s);
    accountsAbout->setWordWrap(true);
    accountsAbout->setTextFormat(Qt::RichText);
    accountsAbout->setOpenExternalLinks(true);
    accountsForm->addRow(accountsAbout);
    accountsForm->addRow(tr("Ultravox API key"), m_ultravoxKey);
    accountsForm->addRow(tr("Twilio account SID"), m_twilioSid);
    accountsForm->addRow(tr("Twilio auth token"), m_twilioToken);
    accountsForm->addRow(tr("Twilio phone number"), m_twilioNumber);
    accountsForm->addRow(m_accountsStatus);
    m_tabs->addTab(accounts, tr("Accounts"));

    // Calls
    for (const QString &region : PhoneNumbers::regions())
        m_region->addItem(region, region);
    auto *calls = new QWidget(this);
    auto *callsForm = new QFormLayout(calls);
    callsForm->addRow(tr("Default region for numbers\ntyped without +country code"), m_region);
    m_tabs->addTab(calls, tr("Calls"));

    // General
    auto *general = new QWidget(this);
    auto *generalLayout = new QVBoxLayout(general);
    generalLayout->addWidget(m_sandbox);
    auto *sandboxNote = new QLabel(
        tr("Switching restarts Switchboard's services; the window stays open."), general);
    Theme::setTextRole(sandboxNote, Theme::Role::Hint);
    generalLayout->addWidget(sandboxNote);
    generalLayout->addWidget(m_closeToTray);
    m_theme->setObjectName(u"themeBox"_s);
    m_theme->addItem(tr("As the system"), Theme::toString(Theme::Mode::System));
    m_theme->addItem(tr("Light"), Theme::toString(Theme::Mode::Light));
    m_theme->addItem(tr("Dark"), Theme::toString(Theme::Mode::Dark));
    auto *themeRow = new QHBoxLayout;
    auto *themeLabel = new QLabel(tr("&Appearance"), general);
    themeLabel->setBuddy(m_theme);
    themeRow->addWidget(themeLabel);
    themeRow->addWidget(m_theme);
    themeRow->addStretch();
    generalLayout->addLayout(themeRow);
    generalLayout->addWidget(m_database);
    auto *folder = new QLabel(
        tr("Data folder: %1\nSettings: %2").arg(dataDir, m_settings.fileName()), general);
    folder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    generalLayout->addWidget(folder);
    generalLayout->addStretch();
    m_tabs->addTab(general, tr("General"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);

    connect(show, &QPushButton::toggled, this,
            [this](bool on) { m_key->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_apiKey);
        m_apiStatus->setText(tr("The API key is on the clipboard."));
    });
    connect(m_regenerate, &QPushButton::clicked, this, &SettingsDialog::regenerateKey);
    // Applied at once and remembered: the operator sees the choice, no OK needed.
    connect(m_theme, &QComboBox::activated, this, [this] {
        const QString mode = m_theme->currentData().toString();
        m_settings.setTheme(mode);
        m_settings.sync();
        Theme::apply(Theme::modeFromString(mode));
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::apply);
    // OK stays off while the database's fields are wrong; the fields say what is wrong.
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    const auto checkDatabase = [this, ok] {
        ok->setEnabled(m_database->problem().isEmpty());
        ok->setToolTip(m_database->problem());
    };
    connect(m_database, &DatabaseSettings::validityChanged, this, checkDatabase);
    checkDatabase();
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    load();
}

QList<std::pair<QLineEdit *, QString>> SettingsDialog::accountFields() const
{
    return {{m_ultravoxKey, Credentials::Keys::UltravoxApiKey},
            {m_twilioSid, Credentials::Keys::TwilioAccountSid},
            {m_twilioToken, Credentials::Keys::TwilioAuthToken},
            {m_twilioNumber, Credentials::Keys::TwilioPhoneNumber}};
}

void SettingsDialog::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void SettingsDialog::load()
{
    m_port->setValue(m_settings.apiPort());
    m_bind->setCurrentText(m_settings.apiBindAddress());
    const RateLimits limits = m_settings.rateLimits();
    m_perMinute->setValue(limits.perMinute);
    m_perHour->setValue(limits.perHour);
    m_burst->setValue(limits.burst);
    m_key->setText(m_apiKey);
    m_apiStatus->setText(m_core && m_core->apiListening()
                             ? tr("Listening on %1").arg(m_core->apiBaseUrl())
                             : tr("The local API is not listening."));
    for (const auto &[field, key] : accountFields()) {
        const QString variable = Credentials::variableFor(key);
        if (const Credentials::Override given = Credentials::overrideFor(variable))
            showOverridden(field, variable, given.source);
        else
            field->setText(m_secrets.read(key).value_or(QString()));
    }
    if (const Credentials::Override given =
            Credentials::overrideFor(Credentials::Variables::ApiKey)) {
        m_regenerate->setEnabled(false);
        m_regenerate->setToolTip(
            tr("The key comes from %1; change it there.").arg(Credentials::Variables::ApiKey));
        m_apiKeySource->setText(
            given.source == Credentials::Source::CommandLine
                ? tr("Set by %1 in the --credentials file").arg(Credentials::Variables::ApiKey)
                : tr("Set by the environment variable %1").arg(Credentials::Variables::ApiKey));
    }
    m_region->setCurrentIndex(std::max(0, m_region->findData(m_settings.defaultRegion())));
    m_sandbox->setChecked(m_settings.sandbox());
    m_closeToTray->setChecked(m_settings.closeToTray());
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(m_settings.theme())));
}

void SettingsDialog::regenerateKey()
{
    if (QMessageBox::question(
            this, tr("New API key"),
            tr("Scripts using the current key stop working until they get the new one. "
               "Make a new key?")) != QMessageBox::Yes)
        return;
    m_apiKey = Credentials::generateApiKey();
    m_secrets.write(Credentials::Keys::ApiKey, m_apiKey);
    m_key->setText(m_apiKey);
    m_key->setEchoMode(QLineEdit::Normal);
    m_apiStatus->setText(m_secrets.isPersistent()
                             ? tr("New key saved in the keychain and in use.")
                             : tr("New key in use until Switchboard stops (no keychain)."));
    Q_EMIT apiKeyChanged(m_apiKey);
}

void SettingsDialog::apply()
{
    // Accounts are checked with the same rules as the environment's variables.
    QStringList problems;
    const auto check = [&problems](const QString &label, const QString &value,
                                   const QString &rule) {
        if (!value.isEmpty() && !rule.isEmpty())
            problems << label + u' ' + rule;
    };
    check(tr("The Ultravox API key"), m_ultravoxKey->text(),
          Rules::checkApiKey(m_ultravoxKey->text()));
    check(tr("The Twilio account SID"), m_twilioSid->text(),
          Rules::checkTwilioAccountSid(m_twilioSid->text().trimmed()));
    // Read as the dial dialog reads numbers: "(415) 555-0100" in the region chosen here.
    const QString typedNumber = m_twilioNumber->text().trimmed();
    if (!typedNumber.isEmpty() && !m_twilioNumber->isReadOnly()) {
        const PhoneNumbers::Normalized number =
            PhoneNumbers::normalize(typedNumber, m_region->currentData().toString());
        if (number.e164.isEmpty())
            problems << tr("The Twilio phone number: %1").arg(number.problem);
        else
            m_twilioNumber->setText(number.e164);
    }
    if (!problems.isEmpty()) {
        m_tabs->setCurrentIndex(AccountsTab);
        m_accountsStatus->setText(problems.join(u'\n'));
        Theme::setTextRole(m_accountsStatus, Theme::Role::Error);
        return;
    }
    for (const auto &[field, key] : accountFields()) {
        if (field->isReadOnly())
            continue; // set from outside: what the keychain holds stays as it is
        const QString value = field == m_twilioToken || field == m_ultravoxKey
                                  ? field->text()
                                  : field->text().trimmed();
        if (value.isEmpty())
            m_secrets.remove(key);
        else
            m_secrets.write(key, value);
    }

    m_settings.setApiPort(quint16(m_port->value()));
    m_settings.setApiBindAddress(m_bind->currentText().trimmed());
    m_settings.setRateLimits({m_perMinute->value(), m_perHour->value(), m_burst->value()});
    m_settings.setDefaultRegion(m_region->currentData().toString());
    m_sandboxChanged = m_sandbox->isChecked() != m_settings.sandbox();
    m_settings.setSandbox(m_sandbox->isChecked());
    m_settings.setCloseToTray(m_closeToTray->isChecked());
    m_databaseChanged = m_database->save();
    if (m_sandbox->isChecked() || !m_ultravoxKey->text().isEmpty())
        m_settings.setFirstRunDone(true);
    m_settings.sync();
    accept();
}
