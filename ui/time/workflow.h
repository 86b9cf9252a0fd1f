// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

class QWidget;

namespace Tessera {
class Store;
class WorkTimer;
} // namespace Tessera

namespace Tessera::Ui::TimeWorkflow {

/// "Start work" on `ticket`, telling the agent when it failed.
bool startWork(WorkTimer &timer, TicketId ticket, QWidget *parent);
/// Stops the running timer: asks first when it ran for more than 12 hours,
/// then opens the stop dialog; logs the entry unless the agent cancels.
bool stopWork(WorkTimer &timer, const Store &store, QWidget *parent);
/// "#1234 Title" for dialogs and tooltips.
QString ticketText(const Store &store, TicketId ticket);

/// The time settings, kept in QSettings: assign on start, billable by default.
bool assignOnStart();
void setAssignOnStart(bool assign);
bool billableByDefault();
void setBillableByDefault(bool billable);
/// Gives `timer` the saved settings.
void applySettings(WorkTimer &timer);

} // namespace Tessera::Ui::TimeWorkflow
