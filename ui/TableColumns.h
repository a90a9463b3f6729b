// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

class AppSettings;
class QTableView;
class QWidget;

// Every table of the window gets the same columns behaviour: the operator resizes them, hides and
// shows them from the header's context menu, and the window remembers that across restarts.
namespace TableColumns {
struct Column
{
    int section;
    int width; // the default width
};

// Names the table (the key it is remembered under), gives the columns their default widths and
// visual order (the order of `columns`; the rest follow), and puts Hide/Show on the header's
// context menu. `kept` columns cannot be hidden: they say what a row is.
void setUp(QTableView *table, const QString &name, const QList<Column> &columns,
           const QList<int> &kept = {});

// Restores every set-up table under `root` as the settings remember it, and remembers each
// change from then on (a moment after it, so that dragging a column writes once).
void restoreAndRemember(QWidget *root, AppSettings &settings);

// Back to the defaults given to setUp (the header menu's "Reset columns").
void resetToDefaults(QTableView *table);
} // namespace TableColumns
