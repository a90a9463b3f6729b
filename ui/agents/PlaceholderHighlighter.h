// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSyntaxHighlighter>

// Marks {{placeholders}} in a prompt, the values a call's template context fills in.
class PlaceholderHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit PlaceholderHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};
