// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

// The line under a form field that says what is wrong with it, as the user types; empty (and
// taking no room) when the field is fine.
class FieldMessage : public QLabel
{
    Q_OBJECT
public:
    explicit FieldMessage(QWidget *parent = nullptr);
    // Shows `problem` (a rule's message, e.g. "must be 1-100 characters") or hides when empty.
    void setProblem(const QString &problem);
    bool hasProblem() const { return !text().isEmpty(); }
};
