// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompanyEditor.h"

#include "CompanyRepository.h"
#include "CoreBridge.h"
#include "FieldMessage.h"
#include "Icons.h"
#include "PhoneNumbers.h"
#include "Theme.h"
#include "Validation.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QWidget *withMessage(QWidget *field, FieldMessage *message)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(message);
    return box;
}

QString secretPlaceholder(bool stored)
{
    return stored ? QObject::tr("•••••••• saved in the keychain; type to replace") : QString();
}
} // namespace

CompanyEditor::CompanyEditor(CoreBridge &core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_title(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_twilio(new QGroupBox(tr("Twilio account"), this))
    , m_accountSid(new QLineEdit(this))
    , m_authToken(new QLineEdit(this))
    , m_phoneNumber(new QLineEdit(this))
    , m_twilioTest(new QLabel(this))
    , m_ultravox(new QGroupBox(tr("Ultravox"), this))
    , m_apiKey(new QLineEdit(this))
    , m_apiUrl(new QLineEdit(this))
    , m_systemPrompt(new QPlainTextEdit(this))
    , m_model(new QLineEdit(this))
    , m_voice(new QLineEdit(this))
    , m_firstSpeaker(new QComboBox(this))
    , m_ultravoxTest(new QLabel(this))
    , m_twilioTestButton(new QPushButton(tr("Test connection"), this))
    , m_ultravoxTestButton(new QPushButton(tr("Test connection"), this))
    , m_warnings(new QLabel(this))
    , m_save(new QPushButton(Icons::get(u"save"_s), tr("&Save"), this))
    , m_delete(new QPushButton(Icons::get(u"delete"_s), tr("Delete"), this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    const QStringList fields{u"name"_s,
                             u"twilio.account_sid"_s,
                             u"twilio.auth_token"_s,
                             u"twilio.phone_number"_s,
                             u"ultravox.api_key"_s,
                             u"ultravox.api_url"_s,
                             u"ultravox.system_prompt"_s,
                             u"ultravox.model"_s,
                             u"ultravox.voice"_s,
                             u"ultravox.first_speaker"_s};
    for (const QString &field : fields)
        m_messages.insert(field, new FieldMessage(this));
    const QStringList labels{tr("The name"),          tr("The account SID"), tr("The auth token"),
                             tr("The phone number"),  tr("The API key"),     tr("The API URL"),
                             tr("The system prompt"), tr("The model"),       tr("The voice"),
                             tr("The first speaker")};
    for (qsizetype i = 0; i < fields.size(); ++i)
        m_labels.insert(fields.at(i), labels.at(i));

    m_name->setObjectName(u"companyName"_s);
    m_accountSid->setObjectName(u"companyAccountSid"_s);
    m_authToken->setObjectName(u"companyAuthToken"_s);
    m_phoneNumber->setObjectName(u"companyPhoneNumber"_s);
    m_apiKey->setObjectName(u"companyApiKey"_s);
    m_authToken->setEchoMode(QLineEdit::Password);
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_accountSid->setPlaceholderText(u"AC0123456789abcdef0123456789abcdef"_s);
    m_phoneNumber->setPlaceholderText(u"+1 415 555 0100"_s);
    m_phoneNumber->setToolTip(
        tr("The number calls come from, in any local format: (415) 555-0100 is read in the "
           "default region from Settings, as the dial dialog reads it"));
    m_apiUrl->setPlaceholderText(u"https://api.ultravox.ai/api"_s);
    m_model->setPlaceholderText(u"fixie-ai/ultravox"_s);
    m_voice->setPlaceholderText(u"terrence"_s);
    m_systemPrompt->setMaximumHeight(120);
    m_firstSpeaker->addItem(tr("The person called speaks first"), u"FIRST_SPEAKER_USER"_s);
    m_firstSpeaker->addItem(tr("The agent speaks first"), u"FIRST_SPEAKER_AGENT"_s);
    m_twilio->setCheckable(true);
    m_ultravox->setCheckable(true);
    for (QLabel *result : {m_twilioTest, m_ultravoxTest}) {
        result->setWordWrap(true);
        result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }

    auto *twilioForm = new QFormLayout(m_twilio);
    twilioForm->addRow(tr("Account SID"),
                       withMessage(m_accountSid, m_messages[u"twilio.account_sid"_s]));
    twilioForm->addRow(tr("Auth token"),
                       withMessage(m_authToken, m_messages[u"twilio.auth_token"_s]));
    twilioForm->addRow(tr("Phone number"),
                       withMessage(m_phoneNumber, m_messages[u"twilio.phone_number"_s]));
    twilioForm->addRow(m_twilioTestButton, m_twilioTest);

    auto *ultravoxForm = new QFormLayout(m_ultravox);
    ultravoxForm->addRow(tr("API key"), withMessage(m_apiKey, m_messages[u"ultravox.api_key"_s]));
    ultravoxForm->addRow(tr("API URL"), withMessage(m_apiUrl, m_messages[u"ultravox.api_url"_s]));
    ultravoxForm->addRow(tr("System prompt"),
                         withMessage(m_systemPrompt, m_messages[u"ultravox.system_prompt"_s]));
    ultravoxForm->addRow(tr("Model"), withMessage(m_model, m_messages[u"ultravox.model"_s]));
    ultravoxForm->addRow(tr("Voice"), withMessage(m_voice, m_messages[u"ultravox.voice"_s]));
    ultravoxForm->addRow(tr("First speaker"),
                         withMessage(m_firstSpeaker, m_messages[u"ultravox.first_speaker"_s]));
    ultravoxForm->addRow(m_ultravoxTestButton, m_ultravoxTest);

    auto *top = new QFormLayout;
    top->addRow(tr("&Name"), withMessage(m_name, m_messages[u"name"_s]));
    m_warnings->setWordWrap(true);
    Theme::setTextRole(m_warnings, Theme::Role::Warning);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(top);
    layout->addWidget(m_twilio);
    layout->addWidget(m_ultravox);
    layout->addWidget(m_warnings);
    layout->addStretch();
    layout->addLayout(buttons);

    const QList<std::pair<QLineEdit *, QString>> edits{{m_name, u"name"_s},
                                                       {m_accountSid, u"twilio.account_sid"_s},
                                                       {m_authToken, u"twilio.auth_token"_s},
                                                       {m_phoneNumber, u"twilio.phone_number"_s},
                                                       {m_apiKey, u"ultravox.api_key"_s},
                                                       {m_apiUrl, u"ultravox.api_url"_s},
                                                       {m_model, u"ultravox.model"_s},
                                                       {m_voice, u"ultravox.voice"_s}};
    for (const auto &[edit, field] : edits)
        connect(edit, &QLineEdit::textChanged, this, [this, field = field] { touch(field); });
    connect(m_systemPrompt, &QPlainTextEdit::textChanged, this,
            [this] { touch(u"ultravox.system_prompt"_s); });
    connect(m_firstSpeaker, &QComboBox::currentIndexChanged, this,
            [this] { touch(u"ultravox.first_speaker"_s); });
    connect(m_twilio, &QGroupBox::toggled, this, [this] { touch({}); });
    connect(m_ultravox, &QGroupBox::toggled, this, [this] { touch({}); });
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(
        tr("Save the company (%1)")
            .arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    connect(m_save, &QPushButton::clicked, this, &CompanyEditor::save);
    connect(m_delete, &QPushButton::clicked, this, &CompanyEditor::remove);
    connect(m_twilioTestButton, &QPushButton::clicked, this, &CompanyEditor::testTwilio);
    connect(m_ultravoxTestButton, &QPushButton::clicked, this, &CompanyEditor::testUltravox);
    editNew();
}

void CompanyEditor::editNew()
{
    m_loading = true;
    m_loaded.reset();
    m_title->setText(tr("New company"));
    m_name->clear();
    m_twilio->setChecked(true);
    m_accountSid->clear();
    m_authToken->clear();
    m_authToken->setPlaceholderText({});
    m_phoneNumber->clear();
    m_ultravox->setChecked(true);
    m_apiKey->clear();
    m_apiKey->setPlaceholderText({});
    m_apiUrl->setText(UltravoxSettings{}.apiUrl);
    m_systemPrompt->clear();
    m_model->setText(UltravoxSettings{}.model);
    m_voice->setText(UltravoxSettings{}.voice);
    m_firstSpeaker->setCurrentIndex(0);
    loaded();
}

void CompanyEditor::edit(const Company &company)
{
    m_loading = true;
    m_loaded = company;
    m_title->setText(company.name);
    m_name->setText(company.name);
    const TwilioSettings twilio = company.twilio.value_or(TwilioSettings{});
    m_twilio->setChecked(company.twilio.has_value());
    m_accountSid->setText(twilio.accountSid);
    m_authToken->clear();
    m_authToken->setPlaceholderText(secretPlaceholder(twilio.hasAuthToken));
    m_phoneNumber->setText(twilio.phoneNumber);
    const UltravoxSettings ultravox = company.ultravox.value_or(UltravoxSettings{});
    m_ultravox->setChecked(company.ultravox.has_value());
    m_apiKey->clear();
    m_apiKey->setPlaceholderText(secretPlaceholder(ultravox.hasApiKey));
    m_apiUrl->setText(ultravox.apiUrl);
    m_systemPrompt->setPlainText(ultravox.systemPrompt);
    m_model->setText(ultravox.model);
    m_voice->setText(ultravox.voice);
    m_firstSpeaker->setCurrentIndex(ultravox.firstSpeaker == u"FIRST_SPEAKER_AGENT"_s ? 1 : 0);
    loaded();
}

void CompanyEditor::loaded()
{
    ++m_edits;
    m_twilioTest->clear();
    m_ultravoxTest->clear();
    m_warnings->clear();
    m_touched.clear();
    m_showAll = false;
    m_loading = false;
    m_baseline = body();
    validate();
}

void CompanyEditor::setDefaultRegion(const QString &region)
{
    m_region = region;
    if (!m_loading)
        validate();
}

bool CompanyEditor::isDirty() const
{
    return body() != m_baseline;
}

QString CompanyEditor::shownProblem(const QString &field) const
{
    const FieldMessage *line = m_messages.value(field);
    return line ? line->text() : QString();
}

void CompanyEditor::touch(const QString &field)
{
    if (m_loading)
        return;
    if (!field.isEmpty())
        m_touched.insert(field);
    // A test's verdict was about the fields as they were (one still running included).
    ++m_edits;
    m_twilioTest->clear();
    m_ultravoxTest->clear();
    validate();
}

std::optional<qint64> CompanyEditor::companyId() const
{
    return m_loaded ? std::optional<qint64>(m_loaded->id) : std::nullopt;
}

QJsonObject CompanyEditor::body() const
{
    QJsonObject body{{u"name"_s, m_name->text()}};
    if (m_twilio->isChecked()) {
        // The dial dialog's reading of a number: "(415) 555-0100" is +14155550100.
        const QString typed = m_phoneNumber->text().trimmed();
        const PhoneNumbers::Normalized number = PhoneNumbers::normalize(typed, m_region);
        QJsonObject twilio{{u"account_sid"_s, m_accountSid->text().trimmed()},
                           {u"phone_number"_s, number.e164.isEmpty() ? typed : number.e164}};
        if (!m_authToken->text().isEmpty())
            twilio.insert(u"auth_token"_s, m_authToken->text());
        body.insert(u"twilio"_s, twilio);
    }
    if (m_ultravox->isChecked()) {
        QJsonObject ultravox{{u"api_url"_s, m_apiUrl->text().trimmed()},
                             {u"system_prompt"_s, m_systemPrompt->toPlainText()},
                             {u"model"_s, m_model->text().trimmed()},
                             {u"voice"_s, m_voice->text().trimmed()},
                             {u"first_speaker"_s, m_firstSpeaker->currentData().toString()}};
        if (!m_apiKey->text().isEmpty())
            ultravox.insert(u"api_key"_s, m_apiKey->text());
        body.insert(u"ultravox"_s, ultravox);
    }
    return body;
}

CompanyInput CompanyEditor::input() const
{
    FieldErrors errors;
    return CompanyInput::fromJson(body(), m_loaded ? &*m_loaded : nullptr, errors);
}

void CompanyEditor::validate()
{
    FieldErrors errors;
    CompanyInput::fromJson(body(), m_loaded ? &*m_loaded : nullptr, errors);
    QJsonObject problems = errors.toJson();
    // A number the parser cannot read: its own words ("Too short for a phone number").
    const QString typed = m_phoneNumber->text().trimmed();
    if (m_twilio->isChecked() && !typed.isEmpty()) {
        const PhoneNumbers::Normalized number = PhoneNumbers::normalize(typed, m_region);
        if (!number.problem.isEmpty())
            problems.insert(u"twilio.phone_number"_s, number.problem);
    }
    for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it) {
        const QString problem = problems.value(it.key()).toString();
        const bool shown = !problem.isEmpty() && (m_showAll || m_touched.contains(it.key()));
        // A rule's words follow the field's name; the parser's are a sentence of their own.
        const bool sentence = !problem.isEmpty() && problem.front().isUpper();
        it.value()->setProblem(!shown     ? QString()
                               : sentence ? problem
                                          : m_labels.value(it.key()) + u' ' + problem);
    }
    m_valid = problems.isEmpty();
    m_save->setEnabled(isDirty());
    m_delete->setEnabled(m_loaded.has_value());
}

void CompanyEditor::save()
{
    m_showAll = true;
    validate();
    if (!m_valid) {
        int count = 0;
        QWidget *first = nullptr;
        for (QWidget *field : std::initializer_list<QWidget *>{
                 m_name, m_accountSid, m_authToken, m_phoneNumber, m_apiKey, m_apiUrl,
                 m_systemPrompt, m_model, m_voice, m_firstSpeaker}) {
            // The message line sits right under its field, in the same box.
            const FieldMessage *line = field->parentWidget()->findChild<FieldMessage *>();
            if (line && line->hasProblem()) {
                ++count;
                if (!first)
                    first = field;
            }
        }
        m_warnings->setText(
            tr("%n field(s) need attention before the company can be saved.", "", count));
        if (first)
            first->setFocus();
        return;
    }
    m_warnings->clear();
    m_save->setEnabled(false);
    const std::optional<qint64> version =
        m_loaded ? std::optional<qint64>(m_loaded->version) : std::nullopt;
    m_core.saveCompany(companyId(), input(), version,
                       replyTo(this, [this](const std::variant<CompanyResult, AppError> &answer) {
                           m_save->setEnabled(isDirty());
                           if (const auto *error = std::get_if<AppError>(&answer)) {
                               if (error->kind() == ErrorKind::Conflict &&
                                   error->details().contains(u"current"_s)) {
                                   resolveConflict();
                                   return;
                               }
                               m_warnings->setText(error->message());
                               Q_EMIT message(error->message(), 0);
                               return;
                           }
                           const CompanyResult &result = std::get<CompanyResult>(answer);
                           edit(result.company);
                           m_warnings->setText(result.warnings.join(u'\n'));
                           Q_EMIT saved(result.company);
                           Q_EMIT message(tr("Saved %1").arg(result.company.name));
                       }));
}

void CompanyEditor::resolveConflict()
{
    QMessageBox box(QMessageBox::Warning, tr("Changed by someone else"),
                    tr("This company was changed by someone else since you opened it."),
                    QMessageBox::NoButton, this);
    QPushButton *reload = box.addButton(tr("Reload theirs"), QMessageBox::AcceptRole);
    QPushButton *overwrite = box.addButton(tr("Overwrite with mine"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == reload) {
        if (const std::optional<Company> current =
                CompanyRepository(m_core.store()).find(*companyId()))
            edit(*current);
    } else if (box.clickedButton() == overwrite) {
        m_core.saveCompany(
            companyId(), input(), std::nullopt,
            replyTo(this, [this](const std::variant<CompanyResult, AppError> &again) {
                if (const auto *error = std::get_if<AppError>(&again)) {
                    Q_EMIT message(error->message(), 0);
                    return;
                }
                edit(std::get<CompanyResult>(again).company);
                Q_EMIT saved(std::get<CompanyResult>(again).company);
            }));
    }
}

void CompanyEditor::remove()
{
    if (!m_loaded)
        return;
    if (QMessageBox::question(
            this, tr("Delete company"),
            tr("Delete \"%1\" and its secrets from the keychain? Calls placed for it "
               "stay in the call log.")
                .arg(m_loaded->name),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    const QString name = m_loaded->name;
    m_core.deleteCompany(m_loaded->id,
                         replyTo(this, [this, name](const std::optional<AppError> &error) {
                             if (error) {
                                 Q_EMIT message(error->message(), 0);
                                 return;
                             }
                             editNew();
                             Q_EMIT message(tr("Deleted %1").arg(name));
                         }));
}

void CompanyEditor::showTestResult(QLabel *label, const QString &text)
{
    // The sandbox answers for the providers: say so, lest "accepted" be taken for Twilio's word.
    label->setText(m_core.isSandbox() && text != tr("Testing…")
                       ? text + u'\n' + tr("Sandbox: simulated, no request was sent.")
                       : text);
}

void CompanyEditor::testTwilio()
{
    TwilioCredentials credentials = m_core.providerDefaults().twilio;
    credentials.accountSid = m_accountSid->text().trimmed();
    credentials.authToken = m_authToken->text();
    const bool tokenSaved = m_loaded && m_loaded->twilio && m_loaded->twilio->hasAuthToken;
    // The fields first: a test of nothing proves nothing.
    QString missing;
    if (credentials.accountSid.isEmpty())
        missing = tr("Type the account SID to test the connection.");
    else if (const QString rule = Rules::checkTwilioAccountSid(credentials.accountSid);
             !rule.isEmpty())
        missing = tr("The account SID %1.").arg(rule);
    else if (credentials.authToken.isEmpty() && tokenSaved)
        missing = tr("Type the auth token to test it (the saved one stays in the keychain).");
    else if (credentials.authToken.isEmpty())
        missing = tr("Type the auth token to test the connection.");
    if (!missing.isEmpty()) {
        m_touched << u"twilio.account_sid"_s << u"twilio.auth_token"_s;
        validate();
        m_twilioTest->setText(u"✘ "_s + missing);
        return;
    }
    showTestResult(m_twilioTest, tr("Testing…"));
    m_core.testTwilio(credentials, replyTo(this, [this, edits = m_edits](const QString &result) {
                          if (edits != m_edits)
                              return;
                          showTestResult(m_twilioTest,
                                         result == u"ok"_s
                                             ? tr("✔ Twilio accepted these credentials.")
                                             : u"✘ "_s + result);
                      }));
}

void CompanyEditor::testUltravox()
{
    UltravoxCredentials credentials;
    credentials.apiKey = m_apiKey->text();
    QString url = m_apiUrl->text().trimmed();
    const bool keySaved = m_loaded && m_loaded->ultravox && m_loaded->ultravox->hasApiKey;
    QString missing;
    if (credentials.apiKey.isEmpty() && keySaved)
        missing = tr("Type the API key to test it (the saved one stays in the keychain).");
    else if (credentials.apiKey.isEmpty())
        missing = tr("Type the API key to test the connection.");
    else if (const QString rule = Rules::checkApiKey(credentials.apiKey); !rule.isEmpty())
        missing = tr("The API key %1.").arg(rule);
    else if (const QString urlRule = Rules::checkProviderUrl(url); !urlRule.isEmpty())
        missing = tr("The API URL %1.").arg(urlRule);
    if (!missing.isEmpty()) {
        m_touched << u"ultravox.api_key"_s << u"ultravox.api_url"_s;
        validate();
        m_ultravoxTest->setText(u"✘ "_s + missing);
        return;
    }
    if (!url.endsWith(u'/'))
        url += u'/';
    credentials.baseUrl = QUrl(url);
    showTestResult(m_ultravoxTest, tr("Testing…"));
    m_core.testUltravox(credentials, replyTo(this, [this, edits = m_edits](const QString &result) {
                            if (edits != m_edits)
                                return;
                            showTestResult(m_ultravoxTest, result == u"ok"_s
                                                               ? tr("✔ Ultravox accepted this key.")
                                                               : u"✘ "_s + result);
                        }));
}
