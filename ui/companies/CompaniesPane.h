// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class CompanyEditor;
class CompanyListModel;
class CoreBridge;
class EmptyState;
class QListView;

// Company profiles for the company call route: the list and the profile editor.
class CompaniesPane : public QWidget
{
    Q_OBJECT
public:
    CompaniesPane(CoreBridge &core, QWidget *parent = nullptr);
    void newCompany();
    void reload();
    CompanyListModel *model() const { return m_model; }
    CompanyEditor *editor() const { return m_editor; }
    QListView *list() const { return m_list; }
    EmptyState *emptyState() const { return m_empty; }
    void setDefaultRegion(const QString &region);
    // Shows this company (the one shown when the window last closed) unless the form holds
    // unsaved changes; nothing when it is gone.
    void reopen(qint64 companyId);

Q_SIGNALS:
    void message(const QString &text, int timeoutMs = 5000);
    void companyShown(qint64 companyId); // a saved company opened in the form

private:
    // Shows a saved company rather than a blank form when there is one and nothing is typed.
    void showFirstCompany();

    CoreBridge &m_core;
    CompanyListModel *m_model;
    QListView *m_list;
    CompanyEditor *m_editor;
    EmptyState *m_empty;
};
