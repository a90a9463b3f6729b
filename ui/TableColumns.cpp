// SPDX-License-Identifier: GPL-3.0-or-later
#include "TableColumns.h"

#include "AppSettings.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
const char *const NameProperty = "switchboardColumnsName";
const char *const DefaultsProperty = "switchboardColumnsDefaults";
const char *const KeptProperty = "switchboardColumnsKept";

// The defaults as "section:width" pairs in visual order, kept on the table for Reset columns.
QStringList encode(const QList<TableColumns::Column> &columns)
{
    QStringList pairs;
    for (const TableColumns::Column &column : columns)
        pairs << u"%1:%2"_s.arg(column.section).arg(column.width);
    return pairs;
}

void applyDefaults(QTableView *table)
{
    QHeaderView *header = table->horizontalHeader();
    for (int section = 0; section < header->count(); ++section)
        header->setSectionHidden(section, false);
    const QStringList pairs = table->property(DefaultsProperty).toStringList();
    for (int visual = 0; visual < pairs.size(); ++visual) {
        const int section = pairs.at(visual).section(u':', 0, 0).toInt();
        const int width = pairs.at(visual).section(u':', 1).toInt();
        if (section >= header->count())
            continue;
        header->moveSection(header->visualIndex(section), visual);
        header->resizeSection(section, width);
    }
}

void showMenu(QTableView *table, const QPoint &at)
{
    QHeaderView *header = table->horizontalHeader();
    const QList<int> kept = table->property(KeptProperty).value<QList<int>>();
    QMenu menu(table);
    int visible = 0;
    for (int section = 0; section < header->count(); ++section)
        visible += header->isSectionHidden(section) ? 0 : 1;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int section = header->logicalIndex(visual);
        const QString title =
            table->model()->headerData(section, Qt::Horizontal, Qt::DisplayRole).toString();
        QAction *action = menu.addAction(title.isEmpty() ? QObject::tr("(untitled)") : title);
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(section));
        // The columns that say what a row is, and the last one shown, stay.
        action->setEnabled(!kept.contains(section) &&
                           (header->isSectionHidden(section) || visible > 1));
        QObject::connect(action, &QAction::toggled, header,
                         [header, section](bool on) { header->setSectionHidden(section, !on); });
    }
    menu.addSeparator();
    QAction *reset = menu.addAction(QObject::tr("Reset columns"));
    QObject::connect(reset, &QAction::triggered, table,
                     [table] { TableColumns::resetToDefaults(table); });
    menu.exec(header->mapToGlobal(at));
}
} // namespace

void TableColumns::setUp(QTableView *table, const QString &name, const QList<Column> &columns,
                         const QList<int> &kept)
{
    table->setProperty(NameProperty, name);
    table->setProperty(DefaultsProperty, encode(columns));
    table->setProperty(KeptProperty, QVariant::fromValue(kept));
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionsMovable(true);
    header->setMinimumSectionSize(40);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setToolTip(QObject::tr("Drag to resize or reorder; right-click to hide or show "
                                   "columns"));
    QObject::connect(header, &QHeaderView::customContextMenuRequested, table,
                     [table](const QPoint &at) { showMenu(table, at); });
    applyDefaults(table);
}

void TableColumns::resetToDefaults(QTableView *table)
{
    applyDefaults(table);
}

void TableColumns::restoreAndRemember(QWidget *root, AppSettings &settings)
{
    for (QTableView *table : root->findChildren<QTableView *>()) {
        const QString name = table->property(NameProperty).toString();
        if (name.isEmpty())
            continue;
        QHeaderView *header = table->horizontalHeader();
        const QByteArray saved = settings.headerState(name);
        // A state saved for another number of columns (an older version) is not applied.
        if (!saved.isEmpty() && !header->restoreState(saved))
            applyDefaults(table);
        auto *later = new QTimer(header);
        later->setSingleShot(true);
        later->setInterval(300);
        QObject::connect(later, &QTimer::timeout, header, [header, name, &settings] {
            settings.setHeaderState(name, header->saveState());
        });
        const auto remember = [later] { later->start(); };
        QObject::connect(header, &QHeaderView::sectionResized, later, remember);
        QObject::connect(header, &QHeaderView::sectionMoved, later, remember);
        // Hiding a section resizes it to 0, which sectionResized reports.
    }
}
