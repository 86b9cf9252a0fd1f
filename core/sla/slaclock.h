// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "result.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>

namespace Tessera {

/// One stretch of a ticket's status history: from `from` until the next
/// span's start (the last span lasts until now and beyond).
struct StatusSpan
{
    QDateTime from;
    StatusCategory category = StatusCategory::Open;
};

/// When a ticket's SLA targets fall due; invalid: no target (0 minutes),
/// or the clock stands still at the end of the history (Pending, On hold).
struct SlaDeadlines
{
    QDateTime firstResponseDue;
    QDateTime resolutionDue;
    friend bool operator==(const SlaDeadlines &, const SlaDeadlines &) = default;
};

/// Business time of an SLA policy (PRODUCT.md F4): its hours on its business
/// days in its time zone, holidays excluded. The clock pauses while a
/// ticket waits on someone else (Pending, On hold).
class SlaClock
{
public:
    /// Checks the policy's hours ("HH:mm"), days and time zone.
    static Result<SlaClock> fromPolicy(const SlaPolicy &policy);

    /// The instant `minutes` of business time after `start`, not counting
    /// `paused` stretches (sorted, disjoint, each [from, to); an invalid `to`
    /// never ends, so the result is invalid when it is reached). Invalid when
    /// the calendar has no business time within ten years.
    QDateTime addBusinessMinutes(const QDateTime &start, qint64 minutes,
        const QList<std::pair<QDateTime, QDateTime>> &paused = {}) const;

    /// Both due times of a ticket created at `created` with `priority`,
    /// whose status history is `history` (oldest first; empty: never paused).
    SlaDeadlines deadlines(
        const QDateTime &created, Priority priority, const QList<StatusSpan> &history) const;

    /// Whether a status category stops the clock.
    static bool pauses(StatusCategory category)
    {
        return category == StatusCategory::Pending || category == StatusCategory::OnHold;
    }

private:
    SlaPolicy m_policy;
    QTimeZone m_zone;
    QTime m_start;
    QTime m_end;
};

} // namespace Tessera
