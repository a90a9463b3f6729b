// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPair>
#include <QWidget>

class QTableWidget;

// A key/value table with Add and Remove, for an agent's template variables or a call's context.
// Keys and values are shown as typed; the caller checks them and marks the rows at fault.
class VariablesTable : public QWidget
{
    Q_OBJECT
public:
    explicit VariablesTable(QWidget *parent = nullptr);

    QList<QPair<QString, QString>> pairs() const;
    void setPairs(const QList<QPair<QString, QString>> &pairs);
    // Paints the key cells of `badKeys` so the rows at fault stand out.
    void markBadKeys(const QStringList &badKeys);
    void setKeyPlaceholder(const QString &text);

Q_SIGNALS:
    void changed();

private:
    void addRow(const QString &key = {}, const QString &value = {});
    QTableWidget *m_table;
    bool m_loading = false;
};
