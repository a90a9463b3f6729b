// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallFilterBar.h"

#include "CallOutcome.h"
#include "CampaignRepository.h"
#include "CoreBridge.h"
#include "Icons.h"
#include "ModelRoles.h"

#include <QCheckBox>
#include <QComboBox>
#include <QConcatenateTablesProxyModel>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// Wide enough to read what was typed and the placeholder, however narrow the window.
void keepReadable(QLineEdit *edit)
{
    const int text = edit->fontMetrics().horizontalAdvance(edit->placeholderText());
    edit->setMinimumWidth(std::max(160, text + 48)); // room for the icon and the clear button
}
} // namespace

CallFilterBar::CallFilterBar(CoreBridge &core, QAbstractItemModel *agents, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_search(new QLineEdit(this))
    , m_agent(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_outcome(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_campaign(new QComboBox(this))
    , m_number(new QLineEdit(this))
    , m_useDates(new QCheckBox(tr("From"), this))
    , m_from(new QDateEdit(QDate::currentDate().addDays(-7), this))
    , m_to(new QDateEdit(QDate::currentDate(), this))
    , m_reset(new QPushButton(Icons::get(u"refresh"_s), tr("&Reset filters"), this))
{
    m_search->setObjectName(u"callSearch"_s);
    m_search->setPlaceholderText(tr("Search calls (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::get(u"search"_s), QLineEdit::LeadingPosition);
    m_search->setAccessibleName(tr("Search calls"));
    keepReadable(m_search);

    // "All agents" first, then the agents in the agents model's (name) order.
    auto *all = new QStandardItemModel(this);
    all->appendRow(new QStandardItem(tr("All agents")));
    auto *choices = new QConcatenateTablesProxyModel(this);
    choices->addSourceModel(all);
    choices->addSourceModel(agents);
    m_agent->setObjectName(u"callAgentFilter"_s);
    m_agent->setAccessibleName(tr("Agent filter"));
    m_agent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_agent->setMinimumContentsLength(16);
    m_agent->setModel(choices);
    m_agent->setCurrentIndex(0);
    connect(choices, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this] { m_agentsChanging = true; });
    connect(choices, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_agentsChanging = true; });
    connect(choices, &QAbstractItemModel::layoutAboutToBeChanged, this,
            [this] { m_agentsChanging = true; });
    for (const auto signal : {&QAbstractItemModel::rowsRemoved, &QAbstractItemModel::rowsInserted})
        connect(choices, signal, this, &CallFilterBar::agentsChanged);
    connect(choices, &QAbstractItemModel::modelReset, this, &CallFilterBar::agentsChanged);
    connect(choices, &QAbstractItemModel::layoutChanged, this, &CallFilterBar::agentsChanged);

    m_status->setObjectName(u"callStatusFilter"_s);
    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("All statuses"));
    for (const CallStatus status : allCallStatuses())
        m_status->addItem(toString(status));
    // One list for how calls turned out; each entry's data is "field=value" of CallFilter.
    m_outcome->setObjectName(u"callOutcomeFilter"_s);
    m_outcome->setAccessibleName(tr("Outcome filter"));
    m_outcome->addItem(tr("All outcomes"), QString());
    for (const QString &by : CallOutcome::answeredByValues())
        m_outcome->addItem(tr("Answered by: %1").arg(by), QString(u"answered_by="_s + by));
    for (const QString &cost : {u"pending"_s, u"reported"_s, u"not_reported"_s})
        m_outcome->addItem(tr("Cost: %1").arg(QString(cost).replace(u'_', u' ')),
                           QString(u"cost_status="_s + cost));
    for (const QString &reason : CallOutcome::endReasonCodes())
        m_outcome->addItem(tr("Ended: %1").arg(CallOutcome::endReasonText(reason)),
                           QString(u"end_reason="_s + reason));
    m_outcome->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_outcome->setMinimumContentsLength(14);
    m_kind->setObjectName(u"callKindFilter"_s);
    m_kind->addItems({tr("All calls"), tr("Phone calls"), tr("Test calls")});
    m_kind->setAccessibleName(tr("Kind of call"));
    m_campaign->setObjectName(u"callCampaignFilter"_s);
    m_campaign->setAccessibleName(tr("Campaign filter"));
    m_campaign->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_campaign->setMinimumContentsLength(14);
    reloadCampaigns();

    m_number->setObjectName(u"callNumberFilter"_s);
    m_number->setPlaceholderText(tr("Number, or +44* for a prefix"));
    m_number->setAccessibleName(tr("Number filter"));
    m_number->setClearButtonEnabled(true);
    keepReadable(m_number);
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    m_reset->setObjectName(u"callResetFilters"_s);
    m_reset->setToolTip(tr("Show every call: clear the search and set every filter to All"));
    m_reset->setEnabled(false);

    // Two rows, so that at 1024 pixels wide nothing is squeezed into an ellipsis.
    auto *firstRow = new QHBoxLayout;
    firstRow->addWidget(m_search, 2);
    firstRow->addWidget(m_agent, 1);
    firstRow->addWidget(m_status);
    firstRow->addWidget(m_outcome, 1);
    firstRow->addWidget(m_kind);
    m_secondRow = new QHBoxLayout;
    m_secondRow->addWidget(m_campaign, 1);
    m_secondRow->addWidget(m_number, 1);
    m_secondRow->addWidget(m_useDates);
    m_secondRow->addWidget(m_from);
    m_secondRow->addWidget(new QLabel(tr("to"), this));
    m_secondRow->addWidget(m_to);
    m_secondRow->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(firstRow);
    layout->addLayout(m_secondRow);

    // Typing in a text filter waits for a pause before asking the store again.
    m_typing.setSingleShot(true);
    m_typing.setInterval(250);
    connect(&m_typing, &QTimer::timeout, this, &CallFilterBar::emitChanged);
    connect(m_search, &QLineEdit::textChanged, &m_typing, qOverload<>(&QTimer::start));
    connect(m_number, &QLineEdit::textChanged, &m_typing, qOverload<>(&QTimer::start));
    connect(m_agent, &QComboBox::currentIndexChanged, this, [this] {
        if (m_agentsChanging)
            return;
        m_agentId = m_agent->currentData(ModelRoles::IdRole).toString();
        emitChanged();
    });
    for (QComboBox *combo : {m_status, m_outcome, m_kind, m_campaign})
        connect(combo, &QComboBox::currentIndexChanged, this, &CallFilterBar::emitChanged);
    connect(m_useDates, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        emitChanged();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &CallFilterBar::emitChanged);
    connect(m_to, &QDateEdit::dateChanged, this, &CallFilterBar::emitChanged);
    connect(m_reset, &QPushButton::clicked, this, &CallFilterBar::reset);
    connect(&m_core, &CoreBridge::campaignChanged, this, &CallFilterBar::reloadCampaigns);
    connect(&m_core, &CoreBridge::campaignRemoved, this, &CallFilterBar::reloadCampaigns);
}

void CallFilterBar::agentsChanged()
{
    // Keep the agent chosen; when it is gone, show all agents' calls again (and say so).
    const QSignalBlocker quiet(m_agent);
    int row = 0;
    for (int i = 1; i < m_agent->count() && !m_agentId.isEmpty(); ++i) {
        if (m_agent->itemData(i, ModelRoles::IdRole).toString() == m_agentId)
            row = i;
    }
    m_agent->setCurrentIndex(row);
    m_agentsChanging = false;
    if (row == 0 && !m_agentId.isEmpty()) {
        m_agentId.clear();
        emitChanged();
    }
}

CallFilter CallFilterBar::filter() const
{
    CallFilter filter;
    filter.agentId = m_agentId;
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

bool CallFilterBar::isFiltering() const
{
    return !m_search->text().trimmed().isEmpty() || !m_agentId.isEmpty() ||
           m_status->currentIndex() > 0 || m_outcome->currentIndex() > 0 ||
           m_kind->currentIndex() > 0 || m_campaign->currentIndex() > 0 ||
           !m_number->text().trimmed().isEmpty() || m_useDates->isChecked();
}

void CallFilterBar::reset()
{
    {
        const QSignalBlocker quietSearch(m_search), quietNumber(m_number), quietAgent(m_agent),
            quietStatus(m_status), quietOutcome(m_outcome), quietKind(m_kind),
            quietCampaign(m_campaign), quietDates(m_useDates);
        m_search->clear();
        m_number->clear();
        m_agent->setCurrentIndex(0);
        m_agentId.clear();
        m_status->setCurrentIndex(0);
        m_outcome->setCurrentIndex(0);
        m_kind->setCurrentIndex(0);
        m_campaign->setCurrentIndex(0);
        m_useDates->setChecked(false);
        m_from->setEnabled(false);
        m_to->setEnabled(false);
    }
    m_typing.stop();
    emitChanged();
}

void CallFilterBar::emitChanged()
{
    m_reset->setEnabled(isFiltering());
    Q_EMIT changed();
}

void CallFilterBar::reloadCampaigns()
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
        emitChanged(); // the campaign shown was deleted
}

void CallFilterBar::setCampaign(const QString &campaignId)
{
    if (m_campaign->findData(campaignId) < 0 && !campaignId.isEmpty())
        reloadCampaigns();
    m_campaign->setCurrentIndex(std::max(m_campaign->findData(campaignId), 0));
}

void CallFilterBar::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void CallFilterBar::addTrailingWidget(QWidget *widget)
{
    m_secondRow->addWidget(widget);
}
