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

} // namespace Tessera::Sql
