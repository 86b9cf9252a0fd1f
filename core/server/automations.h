// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"

// The automation engine's vocabulary (PRODUCT.md F5). The rules run inside
// ServerStore (automations.cpp), in the transaction of the change that
// triggered them; domain/automationrules.h holds their shape.

namespace Tessera::Server {

struct RuleOptions
{
    // The change chose the ticket's status itself (a reply sent as Solved):
    // status actions of the rules it triggers leave it alone.
    bool statusChosen = false;
    QDateTime now; // conditions are read at this time; invalid: the clock's
};

/// What the rules run for one change did.
struct RuleReport
{
    QList<AutomationId> fired; // in the order they ran
    bool statusCovered = false; // a rule that ran had a status action
};

} // namespace Tessera::Server
