// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMutex>
#include <QPointer>

class QNetworkAccessManager;
class QThread;

// A QNetworkAccessManager for each thread that talks to the providers: a manager and its replies
// belong to the thread that made them, and the services may run on a thread of their own (the
// window) or on the main thread (headless, tests). Shared by every client of a factory.
class NetworkAccess
{
public:
    NetworkAccess() = default;
    ~NetworkAccess();
    NetworkAccess(const NetworkAccess &) = delete;
    NetworkAccess &operator=(const NetworkAccess &) = delete;

    QNetworkAccessManager *forCurrentThread();

private:
    QMutex m_mutex;
    // A finished thread's manager is deleted with it; a new thread at the same address then
    // finds a null pointer here and gets a new manager.
    QHash<QThread *, QPointer<QNetworkAccessManager>> m_managers;
};
