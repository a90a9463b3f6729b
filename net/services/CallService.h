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

class Company;
class EventLog;
class ProviderHub;
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
    // finished: nothing more to follow (final status and transcript stored).
    using RefreshDone = std::function<void(bool finished, const std::optional<ProviderError> &)>;

    CallService(Store &store, EventLog &events, ProviderHub &providers, QObject *parent = nullptr);

    // Throws for what is wrong before a provider is asked (unknown agent, agent in error, ...).
    void placeAgentCall(const CallRequest &request, CallDone done);
    // The company route: the company's Ultravox settings and Twilio number. `destination` empty:
    // the company's own number, as the route's spec says.
    void placeCompanyCall(qint64 companyId, const QString &destination, CallDone done);
    void hangUp(const QString &idOrSid, CallDone done);
    // Asks the providers where a call stands and stores what changed (used by CallMonitor).
    void refresh(const QString &callId, RefreshDone done);

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

Q_SIGNALS:
    void callChanged(const CallRecord &call);
    void callPlaced(const QString &callId);

private:
    struct Legs
    {
        std::shared_ptr<UltravoxProvider> ultravox;
        std::shared_ptr<TwilioProvider> twilio;
    };
    Legs legsFor(const CallRecord &call);
    CallRecord insertAttempt(CallRecord call);
    // Reloads, changes and saves a call, announcing status changes as events.
    CallRecord mutate(const QString &id, const std::function<void(CallRecord &)> &change);
    CallResult fail(const QString &callId, const AppError &error, const QJsonObject &errorJson);
    void connectTwilio(const QString &callId, const Legs &legs, const UltravoxCall &ultravoxCall,
                       CallDone done);
    void startLegs(const QString &callId, const Legs &legs,
                   const std::function<void(QObject *, Callback<UltravoxCall>)> &startUltravox,
                   CallDone done);
    void fetchOutcome(const CallRecord &call, RefreshDone done);

    Store &m_store;
    EventLog &m_events;
    ProviderHub &m_providers;
    QSet<QString> m_placing;
};

// Copies what Twilio says of a call onto our record.
void applyTwilioState(CallRecord &call, const TwilioCall &twilio);
