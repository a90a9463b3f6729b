// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QQueue>

// The agent's audio between the socket and the sound card. Frames queue as they arrive; the
// audio sink reads them (from its own thread when Qt Multimedia pulls); Ultravox's
// playback_clear_buffer drops everything still queued at once, so an interrupted agent falls
// silent immediately instead of finishing its sentence from the buffer.
class PlaybackBuffer : public QObject
{
    Q_OBJECT
public:
    explicit PlaybackBuffer(QObject *parent = nullptr);

    void push(const QByteArray &pcm);
    // Up to `maxBytes` of queued audio (fewer when less is queued, none when empty).
    QByteArray read(qint64 maxBytes);
    // Drops what is queued; returns how many bytes were dropped.
    qint64 clear();
    qint64 queuedBytes() const;

    // Mouth-to-ear measurement: how long each frame waited between push() and the read() that
    // handed its first byte to the sink, in nanoseconds. Off unless asked for (the bench).
    void setMeasuring(bool measuring);
    QList<qint64> takeWaits();

Q_SIGNALS:
    // Emitted from push(): a sink in push mode writes at once.
    void audioQueued();
    void cleared(qint64 droppedBytes);

private:
    struct Chunk
    {
        QByteArray pcm;
        qint64 offset = 0;
        qint64 pushedAtNs = 0;
    };
    mutable QMutex m_mutex;
    QQueue<Chunk> m_chunks;
    qint64 m_queued = 0;
    bool m_measuring = false;
    QElapsedTimer m_clock;
    QList<qint64> m_waits;
};
