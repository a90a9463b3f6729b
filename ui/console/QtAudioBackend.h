// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AudioBackend.h"

#include <QAudioDevice>
#include <QPointer>

class PlaybackBuffer;
class PlaybackDevice;
class QAudioSink;
class QAudioSource;
class QIODevice;

// The computer's microphone and speakers through Qt Multimedia: 16-bit mono PCM at the rates
// the call asked for. The speaker pulls from the PlaybackBuffer (silence when it is empty, so
// the device never starves into an idle state that would add latency when audio comes back).
class QtAudioBackend : public AudioBackend
{
    Q_OBJECT
public:
    explicit QtAudioBackend(QObject *parent = nullptr);
    ~QtAudioBackend() override;

    void setInputDevice(const QAudioDevice &device) { m_inputDevice = device; }
    bool start(int inputRate, int outputRate, PlaybackBuffer *playback, QString *error) override;
    void stop() override;

private:
    QAudioDevice m_inputDevice;
    QAudioSource *m_source = nullptr;
    QAudioSink *m_sink = nullptr;
    QPointer<QIODevice> m_captureDevice;
    PlaybackDevice *m_playbackDevice = nullptr;
};
