// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkAccess.h"

#include <QNetworkAccessManager>
#include <QThread>

NetworkAccess::~NetworkAccess()
{
    QMutexLocker locker(&m_mutex);
    for (const QPointer<QNetworkAccessManager> &manager : std::as_const(m_managers)) {
        if (!manager)
            continue;
        // Deleting a manager aborts its requests; their callbacks are not called.
        if (manager->thread() == QThread::currentThread())
            delete manager.data();
        else
            manager->deleteLater();
    }
}

QNetworkAccessManager *NetworkAccess::forCurrentThread()
{
    QThread *thread = QThread::currentThread();
    QMutexLocker locker(&m_mutex);
    QPointer<QNetworkAccessManager> &manager = m_managers[thread];
    if (!manager) {
        manager = m_makeManager ? m_makeManager() : new QNetworkAccessManager;
        // Deleted when its thread ends (deferred deletes run as a thread finishes).
        QObject::connect(thread, &QThread::finished, manager, &QObject::deleteLater);
    }
    return manager;
}
