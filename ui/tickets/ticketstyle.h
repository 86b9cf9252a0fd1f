// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "tickets/ticketroles.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QStringList>

namespace Tessera::Ui::TicketStyle {

/// The WCAG contrast ratio of two colours (1 … 21).
double contrastRatio(const QColor &a, const QColor &b);

/// The background of a ticket row in `state`, derived from the palette's base
/// so that the palette's text stays readable on it, light or dark.
QColor rowTint(const QPalette &palette, RowState state);

/// A status bubble's fill: the status colour, darkened or lightened where
/// needed so that bubbleText() reads on it at 4.5:1 or better.
QColor bubbleFill(const QColor &statusColor, const QPalette &palette);
/// White or near-black, whichever reads better on `fill`.
QColor bubbleText(const QColor &fill);

/// The accent of a priority (urgent red, high orange, normal and low muted).
QColor priorityColor(Priority priority, const QPalette &palette);

/// The fill of the SLA due badge for an overdue or due-today ticket.
QColor dueBadgeFill(RowState state, const QPalette &palette);

/// The names of the bundled type icons (ui/icons/types), sorted.
QStringList bundledTypeIcons();
/// A type's icon: a rounded square in its colour with the bundled glyph of
/// that name, else the icon theme's icon of that name, else the type's initial.
QIcon typeIcon(const QString &themeName, const QColor &color, const QString &name);
/// A round dot in a status's bubble colour, for menus that list statuses.
QIcon statusDot(const QColor &statusColor, const QPalette &palette);
/// The check mark of solved rows.
QIcon solvedIcon(const QPalette &palette);
/// The clock of a ticket created here that the server has not numbered yet
/// (not yet synced): a filled disc with a rim, so it reads on any row.
QIcon pendingIcon(const QPalette &palette);
/// The padlock of internal notes and threads, in the palette's text colour.
QIcon lockIcon(const QPalette &palette);
/// The background of internal notes: an amber wash over the base colour,
/// light or dark, that keeps the palette's text readable.
QColor internalTint(const QPalette &palette);

} // namespace Tessera::Ui::TicketStyle
