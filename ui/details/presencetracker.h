// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QDateTime>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace Tessera::Sync {
class SyncEngine;
}

namespace Tessera::Ui {

/// A colleague with a ticket open (PRODUCT.md C5).
struct PresenceEntry
{
    PersonId person;
    QString name;
    QString state; // "viewing" or "replying"
    QDateTime since; // when they entered that state
    QDateTime seen; // their last announcement

    bool isReplying() const { return state == QLatin1String("replying"); }
};

/// Who else is viewing or replying to which ticket, as colleagues' clients
/// announce it through the server's stream; and this agent's own presence,
/// announced for every ticket shown anywhere (the details panel, ticket
/// windows). Colleagues' entries not renewed within lifetime() are dropped,
/// so a client that vanished without "left" does not linger; this agent's
/// own presence is renewed at half that interval.
class PresenceTracker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresenceTracker)

public:
    using Clock = std::function<QDateTime()>;

    /// `me`: announcements about this person (another session of ours) are ignored.
    explicit PresenceTracker(PersonId me, QObject *parent = nullptr);
    /// With a clock for tests (the current UTC time by default).
    PresenceTracker(PersonId me, Clock clock, QObject *parent = nullptr);
    ~PresenceTracker() override;

    static constexpr std::chrono::seconds lifetime() { return std::chrono::seconds(120); }

    /// Listens to colleagues' presence and announces ours through `engine`
    /// (which may live on another thread).
    void setEngine(Sync::SyncEngine *engine);

    /// Colleagues on `ticket`, those replying first, then by arrival.
    QList<PresenceEntry> present(TicketId ticket) const;

    /// A view shows `ticket` / no longer shows it. Counted per ticket: the
    /// agent has left a ticket when no view shows it any more.
    void show(TicketId ticket);
    void hide(TicketId ticket);
    /// A view replaces one ticket by another (either may be invalid).
    void switchTicket(TicketId from, TicketId to);
    /// A reply box on `ticket` is being written in (counted like show()).
    void replying(TicketId ticket, bool replying);
    /// What this agent announces for `ticket`: "viewing", "replying" or "left".
    QString myState(TicketId ticket) const;

    /// Records a colleague's announcement (the engine's presenceChanged).
    void record(TicketId ticket, PersonId person, const QString &name, const QString &state);
    /// Drops colleagues' entries older than lifetime(); called periodically.
    void expire();
    /// Announces this agent's presence on every ticket shown again.
    void reannounce();

Q_SIGNALS:
    /// Who is on `ticket` changed.
    void changed(Tessera::TicketId ticket);

private:
    void announce(TicketId ticket);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
