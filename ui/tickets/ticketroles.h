// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

namespace Tessera::Ui {

/// The item roles of the ticket list (TicketListModel), beyond Qt's own.
enum TicketRole {
    TicketIdRole = Qt::UserRole + 1, // TicketId; invalid on group rows
    IsGroupRole, // bool
    GroupKeyRole, // the group's key as the view query gives it (id, wire name, value)
    GroupLabelRole, // QString, translated
    GroupCountRole, // qint64
    FieldRole, // QString: the view field the column shows ("status", "cf:<uuid>")
    StatusColorRole, // QColor of the ticket's (or status group's) status
    StatusNameRole, // QString
    StatusCategoryRole, // QString wire name ("open", "solved", …)
    TypeColorRole, // QColor of the ticket type
    PriorityRole, // int: Tessera::Priority
    DueRole, // QDateTime: the resolution due time, UTC; invalid when none
    RowStateRole, // int: RowState
    NumberRole, // qint64
    PendingRole, // bool: created here, not yet synced (no number from the server yet)
};

/// How a ticket row is tinted: overdue red, due today light blue, solved green.
enum class RowState { Normal, DueToday, Overdue, Solved };

} // namespace Tessera::Ui
