// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

// Turns SIGINT and SIGTERM into a Qt signal, delivered on the event loop (the handler itself only
// writes a byte to a pipe, the one thing a signal handler may safely do).
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
};
