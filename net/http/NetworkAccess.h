// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMutex>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;
class QThread;

// A QNetworkAccessManager for each thread that talks to the providers: a manager and its replies
// belong to the thread that made them, and the services may run on a thread of their own (the
// window) or on the main thread (headless, tests). Shared by every client of a factory.
class NetworkAccess
{
public:
    using ManagerMaker = std::function<QNetworkAccessManager *()>;
    NetworkAccess() = default;
    // Managers made by `makeManager` instead of plain ones: the provider-reply fuzz harness
    // answers from memory this way, without sockets.
    explicit NetworkAccess(ManagerMaker makeManager)
        : m_makeManager(std::move(makeManager))
    {
    }
    ~NetworkAccess();
    NetworkAccess(const NetworkAccess &) = delete;
    NetworkAccess &operator=(const NetworkAccess &) = delete;

    QNetworkAccessManager *forCurrentThread();

private:
    ManagerMaker m_makeManager;
    QMutex m_mutex;
    // A finished thread's manager is deleted with it; a new thread at the same address then
    // finds a null pointer here and gets a new manager.
    QHash<QThread *, QPointer<QNetworkAccessManager>> m_managers;
};
