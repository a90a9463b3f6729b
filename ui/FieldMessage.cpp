// SPDX-License-Identifier: GPL-3.0-or-later
#include "FieldMessage.h"

#include "Theme.h"

FieldMessage::FieldMessage(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    setFont(small);
    Theme::setTextRole(this, Theme::Role::Error);
    // The line keeps its room when empty: a message coming or going moves no field below it
    // (nor the button the pointer is on).
    setMinimumHeight(fontMetrics().height());
}

void FieldMessage::setProblem(const QString &problem)
{
    setText(problem);
    setAccessibleDescription(problem);
}
