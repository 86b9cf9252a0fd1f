// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "query/viewcompiler.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>

#include <functional>

namespace Tessera {

class Store;

/// One line of a ticket list: the columns a list shows, not the whole ticket.
struct TicketRow
{
    TicketId id;
    qint64 number = 0;
    TicketKind kind = TicketKind::Ticket;
    QString title;
    TicketTypeId typeId;
    StatusId statusId;
    QString statusCategory;
    Priority priority = Priority::Normal;
    PersonId requesterId;
    PersonId assigneeId;
    DepartmentId departmentId;
    OrganizationId organizationId;
    ProjectId projectId;
    int percentComplete = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime firstResponseDue;
    QDateTime resolutionDue;
    QDateTime solvedAt;
    QJsonObject customFields;
    qint64 version = 0;
    int timeSpentMinutes = 0; // the server's total of the ticket's time entries
    QVariant groupKey;
};

/// One group header: its key (an id, wire name or value), a label for
/// display and the number of tickets in it.
struct GroupRow
{
    QVariant key;
    QString label;
    qint64 count = 0;
};

/// Runs compiled views against the cache, on the calling thread's connection.
class ViewQueries
{
public:
    explicit ViewQueries(const Store &store);
    /// Against any database with the cache's ticket tables (the server's too).
    explicit ViewQueries(std::function<QSqlDatabase()> connection);

    Result<QList<GroupRow>> groups(const CompiledView &view) const;
    Result<QList<TicketRow>> rows(const CompiledView &view, const std::optional<QVariant> &group,
        qint64 offset, int limit) const;
    /// Those of `ids` the view shows now, with their group keys (any order).
    Result<QList<TicketRow>> rowsOf(const CompiledView &view, const QList<TicketId> &ids) const;
    Result<qint64> count(const CompiledView &view) const;
    /// The first `limit` rows as a list shows them: group after group (each
    /// group read on its own, walking an index where one fits), or simply
    /// the first rows of an ungrouped view.
    Result<QList<TicketRow>> firstPage(
        const CompiledView &view, const QList<GroupRow> &groups, int limit) const;

private:
    std::function<QSqlDatabase()> m_connection;
};

} // namespace Tessera
