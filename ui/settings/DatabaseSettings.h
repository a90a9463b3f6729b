// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreLocation.h"

#include <QGroupBox>

class AppSettings;
class FieldMessage;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class SecretStore;

// Where the data lives, as the settings dialog offers it: SQLite in the data folder, or a shared
// PostgreSQL server (team mode). The server's address is kept in settings.ini without the
// password, which goes to the keychain; `--database` on the command line wins over both.
class DatabaseSettings : public QGroupBox
{
    Q_OBJECT
public:
    // `commandLineUrl`: the --database of this run, if any; the choice is then shown but locked.
    DatabaseSettings(AppSettings &settings, SecretStore &secrets, const QString &commandLineUrl,
                     QWidget *parent = nullptr);

    // Empty when every field is fine, else what the first wrong field needs.
    QString problem() const;
    // Saves the choice; true when it differs from what was saved before (the services restart).
    bool save();

    // The database a window started without --database uses: the saved server with its password
    // from the keychain, or empty for SQLite in the data folder.
    static QString savedUrl(const AppSettings &settings, SecretStore &secrets);

Q_SIGNALS:
    void validityChanged();

private:
    void validate();
    void testConnection();
    StoreLocation location() const; // what the fields say, password included
    static QString passwordKey(const StoreLocation &server);

    AppSettings &m_settings;
    SecretStore &m_secrets;
    bool m_locked;
    QRadioButton *m_sqlite;
    QRadioButton *m_postgres;
    QWidget *m_serverFields;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    FieldMessage *m_hostMessage;
    FieldMessage *m_databaseMessage;
    FieldMessage *m_userMessage;
    QPushButton *m_test;
    QLabel *m_testResult;
    int m_testRun = 0; // answers of older tests are ignored
};
