// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>
#include <QStringList>

class QWidget;

// The window's colours in one place: the light or dark look (or the desktop's), and the colours
// that carry meaning (statuses, errors, hints), each chosen to read at 4.5:1 or better (WCAG AA)
// on the light and the dark palette alike.
namespace Theme {
enum class Mode { System, Light, Dark };
QString toString(Mode mode);
Mode modeFromString(const QString &text);

// Sets the look for the whole application at once: the desktop's style and palette for System,
// Fusion with a light or a dark palette otherwise.
void apply(Mode mode);
QPalette palette(Mode mode); // the palette apply() uses (System: the desktop's)
bool isDark(const QPalette &palette);

enum class Role { Success, Error, Warning, Info, Active, Muted, Neutral, Hint };
QColor color(Role role, const QPalette &palette);
QColor color(Role role); // for the application's palette
// The colour of a call or agent status ("ringing", "completed", "error"...).
QColor statusColor(const QString &status, const QPalette &palette);
QColor statusColor(const QString &status);
QStringList coloredStatuses();
// How much of a pill's fill (0-255) the status colour takes over the background.
constexpr int PillFillAlpha = 32;

// WCAG 2 contrast ratio of two opaque colours, 1 to 21.
double contrastRatio(const QColor &a, const QColor &b);

// Gives a label's text a role colour that follows the theme (helper text: Role::Hint).
void setTextRole(QWidget *widget, Role role);
// Re-applies role colours after a palette change.
void refresh();
} // namespace Theme
