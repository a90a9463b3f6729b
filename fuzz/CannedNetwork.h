// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QNetworkAccessManager>
#include <QNetworkReply>

// A network whose every request is answered from memory with the same status, headers and body,
// as the provider clients see a real answer (finished() after the event loop turns): the
// provider-reply harness feeds them its input this way, without sockets.
class CannedNetwork : public QNetworkAccessManager
{
public:
    struct Answer
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };
    void setAnswer(Answer answer) { m_answer = std::move(answer); }
    int requestCount() const { return m_requests; }

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    Answer m_answer;
    int m_requests = 0;
};

class CannedReply : public QNetworkReply
{
public:
    CannedReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                const CannedNetwork::Answer &answer, QObject *parent);
    void abort() override {}
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    QByteArray m_body;
    qint64 m_offset = 0;
};
