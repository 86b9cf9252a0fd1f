// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/worktimer.h"

#include "logging.h"
#include "protocol/codecs.h"
#include "store/store.h"

using namespace Qt::StringLiterals;

namespace Tessera {

struct WorkTimer::Private
{
    Store *store = nullptr;
    PersonId me;
    Clock clock;
    bool assignOnStart = true;
    bool billableByDefault = true;
    std::optional<RunningTimer> last; // what runningChanged was last emitted for
};

WorkTimer::WorkTimer(Store *store, PersonId me, Clock clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->store = store;
    d->me = me;
    d->clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); });
    d->last = running();
    connect(store, &Store::changed, this, [this](EntityKind kind, const QList<EntityId> &) {
        if (kind != EntityKind::RunningTimer)
            return;
        const auto now = running();
        if (now == d->last)
            return;
        d->last = now;
        Q_EMIT runningChanged();
    });
}

WorkTimer::~WorkTimer() = default;

PersonId WorkTimer::person() const
{
    return d->me;
}

QDateTime WorkTimer::now() const
{
    return d->clock();
}

void WorkTimer::setAssignOnStart(bool assign)
{
    d->assignOnStart = assign;
}

bool WorkTimer::assignOnStart() const
{
    return d->assignOnStart;
}

void WorkTimer::setBillableByDefault(bool billable)
{
    d->billableByDefault = billable;
}

bool WorkTimer::billableByDefault() const
{
    return d->billableByDefault;
}

std::optional<RunningTimer> WorkTimer::running() const
{
    // The cache keeps one per person; a leftover from another device that
    // has not been replaced yet loses to the newest start.
    std::optional<RunningTimer> newest;
    for (const RunningTimer &timer : d->store->all<RunningTimer>()) {
        if (timer.personId == d->me && (!newest || timer.startedAt > newest->startedAt))
            newest = timer;
    }
    return newest;
}

bool WorkTimer::isRunningOn(TicketId ticket) const
{
    const auto timer = running();
    return timer && timer->ticketId == ticket;
}

qint64 WorkTimer::elapsedSeconds() const
{
    const auto timer = running();
    return timer ? std::max<qint64>(0, timer->startedAt.secsTo(now())) : 0;
}

bool WorkTimer::needsConfirmation() const
{
    return elapsedSeconds() > ConfirmAfterSeconds;
}

Result<RunningTimer> WorkTimer::start(TicketId ticket)
{
    const auto target = d->store->get<Ticket>(ticket);
    if (!target)
        return Error { Error::Code::NotFound,
            u"ticket %1 is not in the cache"_s.arg(ticket.toString()) };
    if (const auto current = running()) {
        if (current->ticketId == ticket)
            return current.value();
        const auto entry = draft();
        if (auto done = stop(entry.value()); !done)
            return done.error();
    }
    if (d->assignOnStart && !target->assigneeId.isValid()) {
        const auto json = d->store->entityJson(EntityKind::Ticket, ticket.as<EntityId>());
        const Mutation assign = Mutation::updating(EntityKind::Ticket, ticket.as<EntityId>(),
            json.value_or(QJsonObject {}), { { u"assignee_id"_s, d->me.toString() } }, d->me);
        if (auto done = d->store->apply(assign); !done)
            return done.error();
    }
    RunningTimer timer { RunningTimerId::create(), d->me, ticket, now(), 0 };
    if (auto done = d->store->apply(Mutation::creating(EntityKind::RunningTimer, timer, d->me));
        !done)
        return done.error();
    qCDebug(lcTime) << "timer started on" << ticket.toString();
    return timer;
}

std::optional<TimeEntryDraft> WorkTimer::draft() const
{
    const auto timer = running();
    if (!timer)
        return std::nullopt;
    const qint64 seconds = std::max<qint64>(0, timer->startedAt.secsTo(now()));
    TimeEntryDraft entry;
    entry.ticketId = timer->ticketId;
    entry.date = timer->startedAt.toLocalTime().date();
    entry.minutes = int(std::clamp<qint64>((seconds + 30) / 60, 1, MaxEntryMinutes));
    entry.billable = d->billableByDefault;
    return entry;
}

Result<TimeEntry> WorkTimer::stop(const TimeEntryDraft &entry)
{
    if (entry.minutes < 1 || entry.minutes > MaxEntryMinutes)
        return Error::invalid(u"a time entry lasts between 1 minute and 24 hours"_s);
    if (!entry.date.isValid())
        return Error::invalid(u"a time entry needs a date"_s);
    if (!entry.ticketId.isValid())
        return Error::invalid(u"a time entry needs a ticket"_s);
    // The entry first: if the cache fails in between, the time is logged
    // and the timer still shows, rather than the timer gone and the time lost.
    const TimeEntry logged { TimeEntryId::create(), entry.ticketId, d->me, entry.date,
        entry.minutes, entry.billable, entry.note, 0 };
    if (auto done = d->store->apply(Mutation::creating(EntityKind::TimeEntry, logged, d->me));
        !done)
        return done.error();
    if (auto done = discard(); !done)
        return done.error();
    qCDebug(lcTime) << "logged" << logged.minutes << "minutes on" << logged.ticketId.toString();
    Q_EMIT this->logged(logged);
    return logged;
}

Result<void> WorkTimer::discard()
{
    for (const RunningTimer &timer : d->store->all<RunningTimer>()) {
        if (timer.personId != d->me)
            continue;
        const auto json = d->store->entityJson(EntityKind::RunningTimer, timer.id.as<EntityId>());
        if (auto done = d->store->apply(Mutation::deleting(EntityKind::RunningTimer,
                timer.id.as<EntityId>(), json.value_or(QJsonObject {}), d->me));
            !done)
            return done;
    }
    return {};
}

} // namespace Tessera
