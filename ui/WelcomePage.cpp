// SPDX-License-Identifier: GPL-3.0-or-later
#include "WelcomePage.h"

#include "Icons.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    auto *logo = new QLabel(this);
    logo->setPixmap(Icons::application().pixmap(96, 96));
    logo->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(tr("Welcome to Switchboard"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    auto *text =
        new QLabel(tr("Run Ultravox voice agents on real phone lines through Twilio: create an "
                      "agent, type a number, press Call, and read the transcript when it ends."),
                   this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setFixedWidth(560); // a wrapped label needs a set width to know its height

    auto *sandbox = new QPushButton(Icons::get(u"sandbox"_s), tr("Try the sandbox"), this);
    sandbox->setToolTip(tr("Simulated Ultravox and Twilio: the whole flow, no accounts, no cost"));
    auto *accounts = new QPushButton(Icons::get(u"settings"_s), tr("Add your accounts"), this);
    accounts->setToolTip(
        tr("Your Ultravox API key and your Twilio account SID, auth token and number"));
    for (QPushButton *button : {sandbox, accounts}) {
        button->setMinimumHeight(48);
        button->setMinimumWidth(220);
        button->setIconSize(QSize(24, 24));
    }
    sandbox->setDefault(true);
    auto *sandboxNote = new QLabel(tr("A demo agent is ready for your first call: press Call, "
                                      "type any number and watch it ring, connect and end."),
                                   this);
    sandboxNote->setWordWrap(true);
    sandboxNote->setObjectName(u"welcomeHint"_s);
    Theme::setTextRole(sandboxNote, Theme::Role::Hint);
    sandboxNote->setFixedWidth(260);
    auto *accountsNote = new QLabel(
        tr("Your Ultravox API key (Ultravox console, Settings, API keys) and your Twilio "
           "account SID, auth token and number (Twilio console). Secrets go to the "
           "system keychain; you can switch between the sandbox and your accounts "
           "in Settings."),
        this);
    accountsNote->setWordWrap(true);
    accountsNote->setObjectName(u"welcomeHint"_s);
    Theme::setTextRole(accountsNote, Theme::Role::Hint);
    accountsNote->setFixedWidth(260);

    auto *choices = new QGridLayout;
    choices->setHorizontalSpacing(48);
    choices->setVerticalSpacing(12);
    choices->addWidget(sandbox, 0, 0, Qt::AlignCenter);
    choices->addWidget(accounts, 0, 1, Qt::AlignCenter);
    choices->addWidget(sandboxNote, 1, 0, Qt::AlignTop | Qt::AlignHCenter);
    choices->addWidget(accountsNote, 1, 1, Qt::AlignTop | Qt::AlignHCenter);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(logo);
    layout->addWidget(title);
    // Centred by stretches, not by alignment: an aligned label would lose its wrapped height.
    auto *textRow = new QHBoxLayout;
    textRow->addStretch();
    textRow->addWidget(text);
    textRow->addStretch();
    layout->addLayout(textRow);
    layout->addSpacing(24);
    auto *centered = new QHBoxLayout;
    centered->addStretch();
    centered->addLayout(choices);
    centered->addStretch();
    layout->addLayout(centered);
    layout->addStretch(3);

    connect(sandbox, &QPushButton::clicked, this, &WelcomePage::trySandboxRequested);
    connect(accounts, &QPushButton::clicked, this, &WelcomePage::addAccountsRequested);
}
