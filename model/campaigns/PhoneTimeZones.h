// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

// The time zones a phone number may ring in, from libphonenumber's prefix data (built into the
// program from Debian's python3-phonenumbers). The longest known prefix of the number wins; a
// number whose prefix covers several zones (e.g. +1 without an area code) gets all of them.
namespace PhoneTimeZones {
// Empty when nothing is known of the number (libphonenumber's "Etc/Unknown").
QStringList zonesFor(const QString &e164);
// How many prefixes the table holds (0 when the resource is missing).
int prefixCount();
} // namespace PhoneTimeZones
