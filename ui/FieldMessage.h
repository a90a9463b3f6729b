// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

// The line under a form field that says what is wrong with it. Its room is kept when empty, so
// that the form does not move as messages come and go.
class FieldMessage : public QLabel
{
    Q_OBJECT
public:
    explicit FieldMessage(QWidget *parent = nullptr);
    // Shows `problem` (a sentence, e.g. "Name must be 1-100 characters") or nothing when empty.
    void setProblem(const QString &problem);
    bool hasProblem() const { return !text().isEmpty(); }
};
