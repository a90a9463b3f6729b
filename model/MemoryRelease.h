// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Hands memory freed after a large piece of work (loading every agent, a 30 MB answer) back to
// the system. glibc keeps freed heap for reuse, so without this the process looks as big as its
// biggest moment for the rest of its run.
void releaseFreedMemory();
