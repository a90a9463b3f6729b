// SPDX-License-Identifier: GPL-3.0-or-later
#include "TeamBanner.h"

#include "CoreBridge.h"
#include "TeamKeyDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

TeamBanner::TeamBanner(CoreBridge *core, QWidget *parent)
    : QFrame(parent)
    , m_core(core)
    , m_text(new QLabel(this))
    , m_button(new QPushButton(this))
{
    setObjectName(u"teamBanner"_s);
    setStyleSheet(u"QFrame#teamBanner { background: rgba(178, 106, 0, 0.15); border-bottom: 1px "
                  u"solid rgba(178, 106, 0, 0.5); }"_s);
    m_text->setWordWrap(true);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_button);
    setVisible(false);
    if (!m_core)
        return;
    connect(m_core, &CoreBridge::teamStatusChanged, this, &TeamBanner::refresh);
    connect(m_button, &QPushButton::clicked, this, &TeamBanner::openTeamKeyDialog);
}

void TeamBanner::refresh()
{
    if (!m_core)
        return;
    m_core->teamStatus(replyTo(this, [this](const CoreBridge::TeamStatus &status) {
        if (!status.teamMode) {
            setVisible(false);
            return;
        }
        QString text;
        QString action;
        if (!status.live) {
            text = tr("The team database cannot be reached: %1. Switchboard reconnects by itself; "
                      "until then what is shown may be out of date and changes cannot be saved.")
                       .arg(status.databaseProblem);
        } else if (status.keyState == TeamKeyService::State::NeedsSetup) {
            text = tr("This team database has no team key yet: company secrets cannot be saved "
                      "until it is set up.");
            action = tr("Set up team key…");
        } else if (status.keyState == TeamKeyService::State::NeedsKey) {
            text = tr("Enter the team's recovery phrase (from the colleague who set up this "
                      "database) to use the companies' secrets.");
            action = tr("Enter team key…");
        }
        m_text->setText(text);
        m_button->setText(action);
        m_button->setVisible(!action.isEmpty());
        setVisible(!text.isEmpty());
    }));
}

void TeamBanner::openTeamKeyDialog()
{
    m_core->teamStatus(replyTo(this, [this](const CoreBridge::TeamStatus &status) {
        TeamKeyDialog dialog(*m_core, status.keyState, window());
        dialog.exec();
        refresh();
    }));
}
