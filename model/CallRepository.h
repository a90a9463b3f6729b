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
    qint64 createdFrom = 0; // ms, inclusive; 0: open
    qint64 createdTo = 0;   // ms, exclusive; 0: open
    QString text;           // free text: number, agent name, SID, error
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
    QMap<QString, qint64> countByStatus();
    // Calls not yet in a final status, oldest first: what the call monitor follows.
    QList<CallRecord> unfinished();
    // Ended calls whose Ultravox outcome and transcript are not stored yet.
    QList<CallRecord> awaitingTranscript();
    // Calls written at or after `sinceMs`, oldest change first (what another instance missed
    // while the database was away).
    QList<CallRecord> changedSince(qint64 sinceMs, qint64 limit);
    qint64 unfinishedCount();
    qint64 unfinishedCountForAgent(const QString &agentId);

    void replaceTranscript(const QString &callId, const QList<TranscriptMessage> &messages);
    QList<TranscriptMessage> transcript(const QString &callId);

private:
    Store &m_store;
};
