// SPDX-License-Identifier: GPL-3.0-or-later
#include "CannedNetwork.h"

#include <QTimer>

#include <cstring>

QNetworkReply *CannedNetwork::createRequest(Operation operation, const QNetworkRequest &request,
                                            QIODevice *)
{
    ++m_requests;
    return new CannedReply(operation, request, m_answer, this);
}

CannedReply::CannedReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                         const CannedNetwork::Answer &answer, QObject *parent)
    : QNetworkReply(parent)
    , m_body(answer.body)
{
    setOperation(operation);
    setRequest(request);
    setUrl(request.url());
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, answer.status);
    for (const auto &[name, value] : answer.headers)
        setRawHeader(name, value);
    setFinished(true);
    // Signals after the caller connected to them, as a real reply's.
    QTimer::singleShot(0, this, [this] {
        Q_EMIT metaDataChanged();
        Q_EMIT readyRead();
        Q_EMIT finished();
    });
}

qint64 CannedReply::bytesAvailable() const
{
    return m_body.size() - m_offset + QNetworkReply::bytesAvailable();
}

qint64 CannedReply::readData(char *data, qint64 maxSize)
{
    const qint64 count = std::min(maxSize, m_body.size() - m_offset);
    if (count <= 0)
        return m_offset >= m_body.size() ? -1 : 0;
    std::memcpy(data, m_body.constData() + m_offset, size_t(count));
    m_offset += count;
    return count;
}
