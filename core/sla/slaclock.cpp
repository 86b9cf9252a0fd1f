// SPDX-License-Identifier: GPL-3.0-or-later
#include "sla/slaclock.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

constexpr int SearchDays = 3660; // a calendar without business time gives up after ten years

QTime parseTime(const QString &text)
{
    return text.size() == 5 ? QTime::fromString(text, u"HH:mm"_s) : QTime();
}

} // namespace

Result<SlaClock> SlaClock::fromPolicy(const SlaPolicy &policy)
{
    SlaClock clock;
    clock.m_policy = policy;
    clock.m_start
        = parseTime(policy.businessHoursStart.isEmpty() ? u"00:00"_s : policy.businessHoursStart);
    clock.m_end
        = parseTime(policy.businessHoursEnd.isEmpty() ? u"00:00"_s : policy.businessHoursEnd);
    if (!clock.m_start.isValid())
        return Error::invalid(u"sla_policy.business_hours_start must be HH:mm"_s);
    if (!clock.m_end.isValid())
        return Error::invalid(u"sla_policy.business_hours_end must be HH:mm"_s);
    for (int day : policy.businessDays) {
        if (day < 1 || day > 7)
            return Error::invalid(u"sla_policy.business_days must hold 1 (Monday) to 7"_s);
    }
    const QString zone = policy.timeZone.isEmpty() ? u"UTC"_s : policy.timeZone;
    clock.m_zone = QTimeZone(zone.toUtf8());
    if (!clock.m_zone.isValid())
        return Error::invalid(u"sla_policy.time_zone \"%1\" is not a known time zone"_s.arg(zone));
    return clock;
}

QDateTime SlaClock::addBusinessMinutes(const QDateTime &start, qint64 minutes,
    const QList<std::pair<QDateTime, QDateTime>> &paused) const
{
    if (!start.isValid())
        return {};
    qint64 remaining = minutes * 60 * 1000;
    QDateTime cursor = start.toUTC();
    qsizetype pause = 0;
    const QDate first = cursor.toTimeZone(m_zone).date().addDays(-1);
    for (int offset = 0; offset < SearchDays; ++offset) {
        const QDate day = first.addDays(offset);
        if (!m_policy.businessDays.contains(day.dayOfWeek()) || m_policy.holidays.contains(day))
            continue;
        // Hours ending at or before they start run to midnight ("00:00"–"00:00": all day).
        QDateTime open = QDateTime(day, m_start, m_zone).toUTC();
        const QDateTime close = (m_end > m_start ? QDateTime(day, m_end, m_zone)
                                                 : QDateTime(day.addDays(1), QTime(0, 0), m_zone))
                                    .toUTC();
        open = std::max(open, cursor);
        while (open < close) {
            // Skip pauses that ended before this stretch; stop at one that never ends.
            while (pause < paused.size() && paused.at(pause).second.isValid()
                && paused.at(pause).second <= open)
                ++pause;
            QDateTime stop = close;
            if (pause < paused.size()) {
                const auto &[from, to] = paused.at(pause);
                if (from <= open) {
                    if (!to.isValid())
                        return {};
                    open = std::min(to, close);
                    continue;
                }
                stop = std::min(stop, from);
            }
            const qint64 available = open.msecsTo(stop);
            if (remaining <= available)
                return open.addMSecs(remaining);
            remaining -= available;
            open = stop;
        }
        cursor = std::max(cursor, close);
    }
    return {};
}

SlaDeadlines SlaClock::deadlines(
    const QDateTime &created, Priority priority, const QList<StatusSpan> &history) const
{
    QList<std::pair<QDateTime, QDateTime>> paused;
    for (qsizetype i = 0; i < history.size(); ++i) {
        if (!pauses(history.at(i).category))
            continue;
        const QDateTime to = i + 1 < history.size() ? history.at(i + 1).from : QDateTime();
        if (!paused.isEmpty() && paused.last().second == history.at(i).from)
            paused.last().second = to; // Pending straight into On hold: one pause
        else
            paused.append({ history.at(i).from, to });
    }
    const auto due = [&](const QList<int> &targets) -> QDateTime {
        const int minutes = targets.value(int(priority));
        return minutes > 0 ? addBusinessMinutes(created, minutes, paused) : QDateTime();
    };
    return { due(m_policy.firstResponseMinutes), due(m_policy.resolutionMinutes) };
}

} // namespace Tessera
