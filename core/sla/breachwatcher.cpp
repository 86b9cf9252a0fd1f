// SPDX-License-Identifier: GPL-3.0-or-later
#include "sla/breachwatcher.h"

#include "logging.h"
#include "store/store.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

using Key = std::pair<TicketId, int>; // (ticket, Target)

struct Notified
{
    QDateTime warned; // the due time last warned about
    QDateTime breached; // the due time last reported missed
};

} // namespace

struct BreachWatcher::Private
{
    Store *store = nullptr;
    PersonId me;
    Clock clock;
    int leadMinutes = DefaultLeadMinutes;
    QTimer timer;
    QHash<Key, Notified> notified;
};

BreachWatcher::BreachWatcher(Store *store, PersonId me, Clock clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->store = store;
    d->me = me;
    d->clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); });
    d->timer.setInterval(std::chrono::minutes(1));
    connect(&d->timer, &QTimer::timeout, this, &BreachWatcher::check);
    d->timer.start();
    connect(store, &Store::changed, this, [this](EntityKind kind, const QList<EntityId> &) {
        if (kind == EntityKind::Ticket)
            check();
    });
}

BreachWatcher::~BreachWatcher() = default;

void BreachWatcher::setLeadMinutes(int minutes)
{
    d->leadMinutes = qMax(1, minutes);
}

int BreachWatcher::leadMinutes() const
{
    return d->leadMinutes;
}

void BreachWatcher::check()
{
    const qint64 now = d->clock().toMSecsSinceEpoch();
    const qint64 lead = qint64(d->leadMinutes) * 60'000;
    // Only due times near now matter; the window keeps the scan small.
    QSqlQuery q(d->store->connection());
    q.prepare(u"SELECT id, first_response_due, first_responded_at, resolution_due, solved_at"
              u" FROM tickets WHERE assignee_id = :me"
              u" AND status_category IN ('new', 'open', 'pending', 'on_hold')"
              u" AND ((first_responded_at IS NULL AND first_response_due BETWEEN :from AND :to)"
              u" OR (solved_at IS NULL AND resolution_due BETWEEN :from AND :to))"_s);
    q.bindValue(u":me"_s, d->me.toString());
    q.bindValue(u":from"_s, now - lead);
    q.bindValue(u":to"_s, now + lead);
    if (!q.exec()) {
        qCWarning(lcQuery) << "SLA breach check failed:" << q.lastError().text();
        return;
    }

    struct Due
    {
        Key key;
        QDateTime at;
    };
    QList<Due> dues;
    while (q.next()) {
        const TicketId id = TicketId::fromString(q.value(0).toString());
        const auto add = [&](Target which, const QVariant &due, const QVariant &met) {
            if (due.isNull() || !met.isNull())
                return;
            const qint64 ms = due.toLongLong();
            if (ms >= now - lead && ms <= now + lead)
                dues.append(
                    { { id, int(which) }, QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC) });
        };
        add(Target::FirstResponse, q.value(1), q.value(2));
        add(Target::Resolution, q.value(3), q.value(4));
    }

    QHash<Key, Notified> kept;
    QList<std::pair<bool, Due>> events; // (breached, due)
    for (const Due &due : std::as_const(dues)) {
        Notified state = d->notified.value(due.key);
        if (due.at.toMSecsSinceEpoch() <= now) {
            state.warned = due.at; // too late to warn
            if (state.breached != due.at) {
                state.breached = due.at;
                events.append({ true, due });
            }
        } else if (state.warned != due.at) {
            state.warned = due.at;
            events.append({ false, due });
        }
        kept.insert(due.key, state);
    }
    // Targets met, moved away or long past are forgotten: should one come
    // back near its due time, that is news again.
    d->notified = std::move(kept);
    // Emitted last: a receiver may edit tickets, which checks again.
    for (const auto &[missed, due] : std::as_const(events)) {
        if (missed)
            Q_EMIT breached(due.key.first, Target(due.key.second), due.at);
        else
            Q_EMIT warning(due.key.first, Target(due.key.second), due.at);
    }
}

} // namespace Tessera
