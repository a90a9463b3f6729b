// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>

class PlaybackBuffer;

// The sound card as the console sees it: a source that hands over 16-bit mono PCM at the
// input rate, and a sink that plays what the PlaybackBuffer holds at the output rate. The
// window uses Qt Multimedia (ui/console/QtAudioBackend); tests and the bench use backends that
// need no sound card.
class AudioBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Starts capture at `inputRate` and playback of `playback` at `outputRate`. Returns false
    // with `error` set when a device cannot be opened.
    virtual bool start(int inputRate, int outputRate, PlaybackBuffer *playback, QString *error) = 0;
    virtual void stop() = 0;

Q_SIGNALS:
    // Captured audio, any length (the session cuts it into frames).
    void captured(const QByteArray &pcm);
    // A device stopped working while in use.
    void failed(const QString &message);
};

// Root mean square of 16-bit PCM, 0..1: the level meter's reading.
double pcmLevel(const QByteArray &pcm);
