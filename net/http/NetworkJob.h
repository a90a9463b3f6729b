// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;

// One request to a provider: sent, timed out, retried when that is safe, answered once through
// `finished`, then deleted. The job is a child of the network manager, so it never outlives it;
// whoever listens connects with a context object and is not called once that context is gone.
class NetworkJob : public QObject
{
    Q_OBJECT
public:
    // `timeoutMs` bounds each attempt. `retry` applies to GET only; any other method is sent once.
    NetworkJob(QNetworkAccessManager *network, HttpRequest request, int timeoutMs,
               RetryPolicy retry);
    ~NetworkJob() override;

    void start();
    const HttpRequest &request() const { return m_request; }

Q_SIGNALS:
    // Emitted once; the job deletes itself afterwards.
    void finished(const HttpReply &reply);

private:
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    // Whether the answer is worth asking again for, and after how long.
    bool retryDelay(const HttpReply &reply, int *delayMs) const;
    void finish(HttpReply reply);

    QNetworkAccessManager *m_network;
    HttpRequest m_request;
    int m_timeoutMs;
    RetryPolicy m_retry;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QTimer m_backoff;
    int m_attempts = 0;
    bool m_timedOut = false;
    bool m_finished = false;
};
