// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlaceholderHighlighter.h"

#include <QApplication>
#include <QPalette>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

PlaceholderHighlighter::PlaceholderHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
}

void PlaceholderHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression placeholder(u"\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\}\\}"_s);
    QTextCharFormat format;
    const QPalette palette = QApplication::palette();
    QColor background = palette.color(QPalette::Highlight);
    background.setAlpha(60);
    format.setBackground(background);
    format.setFontWeight(QFont::DemiBold);
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), format);
    }
}
