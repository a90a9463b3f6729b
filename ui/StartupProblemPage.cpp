// SPDX-License-Identifier: GPL-3.0-or-later
#include "StartupProblemPage.h"

#include "Icons.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

StartupProblemPage::StartupProblemPage(const QString &problem, const QString &databasePath,
                                       QWidget *parent)
    : QWidget(parent)
{
    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::get(u"warning"_s).pixmap(64, 64));
    auto *title = new QLabel(tr("Switchboard's database cannot be used"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    auto *details = new QLabel(problem, this);
    details->setWordWrap(true);
    details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A shared server cannot be "started fresh" from here: it is the team's, not this desktop's.
    const bool shared = databasePath.startsWith(u"postgres"_s);
    auto *advice = new QLabel(
        shared ? tr("What you can do:\n"
                    "• If the server is down or out of reach, Retry once it is back.\n"
                    "• If its Switchboard data is newer than this Switchboard, update it.\n"
                    "• Choose another database in Settings (General), or SQLite on this "
                    "computer.")
               : tr("What you can do:\n"
                    "• If another program or a newer Switchboard uses this database, close it "
                    "or update this Switchboard, then Retry.\n"
                    "• Start fresh: the database is renamed (nothing is deleted) and an empty "
                    "one is made.\n"
                    "• Choose another database in Settings (General), or another data folder "
                    "with --data-dir."),
        this);
    advice->setWordWrap(true);
    auto *path = new QLabel(databasePath, this);
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setTextRole(path, Theme::Role::Hint); // readable, not a disabled label's grey

    auto *retry = new QPushButton(Icons::get(u"retry"_s), tr("Retry"), this);
    auto *fresh = new QPushButton(Icons::get(u"add"_s), tr("Start fresh…"), this);
    auto *settings = new QPushButton(Icons::get(u"settings"_s), tr("Settings…"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(retry);
    buttons->addWidget(fresh);
    fresh->setVisible(!shared);
    buttons->addWidget(settings);
    buttons->addStretch();

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(details);
    column->addWidget(path);
    column->addSpacing(12);
    column->addWidget(advice);
    column->addSpacing(12);
    column->addLayout(buttons);
    auto *row = new QHBoxLayout;
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addLayout(column, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addLayout(row);
    layout->addStretch(2);
    layout->setContentsMargins(48, 24, 48, 24);

    connect(retry, &QPushButton::clicked, this, &StartupProblemPage::retryRequested);
    connect(fresh, &QPushButton::clicked, this, &StartupProblemPage::startFreshRequested);
    connect(settings, &QPushButton::clicked, this, &StartupProblemPage::settingsRequested);
}
