// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

class CampaignForm;
class CampaignListModel;
class CampaignView;
class CoreBridge;
class DoNotCallDialog;
class QAbstractItemModel;
class QTableView;
class RecipientImportDialog;
struct Campaign;

// Campaigns: the list beside the chosen campaign's view; creating and editing them, importing
// recipients, and the do-not-call list.
class CampaignsPane : public QWidget
{
    Q_OBJECT
public:
    CampaignsPane(CoreBridge &core, QAbstractItemModel *agents, const QString &defaultRegion,
                  QWidget *parent = nullptr);

    void reload();
    void select(const QString &campaignId);
    // The dialogs, opened (and returned) for the operator or a test.
    CampaignForm *newCampaign();
    CampaignForm *editCampaign(const Campaign &campaign);
    RecipientImportDialog *importRecipients(const Campaign &campaign);
    DoNotCallDialog *openDoNotCall();
    void setDefaultRegion(const QString &region) { m_region = region; }

    CampaignListModel *model() const { return m_model; }
    QTableView *list() const { return m_list; }
    CampaignView *view() const { return m_view; }

Q_SIGNALS:
    void showCallsRequested(const QString &campaignId);
    void message(const QString &text, int timeoutMs = 5000);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    CampaignForm *openForm();
    void sync();

    CoreBridge &m_core;
    QAbstractItemModel *m_agents;
    QString m_region;
    CampaignListModel *m_model;
    QTableView *m_list;
    CampaignView *m_view;
    QPointer<DoNotCallDialog> m_doNotCall;
    // Campaigns whose counts moved: read again together, at most a few times a second.
    QSet<QString> m_moved;
    QTimer m_countsTimer;
    QTimer m_syncTimer; // while the pane shows: changes made by other team members
};
