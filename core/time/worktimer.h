// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "result.h"

#include <QObject>

#include <functional>
#include <optional>

namespace Tessera {

class Store;

/// What stopping a timer logs: prefilled from the timer, edited by the agent.
struct TimeEntryDraft
{
    TicketId ticketId;
    QDate date;
    int minutes = 0;
    bool billable = true;
    QString note;
};

/// The agent's "Start work" timer (PRODUCT.md E1). The timer is a synced
/// RunningTimer in the cache, so it shows on every device of the agent and
/// survives restarts, crashes and being offline: elapsed time is always
/// the clock minus its start, never a count kept in memory.
class WorkTimer : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    /// Longest entry one stop logs (the server refuses longer ones).
    static constexpr int MaxEntryMinutes = 24 * 60;
    /// A timer running longer asks before it is stopped.
    static constexpr qint64 ConfirmAfterSeconds = 12 * 3600;

    /// `clock` gives the current time (UTC); the system clock when empty.
    WorkTimer(Store *store, PersonId me, Clock clock = {}, QObject *parent = nullptr);
    ~WorkTimer() override;

    PersonId person() const;
    QDateTime now() const;

    /// Whether starting on an unassigned ticket assigns it to the agent.
    void setAssignOnStart(bool assign);
    bool assignOnStart() const;
    /// The billable choice a stop starts from.
    void setBillableByDefault(bool billable);
    bool billableByDefault() const;

    std::optional<RunningTimer> running() const;
    bool isRunningOn(TicketId ticket) const;
    qint64 elapsedSeconds() const;
    /// Whether stopping needs the agent's confirmation (running > 12 hours).
    bool needsConfirmation() const;

    /// Starts on `ticket`. A timer on another ticket is stopped first and
    /// logged as it stands; one on the same ticket keeps running.
    Result<RunningTimer> start(TicketId ticket);
    /// The entry stopping now would log: the elapsed minutes (at least one,
    /// at most MaxEntryMinutes), the day the work started, the default billable.
    std::optional<TimeEntryDraft> draft() const;
    /// Logs `entry` and stops the timer (in that order in the outbox).
    Result<TimeEntry> stop(const TimeEntryDraft &entry);
    /// Stops the timer without logging anything.
    Result<void> discard();

Q_SIGNALS:
    /// The running timer started, stopped or moved (here or on another device).
    void runningChanged();
    /// A timer was stopped and its time logged.
    void logged(const Tessera::TimeEntry &entry);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera
