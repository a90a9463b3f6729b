// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

// A figure at a glance: a title, a big number, and a line of detail under it.
class SummaryCard : public QFrame
{
    Q_OBJECT
public:
    SummaryCard(const QString &title, QWidget *parent = nullptr);
    void setFigures(const QString &value, const QString &detail);
    QString value() const;

private:
    QLabel *m_value;
    QLabel *m_detail;
};
