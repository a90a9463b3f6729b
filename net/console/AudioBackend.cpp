// SPDX-License-Identifier: GPL-3.0-or-later
#include "AudioBackend.h"

#include <QtEndian>

#include <cmath>

double pcmLevel(const QByteArray &pcm)
{
    const qsizetype samples = pcm.size() / 2;
    if (samples == 0)
        return 0.0;
    double sum = 0;
    for (qsizetype i = 0; i < samples; ++i) {
        const double sample = qFromLittleEndian<qint16>(pcm.constData() + 2 * i) / 32768.0;
        sum += sample * sample;
    }
    return std::min(1.0, std::sqrt(sum / double(samples)));
}
