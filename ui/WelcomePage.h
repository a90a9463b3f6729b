// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

// The first thing a new operator sees when there are no accounts and no sandbox: try everything
// with simulated providers, or add the real accounts.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

Q_SIGNALS:
    void trySandboxRequested();
    void addAccountsRequested();
};
