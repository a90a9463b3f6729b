// SPDX-License-Identifier: GPL-3.0-or-later
#include "MemoryRelease.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void releaseFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
