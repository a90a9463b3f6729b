// SPDX-License-Identifier: GPL-3.0-or-later
#include "Theme.h"

#include "ChartLook.h"

#include <QApplication>
#include <QChartView>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Theme {
namespace {
const char *RoleProperty = "switchboardTextRole";

struct Saved
{
    bool taken = false;
    QString style;
    QPalette palette;
};

Saved &desktop()
{
    static Saved saved;
    if (!saved.taken && qApp) {
        saved.taken = true;
        saved.style = QApplication::style()->name();
        saved.palette = QGuiApplication::palette();
    }
    return saved;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x35, 0x35, 0x35);
    const QColor base(0x2a, 0x2a, 0x2a);
    const QColor text(0xf0, 0xf0, 0xf0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x32, 0x32, 0x32));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x6f, 0xb8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0xa8, 0xa8, 0xa8));
    p.setColor(QPalette::Light, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x45, 0x45, 0x45));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2a, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x20, 0x20, 0x20));
    p.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

double channel(double value)
{
    return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &color)
{
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) +
           0.0722 * channel(color.blueF());
}
} // namespace

QString toString(Mode mode)
{
    switch (mode) {
    case Mode::Light:
        return u"light"_s;
    case Mode::Dark:
        return u"dark"_s;
    case Mode::System:
        break;
    }
    return u"system"_s;
}

Mode modeFromString(const QString &text)
{
    if (text == u"light"_s)
        return Mode::Light;
    if (text == u"dark"_s)
        return Mode::Dark;
    return Mode::System;
}

QPalette palette(Mode mode)
{
    switch (mode) {
    case Mode::Light: {
        const std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
        return fusion->standardPalette();
    }
    case Mode::Dark:
        return darkPalette();
    case Mode::System:
        break;
    }
    return desktop().palette;
}

void apply(Mode mode)
{
    const Saved &saved = desktop();
    QApplication::setStyle(mode == Mode::System ? saved.style : u"Fusion"_s);
    QApplication::setPalette(palette(mode));
    refresh();
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor color(Role role, const QPalette &palette)
{
    // Light: Material 800-900 tones; dark: 100-200 tones (checked in tst_gui_forms).
    const bool dark = isDark(palette);
    switch (role) {
    case Role::Success:
        return dark ? QColor(0xa5, 0xd6, 0xa7) : QColor(0x1b, 0x5e, 0x20);
    case Role::Error:
        return dark ? QColor(0xff, 0xb4, 0xab) : QColor(0xa3, 0x15, 0x15);
    case Role::Warning:
        return dark ? QColor(0xff, 0xcc, 0x80) : QColor(0x8a, 0x4b, 0x00);
    case Role::Info:
        return dark ? QColor(0xa8, 0xd4, 0xfb) : QColor(0x0d, 0x47, 0xa1);
    case Role::Active:
        return dark ? QColor(0xe1, 0xbe, 0xe7) : QColor(0x6a, 0x1b, 0x9a);
    case Role::Muted:
        return dark ? QColor(0xd7, 0xc0, 0xb4) : QColor(0x6d, 0x4c, 0x41);
    case Role::Neutral:
        return dark ? QColor(0xc8, 0xc8, 0xc8) : QColor(0x55, 0x55, 0x55);
    case Role::Hint:
        return dark ? QColor(0xc0, 0xc0, 0xc0) : QColor(0x55, 0x55, 0x55);
    }
    return palette.color(QPalette::WindowText);
}

QColor color(Role role)
{
    return color(role, QGuiApplication::palette());
}

QColor statusColor(const QString &status, const QPalette &palette)
{
    if (status == u"active"_s || status == u"completed"_s)
        return color(Role::Success, palette);
    if (status == u"error"_s || status == u"failed"_s)
        return color(Role::Error, palette);
    if (status == u"busy"_s)
        return color(Role::Warning, palette);
    if (status == u"no-answer"_s)
        return color(Role::Muted, palette);
    if (status == u"creating"_s || status == u"initiated"_s || status == u"ringing"_s ||
        status == u"queued"_s)
        return color(Role::Info, palette);
    if (status == u"in-progress"_s)
        return color(Role::Active, palette);
    return color(Role::Neutral, palette);
}

QColor statusColor(const QString &status)
{
    return statusColor(status, QGuiApplication::palette());
}

QStringList coloredStatuses()
{
    return {u"active"_s,    u"completed"_s, u"error"_s,    u"failed"_s,
            u"busy"_s,      u"no-answer"_s, u"canceled"_s, u"creating"_s,
            u"initiated"_s, u"ringing"_s,   u"queued"_s,   u"in-progress"_s};
}

double contrastRatio(const QColor &a, const QColor &b)
{
    double la = luminance(a);
    double lb = luminance(b);
    if (la < lb)
        std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

void setTextRole(QWidget *widget, Role role)
{
    widget->setProperty(RoleProperty, int(role));
    QPalette own = widget->palette();
    own.setColor(QPalette::WindowText, color(role, QGuiApplication::palette()));
    own.setColor(QPalette::Text, color(role, QGuiApplication::palette()));
    widget->setPalette(own);
}

void refresh()
{
    for (QWidget *widget : QApplication::allWidgets()) {
        const QVariant role = widget->property(RoleProperty);
        if (role.isValid())
            setTextRole(widget, Role(role.toInt()));
        else if (auto *chart = qobject_cast<QChartView *>(widget))
            ChartLook::follow(chart->chart(), QGuiApplication::palette());
    }
}
} // namespace Theme
