// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "result.h"

#include <QJsonObject>

namespace Tessera::Sql {

class Database;

/// The custom field definitions stored in `db`.
Result<QList<CustomFieldDef>> customFieldDefinitions(const Database &db);

/// An entity's canonical JSON, checked as the protocol requires, and for
/// tickets their custom field values against the definitions in `db`. The
/// cache and the server validate writes with this one function.
Result<QJsonObject> validateEntity(const Database &db, EntityKind kind, const QJsonObject &entity);

} // namespace Tessera::Sql
