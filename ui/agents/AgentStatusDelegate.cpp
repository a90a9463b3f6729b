// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentStatusDelegate.h"

#include "ModelRoles.h"

#include <QApplication>
#include <QPainter>

using namespace Qt::StringLiterals;

QColor StatusPillDelegate::colorFor(const QString &status)
{
    if (status == u"active"_s || status == u"completed"_s)
        return QColor(0x2e, 0x7d, 0x32);
    if (status == u"error"_s || status == u"failed"_s)
        return QColor(0xc6, 0x28, 0x28);
    if (status == u"busy"_s)
        return QColor(0xb2, 0x6a, 0x00);
    if (status == u"no-answer"_s)
        return QColor(0x8d, 0x5b, 0x3f);
    if (status == u"canceled"_s)
        return QColor(0x75, 0x75, 0x75);
    if (status == u"creating"_s || status == u"initiated"_s || status == u"ringing"_s)
        return QColor(0x15, 0x65, 0xc0);
    if (status == u"in-progress"_s)
        return QColor(0x6a, 0x1b, 0x9a);
    return QColor(0x61, 0x61, 0x61);
}

void StatusPillDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    const QString status = index.data(ModelRoles::StatusRole).toString();
    background.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &background, painter,
                                       background.widget);
    if (status.isEmpty())
        return;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFontMetrics metrics(option.font);
    const int width = metrics.horizontalAdvance(status) + 14;
    const int height = std::min(option.rect.height() - 4, metrics.height() + 4);
    const QRect pill(option.rect.left() + 6, option.rect.center().y() - height / 2, width, height);
    const QColor color = colorFor(status);
    QColor fill = color;
    fill.setAlpha(40);
    painter->setPen(QPen(color, 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setPen(option.state & QStyle::State_Selected
                        ? option.palette.color(QPalette::HighlightedText)
                        : color);
    painter->drawText(pill, Qt::AlignCenter, status);
    painter->restore();
}

QSize StatusPillDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(
        std::max(size.width(), QFontMetrics(option.font).horizontalAdvance(u"in-progress"_s) + 30));
    return size;
}
