// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallsPane.h"

#include "AgentStatusDelegate.h"
#include "CallDetails.h"
#include "CallExport.h"
#include "CallLogModel.h"
#include "CallOutcome.h"
#include "CampaignRepository.h"
#include "CoreBridge.h"
#include "Icons.h"
#include "ModelRoles.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

CallsPane::CallsPane(CoreBridge &core, QAbstractItemModel *agents, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_model(new CallLogModel(core.store(), this))
    , m_agent(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_campaign(new QComboBox(this))
    , m_deleteTest(new QPushButton(tr("Delete test call"), this))
    , m_number(new QLineEdit(this))
    , m_useDates(new QCheckBox(tr("From"), this))
    , m_from(new QDateEdit(QDate::currentDate().addDays(-7), this))
    , m_to(new QDateEdit(QDate::currentDate(), this))
    , m_search(new QLineEdit(this))
    , m_outcome(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_details(new CallDetails(core, this))
{
    // The agents model is in name order already. Sized by a typical name, not by measuring
    // every agent's.
    m_agent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_agent->setMinimumContentsLength(18);
    m_agent->setModel(agents);
    m_agent->setEditable(true);
    m_agent->setInsertPolicy(QComboBox::NoInsert);
    m_agent->lineEdit()->setPlaceholderText(tr("All agents"));
    m_agent->setCurrentIndex(-1);
    m_agent->setAccessibleName(tr("Agent filter"));
    m_status->addItem(tr("All statuses"));
    for (const CallStatus status : allCallStatuses())
        m_status->addItem(toString(status));
    // One list for how calls turned out; each entry's data is "field=value" of CallFilter.
    m_outcome->setObjectName(u"callOutcomeFilter"_s);
    m_outcome->setAccessibleName(tr("Outcome filter"));
    m_outcome->addItem(tr("Any outcome"), QString());
    for (const QString &by : CallOutcome::answeredByValues())
        m_outcome->addItem(tr("Answered by: %1").arg(by), QString(u"answered_by="_s + by));
    for (const QString &cost : {u"pending"_s, u"reported"_s, u"not_reported"_s})
        m_outcome->addItem(tr("Cost: %1").arg(QString(cost).replace(u'_', u' ')),
                           QString(u"cost_status="_s + cost));
    for (const QString &reason : CallOutcome::endReasonCodes())
        m_outcome->addItem(tr("Ended: %1").arg(CallOutcome::endReasonText(reason)),
                           QString(u"end_reason="_s + reason));
    m_number->setPlaceholderText(tr("Number, or +44* for a prefix"));
    m_number->setClearButtonEnabled(true);
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    m_search->setObjectName(u"callSearch"_s);
    m_number->setObjectName(u"callNumberFilter"_s);
    m_search->setPlaceholderText(tr("Search calls (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::get(u"search"_s), QLineEdit::LeadingPosition);
    m_search->setAccessibleName(tr("Search calls"));
    auto *exportButton = new QPushButton(Icons::get(u"export"_s), tr("&Export…"), this);
    exportButton->setToolTip(tr("Save the calls shown to a CSV or JSON file"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(m_agent, 1);
    filters->addWidget(m_status);
    filters->addWidget(m_outcome);
    filters->addWidget(m_kind);
    filters->addWidget(m_campaign);
    filters->addWidget(m_number, 1);
    filters->addWidget(m_useDates);
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_to);
    filters->addWidget(exportButton);

    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(CallLogModel::Status, new StatusPillDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    // Fixed row heights let the view skip measuring a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(CallLogModel::Time, 160);
    m_table->horizontalHeader()->resizeSection(CallLogModel::Agent, 170);
    m_table->horizontalHeader()->resizeSection(CallLogModel::Number, 140);
    m_table->horizontalHeader()->resizeSection(CallLogModel::Status, 110);
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
    m_kind->addItems({tr("All calls"), tr("Phone calls"), tr("Test calls")});
    m_kind->setAccessibleName(tr("Kind of call"));
    m_deleteTest->setEnabled(false);
    m_deleteTest->setToolTip(tr("Test calls from the test console can be deleted; phone calls "
                                "stay in the log"));
    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"callsSplitter"_s);
    splitter->addWidget(left);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    // Typing in a text filter waits for a pause before asking the store again.
    m_typing.setSingleShot(true);
    m_typing.setInterval(250);
    connect(&m_typing, &QTimer::timeout, this, &CallsPane::applyFilter);
    connect(m_search, &QLineEdit::textChanged, &m_typing, qOverload<>(&QTimer::start));
    connect(m_number, &QLineEdit::textChanged, &m_typing, qOverload<>(&QTimer::start));
    connect(m_agent, &QComboBox::currentIndexChanged, this, &CallsPane::applyFilter);
    connect(m_agent->lineEdit(), &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            applyFilter();
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, &CallsPane::applyFilter);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &CallsPane::applyFilter);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &CallsPane::applyFilter);
    m_campaign->setObjectName(u"callCampaignFilter"_s);
    m_campaign->setAccessibleName(tr("Campaign filter"));
    m_campaign->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_campaign->setMinimumContentsLength(14);
    reloadCampaigns();
    connect(m_campaign, &QComboBox::currentIndexChanged, this, &CallsPane::applyFilter);
    connect(&m_core, &CoreBridge::campaignChanged, this, &CallsPane::reloadCampaigns);
    connect(&m_core, &CoreBridge::campaignRemoved, this, &CallsPane::reloadCampaigns);
    connect(m_deleteTest, &QPushButton::clicked, this, [this] {
        const std::optional<CallRecord> call = m_model->callAt(m_table->currentIndex().row());
        if (!call || !call->test)
            return;
        m_deleteTest->setEnabled(false);
        m_core.removeTestCall(call->id, [this](const std::optional<AppError> &error) {
            if (error)
                Q_EMIT message(tr("Could not delete the test call: %1").arg(error->message()));
        });
    });
    connect(&m_core, &CoreBridge::callRemoved, this, [this] {
        m_model->callRemoved();
        m_details->show(std::nullopt);
    });
    connect(m_useDates, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilter();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &CallsPane::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &CallsPane::applyFilter);
    connect(exportButton, &QPushButton::clicked, this, &CallsPane::exportFiltered);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const std::optional<CallRecord> call = m_model->callAt(current.row());
                m_details->show(call);
                m_deleteTest->setEnabled(call && call->test);
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &CallsPane::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &CallsPane::updateCount);
    connect(&m_core, &CoreBridge::callChanged, this, [this](const CallRecord &call) {
        m_model->callChanged(call);
        m_details->callChanged(call);
    });
    connect(m_details, &CallDetails::callAgainRequested, this, &CallsPane::callAgainRequested);
    applyFilter();
}

CallFilter CallsPane::currentFilter() const
{
    CallFilter filter;
    const bool agentChosen = m_agent->currentIndex() >= 0 && !m_agent->currentText().isEmpty();
    filter.agentId = agentChosen ? m_agent->currentData(ModelRoles::IdRole).toString() : QString();
    if (m_status->currentIndex() > 0)
        filter.status = allCallStatuses().at(m_status->currentIndex() - 1);
    filter.phoneNumber = m_number->text().trimmed();
    if (m_kind->currentIndex() > 0)
        filter.test = m_kind->currentIndex() == 2;
    filter.campaignId = m_campaign->currentData().toString();
    filter.text = m_search->text().trimmed();
    const QString outcome = m_outcome->currentData().toString();
    const QString field = outcome.section(u'=', 0, 0);
    const QString value = outcome.section(u'=', 1);
    if (field == u"answered_by"_s)
        filter.answeredBy = value;
    else if (field == u"cost_status"_s)
        filter.costStatus = value;
    else if (field == u"end_reason"_s)
        filter.endReason = value;
    if (m_useDates->isChecked()) {
        filter.createdFrom = m_from->date().startOfDay().toMSecsSinceEpoch();
        filter.createdTo = m_to->date().addDays(1).startOfDay().toMSecsSinceEpoch();
    }
    return filter;
}

void CallsPane::applyFilter()
{
    const QString shown = m_details->shownCallId();
    m_model->setFilter(currentFilter());
    if (!shown.isEmpty())
        showCall(shown);
}

void CallsPane::reload()
{
    applyFilter();
}

void CallsPane::reloadCampaigns()
{
    const QString chosen = m_campaign->currentData().toString();
    QList<Campaign> campaigns;
    try {
        campaigns = CampaignRepository(m_core.store()).list();
    } catch (const AppError &) {
    }
    const QSignalBlocker quiet(m_campaign);
    m_campaign->clear();
    m_campaign->addItem(tr("All campaigns"), QString());
    for (const Campaign &campaign : std::as_const(campaigns))
        m_campaign->addItem(campaign.name, campaign.id);
    const int index = m_campaign->findData(chosen);
    m_campaign->setCurrentIndex(std::max(index, 0));
    if (index < 0 && !chosen.isEmpty())
        applyFilter(); // the campaign shown was deleted
}

void CallsPane::setCampaignFilter(const QString &campaignId)
{
    const int index = m_campaign->findData(campaignId);
    if (index < 0 && !campaignId.isEmpty())
        reloadCampaigns();
    m_campaign->setCurrentIndex(std::max(m_campaign->findData(campaignId), 0));
}

void CallsPane::updateCount()
{
    m_count->setText(tr("%n call(s)", nullptr, m_model->rowCount()));
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
    m_search->setFocus();
    m_search->selectAll();
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
