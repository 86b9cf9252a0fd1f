// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "result.h"

#include <QJsonValue>

namespace Tessera {

/// Checks one custom field value against its definition and returns it in
/// canonical form: text → string, number → number, date → "YYYY-MM-DD",
/// choice → one of the choices, multi-choice → an array of choices,
/// checkbox → bool, user → a person's UUID. Null clears the value.
Result<QJsonValue> validateCustomFieldValue(const CustomFieldDef &def, const QJsonValue &value);

/// Checks a ticket's whole custom_fields object against the definitions that
/// apply to its type: known keys only, typed values, required ones present.
/// Returns the canonical object.
Result<QJsonObject> validateCustomFields(
    const QJsonObject &values, const QList<CustomFieldDef> &definitions, TicketTypeId typeId);

} // namespace Tessera
