// SPDX-License-Identifier: GPL-3.0-or-later
#include "DoNotCallDialog.h"

#include "CoreBridge.h"
#include "DncRepository.h"
#include "FieldMessage.h"
#include "Icons.h"
#include "PhoneNumbers.h"
#include "RecipientImportDialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

DoNotCallDialog::DoNotCallDialog(CoreBridge &core, const QString &defaultRegion, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_region(defaultRegion)
    , m_search(new QLineEdit(this))
    , m_table(new QTableWidget(0, 3, this))
    , m_count(new QLabel(this))
    , m_previous(new QPushButton(tr("Previous"), this))
    , m_next(new QPushButton(tr("Next"), this))
    , m_number(new QLineEdit(this))
    , m_reason(new QLineEdit(this))
    , m_numberMessage(new FieldMessage(this))
    , m_add(new QPushButton(Icons::get(u"add"_s), tr("&Add"), this))
    , m_remove(new QPushButton(Icons::get(u"remove"_s), tr("&Remove"), this))
{
    setObjectName(u"doNotCall"_s);
    setWindowTitle(tr("Do-not-call list"));
    resize(620, 560);
    m_search->setPlaceholderText(tr("Search numbers"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::get(u"search"_s), QLineEdit::LeadingPosition);
    m_table->setHorizontalHeaderLabels({tr("Number"), tr("Reason"), tr("Added")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(0, 170);
    m_table->horizontalHeader()->resizeSection(1, 220);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAccessibleName(tr("Do-not-call numbers"));
    auto *pages = new QHBoxLayout;
    pages->addWidget(m_count, 1);
    pages->addWidget(m_previous);
    pages->addWidget(m_next);
    m_number->setPlaceholderText(tr("Number, e.g. (415) 555-0123 or +44 20 7946 0958"));
    m_number->setAccessibleName(tr("Number to add"));
    m_reason->setPlaceholderText(tr("Reason (optional)"));
    m_reason->setMaxLength(200);
    m_add->setEnabled(false);
    m_remove->setEnabled(false);
    auto *importButton = new QPushButton(tr("&Import CSV…"), this);
    auto *add = new QHBoxLayout;
    add->addWidget(m_number, 2);
    add->addWidget(m_reason, 1);
    add->addWidget(m_add);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_remove);
    actions->addStretch();
    actions->addWidget(importButton);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("No campaign ever calls these numbers. A number added while "
                                    "a campaign runs is skipped from its next call on."),
                                 this));
    layout->addWidget(m_search);
    layout->addWidget(m_table, 1);
    layout->addLayout(pages);
    layout->addLayout(add);
    layout->addWidget(m_numberMessage);
    layout->addLayout(actions);
    layout->addWidget(buttons);

    m_typing.setSingleShot(true);
    m_typing.setInterval(250);
    connect(&m_typing, &QTimer::timeout, this, [this] {
        m_offset = 0;
        reload();
    });
    connect(m_search, &QLineEdit::textChanged, &m_typing, qOverload<>(&QTimer::start));
    connect(m_previous, &QPushButton::clicked, this, [this] {
        m_offset = std::max<qint64>(0, m_offset - PageSize);
        reload();
    });
    connect(m_next, &QPushButton::clicked, this, [this] {
        m_offset += PageSize;
        reload();
    });
    connect(m_number, &QLineEdit::textChanged, this, &DoNotCallDialog::checkNumber);
    connect(m_number, &QLineEdit::returnPressed, this, &DoNotCallDialog::addNumber);
    connect(m_add, &QPushButton::clicked, this, &DoNotCallDialog::addNumber);
    connect(m_remove, &QPushButton::clicked, this, &DoNotCallDialog::removeSelected);
    connect(importButton, &QPushButton::clicked, this, [this] { importFile(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_remove->setEnabled(m_table->selectionModel()->hasSelection()); });
    connect(&m_core, &CoreBridge::doNotCallChanged, this, &DoNotCallDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    reload();
}

void DoNotCallDialog::reload()
{
    const QString search = m_search->text().trimmed();
    QList<DncEntry> entries;
    qint64 total = 0;
    try {
        DncRepository numbers(m_core.store());
        total = numbers.count(search);
        if (m_offset >= total)
            m_offset = std::max<qint64>(0, (total - 1) / PageSize * PageSize);
        entries = numbers.list(PageSize, m_offset, search);
    } catch (const AppError &error) {
        m_count->setText(error.message());
        return;
    }
    m_table->setRowCount(int(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
        const DncEntry &entry = entries.at(row);
        m_table->setItem(row, 0, new QTableWidgetItem(entry.phoneNumber));
        m_table->setItem(row, 1, new QTableWidgetItem(entry.reason));
        m_table->setItem(
            row, 2,
            new QTableWidgetItem(
                QDateTime::fromMSecsSinceEpoch(entry.createdAt).toString(u"yyyy-MM-dd HH:mm"_s)));
    }
    m_count->setText(total == 0 ? tr("No numbers")
                                : tr("%1-%2 of %n number(s)", nullptr, int(total))
                                      .arg(m_offset + 1)
                                      .arg(m_offset + entries.size()));
    m_previous->setEnabled(m_offset > 0);
    m_next->setEnabled(m_offset + entries.size() < total);
    m_remove->setEnabled(false);
}

void DoNotCallDialog::checkNumber()
{
    const QString text = m_number->text().trimmed();
    const PhoneNumbers::Normalized number = PhoneNumbers::normalize(text, m_region);
    m_numberMessage->setProblem(text.isEmpty() || !number.e164.isEmpty() ? QString()
                                                                         : number.problem);
    m_add->setEnabled(!number.e164.isEmpty());
    m_add->setToolTip(number.e164.isEmpty() ? QString() : tr("Adds %1").arg(number.e164));
}

void DoNotCallDialog::addNumber()
{
    const PhoneNumbers::Normalized number =
        PhoneNumbers::normalize(m_number->text().trimmed(), m_region);
    if (number.e164.isEmpty())
        return;
    CoreBridge::ListFile file;
    file.json = true;
    file.data = QJsonDocument(QJsonArray{QJsonObject{{u"phone_number"_s, number.e164}}}).toJson();
    m_add->setEnabled(false);
    m_core.importDoNotCall(
        file, m_reason->text().trimmed(),
        replyTo(this, [this, shown = number.e164](
                          const std::variant<CampaignService::ImportResult, AppError> &result) {
            if (const AppError *error = std::get_if<AppError>(&result)) {
                m_numberMessage->setProblem(error->message());
                m_add->setEnabled(true);
                return;
            }
            m_number->clear();
            m_reason->clear();
            m_count->setText(std::get<CampaignService::ImportResult>(result).accepted == 0
                                 ? tr("%1 was already on the list").arg(shown)
                                 : tr("%1 added").arg(shown));
            m_search->setText(shown);
        }));
}

void DoNotCallDialog::removeSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(0);
    for (const QModelIndex &row : rows) {
        m_core.removeDoNotCall(row.data().toString(),
                               replyTo(this, [this](const std::optional<AppError> &error) {
                                   if (error)
                                       m_count->setText(error->message());
                               }));
    }
    m_remove->setEnabled(false);
}

void DoNotCallDialog::importFile(const QString &path)
{
    auto *dialog = new RecipientImportDialog(
        tr("Import do-not-call numbers"),
        [](int added) { return tr("%n number(s) added to the do-not-call list.", nullptr, added); },
        m_region,
        [this](const CoreBridge::ListFile &file, CoreBridge::ImportDone done) {
            m_core.importDoNotCall(file, tr("imported"), std::move(done));
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!path.isEmpty())
        dialog->openFile(path);
    dialog->show();
}
