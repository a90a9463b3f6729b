// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QChart;
class QChartView;
class QPalette;
class QWidget;

// One look for every chart of the metrics: no animation, the legend below, and the colours of
// the window's palette, light or dark, also after the look changes while the window is open.
namespace ChartLook {
QChartView *view(QChart *chart, QWidget *parent, int minimumHeight);
// The palette's colours on the chart, its title, legend and axes (axes added later need it again).
void follow(QChart *chart, const QPalette &palette);
// follow() for every chart under `root`: call it on QEvent::PaletteChange (the desktop's look
// changed). Theme::apply() follows every chart itself.
void followAll(QWidget *root);
} // namespace ChartLook
