// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ticket.h"
#include "result.h"

#include <QJsonObject>

namespace Tessera::Protocol {

// The one JSON form of a Ticket, shared by the client cache, the sync
// protocol and the server's REST API.
QJsonObject toJson(const Ticket &ticket);
Result<Ticket> ticketFromJson(const QJsonObject &json);

} // namespace Tessera::Protocol
