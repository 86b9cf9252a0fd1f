// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "result.h"
#include "store/dialect.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QTimeZone>

namespace Tessera {

/// One condition of a view's filter: field, operator, value (docs/views.md).
struct Condition
{
    QString field;
    QString op;
    QJsonValue value;
    friend bool operator==(const Condition &, const Condition &) = default;
};

/// A node of the filter tree: all-of / any-of children, or one condition.
struct FilterNode
{
    enum class Kind { All, Any, Condition };
    Kind kind = Kind::All;
    QList<FilterNode> children;
    Condition condition;

    /// Matches everything (an empty "any" matches nothing, so it is not empty).
    bool isEmpty() const { return kind == Kind::All && children.isEmpty(); }
    static FilterNode all(QList<FilterNode> children)
    {
        return { Kind::All, std::move(children), {} };
    }
    static FilterNode any(QList<FilterNode> children)
    {
        return { Kind::Any, std::move(children), {} };
    }
    static FilterNode where(QString field, QString op, QJsonValue value = {})
    {
        return { Kind::Condition, {}, { std::move(field), std::move(op), std::move(value) } };
    }
    friend bool operator==(const FilterNode &, const FilterNode &) = default;
};

struct SortKey
{
    QString field;
    bool descending = false;
    friend bool operator==(const SortKey &, const SortKey &) = default;
};

struct ColumnSpec
{
    QString field;
    int width = 0; // pixels; 0 = automatic
    friend bool operator==(const ColumnSpec &, const ColumnSpec &) = default;
};

/// A saved view's definition: filter tree, sort keys, grouping, columns.
/// Parsing checks the document's shape; field names, operators and values
/// are checked when it is compiled (they depend on the custom fields).
struct ViewSpec
{
    FilterNode filter;
    QList<SortKey> sort;
    QString groupBy; // empty: no grouping
    QList<ColumnSpec> columns;

    static Result<ViewSpec> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
    friend bool operator==(const ViewSpec &, const ViewSpec &) = default;
};

/// What a view is evaluated against: who is asking, when, and where.
struct QueryContext
{
    PersonId me;
    QList<DepartmentId> myDepartments;
    QDateTime now;
    QTimeZone timeZone = QTimeZone::systemTimeZone();
    QList<CustomFieldDef> customFields;
    QString search; // full-text terms; empty: no search
    Sql::Dialect dialect = Sql::Dialect::Sqlite; // the engine the SQL is for
};

} // namespace Tessera
