// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompaniesPane.h"

#include "CompanyEditor.h"
#include "CompanyListModel.h"
#include "CoreBridge.h"
#include "EmptyState.h"
#include "Icons.h"

#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

CompaniesPane::CompaniesPane(CoreBridge &core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_model(new CompanyListModel(this))
    , m_list(new QListView(this))
    , m_editor(new CompanyEditor(core, this))
    , m_empty(new EmptyState(m_list, m_model,
                             tr("No company yet. A company is a customer's own Twilio and "
                                "Ultravox accounts, used by the company call route "
                                "(POST /api/ultravox-calls/initiate-call) instead of the "
                                "default accounts in Settings."),
                             tr("New company"), this))
{
    m_list->setModel(m_model);
    m_list->setAccessibleName(tr("Companies"));
    auto *add = new QPushButton(Icons::get(u"add"_s), tr("New company"), this);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    // What a company is for, where the operator meets it; why there are accounts in two places.
    auto *about = new QLabel(tr("Each company calls with its own Twilio and Ultravox accounts "
                                "through the company call route; agents and the dial dialog use "
                                "the default accounts in Settings."),
                             left);
    about->setObjectName(u"companiesAbout"_s);
    about->setWordWrap(true);
    leftLayout->addWidget(about);
    leftLayout->addWidget(m_empty, 1);
    leftLayout->addWidget(add);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"companiesSplitter"_s);
    splitter->addWidget(left);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(add, &QPushButton::clicked, this, &CompaniesPane::newCompany);
    connect(m_empty, &EmptyState::actionRequested, this, &CompaniesPane::newCompany);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) {
                if (!index.isValid())
                    return;
                const Company company = m_model->companyAt(index.row());
                m_editor->edit(company);
                Q_EMIT companyShown(company.id);
            });
    connect(m_editor, &CompanyEditor::message, this, &CompaniesPane::message);
    connect(m_editor, &CompanyEditor::saved, this, [this](const Company &company) {
        m_model->upsert(company);
        m_list->setCurrentIndex(m_model->index(m_model->rowOf(company.id)));
    });
    connect(&m_core, &CoreBridge::companyChanged, this,
            [this](const Company &company) { m_model->upsert(company); });
    connect(&m_core, &CoreBridge::companyRemoved, this, [this](qint64 id) { m_model->remove(id); });
    reload();
}

void CompaniesPane::newCompany()
{
    m_list->clearSelection();
    m_editor->editNew();
}

void CompaniesPane::reload()
{
    try {
        m_model->load(m_core.store());
    } catch (const AppError &error) {
        Q_EMIT message(error.message(), 0);
    }
    showFirstCompany();
}

void CompaniesPane::showFirstCompany()
{
    if (m_editor->companyId() || m_editor->isDirty() || m_model->rowCount() == 0)
        return;
    m_list->setCurrentIndex(m_model->index(0));
}

void CompaniesPane::reopen(qint64 companyId)
{
    const int row = m_model->rowOf(companyId);
    if (row < 0 || m_editor->isDirty())
        return;
    m_list->setCurrentIndex(m_model->index(row));
}

void CompaniesPane::setDefaultRegion(const QString &region)
{
    m_editor->setDefaultRegion(region);
}
