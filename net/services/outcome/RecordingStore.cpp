// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordingStore.h"

#include "AppError.h"
#include "UltravoxProvider.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {
const QStringList &extensions()
{
    static const QStringList known{u"wav"_s, u"mp3"_s, u"ogg"_s, u"webm"_s, u"flac"_s, u"audio"_s};
    return known;
}

bool safeCallId(const QString &callId)
{
    // Our ids are "call_" and hex; anything with a path separator never names a file here.
    return !callId.isEmpty() && !callId.contains(u'/') && !callId.contains(u'\\') &&
           !callId.startsWith(u'.');
}
} // namespace

RecordingStore::RecordingStore(QObject *parent)
    : QObject(parent)
{
}

QString RecordingStore::extensionFor(const QString &contentType)
{
    if (contentType == u"audio/wav"_s || contentType == u"audio/x-wav"_s ||
        contentType == u"audio/wave"_s)
        return u"wav"_s;
    if (contentType == u"audio/mpeg"_s || contentType == u"audio/mp3"_s)
        return u"mp3"_s;
    if (contentType == u"audio/ogg"_s)
        return u"ogg"_s;
    if (contentType == u"audio/webm"_s)
        return u"webm"_s;
    if (contentType == u"audio/flac"_s)
        return u"flac"_s;
    return u"audio"_s;
}

QString RecordingStore::pathOf(const QString &callId) const
{
    if (m_folder.isEmpty() || !safeCallId(callId))
        return {};
    const QDir folder(m_folder);
    for (const QString &extension : extensions()) {
        const QString path = folder.filePath(callId + u'.' + extension);
        if (QFile::exists(path))
            return path;
    }
    return {};
}

QString RecordingStore::save(const QString &callId, const Recording &recording)
{
    if (m_folder.isEmpty() || !safeCallId(callId))
        throw AppError(ErrorKind::Internal, u"No folder for recordings is set"_s);
    if (!QDir().mkpath(m_folder))
        throw AppError(ErrorKind::Internal,
                       u"Cannot create the recordings folder %1"_s.arg(m_folder));
    const QString path =
        QDir(m_folder).filePath(callId + u'.' + extensionFor(recording.contentType));
    // QSaveFile writes beside the target and renames over it on commit(): readers see the whole
    // recording or none, also when the process dies half-way.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(recording.audio) != recording.audio.size() ||
        !file.commit())
        throw AppError(ErrorKind::Internal,
                       u"Cannot write the recording %1: %2"_s.arg(path, file.errorString()));
    return path;
}

QByteArray RecordingStore::read(const QString &callId) const
{
    QFile file(pathOf(callId));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void RecordingStore::remove(const QString &callId)
{
    for (QString path = pathOf(callId); !path.isEmpty(); path = pathOf(callId)) {
        if (!QFile::remove(path))
            throw AppError(ErrorKind::Internal, u"Cannot delete the recording %1"_s.arg(path));
    }
}

void RecordingStore::fetch(const QString &callId, const QString &ultravoxCallId,
                           const std::shared_ptr<UltravoxProvider> &ultravox,
                           std::function<void(const FetchResult &)> done)
{
    if (const QString path = pathOf(callId); !path.isEmpty()) {
        done({Fetched::Stored, {}, QFileInfo(path).size(), std::nullopt});
        return;
    }
    const bool underWay = m_fetching.contains(callId);
    m_fetching[callId].append(std::move(done));
    if (underWay)
        return;
    ultravox->getRecording(ultravoxCallId, this, [this, callId](const Outcome<Recording> &outcome) {
        FetchResult result;
        if (!outcome.ok()) {
            // Ultravox keeps no recording of this call (not recorded, or deleted there).
            result.result =
                outcome.error().httpStatus == 404 ? Fetched::NotRecorded : Fetched::Failed;
            result.error = outcome.error();
        } else {
            try {
                save(callId, outcome.value());
                result = {Fetched::Stored, outcome.value().contentType,
                          qint64(outcome.value().audio.size()), std::nullopt};
            } catch (const AppError &error) {
                ProviderError failed;
                failed.provider = u"ultravox"_s;
                failed.message = error.message();
                result.error = failed;
            }
        }
        const auto waiting = m_fetching.take(callId);
        for (const auto &waiter : waiting)
            waiter(result);
    });
}
