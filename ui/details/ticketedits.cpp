// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/ticketedits.h"

#include "domain/mutation.h"
#include "store/store.h"
#include "uilogging.h"

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

Result<void> editTicket(Store &store, TicketId ticket, QJsonObject changes, PersonId author)
{
    const auto current = store.entityJson(EntityKind::Ticket, ticket.as<EntityId>());
    if (!current)
        return Error::invalid(u"the ticket is no longer in the cache"_s);
    for (auto it = changes.begin(); it != changes.end();) {
        if (current->value(it.key()) == it.value())
            it = changes.erase(it);
        else
            ++it;
    }
    if (changes.isEmpty())
        return {};
    const Mutation mutation
        = Mutation::updating(EntityKind::Ticket, ticket.as<EntityId>(), *current, changes, author);
    auto done = store.apply(mutation);
    if (!done)
        qCInfo(lcUi) << "edit of" << ticket.toString() << "refused:" << done.error().message;
    return done;
}

} // namespace Tessera::Ui
