// SPDX-License-Identifier: GPL-3.0-or-later
#include "VariablesTable.h"

#include "Icons.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

VariablesTable::VariablesTable(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(0, 160);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMinimumHeight(110);
    m_table->setAccessibleName(tr("Variables"));

    auto *add = new QToolButton(this);
    add->setIcon(Icons::get(u"add"_s));
    add->setToolTip(tr("Add a variable"));
    auto *remove = new QToolButton(this);
    remove->setIcon(Icons::get(u"remove"_s));
    remove->setToolTip(tr("Remove the selected variable"));

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(add, &QToolButton::clicked, this, [this] {
        addRow();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
        Q_EMIT changed();
    });
    connect(remove, &QToolButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_table->removeRow(row);
        Q_EMIT changed();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
}

void VariablesTable::addRow(const QString &key, const QString &value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
}

QList<QPair<QString, QString>> VariablesTable::pairs() const
{
    QList<QPair<QString, QString>> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString key =
            m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString value = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        if (key.isEmpty() && value.isEmpty())
            continue; // a row just added and not filled in yet
        result.append({key, value});
    }
    return result;
}

void VariablesTable::setPairs(const QList<QPair<QString, QString>> &pairs)
{
    m_loading = true;
    m_table->setRowCount(0);
    for (const auto &[key, value] : pairs)
        addRow(key, value);
    m_loading = false;
}

void VariablesTable::markBadKeys(const QStringList &badKeys)
{
    m_loading = true;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *item = m_table->item(row, 0);
        if (!item)
            continue;
        const bool bad = badKeys.contains(item->text().trimmed());
        item->setForeground(bad ? QBrush(Theme::color(Theme::Role::Error)) : QBrush());
    }
    m_loading = false;
}

void VariablesTable::setKeyPlaceholder(const QString &text)
{
    m_table->setToolTip(text);
}
