// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CallSettings.h"

#include <QWidget>

class QPushButton;
class QTableWidget;

// The ordered inactivity messages of an agent: after how many seconds of silence, what the agent
// says, and whether it ends the call then. Rows move up and down; the order is the order spoken.
class InactivityMessagesTable : public QWidget
{
    Q_OBJECT
public:
    explicit InactivityMessagesTable(QWidget *parent = nullptr);

    QList<InactivityMessage> messages() const;
    void setMessages(const QList<InactivityMessage> &messages);
    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }

Q_SIGNALS:
    void changed();

private:
    void addRow(const InactivityMessage &message);
    void moveCurrent(int by);
    void updateButtons();

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    bool m_loading = false;
};
