// SPDX-License-Identifier: GPL-3.0-or-later
// What CallMonitor does once a call has ended: the transcript and Ultravox's outcome, the cost
// (which both providers report late), and the recording.
#include "CallMonitor.h"

#include "CallOutcome.h"
#include "CallService.h"
#include "RecordingStore.h"
#include "Timestamps.h"
#include "TwilioProvider.h"
#include "UltravoxProvider.h"

#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcMonitor)

namespace {
bool awaitsNothing(const CallRecord &call)
{
    return call.transcriptFetched && call.costSettled && call.recordingStatus != u"pending"_s;
}
} // namespace

void CallMonitor::followEnded(const CallRecord &call, PollDone done)
{
    const QString callId = call.id;
    // One step a poll; once a step is through, the next poll takes the next one.
    auto stepDone = [this, callId, done](const Poll &step) {
        if (!step.finished) {
            done(step);
            return;
        }
        try {
            const CallRecord now = m_calls.get(callId);
            done({awaitsNothing(now), true, std::nullopt,
                  now.transcriptFetched && !now.costSettled ? costPollDelay(now) : 0});
        } catch (const AppError &error) {
            qCWarning(lcMonitor) << "cannot read call" << callId << ":" << error.message();
            done({false, false, ProviderError{}});
        }
    };
    if (!call.transcriptFetched)
        fetchOutcome(call, stepDone);
    else if (!call.costSettled)
        fetchCost(call, stepDone);
    else if (call.recordingStatus == u"pending"_s)
        fetchRecording(call, stepDone);
    else
        done({true, false, std::nullopt});
}

int CallMonitor::costPollDelay(const CallRecord &call) const
{
    // Prices usually come within a minute or two: ask often at first, then ever more rarely.
    const qint64 sinceEnd = std::max<qint64>(0, Timestamps::nowMs() - call.endedAt);
    return int(std::clamp<qint64>(sinceEnd / 4, m_pacing.firstMs, m_pacing.costMaxMs));
}

void CallMonitor::fetchCost(const CallRecord &call, PollDone done)
{
    const QString callId = call.id;
    const bool needPrice = call.price.isEmpty() && !call.callSid.isEmpty();
    // Ultravox bills a call it has ended; one it never ended (or forgot) is not waited on.
    const bool needBilling =
        call.billedSeconds < 0 && !call.ultravoxCallId.isEmpty() && !call.endReason.isEmpty();
    const bool expired = Timestamps::nowMs() - call.endedAt > m_pacing.costWindowMs;
    if ((!needPrice && !needBilling) || expired) {
        // Whatever was not reported by now is "not reported", never estimated.
        m_calls.update(callId, [](CallRecord &record) { record.costSettled = true; });
        done({true, true, std::nullopt});
        return;
    }
    const CallService::Legs legs = m_calls.legsFor(call);
    struct Asked
    {
        std::optional<TwilioCall> twilio;
        std::optional<UltravoxCall> ultravox;
        std::optional<ProviderError> error;
        bool twilioGone = false; // the provider no longer knows the call: nothing will come
        bool ultravoxGone = false;
    };
    auto asked = std::make_shared<Asked>();
    auto store = [this, callId, needPrice, needBilling, asked, done] {
        try {
            bool settled = false;
            const CallRecord updated = m_calls.update(callId, [&](CallRecord &record) {
                if (asked->twilio && !asked->twilio->price.isEmpty()) {
                    record.price = asked->twilio->price;
                    record.priceUnit = asked->twilio->priceUnit;
                }
                if (asked->ultravox)
                    applyUltravoxOutcome(record, *asked->ultravox);
                const bool priceIn = !needPrice || !record.price.isEmpty() || asked->twilioGone;
                const bool billingIn = !needBilling || asked->ultravoxGone ||
                                       (asked->ultravox && asked->ultravox->billingSettled());
                record.costSettled = priceIn && billingIn;
                settled = record.costSettled;
            });
            done({settled, true, settled ? std::nullopt : asked->error, costPollDelay(updated)});
        } catch (const AppError &error) {
            qCWarning(lcMonitor) << "could not store the cost of" << callId << ":"
                                 << error.message();
            done({false, false, ProviderError{}});
        }
    };
    auto askUltravox = [this, legs, needBilling, ultravoxCallId = call.ultravoxCallId, asked,
                        store] {
        if (!needBilling) {
            store();
            return;
        }
        legs.ultravox->getCall(ultravoxCallId, this,
                               [asked, store](const Outcome<UltravoxCall> &outcome) {
                                   if (outcome.ok())
                                       asked->ultravox = outcome.value();
                                   else if (outcome.error().httpStatus == 404)
                                       asked->ultravoxGone = true;
                                   else if (!asked->error)
                                       asked->error = outcome.error();
                                   store();
                               });
    };
    if (!needPrice) {
        askUltravox();
        return;
    }
    legs.twilio->getCall(call.callSid, this,
                         [asked, askUltravox](const Outcome<TwilioCall> &outcome) {
                             if (outcome.ok())
                                 asked->twilio = outcome.value();
                             else if (outcome.error().httpStatus == 404)
                                 asked->twilioGone = true;
                             else
                                 asked->error = outcome.error();
                             askUltravox();
                         });
}

void CallMonitor::fetchRecording(const CallRecord &call, PollDone done)
{
    const QString callId = call.id;
    const CallService::Legs legs = m_calls.legsFor(call);
    m_recordings.fetch(callId, call.ultravoxCallId, legs.ultravox,
                       [this, callId, done](const RecordingStore::FetchResult &fetched) {
                           if (fetched.result == RecordingStore::Fetched::Failed) {
                               qCInfo(lcMonitor)
                                   << "the recording of" << callId << "could not be fetched yet:"
                                   << (fetched.error ? fetched.error->summary() : QString());
                               done({false, false, fetched.error.value_or(ProviderError{})});
                               return;
                           }
                           try {
                               m_calls.update(callId, [&](CallRecord &record) {
                                   if (fetched.result == RecordingStore::Fetched::NotRecorded) {
                                       record.recordingStatus = u"none"_s;
                                       return;
                                   }
                                   record.recordingStatus = u"stored"_s;
                                   if (!fetched.contentType.isEmpty())
                                       record.recordingType = fetched.contentType;
                                   record.recordingBytes = fetched.bytes;
                               });
                               done({true, true, std::nullopt});
                           } catch (const AppError &error) {
                               qCWarning(lcMonitor) << "could not store the recording state of"
                                                    << callId << ":" << error.message();
                               done({false, false, ProviderError{}});
                           }
                       });
}

void CallMonitor::hangUpOnMachine(const CallRecord &call)
{
    if (call.answeredBy != u"machine"_s || call.onMachine != CallOutcome::OnMachineHangUp ||
        !call.hungUpBy.isEmpty() || isFinal(call.status) || call.callSid.isEmpty() ||
        m_hangingUp.contains(call.id))
        return;
    qCInfo(lcMonitor) << "an answering machine took call" << call.id << ": hanging up";
    m_hangingUp.insert(call.id); // one hang-up, however many polls come before its answer
    try {
        m_calls.endCall(call.id, CallOutcome::HungUpByMachineDetection,
                        [this, id = call.id](const CallResult &result) {
                            m_hangingUp.remove(id);
                            if (result.error)
                                qCWarning(lcMonitor) << "could not hang up on the machine of" << id
                                                     << ":" << result.error->message();
                        });
    } catch (const AppError &error) {
        m_hangingUp.remove(call.id);
        qCWarning(lcMonitor) << "could not hang up on the machine of" << call.id << ":"
                             << error.message();
    }
}

void CallMonitor::fetchOutcome(const CallRecord &call, PollDone done)
{
    if (call.transcriptFetched) {
        done({true, false, std::nullopt});
        return;
    }
    const QString callId = call.id;
    if (call.ultravoxCallId.isEmpty()) {
        m_calls.storeOutcome(callId, {}, {});
        done({true, true, std::nullopt});
        return;
    }
    // Only the Ultravox leg: a test call has no Twilio account behind it.
    const std::shared_ptr<UltravoxProvider> ultravox = m_calls.ultravoxFor(call);
    const bool answered = call.answeredAt > 0;
    const bool graceOver = Timestamps::nowMs() - call.endedAt > m_pacing.ultravoxGraceMs;
    auto store = [this, callId, done](const QList<TranscriptMessage> &messages,
                                      const UltravoxCall &endReason) {
        try {
            m_calls.storeOutcome(callId, messages, endReason);
            done({true, true, std::nullopt});
        } catch (const AppError &error) {
            qCWarning(lcMonitor) << "could not store the transcript of" << callId << ":"
                                 << error.message();
            done({false, false, ProviderError{}});
        }
    };
    ultravox->getCall(
        call.ultravoxCallId, this,
        [this, ultravox, answered, graceOver, store, done,
         ultravoxCallId = call.ultravoxCallId](const Outcome<UltravoxCall> &ended) {
            if (!ended.ok()) {
                if (ended.error().httpStatus == 404) { // Ultravox no longer has it
                    store({}, {});
                    return;
                }
                done({false, false, ended.error()});
                return;
            }
            // The phone leg is over; Ultravox may still be finishing the conversation.
            if (ended.value().ended == 0 && !graceOver) {
                done({});
                return;
            }
            const UltravoxCall endReason = ended.value();
            if (!answered) { // nobody picked up: there is nothing to read
                store({}, endReason);
                return;
            }
            ultravox->getMessages(
                ultravoxCallId, this,
                [store, done, endReason](const Outcome<QList<TranscriptMessage>> &messages) {
                    if (messages.ok())
                        store(messages.value(), endReason);
                    else if (messages.error().httpStatus == 404)
                        store({}, endReason);
                    else
                        done({false, false, messages.error()});
                });
        });
}
