// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallsPane.h"

#include "AgentStatusDelegate.h"
#include "CallDetails.h"
#include "CallExport.h"
#include "CallFilterBar.h"
#include "CallLogModel.h"
#include "CoreBridge.h"
#include "Icons.h"
#include "TableColumns.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

CallsPane::CallsPane(CoreBridge &core, QAbstractItemModel *agents, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_model(new CallLogModel(core.store(), this))
    , m_filters(new CallFilterBar(core, agents, this))
    , m_deleteTest(new QPushButton(tr("Delete test call"), this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_details(new CallDetails(core, this))
{
    auto *exportButton = new QPushButton(Icons::get(u"export"_s), tr("&Export…"), this);
    exportButton->setToolTip(tr("Save the calls shown to a CSV or JSON file"));
    m_filters->addTrailingWidget(exportButton);

    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(CallLogModel::Status, new StatusPillDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    // Fixed row heights let the view skip measuring a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    // What a glance needs comes first, so that a narrow window still shows how each call went.
    const int time = m_table->fontMetrics().horizontalAdvance(u"2026-12-31 23:59:59"_s) + 16;
    TableColumns::setUp(m_table, u"calls"_s,
                        {{CallLogModel::Time, time},
                         {CallLogModel::Number, 120},
                         {CallLogModel::Status, 100},
                         {CallLogModel::Duration, 70},
                         {CallLogModel::Agent, 150},
                         {CallLogModel::EndReason, 160}},
                        {CallLogModel::Time});
    m_table->setAlternatingRowColors(true);
    m_table->setAccessibleName(tr("Calls"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_table, 1);
    auto *below = new QHBoxLayout;
    below->addWidget(m_count, 1);
    below->addWidget(m_deleteTest);
    leftLayout->addLayout(below);
    m_count->setObjectName(u"callCount"_s);
    m_deleteTest->setEnabled(false);
    m_deleteTest->setToolTip(tr("Test calls from the test console can be deleted; phone calls "
                                "stay in the log"));
    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(u"callsSplitter"_s);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filters);
    layout->addWidget(m_splitter, 1);

    connect(m_filters, &CallFilterBar::changed, this, &CallsPane::applyFilter);
    connect(m_deleteTest, &QPushButton::clicked, this, [this] {
        const std::optional<CallRecord> call = m_model->callAt(m_table->currentIndex().row());
        if (!call || !call->test)
            return;
        m_deleteTest->setEnabled(false);
        m_core.removeTestCall(
            call->id, replyTo(this, [this](const std::optional<AppError> &error) {
                if (error)
                    Q_EMIT message(tr("Could not delete the test call: %1").arg(error->message()));
            }));
    });
    connect(&m_core, &CoreBridge::callRemoved, this, [this] {
        m_model->callRemoved();
        m_details->show(std::nullopt);
    });
    connect(exportButton, &QPushButton::clicked, this, &CallsPane::exportFiltered);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const std::optional<CallRecord> call = m_model->callAt(current.row());
                m_details->show(call);
                m_deleteTest->setEnabled(call && call->test);
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &CallsPane::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &CallsPane::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &CallsPane::updateCount);
    connect(&m_core, &CoreBridge::callChanged, this, [this](const CallRecord &call) {
        m_model->callChanged(call);
        m_details->callChanged(call);
    });
    connect(m_details, &CallDetails::callAgainRequested, this, &CallsPane::callAgainRequested);
    applyFilter();
}

CallFilter CallsPane::currentFilter() const
{
    return m_filters->filter();
}

QComboBox *CallsPane::kindFilter() const
{
    return m_filters->kindFilter();
}

QComboBox *CallsPane::campaignFilter() const
{
    return m_filters->campaignFilter();
}

QComboBox *CallsPane::agentFilter() const
{
    return m_filters->agentFilter();
}

QPushButton *CallsPane::resetFiltersButton() const
{
    return m_filters->resetButton();
}

void CallsPane::applyFilter()
{
    const QString shown = m_details->shownCallId();
    m_model->setFilter(currentFilter());
    if (!shown.isEmpty())
        showCall(shown);
    updateCount();
}

void CallsPane::reload()
{
    applyFilter();
}

void CallsPane::setCampaignFilter(const QString &campaignId)
{
    m_filters->setCampaign(campaignId);
}

void CallsPane::updateCount()
{
    const int shown = m_model->rowCount();
    // When a filter hides calls, the count says so, beside the button that shows them all.
    m_count->setText(m_filters->isFiltering() ? tr("%n call(s) match the filters", nullptr, shown)
                                              : tr("%n call(s)", nullptr, shown));
}

void CallsPane::openCall(const QString &callId)
{
    // A call the filters hide is shown with every filter reset, so it is in the list too.
    try {
        const std::optional<CallRecord> call = CallRepository(m_core.store()).find(callId);
        if (call && !callMatchesFilter(currentFilter(), *call))
            m_filters->reset();
    } catch (const AppError &) {
    }
    m_model->callAt(0); // reads the newest page, where a call just made is
    showCall(callId);
    m_table->scrollTo(m_table->currentIndex());
}

void CallsPane::showCall(const QString &callId)
{
    const int row = m_model->rowOfLoaded(callId);
    if (row >= 0) {
        m_table->setCurrentIndex(m_model->index(row, 0));
        return;
    }
    try {
        m_details->show(CallRepository(m_core.store()).find(callId));
    } catch (const AppError &) {
    }
}

void CallsPane::focusSearch()
{
    m_filters->focusSearch();
}

qint64 CallsPane::exportTo(const QString &path)
{
    const auto format = path.endsWith(u".json"_s, Qt::CaseInsensitive) ? CallExport::Format::Json
                                                                       : CallExport::Format::Csv;
    return CallExport::write(m_core.store(), currentFilter(), format, path);
}

void CallsPane::exportFiltered()
{
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                              u"/calls-%1.csv"_s.arg(QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export calls"), suggested,
                                                      tr("CSV (*.csv);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    try {
        const qint64 written = exportTo(path);
        Q_EMIT message(tr("Exported %n call(s) to %1", nullptr, int(written)).arg(path));
    } catch (const AppError &error) {
        Q_EMIT message(error.message(), 0);
    }
}

void CallsPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    keepGlanceColumnsInView();
}

// The splitter shares a narrowing between the log and the details; left alone, a window made
// smaller (1280 wide to 1024) scrolls the log's Duration out of view while the details keep room
// to spare. The details give way first, down to their own minimum.
void CallsPane::keepGlanceColumnsInView()
{
    const QList<int> sizes = m_splitter->sizes();
    if (sizes.size() != 2)
        return;
    const QHeaderView *header = m_table->horizontalHeader();
    int wanted = 2 * m_table->frameWidth() + m_table->verticalScrollBar()->sizeHint().width();
    for (int column :
         {CallLogModel::Time, CallLogModel::Number, CallLogModel::Status, CallLogModel::Duration}) {
        if (!header->isSectionHidden(column))
            wanted += header->sectionSize(column);
    }
    const int missing = wanted - m_table->width();
    const int spare = sizes.at(1) - m_details->minimumSizeHint().width();
    const int moved = std::min(missing, spare);
    if (moved > 0)
        m_splitter->setSizes({sizes.at(0) + moved, sizes.at(1) - moved});
}
