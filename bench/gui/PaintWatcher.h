// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GuiHarness.h"

#include <QEvent>
#include <QWidget>

// Counts paints of a widget, so timings end when the screen shows the result.
class PaintWatcher : public QObject
{
public:
    explicit PaintWatcher(QWidget *widget)
        : m_widget(widget)
    {
        widget->installEventFilter(this);
    }
    int paints() const { return m_paints; }
    // Waits for the next paint after now.
    void waitForPaint(int timeoutMs = 30000)
    {
        const int before = m_paints;
        m_widget->update();
        waitOrExit([&] { return m_paints > before; }, timeoutMs, "a paint");
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++m_paints;
        return false;
    }

private:
    QWidget *m_widget;
    int m_paints = 0;
};
