// SPDX-License-Identifier: GPL-3.0-or-later
#include "InactivityMessagesTable.h"

#include "Validation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
enum Column { After, Message, Then };
} // namespace

InactivityMessagesTable::InactivityMessagesTable(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 3, this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_up(new QPushButton(tr("Up"), this))
    , m_down(new QPushButton(tr("Down"), this))
{
    m_table->setObjectName(u"agentInactivityMessages"_s);
    m_table->setHorizontalHeaderLabels({tr("After"), tr("Message"), tr("Then")});
    m_table->horizontalHeader()->setSectionResizeMode(Message, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setMinimumHeight(110);
    m_table->setMaximumHeight(180);
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        InactivityMessage message;
        message.message = tr("Are you still there?");
        addRow(message);
        m_table->setCurrentCell(m_table->rowCount() - 1, Message);
        Q_EMIT changed();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() < 0)
            return;
        m_table->removeRow(m_table->currentRow());
        updateButtons();
        Q_EMIT changed();
    });
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    connect(m_table, &QTableWidget::currentCellChanged, this,
            &InactivityMessagesTable::updateButtons);
    updateButtons();
}

void InactivityMessagesTable::addRow(const InactivityMessage &message)
{
    const bool wasLoading = std::exchange(m_loading, true);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *after = new QSpinBox(m_table);
    // Out-of-range values from elsewhere show as they are, so the rule's message can name them.
    after->setRange(std::min(0, message.durationSeconds),
                    std::max(Rules::InactivityMaxSeconds, message.durationSeconds));
    after->setSuffix(tr(" s"));
    after->setValue(message.durationSeconds);
    m_table->setCellWidget(row, After, after);
    m_table->setItem(row, Message, new QTableWidgetItem(message.message));
    auto *then = new QComboBox(m_table);
    then->addItem(tr("keep listening"), u"continue"_s);
    then->addItem(tr("hang up unless they speak"), u"hang_up_soft"_s);
    then->addItem(tr("hang up"), u"hang_up_strict"_s);
    then->setCurrentIndex(then->findData(toString(message.endBehavior)));
    m_table->setCellWidget(row, Then, then);
    connect(after, &QSpinBox::valueChanged, this, &InactivityMessagesTable::changed);
    connect(then, &QComboBox::currentIndexChanged, this, &InactivityMessagesTable::changed);
    m_loading = wasLoading;
    updateButtons();
}

QList<InactivityMessage> InactivityMessagesTable::messages() const
{
    QList<InactivityMessage> list;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        InactivityMessage message;
        message.durationSeconds =
            qobject_cast<QSpinBox *>(m_table->cellWidget(row, After))->value();
        message.message =
            m_table->item(row, Message) ? m_table->item(row, Message)->text() : QString();
        const auto *then = qobject_cast<QComboBox *>(m_table->cellWidget(row, Then));
        inactivityEndFromString(then->currentData().toString(), &message.endBehavior);
        list.append(message);
    }
    return list;
}

void InactivityMessagesTable::setMessages(const QList<InactivityMessage> &messages)
{
    m_loading = true;
    m_table->setRowCount(0);
    for (const InactivityMessage &message : messages)
        addRow(message);
    m_loading = false;
    updateButtons();
}

void InactivityMessagesTable::moveCurrent(int by)
{
    const int row = m_table->currentRow();
    const int target = row + by;
    if (row < 0 || target < 0 || target >= m_table->rowCount())
        return;
    QList<InactivityMessage> list = messages();
    list.swapItemsAt(row, target);
    setMessages(list);
    m_table->setCurrentCell(target, Message);
    Q_EMIT changed();
}

void InactivityMessagesTable::updateButtons()
{
    const int row = m_table->currentRow();
    m_add->setEnabled(m_table->rowCount() < Rules::InactivityMessagesMax);
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_table->rowCount());
}
