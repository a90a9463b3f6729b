// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QTimer>

class CoreBridge;
class FieldMessage;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

// The do-not-call list: a page of numbers at a time, searchable; add one (read like the dial
// dialog reads it), remove the selected ones, import a CSV file.
class DoNotCallDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int PageSize = 100;

    DoNotCallDialog(CoreBridge &core, const QString &defaultRegion, QWidget *parent = nullptr);

    void reload();
    void addNumber();
    void removeSelected();
    void importFile(const QString &path = {});

    QLineEdit *numberEdit() const { return m_number; }
    QLineEdit *searchEdit() const { return m_search; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QTableWidget *table() const { return m_table; }
    QLabel *countLabel() const { return m_count; }
    FieldMessage *numberMessage() const { return m_numberMessage; }

private:
    void checkNumber();

    CoreBridge &m_core;
    QString m_region;
    QLineEdit *m_search;
    QTableWidget *m_table;
    QLabel *m_count;
    QPushButton *m_previous;
    QPushButton *m_next;
    QLineEdit *m_number;
    QLineEdit *m_reason;
    FieldMessage *m_numberMessage;
    QPushButton *m_add;
    QPushButton *m_remove;
    qint64 m_offset = 0;
    QTimer m_typing;
};
