// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// Identifiers made here: a prefix and random hex from the system's CSPRNG, so ids from several
// instances sharing one database never collide and reveal nothing about each other.
namespace Ids {
QString randomHex(int characters);
QString newAgentId();   // agent_ + 24 hex
QString newCallId();    // call_ + 24 hex
QString newRequestId(); // a UUID without braces
} // namespace Ids
