// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignsPane.h"

#include "CampaignForm.h"
#include "CampaignListModel.h"
#include "CampaignView.h"
#include "CoreBridge.h"
#include "DoNotCallDialog.h"
#include "EmptyState.h"
#include "Icons.h"
#include "RecipientImportDialog.h"
#include "TableColumns.h"

#include <QHeaderView>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

CampaignsPane::CampaignsPane(CoreBridge &core, QAbstractItemModel *agents,
                             const QString &defaultRegion, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_agents(agents)
    , m_region(defaultRegion)
    , m_model(new CampaignListModel(core.store(), this))
    , m_list(new QTableView(this))
    , m_view(new CampaignView(core, this))
{
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->verticalHeader()->setVisible(false);
    TableColumns::setUp(m_list, u"campaigns"_s,
                        {{CampaignListModel::Name, 150},
                         {CampaignListModel::Status, 75},
                         {CampaignListModel::Progress, 90},
                         {CampaignListModel::Agent, 140}},
                        {CampaignListModel::Name});
    m_list->setAccessibleName(tr("Campaigns"));
    auto *add = new QPushButton(Icons::get(u"add"_s), tr("New campaign"), this);
    auto *doNotCall = new QPushButton(tr("Do-not-call list…"), this);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    // An empty list says what a campaign is and how to start one.
    auto *empty = new EmptyState(
        m_list, m_model,
        tr("No campaigns yet. A campaign calls a list of numbers with one agent, at the pace and "
           "in the hours you set, and calls again the ones that were busy or did not answer."),
        tr("New campaign"), left);
    connect(empty, &EmptyState::actionRequested, this, [this] { newCampaign(); });
    leftLayout->addWidget(empty, 1);
    leftLayout->addWidget(add);
    leftLayout->addWidget(doNotCall);
    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"campaignsSplitter"_s);
    splitter->addWidget(left);
    splitter->addWidget(m_view);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({460, 820});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(add, &QPushButton::clicked, this, &CampaignsPane::newCampaign);
    connect(doNotCall, &QPushButton::clicked, this, &CampaignsPane::openDoNotCall);
    connect(
        m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { m_view->show(m_model->campaignAt(current.row())); });
    connect(m_view, &CampaignView::editRequested, this, &CampaignsPane::editCampaign);
    connect(m_view, &CampaignView::importRequested, this, &CampaignsPane::importRecipients);
    connect(m_view, &CampaignView::showCallsRequested, this, &CampaignsPane::showCallsRequested);
    connect(m_view, &CampaignView::message, this, &CampaignsPane::message);
    connect(&m_core, &CoreBridge::campaignChanged, this,
            [this](const Campaign &campaign) { m_model->upsert(campaign); });
    connect(&m_core, &CoreBridge::campaignRemoved, this, [this](const QString &id) {
        if (m_view->campaign() && m_view->campaign()->id == id)
            m_view->show(std::nullopt);
        m_model->remove(id);
    });
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(500);
    connect(&m_countsTimer, &QTimer::timeout, this, [this] {
        try {
            for (const QString &id : std::as_const(m_moved))
                m_model->refreshCounts(id);
        } catch (const AppError &error) {
            Q_EMIT message(error.message(), 0);
        }
        m_moved.clear();
    });
    connect(&m_core, &CoreBridge::campaignProgress, this, [this](const QString &id) {
        m_moved.insert(id);
        if (!m_countsTimer.isActive())
            m_countsTimer.start();
    });
    connect(&m_core, &CoreBridge::agentChanged, this, [this] { m_list->viewport()->update(); });
    m_syncTimer.setInterval(5000);
    connect(&m_syncTimer, &QTimer::timeout, this, &CampaignsPane::sync);
    reload();
}

void CampaignsPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_syncTimer.start();
}

void CampaignsPane::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_syncTimer.stop();
}

void CampaignsPane::sync()
{
    try {
        m_model->sync();
    } catch (const AppError &error) {
        Q_EMIT message(error.message(), 0);
        return;
    }
    // The campaign shown changed elsewhere (another team member paused it, say).
    const std::optional<Campaign> shown = m_view->campaign();
    if (!shown)
        return;
    const std::optional<Campaign> now = m_model->campaignAt(m_model->rowOf(shown->id));
    if (!now)
        m_view->show(std::nullopt);
    else if (now->version != shown->version)
        m_view->refresh();
}

void CampaignsPane::reload()
{
    const QString shown = m_view->campaign() ? m_view->campaign()->id : QString();
    try {
        m_model->reload();
    } catch (const AppError &error) {
        Q_EMIT message(error.message(), 0);
    }
    if (!shown.isEmpty())
        select(shown);
    else if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(0, 0));
}

void CampaignsPane::select(const QString &campaignId)
{
    const int row = m_model->rowOf(campaignId);
    if (row < 0)
        return;
    if (m_list->currentIndex().row() == row)
        m_view->show(m_model->campaignAt(row));
    else
        m_list->setCurrentIndex(m_model->index(row, 0));
}

CampaignForm *CampaignsPane::openForm()
{
    auto *form = new CampaignForm(m_core, m_agents, this);
    form->setAttribute(Qt::WA_DeleteOnClose);
    connect(form, &CampaignForm::saved, this, [this](const Campaign &campaign) {
        m_model->upsert(campaign);
        select(campaign.id);
        Q_EMIT message(tr("Campaign \"%1\" saved").arg(campaign.name));
    });
    return form;
}

CampaignForm *CampaignsPane::newCampaign()
{
    CampaignForm *form = openForm();
    form->show();
    return form;
}

CampaignForm *CampaignsPane::editCampaign(const Campaign &campaign)
{
    CampaignForm *form = openForm();
    form->edit(campaign);
    form->show();
    return form;
}

RecipientImportDialog *CampaignsPane::importRecipients(const Campaign &campaign)
{
    const QString id = campaign.id;
    auto *dialog = new RecipientImportDialog(
        tr("Import recipients into %1").arg(campaign.name),
        [](int added) { return tr("%n recipient(s) added.", nullptr, added); }, m_region,
        [this, id](const CoreBridge::ListFile &file, CoreBridge::ImportDone done) {
            m_core.importRecipients(id, file, std::move(done));
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RecipientImportDialog::imported, this, [this, id] {
        m_model->refreshCounts(id);
        if (m_view->campaign() && m_view->campaign()->id == id)
            m_view->refresh();
    });
    dialog->show();
    return dialog;
}

DoNotCallDialog *CampaignsPane::openDoNotCall()
{
    if (!m_doNotCall) {
        m_doNotCall = new DoNotCallDialog(m_core, m_region, this);
        m_doNotCall->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_doNotCall->show();
    m_doNotCall->raise();
    return m_doNotCall;
}
