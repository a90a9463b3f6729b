// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QToolButton;

// A titled part of a form that folds away: a header with an arrow, and the content under it.
// The header says how many problems the folded content has, so nothing wrong hides.
class FoldingSection : public QWidget
{
    Q_OBJECT
public:
    FoldingSection(const QString &title, QWidget *content, QWidget *parent = nullptr);

    void setExpanded(bool expanded);
    bool isExpanded() const;
    // Shown after the title ("Tools · 1 problem"); empty for none.
    void setProblemCount(int count);
    QWidget *content() const { return m_content; }
    QToolButton *header() const { return m_header; }

Q_SIGNALS:
    void expandedChanged(bool expanded);

private:
    void updateTitle();

    QString m_title;
    int m_problems = 0;
    QToolButton *m_header;
    QWidget *m_content;
};
