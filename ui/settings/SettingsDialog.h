// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiServer.h"
#include "ProviderHub.h"

#include <QDialog>

class AppSettings;
class DatabaseSettings;
class CoreBridge;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class SecretStore;

// Everything the command line sets, and the accounts: the local API (port, address, limits, key),
// the default Ultravox and Twilio accounts (kept in the keychain), the default phone region, the
// sandbox switch, the tray and the database.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    enum Tab { ApiTab, AccountsTab, CallsTab, GeneralTab };

    SettingsDialog(AppSettings &settings, SecretStore &secrets, CoreBridge *core,
                   const QString &apiKey, const QString &dataDir,
                   const QString &commandLineDatabaseUrl, QWidget *parent = nullptr);
    void showTab(Tab tab);
    QComboBox *themeBox() const { return m_theme; }

    // What changed, for the window to apply.
    bool sandboxChanged() const { return m_sandboxChanged; }
    bool databaseChanged() const { return m_databaseChanged; }
    QString apiKey() const { return m_apiKey; }

Q_SIGNALS:
    void apiKeyChanged(const QString &key);

private:
    void load();
    void apply();
    void regenerateKey();
    // The account fields and the keychain entries they edit.
    QList<std::pair<QLineEdit *, QString>> accountFields() const;

    AppSettings &m_settings;
    SecretStore &m_secrets;
    CoreBridge *m_core;
    QString m_apiKey;
    bool m_sandboxChanged = false;
    bool m_databaseChanged = false;
    QTabWidget *m_tabs;
    QSpinBox *m_port;
    QComboBox *m_bind;
    QSpinBox *m_perMinute;
    QSpinBox *m_perHour;
    QSpinBox *m_burst;
    QLineEdit *m_key;
    QPushButton *m_regenerate = nullptr;
    QLabel *m_apiKeySource = nullptr;
    QLabel *m_apiStatus;
    QLineEdit *m_ultravoxKey;
    QLineEdit *m_twilioSid;
    QLineEdit *m_twilioToken;
    QLineEdit *m_twilioNumber;
    QLabel *m_accountsStatus;
    QComboBox *m_region;
    QCheckBox *m_sandbox;
    QCheckBox *m_closeToTray;
    QComboBox *m_theme;
    DatabaseSettings *m_database;
};
