// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallRecordings.h"

#include "CallService.h"
#include "RecordingStore.h"

using namespace Qt::StringLiterals;

CallRecordings::CallRecordings(CallService &calls, RecordingStore &store, QObject *parent)
    : QObject(parent)
    , m_calls(calls)
    , m_store(store)
{
}

QString CallRecordings::localPath(const QString &callId) const
{
    return m_store.pathOf(callId);
}

void CallRecordings::audio(const QString &idOrSid, AudioDone done)
{
    const CallRecord call = m_calls.get(idOrSid);
    const QJsonObject details{{u"call_id"_s, call.id},
                              {u"recording_status"_s, call.recordingStatus.isEmpty()
                                                          ? QJsonValue()
                                                          : QJsonValue(call.recordingStatus)}};
    const auto none = [&](const QString &why) {
        return AppError(ErrorKind::NotFound, u"Call '%1' has no recording: %2"_s.arg(idOrSid, why),
                        details);
    };
    if (call.recordingStatus.isEmpty())
        throw none(isFinal(call.status) ? u"it was not recorded"_s
                                        : u"the call is still going on"_s);
    if (call.recordingStatus == u"pending"_s)
        throw none(u"it is being fetched from Ultravox; try again in a moment"_s);
    if (call.recordingStatus == u"deleted"_s)
        throw none(u"it was deleted"_s);
    if (call.recordingStatus != u"stored"_s)
        throw none(u"Ultravox keeps none for this call"_s);
    const QString type = call.recordingType.isEmpty() ? u"audio/wav"_s : call.recordingType;
    if (m_store.has(call.id)) {
        const QByteArray bytes = m_store.read(call.id);
        if (bytes.isEmpty())
            throw AppError(ErrorKind::Internal,
                           u"The recording of call '%1' cannot be read"_s.arg(idOrSid));
        done(Recording{bytes, type}, std::nullopt);
        return;
    }
    // Stored by another team member: fetched here once, then served from this folder.
    const CallService::Legs legs = m_calls.legsFor(call);
    m_store.fetch(
        call.id, call.ultravoxCallId, legs.ultravox,
        [this, callId = call.id, type, done](const RecordingStore::FetchResult &fetched) {
            if (fetched.result != RecordingStore::Fetched::Stored) {
                ProviderError error;
                error.provider = u"ultravox"_s;
                done({}, fetched.error.value_or(error).toAppError(u"Fetching the recording"_s));
                return;
            }
            done(Recording{m_store.read(callId), type}, std::nullopt);
        });
}

CallRecord CallRecordings::remove(const QString &idOrSid)
{
    const CallRecord call = m_calls.get(idOrSid);
    if (call.recordingStatus != u"stored"_s && !m_store.has(call.id))
        throw AppError(ErrorKind::NotFound,
                       u"Call '%1' has no stored recording to delete"_s.arg(idOrSid),
                       {{u"call_id"_s, call.id}});
    m_store.remove(call.id);
    return m_calls.update(call.id, [](CallRecord &record) {
        record.recordingStatus = u"deleted"_s;
        record.recordingBytes = 0;
    });
}
