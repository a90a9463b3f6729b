// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AppError.h"
#include "ProviderTypes.h"

#include <QObject>

#include <functional>
#include <optional>

class CallService;
class RecordingStore;

// A call's recording for those who ask for it (the REST API, the window): the stored audio, or
// why there is none; deleting it on request.
class CallRecordings : public QObject
{
    Q_OBJECT
public:
    CallRecordings(CallService &calls, RecordingStore &store, QObject *parent = nullptr);

    using AudioDone = std::function<void(const Recording &, const std::optional<AppError> &)>;
    // Answers at once from the file; a recording another team member stored is fetched here
    // first (once). NotFound when there is none, naming why.
    void audio(const QString &idOrSid, AudioDone done);
    // Deletes the file and marks the recording deleted (it is not fetched again).
    CallRecord remove(const QString &idOrSid);
    // The file's path, for the player; empty when this instance has none.
    QString localPath(const QString &callId) const;

private:
    CallService &m_calls;
    RecordingStore &m_store;
};
