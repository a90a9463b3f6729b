// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMutex>
#include <QString>

// Holds the local API key (as a digest) and checks presented keys against it in constant time.
class ApiKeyGuard
{
public:
    enum class Verdict { Accepted, Missing, Malformed, Wrong };

    void setKey(const QString &key);
    bool hasKey() const;
    // `reason` gets a message for the client when the key is refused.
    Verdict check(const QByteArray &presented, QString *reason) const;

    // Equal length and content, taking the same time wherever the first difference is.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

private:
    mutable QMutex m_mutex;
    QByteArray m_digest;
};
