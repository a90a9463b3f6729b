// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestAudioBackend.h"

#include "PlaybackBuffer.h"

#include <QtEndian>

#include <cmath>

bool TestAudioBackend::start(int inputRate, int outputRate, PlaybackBuffer *playback,
                             QString *error)
{
    if (!m_refusal.isEmpty()) {
        *error = m_refusal;
        return false;
    }
    m_inputRate = inputRate;
    m_outputRate = outputRate;
    m_playback = playback;
    m_running = true;
    return true;
}

void TestAudioBackend::stop()
{
    m_running = false;
}

void TestAudioBackend::capture(int milliseconds, bool speech, int chunkMs)
{
    for (int done = 0; done < milliseconds; done += chunkMs) {
        const int samples = m_inputRate * chunkMs / 1000;
        QByteArray pcm(samples * 2, '\0');
        if (speech) {
            for (int i = 0; i < samples; ++i, ++m_phase) {
                const double value = 0.3 * std::sin(2 * M_PI * 220.0 * m_phase / m_inputRate);
                qToLittleEndian<qint16>(qint16(value * 32767), pcm.data() + 2 * i);
            }
        }
        Q_EMIT captured(pcm);
    }
}

qint64 TestAudioBackend::drain(qint64 bytes)
{
    if (!m_playback)
        return 0;
    const QByteArray pcm = m_playback->read(bytes);
    m_played += pcm;
    return pcm.size();
}
