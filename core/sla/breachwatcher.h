// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>

namespace Tessera {

class Store;

/// Watches the SLA targets of the agent's own open tickets (PRODUCT.md F4:
/// assignees are warned before a breach). A target counts while it is unmet:
/// the first response until the first agent interaction, the resolution
/// until the ticket is solved. Each ticket's due time is warned about once
/// when it comes within the lead time, and reported once when it passes; a
/// due time that moves is a new one. Breaches older than the lead time are
/// left to the Overdue view rather than announced.
class BreachWatcher : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;
    enum class Target { FirstResponse, Resolution };
    Q_ENUM(Target)

    static constexpr int DefaultLeadMinutes = 30;

    /// `clock` gives the current time (UTC); the system clock when empty.
    /// Checks every minute and whenever cached tickets change.
    BreachWatcher(Store *store, PersonId me, Clock clock = {}, QObject *parent = nullptr);
    ~BreachWatcher() override;

    void setLeadMinutes(int minutes);
    int leadMinutes() const;

public Q_SLOTS:
    /// Compares the agent's unmet targets with the clock now.
    void check();

Q_SIGNALS:
    /// `ticket`'s `which` target falls due at `due`, within the lead time.
    void warning(
        Tessera::TicketId ticket, Tessera::BreachWatcher::Target which, const QDateTime &due);
    /// `ticket`'s `which` target was missed at `due`.
    void breached(
        Tessera::TicketId ticket, Tessera::BreachWatcher::Target which, const QDateTime &due);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera
