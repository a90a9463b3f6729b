// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

// Shown instead of the panes when the services could not start (the database is damaged, newer
// than this Switchboard, or unreachable): what happened, and what to do about it.
class StartupProblemPage : public QWidget
{
    Q_OBJECT
public:
    StartupProblemPage(const QString &problem, const QString &databasePath,
                       QWidget *parent = nullptr);

Q_SIGNALS:
    void retryRequested();
    void startFreshRequested(); // move the database aside and start with an empty one
    void settingsRequested();
};
