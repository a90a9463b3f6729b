// SPDX-License-Identifier: GPL-3.0-or-later
#include "LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace {
// Bucket i holds times up to 1 µs * Growth^i; 512 buckets of 5% reach far past an hour.
constexpr double Growth = 1.05;
constexpr double SmallestMs = 0.001;
} // namespace

int LatencyHistogram::bucketFor(double milliseconds)
{
    if (milliseconds <= SmallestMs)
        return 0;
    const int bucket = int(std::ceil(std::log(milliseconds / SmallestMs) / std::log(Growth)));
    return std::clamp(bucket, 0, BucketCount - 1);
}

double LatencyHistogram::upperBoundMs(int bucket)
{
    return SmallestMs * std::pow(Growth, bucket);
}

void LatencyHistogram::record(double milliseconds)
{
    milliseconds = std::max(0.0, milliseconds);
    ++m_buckets[std::size_t(bucketFor(milliseconds))];
    ++m_count;
    m_sumMs += milliseconds;
}

void LatencyHistogram::clear()
{
    m_buckets.fill(0);
    m_count = 0;
    m_sumMs = 0.0;
}

double LatencyHistogram::quantileMs(double q) const
{
    if (m_count == 0)
        return 0.0;
    const auto rank = std::uint64_t(std::ceil(std::clamp(q, 0.0, 1.0) * double(m_count)));
    std::uint64_t seen = 0;
    for (int bucket = 0; bucket < BucketCount; ++bucket) {
        seen += m_buckets[std::size_t(bucket)];
        if (seen >= std::max<std::uint64_t>(rank, 1))
            return upperBoundMs(bucket);
    }
    return upperBoundMs(BucketCount - 1);
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    for (std::size_t i = 0; i < m_buckets.size(); ++i)
        m_buckets[i] += other.m_buckets[i];
    m_count += other.m_count;
    m_sumMs += other.m_sumMs;
}
