// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentStatusDelegate.h"

#include "ModelRoles.h"
#include "Theme.h"

#include <QApplication>
#include <QPainter>

using namespace Qt::StringLiterals;

QColor StatusPillDelegate::colorFor(const QString &status)
{
    return Theme::statusColor(status);
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
    const QColor color = Theme::statusColor(status, option.palette);
    QColor fill = color;
    fill.setAlpha(Theme::PillFillAlpha);
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
