// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "result.h"

#include <QStringList>

namespace Tessera {

/// The action types of an automation (PRODUCT.md F5), their wire names.
/// Each action is {"type": name, …its parameters}.
QStringList automationActionTypes();

/// What `since` of a time-based rule's schedule may measure from.
QStringList automationScheduleEvents();

/// An automation's shape: a known trigger's schedule, a filter tree as its
/// conditions, known action types with their parameters and nothing else.
/// The message names the offending part ("automation.actions[1].type …").
Result<void> validateAutomation(const Automation &automation);

/// The rules a new workspace starts with: a customer reply reopens the
/// ticket, a public agent reply sets it Pending, a new ticket is assigned
/// round-robin within its department.
QList<Automation> shippedAutomations();

} // namespace Tessera
