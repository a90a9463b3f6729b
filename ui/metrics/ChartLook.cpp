// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartLook.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QLegend>

QChartView *ChartLook::view(QChart *chart, QWidget *parent, int minimumHeight)
{
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(4);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(minimumHeight);
    follow(chart, parent->palette());
    return view;
}

void ChartLook::follow(QChart *chart, const QPalette &palette)
{
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setTitleBrush(palette.color(QPalette::WindowText));
    chart->legend()->setLabelColor(palette.color(QPalette::WindowText));
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(palette.color(QPalette::WindowText));
        axis->setGridLineColor(palette.color(QPalette::Mid));
        axis->setLinePenColor(palette.color(QPalette::Mid));
    }
}

void ChartLook::followAll(QWidget *root)
{
    const QList<QChartView *> views = root->findChildren<QChartView *>();
    for (QChartView *view : views)
        follow(view->chart(), root->palette()); // the children may not have the new one yet
}
