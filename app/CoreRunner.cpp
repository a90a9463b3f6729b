// SPDX-License-Identifier: GPL-3.0-or-later
#include "CoreRunner.h"

#include "AppError.h"
#include "ServerStack.h"

#include <QEventLoop>

using namespace Qt::StringLiterals;

CoreRunner::CoreRunner(std::unique_ptr<ServerStack> stack)
    : m_stack(stack.release())
{
    m_thread.setObjectName(u"core"_s);
    m_stack->moveToThread(&m_thread);
    m_thread.start();
}

CoreRunner::~CoreRunner()
{
    stop();
}

CoreRunner::Status CoreRunner::start()
{
    Status status;
    QMetaObject::invokeMethod(
        m_stack,
        [this, &status] {
            try {
                m_stack->open();
            } catch (const AppError &error) {
                status.storeError = error.message();
                return;
            }
            m_stack->listen(&status.listenError);
        },
        Qt::BlockingQueuedConnection);
    return status;
}

void CoreRunner::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    // Requests in flight are answered (at most 5 s), then the stack goes, on its own thread.
    QMetaObject::invokeMethod(
        m_stack,
        [this] {
            QEventLoop drained;
            m_stack->shutdown(5000, [&drained] { drained.quit(); });
            if (m_stack->isListening() && m_stack->server().pendingCount() > 0)
                drained.exec();
            delete m_stack;
        },
        Qt::BlockingQueuedConnection);
    m_stack = nullptr;
    m_thread.quit();
    m_thread.wait();
}
