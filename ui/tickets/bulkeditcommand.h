// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QJsonObject>
#include <QUndoCommand>

#include <functional>

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// One bulk action over a multi-selection (assign, status, priority, type,
/// project, follower): one mutation per ticket, and a single undo step that
/// puts back each ticket's previous values, again as one mutation each.
class BulkEditCommand : public QUndoCommand
{
public:
    /// The fields to set on a ticket, given its current JSON (so an action
    /// such as "add follower" can extend each ticket's own list); an empty
    /// object leaves that ticket alone.
    using Change = std::function<QJsonObject(const QJsonObject &ticket)>;

    BulkEditCommand(Store &store, QList<TicketId> tickets, Change change, const QString &text,
        PersonId author = {});

    void redo() override;
    void undo() override;

    /// Tickets the last redo or undo changed, and those it could not (the
    /// store refused the edit, or the ticket has gone).
    int applied() const { return m_applied; }
    QStringList failures() const { return m_failures; }

private:
    bool write(TicketId id, const QJsonObject &fields);

    Store &m_store;
    QList<TicketId> m_tickets;
    Change m_change;
    PersonId m_author;
    QHash<TicketId, QJsonObject> m_previous; // per ticket, the values redo replaced
    int m_applied = 0;
    QStringList m_failures;
};

} // namespace Tessera::Ui
