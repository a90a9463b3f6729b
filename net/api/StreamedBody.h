// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <functional>

// A body too large to build whole (every agent of a big deployment): its size, known up front
// for Content-Length, and its bytes handed out a piece at a time as the socket drains.
struct StreamedBody
{
    qint64 size = 0;
    std::function<QByteArray()> next; // the next piece; empty once everything was given
};
