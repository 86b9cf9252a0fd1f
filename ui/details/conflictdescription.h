// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"
#include "result.h"
#include "store/store.h"

#include <QColor>
#include <QIcon>
#include <QList>
#include <QString>

class QPalette;
class QWidget;

namespace Tessera::Sync {
class SyncEngine;
}

namespace Tessera::Ui {

/// What the conflict banner and the conflicts indicator say about a
/// SyncConflict, and how they resolve one: read from the cache, with ids
/// shown as the names people know.
namespace ConflictText {

/// One field of a conflict, its values as names.
struct FieldLine
{
    QString field; // the label ("Status")
    QString mine;
    QString theirs;
};

/// The ticket a conflict concerns: the ticket itself, or the ticket an
/// edited message, conversation, attachment… belongs to. Invalid for
/// edits of shared settings (statuses, types…).
TicketId ticketOf(const Store &store, const SyncConflict &conflict);

QList<FieldLine> fieldLines(const Store &store, const SyncConflict &conflict);
/// "Status: yours Pending, theirs Solved".
QString describe(const FieldLine &line);
/// The server's reason for a refusal.
QString refusal(const SyncConflict &conflict);
/// One line for a list of all conflicts: "#1042 Status — yours Pending, theirs Solved".
QString summary(const Store &store, const SyncConflict &conflict);

/// A wire value shown as people read it: names for ids and enum values,
/// "none" for empty values.
QString valueText(const Store &store, const QString &field, const QJsonValue &value);

/// The amber used for conflict notices, readable against `palette`'s window.
QColor warningColor(const QPalette &palette);
/// The theme's warning icon, or the style's.
QIcon warningIcon(const QWidget *widget);

} // namespace ConflictText

/// Resolves a conflict through the engine, on the engine's thread: blocking
/// while it runs there when it lives on another one (SyncThread).
namespace ConflictActions {

Result<void> keepTheirs(Sync::SyncEngine *engine, qint64 conflictId);
Result<void> useMine(Sync::SyncEngine *engine, qint64 conflictId);

} // namespace ConflictActions

} // namespace Tessera::Ui
