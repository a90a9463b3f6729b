// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Company.h"

#include <QHash>
#include <QWidget>

#include <optional>

class CoreBridge;
class FieldMessage;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

// A company profile: its Twilio account and its Ultravox settings. The two secrets are shown
// masked; left empty on a saved company they keep what the keychain holds.
class CompanyEditor : public QWidget
{
    Q_OBJECT
public:
    explicit CompanyEditor(CoreBridge &core, QWidget *parent = nullptr);

    void editNew();
    void edit(const Company &company);
    std::optional<qint64> companyId() const;
    bool isValid() const { return m_valid; }
    // The body the REST API would take, so both are checked by the same rules.
    QJsonObject body() const;
    CompanyInput input() const;
    QPushButton *saveButton() const { return m_save; }

Q_SIGNALS:
    void saved(const Company &company);
    void message(const QString &text, int timeoutMs = 5000);

private:
    void validate();
    void save();
    void resolveConflict();
    void remove();
    void testUltravox();
    void testTwilio();

    CoreBridge &m_core;
    std::optional<Company> m_loaded;
    bool m_valid = false;
    QLabel *m_title;
    QLineEdit *m_name;
    QGroupBox *m_twilio;
    QLineEdit *m_accountSid;
    QLineEdit *m_authToken;
    QLineEdit *m_phoneNumber;
    QLabel *m_twilioTest;
    QGroupBox *m_ultravox;
    QLineEdit *m_apiKey;
    QLineEdit *m_apiUrl;
    QPlainTextEdit *m_systemPrompt;
    QLineEdit *m_model;
    QLineEdit *m_voice;
    QComboBox *m_firstSpeaker;
    QLabel *m_ultravoxTest;
    QHash<QString, FieldMessage *> m_messages; // by field name, "twilio.account_sid"
    QLabel *m_warnings;
    QPushButton *m_save;
    QPushButton *m_delete;
};
