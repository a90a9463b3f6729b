// SPDX-License-Identifier: GPL-3.0-or-later
#include "WalCheckpointer.h"

#include "AppError.h"
#include "Store.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCheckpoint, "switchboard.checkpoint")

WalCheckpointer::WalCheckpointer(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // one thread, one connection, for the whole run
    m_timer.setInterval(1000);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &WalCheckpointer::checkpoint);
}

WalCheckpointer::~WalCheckpointer()
{
    m_timer.stop();
    m_pool.waitForDone();
    m_pool.start([this] { m_store.closeThreadConnection(); });
    m_pool.waitForDone();
}

void WalCheckpointer::start()
{
    if (!m_store.isPostgres())
        m_timer.start();
}

void WalCheckpointer::checkpoint()
{
    if (m_pool.activeThreadCount() > 0)
        return; // the last one is still at it
    m_pool.start([this] {
        try {
            m_store.execDirect(u"PRAGMA wal_checkpoint(PASSIVE)"_s);
        } catch (const AppError &error) {
            qCDebug(lcCheckpoint) << "checkpoint skipped:" << error.message();
        }
    });
}
