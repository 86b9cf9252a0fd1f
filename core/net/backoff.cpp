// SPDX-License-Identifier: GPL-3.0-or-later
#include "backoff.h"

#include <algorithm>
#include <limits>

namespace Tessera::Net {

namespace {

QRandomGenerator64 seeded(quint64 seed)
{
    if (seed == 0)
        seed = QRandomGenerator::system()->generate64();
    // QRandomGenerator64 takes 32-bit words: use all 64 bits of the seed.
    const quint32 words[] = { quint32(seed), quint32(seed >> 32) };
    return QRandomGenerator64(words);
}

} // namespace

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, quint64 seed)
    : m_base(std::max(base, std::chrono::milliseconds(1)))
    , m_cap(std::max(cap, m_base))
    , m_random(seeded(seed))
{ }

std::chrono::milliseconds Backoff::next()
{
    // base·2^n without overflow: once base exceeds cap / 2^n, the cap applies.
    const int shift = std::min(m_failures, 62);
    const qint64 base = m_base.count();
    const qint64 ceiling = base > (m_cap.count() >> shift) ? m_cap.count() : base << shift;
    if (m_failures < std::numeric_limits<int>::max())
        ++m_failures;
    const auto drawn = std::chrono::milliseconds(m_random.bounded(ceiling + 1));
    return std::max(drawn, std::min(minimumDelay, m_cap));
}

void Backoff::reset()
{
    m_failures = 0;
}

int Backoff::failures() const
{
    return m_failures;
}

} // namespace Tessera::Net
