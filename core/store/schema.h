// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QSqlDatabase>

namespace Tessera::Sql {

/// The cache schema's version ladder. Each step runs in its own transaction
/// together with the version bump, so a crash mid-migration leaves the
/// database at the previous version, never half-way.
int latestSchemaVersion();
/// 0 for an empty database.
Result<int> schemaVersion(QSqlDatabase db);
/// Migrates up to `target` (default: the latest). Refuses a database that is
/// newer than this build understands.
Result<void> migrate(QSqlDatabase db, int target = -1);

/// Bulk loading, for a first sync into an empty cache: keeping the ticket
/// tables' secondary indexes and full-text index current row by row costs
/// several times what building them once at the end does. Within the
/// caller's transaction, drops them and records their definitions; false
/// (and nothing done) when the cache already holds tickets, or is not SQLite.
Result<bool> suspendIndexes(QSqlDatabase db);
/// Whether indexes are suspended (a bulk load is under way, or was cut short).
Result<bool> indexesSuspended(QSqlDatabase db);
/// Within the caller's transaction, recreates what suspendIndexes() dropped
/// and rebuilds the full-text index and the link rows (ticket_links);
/// nothing when none is suspended.
Result<void> restoreIndexes(QSqlDatabase db);

} // namespace Tessera::Sql
