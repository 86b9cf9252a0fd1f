// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

namespace Tessera::Sql {

/// How a JSON value becomes a column value.
enum class ColumnType {
    Text, // strings and UUIDs; null stays NULL
    Integer, // integers and booleans
    DateTimeMs, // ISO 8601 → milliseconds since the epoch (UTC), so ranges compare as numbers
    Priority, // wire name → ordinal (low 0 … urgent 3), so priority sorts by urgency
    JsonText, // arrays and objects, as compact JSON text
};

struct Column
{
    QString name; // the SQL column
    QString key; // the wire key in the entity's JSON
    ColumnType type;
};

/// Where an entity kind lives in the cache and which JSON keys are copied
/// into columns for queries. Every table has seq, id and version. The
/// canonical JSON goes into `data`: in the same table, or, when
/// `documentTable` is set, in a separate table keyed by id together with
/// `documentColumns` (so that the rows views scan stay narrow).
struct TableDef
{
    EntityKind kind;
    QString table;
    QList<Column> columns;
    QString documentTable;
    QList<Column> documentColumns;

    QString dataTable() const { return documentTable.isEmpty() ? table : documentTable; }
};

const TableDef &tableFor(EntityKind kind);
QVariant columnValue(const Column &column, const QJsonObject &entity);
/// Milliseconds since the epoch for an ISO 8601 value; null for empty.
QVariant dateTimeMs(const QJsonValue &value);

} // namespace Tessera::Sql
