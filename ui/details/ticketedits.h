// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"
#include "result.h"

#include <QJsonObject>

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// Sets `changes` (wire keys) on a cached ticket as one mutation against
/// what the cache shows now, so the server can merge it per field. Keys
/// whose value is already the same are left out; nothing left is a no-op.
Result<void> editTicket(Store &store, TicketId ticket, QJsonObject changes, PersonId author);

} // namespace Tessera::Ui
