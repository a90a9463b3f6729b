// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Campaign.h"
#include "DncRepository.h"
#include "RecipientImport.h"

#include <QObject>

#include <functional>
#include <optional>

class EventLog;
class Store;

// Campaigns as the window and the REST API see them: create, change, delete, add recipients,
// start, pause, resume, cancel; and the do-not-call list. The dialing is CampaignDispatcher's.
class CampaignService : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    CampaignService(Store &store, EventLog &events, QObject *parent = nullptr);

    // Tests move time themselves; the dispatcher shares this clock.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

    // Throw Validation (naming the fields), NotFound or Conflict; nothing changes then.
    Campaign create(const QJsonObject &json);
    Campaign update(const QString &id, const QJsonObject &json,
                    std::optional<qint64> expectedVersion = std::nullopt);
    void remove(const QString &id);
    Campaign get(const QString &id);
    QList<Campaign> list();
    QMap<QString, qint64> counts(const QString &id);

    struct ImportResult
    {
        int accepted = 0;
        QList<RecipientImport::Rejected> rejected;
        QJsonObject toJson() const;
    };
    ImportResult addRecipients(const QString &id, const RecipientImport::Result &parsed);

    struct RecipientPage
    {
        QList<Recipient> recipients;
        QMap<qint64, QList<CampaignAttempt>> attempts;
        qint64 total = 0;
    };
    RecipientPage recipients(const QString &id, std::optional<RecipientState> state, qint64 limit,
                             qint64 offset);

    Campaign start(const QString &id);
    Campaign pause(const QString &id);
    Campaign resume(const QString &id);
    Campaign cancel(const QString &id);
    // Recipients whose last attempt's fate is unknown are dialed again: the operator's word.
    int retryUnknown(const QString &id);
    // The dispatcher's changes: finished, scheduled start reached, paused for a reason.
    Campaign setStatus(const QString &id, CampaignStatus status, const QString &reason = {});

    // The do-not-call list.
    int addDoNotCall(const QStringList &e164Numbers, const QString &reason);
    void removeDoNotCall(const QString &e164Number);
    QList<DncEntry> doNotCall(qint64 limit, qint64 offset);
    qint64 doNotCallCount();

Q_SIGNALS:
    void campaignChanged(const Campaign &campaign);
    void campaignRemoved(const QString &id);
    // Recipients changed state (imported, dialed, finished): counts should be read again.
    void progressChanged(const QString &id);
    void doNotCallChanged();

private:
    Campaign change(const QString &id, const std::function<void(Campaign &)> &edit,
                    std::optional<qint64> expectedVersion = std::nullopt);
    void checkAgent(const QString &agentId);

    Store &m_store;
    EventLog &m_events;
    Clock m_clock;
};
