// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QThread>

#include <memory>

class ServerStack;

// Runs the services and the REST server on a thread of their own, so that a load of API requests
// never freezes the window. Everything in the stack lives on that thread; the window talks to it
// through CoreBridge.
class CoreRunner
{
public:
    struct Status
    {
        QString storeError;  // the database could not be opened (damaged, newer, unreachable)
        QString listenError; // the API could not listen (port taken, address unavailable)
        bool storeOpen() const { return storeError.isEmpty(); }
        bool listening() const { return storeOpen() && listenError.isEmpty(); }
    };

    explicit CoreRunner(std::unique_ptr<ServerStack> stack);
    ~CoreRunner(); // stops, answering requests in flight first

    // Moves the stack to the core thread, opens the store and starts listening there.
    Status start();
    void stop();
    ServerStack &stack() { return *m_stack; }
    QThread &thread() { return m_thread; }

private:
    QThread m_thread;
    ServerStack *m_stack;
    bool m_stopped = false;
};
