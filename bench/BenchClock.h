// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <chrono>

#include <pthread.h>
#include <sys/resource.h>
#include <time.h>

// Clocks of the benchmarks: wall time, and the CPU of the whole process or of one thread (so that
// the fakes' and the client's threads can be taken out of Switchboard's figure).
namespace BenchClock {
inline qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// 0 when the thread's clock cannot be read.
inline double threadCpuSeconds(pthread_t thread)
{
    clockid_t clock;
    timespec spent{};
    if (pthread_getcpuclockid(thread, &clock) != 0 || clock_gettime(clock, &spent) != 0)
        return 0;
    return double(spent.tv_sec) + double(spent.tv_nsec) / 1e9;
}
} // namespace BenchClock
