// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QThreadPool>
#include <QTimer>

class Store;

// Folds SQLite's write-ahead log back into the database every second, on a thread of its own.
// Left to SQLite, the checkpoint (and its fsync) happens inside whichever write fills the log,
// and that API request waits for it. PASSIVE never blocks readers or writers.
class WalCheckpointer : public QObject
{
    Q_OBJECT
public:
    explicit WalCheckpointer(Store &store, QObject *parent = nullptr);
    ~WalCheckpointer() override; // waits for a checkpoint under way
    void start();

private:
    void checkpoint();

    Store &m_store;
    QTimer m_timer;
    QThreadPool m_pool;
};
