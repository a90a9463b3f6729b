// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AudioBackend.h"

#include <QPointer>

class PlaybackBuffer;

// A sound card for tests: the test decides what the microphone hears (capture()) and when the
// speaker takes audio from the playback buffer (drain()), and reads what it played.
class TestAudioBackend : public AudioBackend
{
    Q_OBJECT
public:
    using AudioBackend::AudioBackend;

    bool start(int inputRate, int outputRate, PlaybackBuffer *playback, QString *error) override;
    void stop() override;

    bool isRunning() const { return m_running; }
    int inputRate() const { return m_inputRate; }
    int outputRate() const { return m_outputRate; }
    // `milliseconds` of microphone audio: a tone (speech) or silence, in chunks of `chunkMs`.
    void capture(int milliseconds, bool speech, int chunkMs = 10);
    // The speaker takes up to `bytes` from the buffer; returns how many it got.
    qint64 drain(qint64 bytes);
    const QByteArray &played() const { return m_played; }
    void setRefuseStart(const QString &error) { m_refusal = error; }

private:
    QPointer<PlaybackBuffer> m_playback;
    QByteArray m_played;
    QString m_refusal;
    int m_inputRate = 0;
    int m_outputRate = 0;
    int m_phase = 0;
    bool m_running = false;
};
