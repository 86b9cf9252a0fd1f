// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/presencetracker.h"

#include "sync/syncengine.h"
#include "uilogging.h"

#include <QHash>
#include <QPointer>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

const QString Viewing = u"viewing"_s;
const QString Replying = u"replying"_s;
const QString Left = u"left"_s;

} // namespace

struct PresenceTracker::Private
{
    PersonId me;
    Clock clock;
    QPointer<Sync::SyncEngine> engine;
    QMetaObject::Connection presenceConnection;
    QMetaObject::Connection stateConnection;
    // Colleagues per ticket, in order of arrival.
    QHash<TicketId, QList<PresenceEntry>> others;
    // This agent: how many views show / reply to each ticket.
    QHash<TicketId, int> shown;
    QHash<TicketId, int> replying;
    QTimer expiry;
    QTimer renewal;

    bool stale(const PresenceEntry &e, const QDateTime &now) const
    {
        return e.seen.secsTo(now) >= lifetime().count();
    }
};

PresenceTracker::PresenceTracker(PersonId me, QObject *parent)
    : PresenceTracker(
        me, [] { return QDateTime::currentDateTimeUtc(); }, parent)
{ }

PresenceTracker::PresenceTracker(PersonId me, Clock clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->me = me;
    d->clock = std::move(clock);
    d->expiry.setInterval(std::chrono::seconds(15));
    connect(&d->expiry, &QTimer::timeout, this, &PresenceTracker::expire);
    d->renewal.setInterval(lifetime() / 2);
    connect(&d->renewal, &QTimer::timeout, this, &PresenceTracker::reannounce);
}

PresenceTracker::~PresenceTracker()
{
    // Colleagues should not wait for the expiry to see us go.
    const QList<TicketId> tickets = d->shown.keys();
    d->shown.clear();
    d->replying.clear();
    for (const TicketId &ticket : tickets)
        announce(ticket);
}

void PresenceTracker::setEngine(Sync::SyncEngine *engine)
{
    disconnect(d->presenceConnection);
    disconnect(d->stateConnection);
    d->engine = engine;
    if (!engine)
        return;
    d->presenceConnection = connect(engine, &Sync::SyncEngine::presenceChanged, this,
        [this](TicketId ticket, PersonId person, const QString &name, const QString &state) {
            record(ticket, person, name, state);
        });
    // The stream was down: what we announced meanwhile went nowhere.
    d->stateConnection = connect(
        engine, &Sync::SyncEngine::stateChanged, this, [this](Sync::SyncEngine::State state) {
            if (state == Sync::SyncEngine::State::Online)
                reannounce();
        });
    reannounce();
}

QList<PresenceEntry> PresenceTracker::present(TicketId ticket) const
{
    const QDateTime now = d->clock();
    QList<PresenceEntry> entries;
    for (const PresenceEntry &e : d->others.value(ticket)) {
        if (!d->stale(e, now))
            entries.append(e);
    }
    std::stable_sort(
        entries.begin(), entries.end(), [](const PresenceEntry &a, const PresenceEntry &b) {
            return a.isReplying() && !b.isReplying();
        });
    return entries;
}

void PresenceTracker::show(TicketId ticket)
{
    if (!ticket.isValid())
        return;
    if (d->shown[ticket]++ == 0)
        announce(ticket);
    d->renewal.start();
}

void PresenceTracker::hide(TicketId ticket)
{
    const auto it = d->shown.find(ticket);
    if (it == d->shown.end())
        return;
    if (--*it > 0)
        return;
    d->shown.erase(it);
    d->replying.remove(ticket);
    announce(ticket);
    if (d->shown.isEmpty())
        d->renewal.stop();
}

void PresenceTracker::switchTicket(TicketId from, TicketId to)
{
    if (from == to)
        return;
    show(to);
    hide(from);
}

void PresenceTracker::replying(TicketId ticket, bool replying)
{
    if (!ticket.isValid())
        return;
    const QString before = myState(ticket);
    if (replying) {
        ++d->replying[ticket];
    } else {
        const auto it = d->replying.find(ticket);
        if (it == d->replying.end())
            return;
        if (--*it == 0)
            d->replying.erase(it);
    }
    if (myState(ticket) != before)
        announce(ticket);
}

QString PresenceTracker::myState(TicketId ticket) const
{
    if (d->replying.value(ticket) > 0)
        return Replying;
    return d->shown.value(ticket) > 0 ? Viewing : Left;
}

void PresenceTracker::record(
    TicketId ticket, PersonId person, const QString &name, const QString &state)
{
    if (!ticket.isValid() || !person.isValid() || person == d->me)
        return;
    QList<PresenceEntry> &entries = d->others[ticket];
    const auto it = std::find_if(
        entries.begin(), entries.end(), [&](const PresenceEntry &e) { return e.person == person; });
    const QDateTime now = d->clock();
    bool changedState = true;
    if (state == Left) {
        if (it != entries.end())
            entries.erase(it);
        else
            changedState = false;
    } else if (state == Viewing || state == Replying) {
        if (it == entries.end()) {
            entries.append({ person, name, state, now, now });
        } else {
            changedState = it->state != state || it->name != name;
            if (it->state != state)
                it->since = now;
            it->state = state;
            it->name = name;
            it->seen = now;
        }
    } else {
        qCDebug(lcUi) << "unknown presence state" << state;
        changedState = false;
    }
    if (entries.isEmpty())
        d->others.remove(ticket);
    if (!d->others.isEmpty())
        d->expiry.start();
    if (changedState)
        Q_EMIT changed(ticket);
}

void PresenceTracker::expire()
{
    const QDateTime now = d->clock();
    QList<TicketId> touched;
    for (auto it = d->others.begin(); it != d->others.end();) {
        const qsizetype before = it->size();
        it->removeIf([&](const PresenceEntry &e) { return d->stale(e, now); });
        if (it->size() != before)
            touched.append(it.key());
        it = it->isEmpty() ? d->others.erase(it) : std::next(it);
    }
    if (d->others.isEmpty())
        d->expiry.stop();
    for (const TicketId &ticket : std::as_const(touched))
        Q_EMIT changed(ticket);
}

void PresenceTracker::reannounce()
{
    const QList<TicketId> tickets = d->shown.keys();
    for (const TicketId &ticket : tickets)
        announce(ticket);
}

void PresenceTracker::announce(TicketId ticket)
{
    Sync::SyncEngine *engine = d->engine;
    if (!engine)
        return;
    const QString state = myState(ticket);
    if (engine->thread() == QThread::currentThread())
        engine->announcePresence(ticket, state);
    else
        QMetaObject::invokeMethod(
            engine, [engine, ticket, state] { engine->announcePresence(ticket, state); });
}

} // namespace Tessera::Ui
