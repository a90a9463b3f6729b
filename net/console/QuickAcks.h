// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWebSocket;

// Acknowledges what the console receives at once instead of up to 40 ms later. Sending a data
// message (the console's ping) puts Linux's TCP into its interactive mode, which delays the
// acknowledgements of the audio that follows; a server that leaves Nagle's algorithm on then holds
// each further frame until one comes. Re-arming TCP_QUICKACK after every read sends them at once.
// Linux only (elsewhere this does nothing): the flag does not stick, so it is set again each time.
namespace QuickAcks {
// From the moment `socket` is connected, for as long as it is.
void keepOn(QWebSocket &socket);
} // namespace QuickAcks
