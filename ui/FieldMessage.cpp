// SPDX-License-Identifier: GPL-3.0-or-later
#include "FieldMessage.h"

#include <QPalette>

FieldMessage::FieldMessage(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    QPalette warning = palette();
    // A red that reads on light and dark palettes alike.
    warning.setColor(QPalette::WindowText, QColor(0xd3, 0x2f, 0x2f));
    setPalette(warning);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    setFont(small);
    setVisible(false);
}

void FieldMessage::setProblem(const QString &problem)
{
    setText(problem);
    setVisible(!problem.isEmpty());
    setAccessibleDescription(problem);
}
