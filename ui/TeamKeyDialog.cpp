// SPDX-License-Identifier: GPL-3.0-or-later
#include "TeamKeyDialog.h"

#include "CoreBridge.h"
#include "FieldMessage.h"
#include "Icons.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QLabel *paragraph(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}
} // namespace

TeamKeyDialog::TeamKeyDialog(CoreBridge &core, TeamKeyService::State state, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_pages(new QStackedWidget(this))
    , m_phrase(new QLineEdit(this))
    , m_phraseMessage(new FieldMessage(this))
    , m_enter(new QPushButton(tr("Use this phrase"), this))
    , m_shownIntro(new QLabel(this))
    , m_shown(new QLineEdit(this))
{
    setWindowTitle(tr("Team key"));
    setMinimumWidth(560);

    // Set up: a new team database.
    auto *setup = new QWidget(this);
    auto *setupLayout = new QVBoxLayout(setup);
    setupLayout->addWidget(
        paragraph(tr("This team database has no key yet. Company secrets (Twilio auth "
                     "tokens, Ultravox keys) are sealed with it, so that they reach every "
                     "operator but never sit in the database in plain text."),
                  setup));
    setupLayout->addWidget(
        paragraph(tr("Setting it up shows a recovery phrase once: give it to each colleague "
                     "who uses this database, and keep a copy somewhere safe."),
                  setup));
    auto *create = new QPushButton(Icons::get(u"add"_s), tr("Set up the team key"), setup);
    setupLayout->addWidget(create, 0, Qt::AlignLeft);
    setupLayout->addStretch();

    // Enter: a colleague set it up.
    auto *entry = new QWidget(this);
    auto *entryLayout = new QVBoxLayout(entry);
    entryLayout->addWidget(
        paragraph(tr("A colleague set up this team database. Type the recovery phrase they "
                     "gave you (eleven groups of five letters and digits); it is kept in "
                     "your keychain, so you enter it only once."),
                  entry));
    m_phrase->setPlaceholderText(u"XXXXX-XXXXX-XXXXX-…"_s);
    m_phrase->setAccessibleName(tr("Recovery phrase"));
    entryLayout->addWidget(m_phrase);
    entryLayout->addWidget(m_phraseMessage);
    entryLayout->addWidget(m_enter, 0, Qt::AlignLeft);
    entryLayout->addStretch();

    // The phrase, shown once (or again, when Ready).
    auto *shown = new QWidget(this);
    auto *shownLayout = new QVBoxLayout(shown);
    m_shownIntro->setWordWrap(true);
    m_shown->setReadOnly(true);
    QFont mono = m_shown->font();
    mono.setFamily(u"monospace"_s);
    mono.setStyleHint(QFont::Monospace);
    m_shown->setFont(mono);
    auto *copy = new QPushButton(Icons::get(u"copy"_s), tr("Copy"), shown);
    shownLayout->addWidget(m_shownIntro);
    shownLayout->addWidget(m_shown);
    shownLayout->addWidget(copy, 0, Qt::AlignLeft);
    shownLayout->addStretch();

    m_pages->addWidget(setup);
    m_pages->addWidget(entry);
    m_pages->addWidget(shown);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(buttons);

    connect(create, &QPushButton::clicked, this, &TeamKeyDialog::setUp);
    connect(m_enter, &QPushButton::clicked, this, &TeamKeyDialog::enter);
    connect(m_phrase, &QLineEdit::returnPressed, this, &TeamKeyDialog::enter);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_shown->text()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    switch (state) {
    case TeamKeyService::State::NeedsSetup:
        m_pages->setCurrentIndex(0);
        break;
    case TeamKeyService::State::NeedsKey:
        m_pages->setCurrentIndex(1);
        break;
    default:
        m_core.teamRecoveryPhrase(replyTo(this, [this](
                                                    const std::variant<QString, AppError> &answer) {
            if (const auto *phrase = std::get_if<QString>(&answer))
                showPhrase(*phrase, tr("The team's recovery phrase, for a colleague who joins:"));
            else
                showPhrase({}, std::get<AppError>(answer).message());
        }));
        break;
    }
}

void TeamKeyDialog::setUp()
{
    m_core.setUpTeamKey(replyTo(this, [this](const std::variant<QString, AppError> &answer) {
        if (const auto *phrase = std::get_if<QString>(&answer)) {
            showPhrase(*phrase,
                       tr("The team key is set up and kept in your keychain. Write this recovery "
                          "phrase down and give it to each colleague: it is shown only now."));
            return;
        }
        // Someone else set it up a moment ago: their phrase is the one to enter.
        m_pages->setCurrentIndex(1);
        m_phraseMessage->setProblem(std::get<AppError>(answer).message());
    }));
}

void TeamKeyDialog::enter()
{
    m_enter->setEnabled(false);
    m_core.enterTeamPhrase(m_phrase->text(),
                           replyTo(this, [this](const std::optional<AppError> &error) {
                               m_enter->setEnabled(true);
                               if (error) {
                                   m_phraseMessage->setProblem(error->message());
                                   return;
                               }
                               accept();
                           }));
}

void TeamKeyDialog::showPhrase(const QString &phrase, const QString &intro)
{
    m_shownIntro->setText(intro);
    m_shown->setText(phrase);
    m_pages->setCurrentIndex(2);
}

QString TeamKeyDialog::shownPhrase() const
{
    return m_shown->text();
}
