// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TeamKeyService.h"

#include <QDialog>

class CoreBridge;
class FieldMessage;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

// The team key that seals company secrets in a shared database: set it up on a new team database
// (its recovery phrase is shown once, to hand to colleagues), or enter the phrase a colleague
// gave you.
class TeamKeyDialog : public QDialog
{
    Q_OBJECT
public:
    TeamKeyDialog(CoreBridge &core, TeamKeyService::State state, QWidget *parent = nullptr);
    QLineEdit *phraseField() const { return m_phrase; }
    QString shownPhrase() const;

private:
    void setUp();
    void enter();
    void showPhrase(const QString &phrase, const QString &intro);

    CoreBridge &m_core;
    QStackedWidget *m_pages;
    QLineEdit *m_phrase;
    FieldMessage *m_phraseMessage;
    QPushButton *m_enter;
    QLabel *m_shownIntro;
    QLineEdit *m_shown;
};
