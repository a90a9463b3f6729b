// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlaybackBuffer.h"

PlaybackBuffer::PlaybackBuffer(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
}

void PlaybackBuffer::push(const QByteArray &pcm)
{
    if (pcm.isEmpty())
        return;
    {
        QMutexLocker locker(&m_mutex);
        m_chunks.enqueue({pcm, 0, m_measuring ? m_clock.nsecsElapsed() : 0});
        m_queued += pcm.size();
    }
    Q_EMIT audioQueued();
}

QByteArray PlaybackBuffer::read(qint64 maxBytes)
{
    QByteArray out;
    QMutexLocker locker(&m_mutex);
    while (maxBytes > 0 && !m_chunks.isEmpty()) {
        Chunk &chunk = m_chunks.head();
        if (m_measuring && chunk.offset == 0)
            m_waits.append(m_clock.nsecsElapsed() - chunk.pushedAtNs);
        const qint64 take = std::min(maxBytes, qint64(chunk.pcm.size()) - chunk.offset);
        out.append(chunk.pcm.constData() + chunk.offset, take);
        chunk.offset += take;
        maxBytes -= take;
        m_queued -= take;
        if (chunk.offset == chunk.pcm.size())
            m_chunks.dequeue();
    }
    return out;
}

qint64 PlaybackBuffer::clear()
{
    qint64 dropped = 0;
    {
        QMutexLocker locker(&m_mutex);
        dropped = m_queued;
        m_chunks.clear();
        m_queued = 0;
    }
    Q_EMIT cleared(dropped);
    return dropped;
}

qint64 PlaybackBuffer::queuedBytes() const
{
    QMutexLocker locker(&m_mutex);
    return m_queued;
}

void PlaybackBuffer::setMeasuring(bool measuring)
{
    QMutexLocker locker(&m_mutex);
    m_measuring = measuring;
}

QList<qint64> PlaybackBuffer::takeWaits()
{
    QMutexLocker locker(&m_mutex);
    return std::exchange(m_waits, {});
}
