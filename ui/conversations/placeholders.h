// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"

#include <QDate>
#include <QString>

#include <optional>

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// What a canned response's {{placeholders}} are filled from.
struct PlaceholderValues
{
    std::optional<Ticket> ticket;
    std::optional<Status> status;
    std::optional<Person> requester;
    std::optional<Person> agent;
    std::optional<Organization> organization; // the ticket's, else the requester's
    QDate today;
};

/// Reads the values for `ticket` answered by `agent` from the cache.
PlaceholderValues placeholderValues(const Store &store, TicketId ticket, PersonId agent);

/// Fills {{requester.name}}, {{requester.first_name}}, {{requester.email}},
/// {{ticket.number}}, {{ticket.title}}, {{ticket.status}}, {{agent.name}},
/// {{agent.first_name}}, {{organization.name}} and {{today}}. Unknown
/// placeholders, and known ones without a value (a ticket the server has
/// not numbered yet), are left as written so the agent sees them.
QString fillPlaceholders(const QString &text, const PlaceholderValues &values);

} // namespace Tessera::Ui
