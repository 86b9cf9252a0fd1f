// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator64>

#include <chrono>

namespace Tessera::Net {

/// How long to wait before retrying after consecutive failures: exponential
/// backoff with full jitter, so many clients that lost the same server do not
/// come back in step. The n-th failure in a row (n = 0, 1, …) waits a random
/// time in [0, min(cap, base·2^n)], but never less than a small floor.
class Backoff
{
public:
    /// The shortest wait: a retry never spins, whatever the random draw.
    static constexpr std::chrono::milliseconds minimumDelay { 50 };

    /// A seed of 0 picks a random one; any other seed gives a repeatable sequence.
    explicit Backoff(std::chrono::milliseconds base = std::chrono::milliseconds(500),
        std::chrono::milliseconds cap = std::chrono::seconds(60), quint64 seed = 0);

    /// Records a failure and returns how long to wait before the next attempt.
    std::chrono::milliseconds next();
    /// After a success: the next failure starts again from base.
    void reset();
    /// Consecutive failures since construction or the last reset().
    int failures() const;

private:
    std::chrono::milliseconds m_base;
    std::chrono::milliseconds m_cap;
    int m_failures = 0;
    QRandomGenerator64 m_random;
};

} // namespace Tessera::Net
