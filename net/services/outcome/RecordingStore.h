// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderTypes.h"

#include <QObject>
#include <QHash>

#include <functional>
#include <memory>

class UltravoxProvider;

// Call recordings as files in one folder (by default `recordings/` in the data folder), named by
// the call's id. A file is written under a temporary name and renamed when complete, so a crash
// or a failed fetch never leaves half a recording behind; a call's recording is fetched from
// Ultravox once per instance (see README, "Recordings", for team mode).
class RecordingStore : public QObject
{
    Q_OBJECT
public:
    explicit RecordingStore(QObject *parent = nullptr);

    void setFolder(const QString &folder) { m_folder = folder; }
    const QString &folder() const { return m_folder; }

    // The file of a call's recording; empty when there is none here.
    QString pathOf(const QString &callId) const;
    bool has(const QString &callId) const { return !pathOf(callId).isEmpty(); }
    // Writes the audio under a temporary name, then renames it; throws AppError on failure.
    QString save(const QString &callId, const Recording &recording);
    // The audio, or an empty array when the file is gone or unreadable.
    QByteArray read(const QString &callId) const;
    void remove(const QString &callId);

    enum class Fetched { Stored, NotRecorded, Failed };
    struct FetchResult
    {
        Fetched result = Fetched::Failed;
        QString contentType;
        qint64 bytes = 0;
        std::optional<ProviderError> error;
    };
    // Fetches and stores the recording unless this instance has it already or is fetching it.
    // A fetch already under way is not repeated: `done` waits for its result.
    void fetch(const QString &callId, const QString &ultravoxCallId,
               const std::shared_ptr<UltravoxProvider> &ultravox,
               std::function<void(const FetchResult &)> done);

    static QString extensionFor(const QString &contentType);

private:
    QString m_folder;
    QHash<QString, QList<std::function<void(const FetchResult &)>>> m_fetching;
};
