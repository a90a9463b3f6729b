// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AppError.h"
#include "Call.h"
#include "CallRepository.h"
#include "ProviderTypes.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

class CallLeases;
struct Company;
class EventLog;
class ProviderHub;
class ReadCache;
class Store;
class TwilioProvider;
class UltravoxProvider;

struct CallResult
{
    CallRecord call;
    std::optional<AppError> error;
};

// Places, follows and ends calls. The outbound flow is WIRE.md's: Ultravox first (agent call or
// ad-hoc call), Twilio at once after with TwiML streaming to the join URL. Every attempt leaves a
// call record; a provider failing half-way marks it failed with that provider's words.
class CallService : public QObject
{
    Q_OBJECT
public:
    using CallDone = std::function<void(const CallResult &)>;

    CallService(Store &store, EventLog &events, ProviderHub &providers, QObject *parent = nullptr);

    // Throws for what is wrong before a provider is asked (unknown agent, agent in error, ...).
    void placeAgentCall(const CallRequest &request, CallDone done);
    // The company route: the company's Ultravox settings and Twilio number. `destination` empty:
    // the company's own number, as the route's spec says.
    void placeCompanyCall(qint64 companyId, const QString &destination, CallDone done);
    void hangUp(const QString &idOrSid, CallDone done);
    // A test call (the console, the test-calls route): a record marked test, the Ultravox call
    // started by `startUltravox`, no phone leg. In progress once Ultravox gave its join URL.
    void placeTestCall(CallRecord attempt,
                       const std::function<void(QObject *, Callback<UltravoxCall>)> &startUltravox,
                       CallDone done);
    // The console saw the test call end: completed, with what it heard.
    CallRecord finishTestCall(const QString &callId, const QList<TranscriptMessage> &messages,
                              const QString &endReason);
    // Deletes a test call and its transcript (phone calls stay: they are the log of record).
    void removeTestCall(const QString &idOrSid);

    // Team mode: reads fall back on what the instance last knew while the database is away, and
    // a call's lease is taken with its record (only the lease holder follows a call).
    void setReadCache(const ReadCache *cache) { m_cache = cache; }
    void setLeases(CallLeases *leases) { m_leases = leases; }

    std::optional<CallRecord> find(const QString &idOrSid);
    CallRecord get(const QString &idOrSid); // throws NotFound
    QList<CallRecord> list(const CallFilter &filter);
    qint64 count(const CallFilter &filter);
    QList<TranscriptMessage> transcript(const QString &callId);
    qint64 ongoingCount();
    QMap<QString, qint64> countByStatus();
    // Calls the monitor should follow: unfinished ones and finished ones without a transcript.
    QList<CallRecord> needingFollowUp();
    bool isBeingPlaced(const QString &callId) const { return m_placing.contains(callId); }

    // For CallMonitor, which follows calls once placed:
    struct Legs
    {
        std::shared_ptr<UltravoxProvider> ultravox;
        std::shared_ptr<TwilioProvider> twilio;
    };
    // The providers of a call: its company's, or the default accounts. Throws when unconfigured.
    Legs legsFor(const CallRecord &call);
    // Only the Ultravox leg (test calls need no Twilio account).
    std::shared_ptr<UltravoxProvider> ultravoxFor(const CallRecord &call);
    // Reloads, changes and saves a call, announcing status changes as events.
    CallRecord update(const QString &id, const std::function<void(CallRecord &)> &change);
    // Marks a call failed with what went wrong (also when nobody will ever answer for it).
    CallResult fail(const QString &callId, const AppError &error, const QJsonObject &errorJson);
    // Stores the conversation and what Ultravox said of the ended call (end reason, summaries,
    // billed duration, whether it was recorded).
    void storeOutcome(const QString &callId, const QList<TranscriptMessage> &messages,
                      const UltravoxCall &ultravox);
    // Adds messages read while the call lasts.
    void appendLiveTranscript(const QString &callId, const QList<TranscriptMessage> &messages);
    // Hangs up for Switchboard itself (`hungUpBy` says why, see CallOutcome).
    void endCall(const QString &idOrSid, const QString &hungUpBy, CallDone done);

Q_SIGNALS:
    void callChanged(const CallRecord &call);
    void callPlaced(const QString &callId);
    void callRemoved(const QString &callId);

private:
    CallRecord insertAttempt(CallRecord call);
    void connectTwilio(const QString &callId, const Legs &legs, const UltravoxCall &ultravoxCall,
                       CallDone done);
    void startLegs(const QString &callId, const Legs &legs,
                   const std::function<void(QObject *, Callback<UltravoxCall>)> &startUltravox,
                   CallDone done);

    Store &m_store;
    EventLog &m_events;
    ProviderHub &m_providers;
    QSet<QString> m_placing;
    const ReadCache *m_cache = nullptr;
    CallLeases *m_leases = nullptr;
};

// Copies what Twilio says of a call onto our record.
void applyTwilioState(CallRecord &call, const TwilioCall &twilio);
// Copies what Ultravox says of an ended call onto our record (only what it reported).
void applyUltravoxOutcome(CallRecord &call, const UltravoxCall &ultravox);
