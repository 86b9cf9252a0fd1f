// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "query/viewspec.h"
#include "result.h"

#include <QVariantMap>

#include <optional>

namespace Tessera {

/// Parameterised SQL: values are only ever bound, never spliced.
struct SqlStatement
{
    QString sql;
    QVariantMap binds; // ":p0" → value
};

/// A ViewSpec compiled for one QueryContext. The same compiler serves the
/// client cache and the server (DESIGN.md §6). It answers three questions:
/// the group headers with counts, a page of rows, and the total count.
class CompiledView
{
public:
    bool isGrouped() const { return !m_groupKey.isEmpty(); }
    QString groupBy() const { return m_groupBy; }

    /// Columns: group key, label, count; in display order.
    SqlStatement groups() const;
    /// Columns: see TicketRow (viewqueries.h). With `group`, only that
    /// group's rows; without, every row, ordered group by group.
    SqlStatement rows(const std::optional<QVariant> &group, qint64 offset, int limit) const;
    /// The same columns for those of `ids` the view shows, in no set order:
    /// how a list learns where edited tickets now belong.
    SqlStatement rowsOf(const QList<TicketId> &ids) const;
    SqlStatement count() const;

private:
    friend Result<CompiledView> compileView(const ViewSpec &spec, const QueryContext &context);
    QString m_groupBy;
    QString m_where; // SQL condition over tickets t
    QString m_groupKey; // SQL expression, empty when not grouped
    QString m_groupOrder; // with %K for the key
    QString m_groupLabel; // with %K for the key
    QString m_orderBy; // sort keys, ending with the id tie-break
    QVariantMap m_binds;
};

/// Unknown fields, operators invalid for a field's type and malformed values
/// are errors that say which part of the view is wrong.
Result<CompiledView> compileView(const ViewSpec &spec, const QueryContext &context);

/// The full-text query for an agent's search text: every word must match,
/// the last as a prefix; query syntax in the input is taken literally. FTS5
/// syntax for SQLite, tsquery syntax for PostgreSQL.
QString ftsQuery(const QString &searchText, Sql::Dialect dialect = Sql::Dialect::Sqlite);

} // namespace Tessera
