// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Company.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
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
// masked; left empty on a saved company they keep what the keychain holds. A field's message
// shows once the field was edited (every message on a save attempt), as a sentence naming the
// field; Save is on only when something changed.
class CompanyEditor : public QWidget
{
    Q_OBJECT
public:
    explicit CompanyEditor(CoreBridge &core, QWidget *parent = nullptr);

    void editNew();
    void edit(const Company &company);
    std::optional<qint64> companyId() const;
    bool isValid() const { return m_valid; }
    // Whether the form differs from what was loaded (or from a blank form).
    bool isDirty() const;
    // Numbers typed without a country code are read in this region, as the dial dialog does.
    void setDefaultRegion(const QString &region);
    // The message shown under `field` (REST name, "twilio.phone_number"), or empty.
    QString shownProblem(const QString &field) const;
    QLabel *twilioTestResult() const { return m_twilioTest; }
    QLabel *ultravoxTestResult() const { return m_ultravoxTest; }
    QPushButton *twilioTestButton() const { return m_twilioTestButton; }
    QPushButton *ultravoxTestButton() const { return m_ultravoxTestButton; }
    // The body the REST API would take, so both are checked by the same rules.
    QJsonObject body() const;
    CompanyInput input() const;
    QPushButton *saveButton() const { return m_save; }

Q_SIGNALS:
    void saved(const Company &company);
    void message(const QString &text, int timeoutMs = 5000);

private:
    void validate();
    // A field changed by the operator: its message may show, and test results no longer hold.
    void touch(const QString &field);
    void showTestResult(QLabel *label, const QString &text);
    void loaded();
    void save();
    void resolveConflict();
    void remove();
    void testUltravox();
    void testTwilio();

    CoreBridge &m_core;
    std::optional<Company> m_loaded;
    bool m_valid = false;
    bool m_loading = false;
    bool m_showAll = false;
    int m_edits = 0; // counts edits, so that a test's late answer about older fields is dropped
    QSet<QString> m_touched;
    QJsonObject m_baseline;
    QString m_region = QStringLiteral("US");
    QHash<QString, QString> m_labels; // by field name: how a sentence names the field
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
    QPushButton *m_twilioTestButton;
    QPushButton *m_ultravoxTestButton;
    QHash<QString, FieldMessage *> m_messages; // by field name, "twilio.account_sid"
    QLabel *m_warnings;
    QPushButton *m_save;
    QPushButton *m_delete;
};
