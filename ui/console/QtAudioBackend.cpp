// SPDX-License-Identifier: GPL-3.0-or-later
#include "QtAudioBackend.h"

#include "PlaybackBuffer.h"

#include <QAudioFormat>
#include <QAudioSink>
#include <QAudioSource>
#include <QMediaDevices>

using namespace Qt::StringLiterals;

// What the sink reads: the playback buffer, topped up with silence.
class PlaybackDevice : public QIODevice
{
public:
    explicit PlaybackDevice(PlaybackBuffer *buffer, QObject *parent)
        : QIODevice(parent)
        , m_buffer(buffer)
    {
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return 1 << 16; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        maxSize -= maxSize % 2;
        const QByteArray pcm = m_buffer ? m_buffer->read(maxSize) : QByteArray();
        memcpy(data, pcm.constData(), size_t(pcm.size()));
        memset(data + pcm.size(), 0, size_t(maxSize - pcm.size()));
        return maxSize;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QPointer<PlaybackBuffer> m_buffer;
};

namespace {
QAudioFormat pcmFormat(int sampleRate)
{
    QAudioFormat format;
    format.setSampleRate(sampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    return format;
}
} // namespace

QtAudioBackend::QtAudioBackend(QObject *parent)
    : AudioBackend(parent)
{
}

QtAudioBackend::~QtAudioBackend()
{
    stop();
}

bool QtAudioBackend::start(int inputRate, int outputRate, PlaybackBuffer *playback, QString *error)
{
    stop();
    const QAudioDevice input =
        m_inputDevice.isNull() ? QMediaDevices::defaultAudioInput() : m_inputDevice;
    const QAudioDevice output = QMediaDevices::defaultAudioOutput();
    if (input.isNull() || output.isNull()) {
        *error = input.isNull() ? u"no microphone was found"_s : u"no speaker was found"_s;
        return false;
    }
    const QAudioFormat inputFormat = pcmFormat(inputRate);
    const QAudioFormat outputFormat = pcmFormat(outputRate);
    if (!input.isFormatSupported(inputFormat)) {
        *error = u"%1 cannot record 16-bit mono at %2 Hz"_s.arg(input.description()).arg(inputRate);
        return false;
    }
    if (!output.isFormatSupported(outputFormat)) {
        *error = u"%1 cannot play 16-bit mono at %2 Hz"_s.arg(output.description()).arg(outputRate);
        return false;
    }
    m_sink = new QAudioSink(output, outputFormat, this);
    // About 60 ms in the device: small enough that a cleared buffer goes quiet at once.
    m_sink->setBufferSize(outputRate * 2 * 60 / 1000);
    m_playbackDevice = new PlaybackDevice(playback, this);
    m_playbackDevice->open(QIODevice::ReadOnly);
    m_sink->start(m_playbackDevice);

    m_source = new QAudioSource(input, inputFormat, this);
    m_source->setBufferSize(inputRate * 2 * 40 / 1000);
    m_captureDevice = m_source->start();
    if (!m_captureDevice) {
        *error = u"the microphone could not be opened (%1)"_s.arg(int(m_source->error()));
        stop();
        return false;
    }
    connect(m_captureDevice, &QIODevice::readyRead, this, [this] {
        if (m_captureDevice)
            Q_EMIT captured(m_captureDevice->readAll());
    });
    connect(m_source, &QAudioSource::stateChanged, this, [this](QAudio::State state) {
        if (state == QAudio::StoppedState && m_source && m_source->error() != QAudio::NoError)
            Q_EMIT failed(u"the microphone stopped working"_s);
    });
    return true;
}

void QtAudioBackend::stop()
{
    if (m_source) {
        m_source->stop();
        m_source->deleteLater();
        m_source = nullptr;
    }
    if (m_sink) {
        m_sink->stop();
        m_sink->deleteLater();
        m_sink = nullptr;
    }
    if (m_playbackDevice) {
        m_playbackDevice->deleteLater();
        m_playbackDevice = nullptr;
    }
}
