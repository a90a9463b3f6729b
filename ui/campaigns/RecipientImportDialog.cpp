// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecipientImportDialog.h"

#include "RecipientImport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

RecipientImportDialog::RecipientImportDialog(const QString &title, Words acceptedWords,
                                             const QString &defaultRegion, Import import,
                                             QWidget *parent)
    : QDialog(parent)
    , m_importer(std::move(import))
    , m_acceptedWords(std::move(acceptedWords))
    , m_path(new QLineEdit(this))
    , m_column(new QComboBox(this))
    , m_region(new QLineEdit(defaultRegion, this))
    , m_import(new QPushButton(tr("&Import"), this))
    , m_summary(new QLabel(this))
    , m_rejected(new QTableWidget(0, 3, this))
{
    setObjectName(u"recipientImport"_s);
    setWindowTitle(title);
    resize(640, 480);
    m_path->setReadOnly(true);
    m_path->setPlaceholderText(tr("A CSV file with a header row, or a JSON list"));
    auto *browse = new QPushButton(tr("&Choose file…"), this);
    auto *file = new QHBoxLayout;
    file->addWidget(m_path, 1);
    file->addWidget(browse);
    m_column->setAccessibleName(tr("Phone number column"));
    m_column->setEnabled(false);
    m_region->setMaxLength(2);
    m_region->setMaximumWidth(60);
    m_region->setToolTip(tr("How to read numbers written without a country code (e.g. US)"));
    m_import->setEnabled(false);
    auto *form = new QFormLayout;
    form->addRow(tr("File"), file);
    form->addRow(tr("Phone number column"), m_column);
    form->addRow(tr("Default region"), m_region);
    m_summary->setWordWrap(true);
    m_rejected->setHorizontalHeaderLabels({tr("Line"), tr("Number as written"), tr("Reason")});
    m_rejected->horizontalHeader()->setStretchLastSection(true);
    m_rejected->verticalHeader()->setVisible(false);
    m_rejected->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rejected->setAccessibleName(tr("Rejected lines"));
    m_rejected->setVisible(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_import, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_rejected, 1);
    layout->addWidget(buttons);
    connect(browse, &QPushButton::clicked, this, &RecipientImportDialog::chooseFile);
    connect(m_import, &QPushButton::clicked, this, &RecipientImportDialog::runImport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void RecipientImportDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, windowTitle(), {},
                                                      tr("Lists (*.csv *.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool RecipientImportDialog::openFile(const QString &path)
{
    QFile file(path);
    m_column->clear();
    m_import->setEnabled(false);
    m_rejected->setVisible(false);
    if (!file.open(QIODevice::ReadOnly)) {
        m_summary->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    m_path->setText(path);
    m_data = file.readAll();
    m_json = path.endsWith(u".json"_s, Qt::CaseInsensitive);
    if (m_json) {
        m_column->addItem(RecipientImport::DefaultPhoneColumn);
        m_summary->setText(tr("A JSON list: each item's phone_number is read."));
    } else {
        const QStringList columns = RecipientImport::csvColumns(m_data);
        if (columns.isEmpty()) {
            m_summary->setText(tr("%1 has no header row to choose the number column from.")
                                   .arg(QFileInfo(path).fileName()));
            return false;
        }
        m_column->addItems(columns);
        // The column most likely to hold the numbers comes chosen.
        int guess = int(columns.indexOf(RecipientImport::DefaultPhoneColumn));
        for (int index = 0; guess < 0 && index < columns.size(); ++index) {
            const QString name = columns.at(index).toLower();
            if (name.contains(u"phone"_s) || name.contains(u"mobile"_s) ||
                name.contains(u"number"_s))
                guess = index;
        }
        m_column->setCurrentIndex(std::max(guess, 0));
        m_summary->setText(tr("Choose the column that holds the phone numbers; the other "
                              "columns become the template context of each call."));
    }
    m_column->setEnabled(!m_json);
    m_import->setEnabled(true);
    return true;
}

void RecipientImportDialog::runImport()
{
    CoreBridge::ListFile file;
    file.data = m_data;
    file.json = m_json;
    file.phoneColumn = m_column->currentText();
    file.defaultRegion = m_region->text().trimmed().toUpper();
    m_import->setEnabled(false);
    m_summary->setText(tr("Importing…"));
    m_importer(
        file,
        replyTo(this, [this](const std::variant<CampaignService::ImportResult, AppError> &result) {
            m_import->setEnabled(true);
            if (const AppError *error = std::get_if<AppError>(&result)) {
                m_summary->setText(tr("Nothing was imported: %1").arg(error->message()));
                m_rejected->setVisible(false);
                return;
            }
            showResult(std::get<CampaignService::ImportResult>(result));
        }));
}

void RecipientImportDialog::showResult(const CampaignService::ImportResult &result)
{
    // Importing the same file twice adds nothing: the button waits for another file.
    m_import->setEnabled(false);
    m_summary->setText(m_acceptedWords(result.accepted) + u' ' +
                       (result.rejected.isEmpty() ? tr("No line was rejected.")
                                                  : tr("%n line(s) rejected, listed below.",
                                                       nullptr, int(result.rejected.size()))));
    m_rejected->setRowCount(int(result.rejected.size()));
    for (int row = 0; row < result.rejected.size(); ++row) {
        const RecipientImport::Rejected &line = result.rejected.at(row);
        m_rejected->setItem(row, 0, new QTableWidgetItem(QString::number(line.line)));
        m_rejected->setItem(row, 1, new QTableWidgetItem(line.phoneNumber));
        m_rejected->setItem(row, 2, new QTableWidgetItem(line.reason));
    }
    m_rejected->resizeColumnToContents(0);
    m_rejected->resizeColumnToContents(1);
    m_rejected->setVisible(!result.rejected.isEmpty());
    Q_EMIT imported(result.accepted);
}
