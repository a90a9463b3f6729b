// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStringList>

// Which Host headers the server answers. A web page on another site can make a browser send
// requests to 127.0.0.1 under its own name (DNS rebinding); refusing names we do not serve stops
// that. Addresses (127.0.0.1, [::1], 192.168.1.5) are always fine: rebinding needs a name.
class HostPolicy
{
public:
    // `extraNames`: more names to serve besides localhost, e.g. the machine's name when the
    // server is bound to a network interface.
    explicit HostPolicy(QStringList extraNames = {});
    bool allows(const QByteArray &hostHeader) const;
    // The host part of a Host header, lower-cased, without port or brackets.
    static QString hostName(const QByteArray &hostHeader);

private:
    QStringList m_names;
};
