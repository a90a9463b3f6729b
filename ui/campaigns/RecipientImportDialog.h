// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CoreBridge.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

// Reads a list of numbers from a CSV file (the number column picked from its header row) or a
// JSON file, and reports what was taken and every line that was not, with its reason. Serves the
// campaign's recipients and the do-not-call list alike: `import` is what is done with the file.
class RecipientImportDialog : public QDialog
{
    Q_OBJECT
public:
    using Import = std::function<void(const CoreBridge::ListFile &, CoreBridge::ImportDone)>;

    // `acceptedWords` says how many were taken ("3 recipients added.") in the plural form.
    using Words = std::function<QString(int)>;
    RecipientImportDialog(const QString &title, Words acceptedWords, const QString &defaultRegion,
                          Import import, QWidget *parent = nullptr);

    // Reads `path` and fills the column choice from its header row; false (and says why) when
    // it cannot be read.
    bool openFile(const QString &path);
    void runImport();

    QComboBox *columnBox() const { return m_column; }
    QPushButton *importButton() const { return m_import; }
    QLabel *summaryLabel() const { return m_summary; }
    QTableWidget *rejectedTable() const { return m_rejected; }

Q_SIGNALS:
    void imported(int accepted);

private:
    void chooseFile();
    void showResult(const CampaignService::ImportResult &result);

    Import m_importer;
    Words m_acceptedWords;
    QByteArray m_data;
    bool m_json = false;
    QLineEdit *m_path;
    QComboBox *m_column;
    QLineEdit *m_region;
    QPushButton *m_import;
    QLabel *m_summary;
    QTableWidget *m_rejected;
};
