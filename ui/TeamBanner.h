// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class CoreBridge;
class QLabel;
class QPushButton;

// Over the panes: what is wrong with a shared database (unreachable, no team key yet), with the
// button that sets up or enters the team key. Hidden on SQLite and while all is well; follows
// CoreBridge::teamStatusChanged.
class TeamBanner : public QFrame
{
    Q_OBJECT
public:
    explicit TeamBanner(CoreBridge *core, QWidget *parent = nullptr);

    void refresh();

private:
    void openTeamKeyDialog();

    CoreBridge *m_core; // null when the services did not start
    QLabel *m_text;
    QPushButton *m_button;
};
