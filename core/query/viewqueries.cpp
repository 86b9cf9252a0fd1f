// SPDX-License-Identifier: GPL-3.0-or-later
#include "query/viewqueries.h"

#include "logging.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

Result<QSqlQuery> run(
    const std::function<QSqlDatabase()> &connection, const SqlStatement &statement)
{
    QSqlQuery query(connection());
    query.setForwardOnly(true);
    if (!query.prepare(statement.sql))
        return Error::storage(u"cannot prepare view query: "_s + query.lastError().text());
    for (auto it = statement.binds.cbegin(); it != statement.binds.cend(); ++it)
        query.bindValue(it.key(), it.value());
    if (!query.exec())
        return Error::storage(u"view query failed: "_s + query.lastError().text());
    return query;
}

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::UTC);
}

QList<TicketRow> readRows(QSqlQuery &q, int expected)
{
    QList<TicketRow> rows;
    rows.reserve(expected);
    while (q.next()) {
        TicketRow r;
        r.id = TicketId::fromString(q.value(0).toString());
        r.number = q.value(1).toLongLong();
        r.kind = fromWireName<TicketKind>(q.value(2).toString()).value_or(TicketKind::Ticket);
        r.title = q.value(3).toString();
        r.typeId = TicketTypeId::fromString(q.value(4).toString());
        r.statusId = StatusId::fromString(q.value(5).toString());
        r.statusCategory = q.value(6).toString();
        r.priority = Priority(std::clamp(q.value(7).toInt(), 0, 3));
        r.requesterId = PersonId::fromString(q.value(8).toString());
        r.assigneeId = PersonId::fromString(q.value(9).toString());
        r.departmentId = DepartmentId::fromString(q.value(10).toString());
        r.organizationId = OrganizationId::fromString(q.value(11).toString());
        r.projectId = ProjectId::fromString(q.value(12).toString());
        r.percentComplete = q.value(13).toInt();
        r.createdAt = fromMs(q.value(14));
        r.updatedAt = fromMs(q.value(15));
        r.firstResponseDue = fromMs(q.value(16));
        r.resolutionDue = fromMs(q.value(17));
        r.solvedAt = fromMs(q.value(18));
        if (!q.value(19).isNull())
            r.customFields = QJsonDocument::fromJson(q.value(19).toString().toUtf8()).object();
        r.version = q.value(20).toLongLong();
        r.timeSpentMinutes = q.value(21).toInt();
        r.groupKey = q.value(22);
        rows.append(std::move(r));
    }
    return rows;
}

} // namespace

ViewQueries::ViewQueries(const Store &store)
    : m_connection([&store] { return store.connection(); })
{ }

ViewQueries::ViewQueries(std::function<QSqlDatabase()> connection)
    : m_connection(std::move(connection))
{ }

Result<QList<GroupRow>> ViewQueries::groups(const CompiledView &view) const
{
    auto query = run(m_connection, view.groups());
    if (!query)
        return query.error();
    QList<GroupRow> groups;
    while (query.value().next()) {
        GroupRow row { query.value().value(0), query.value().value(1).toString(),
            query.value().value(2).toLongLong() };
        if (view.isGrouped() || row.count > 0 || groups.isEmpty())
            groups.append(row);
    }
    return groups;
}

Result<QList<TicketRow>> ViewQueries::rows(
    const CompiledView &view, const std::optional<QVariant> &group, qint64 offset, int limit) const
{
    auto query = run(m_connection, view.rows(group, offset, limit));
    if (!query)
        return query.error();
    return readRows(query.value(), limit);
}

Result<QList<TicketRow>> ViewQueries::rowsOf(
    const CompiledView &view, const QList<TicketId> &ids) const
{
    constexpr qsizetype Chunk = 500; // well under SQLite's bound-parameter limit
    QList<TicketRow> rows;
    for (qsizetype first = 0; first < ids.size(); first += Chunk) {
        auto query = run(m_connection, view.rowsOf(ids.mid(first, Chunk)));
        if (!query)
            return query.error();
        rows.append(readRows(query.value(), 0));
    }
    return rows;
}

Result<QList<TicketRow>> ViewQueries::firstPage(
    const CompiledView &view, const QList<GroupRow> &groups, int limit) const
{
    if (!view.isGrouped())
        return rows(view, std::nullopt, 0, limit);
    QList<TicketRow> page;
    for (const GroupRow &group : groups) {
        if (page.size() >= limit)
            break;
        auto more = rows(view, group.key, 0, int(limit - page.size()));
        if (!more)
            return more.error();
        page.append(std::move(more).value());
    }
    return page;
}

Result<qint64> ViewQueries::count(const CompiledView &view) const
{
    auto query = run(m_connection, view.count());
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error::storage(u"count returned no row"_s);
    return query.value().value(0).toLongLong();
}

} // namespace Tessera
