// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStackedWidget>

class QAbstractItemModel;
class QLabel;
class QPushButton;

// A list that says what to do when it has nothing in it: while `model` has no rows, a sentence
// and a button to the next step stand where `view` would be; the view comes back with the
// first row.
class EmptyState : public QStackedWidget
{
    Q_OBJECT
public:
    EmptyState(QWidget *view, QAbstractItemModel *model, const QString &text, const QString &action,
               QWidget *parent = nullptr);

    bool isShowingEmpty() const;
    QLabel *textLabel() const { return m_text; }
    QPushButton *actionButton() const { return m_action; }

Q_SIGNALS:
    void actionRequested();

private:
    void update();

    QWidget *m_view;
    QAbstractItemModel *m_model;
    QWidget *m_empty;
    QLabel *m_text;
    QPushButton *m_action;
};
