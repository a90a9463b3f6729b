// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>

#include <functional>
#include <type_traits>
#include <utility>

// What a widget wants done with an answer of the core thread. The answer arrives later, on the GUI
// thread; by then the widget that asked may be gone (a dialog that closed itself, a pane torn down
// with the window), and its callback would run on freed memory. So every reply names the object it
// belongs to, like the context object of QObject::connect, and is dropped when that object no
// longer exists:
//
//     m_core.hangUp(callId, replyTo(this, [this](const CallResult &result) { ... }));
template<typename Handle>
struct GuardedReply
{
    const QObject *receiver;
    Handle handle;
};

template<typename Handle>
GuardedReply<std::decay_t<Handle>> replyTo(const QObject *receiver, Handle &&handle)
{
    return {receiver, std::forward<Handle>(handle)};
}

template<typename T>
class BridgeReply
{
public:
    template<typename Handle, typename = std::enable_if_t<std::is_invocable_v<Handle &, const T &>>>
    BridgeReply(GuardedReply<Handle> reply)
        : m_receiver(const_cast<QObject *>(reply.receiver))
        , m_handle(std::move(reply.handle))
    {
    }

    // On the GUI thread only: that is where the receiver lives and can be destroyed.
    void operator()(const T &value) const
    {
        if (m_receiver && m_handle)
            m_handle(value);
    }

private:
    QPointer<QObject> m_receiver;
    std::function<void(const T &)> m_handle;
};
