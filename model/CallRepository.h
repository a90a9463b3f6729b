// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Call.h"

#include <QMap>
#include <optional>

class Store;

struct CallFilter
{
    QString agentId;
    std::optional<CallStatus> status;
    QString phoneNumber; // exact, or a prefix ending in '*'
    qint64 companyId = 0;
    QString campaignId;
    qint64 createdFrom = 0; // ms, inclusive; 0: open
    qint64 createdTo = 0;   // ms, exclusive; 0: open
    QString text;           // free text: number, agent name, SID, error, summaries
    QString answeredBy;     // human, machine, fax, unknown (CallOutcome)
    QString endReason;      // an end reason code (CallOutcome::endReasonCodes())
    QString costStatus;     // pending, reported, not_reported
    std::optional<bool> test; // only test calls, only real ones, or both
    qint64 limit = 100;
    qint64 offset = 0;
};

class CallRepository
{
public:
    explicit CallRepository(Store &store)
        : m_store(store)
    {
    }

    void insert(const CallRecord &call);
    // Writes `call` if the stored version is still `call.version` (then moves it on by one).
    bool update(CallRecord &call);
    // By our id or by Twilio's call SID.
    std::optional<CallRecord> find(const QString &idOrSid);
    // Newest first.
    QList<CallRecord> list(const CallFilter &filter);
    qint64 count(const CallFilter &filter);
    // Test calls are left out of both counts: they never count in the metrics.
    QMap<QString, qint64> countByStatus();
    // Calls not yet in a final status, oldest first: what the call monitor follows.
    QList<CallRecord> unfinished();
    // Ended calls whose transcript, cost or recording is still awaited.
    QList<CallRecord> awaitingOutcome();
    // SQL for "something of this ended call is still awaited" (CallLeaseRepository shares it).
    static const QString &outcomePendingCondition();
    // Calls written at or after `sinceMs`, oldest change first (what another instance missed
    // while the database was away).
    QList<CallRecord> changedSince(qint64 sinceMs, qint64 limit);
    qint64 unfinishedCount();
    qint64 unfinishedCountForAgent(const QString &agentId);

    // Deletes a call with its transcript and lease.
    void remove(const QString &id);
    void replaceTranscript(const QString &callId, const QList<TranscriptMessage> &messages);
    // Adds messages read while the call lasts (ordinals already stored are kept as they are).
    void appendTranscript(const QString &callId, const QList<TranscriptMessage> &messages);
    QList<TranscriptMessage> transcript(const QString &callId);

private:
    void insertMessages(const QString &callId, const QList<TranscriptMessage> &messages,
                        const QString &onConflict);

    Store &m_store;
};
