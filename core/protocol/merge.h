// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace Tessera::Protocol {

/// A field changed on both sides to different values (DESIGN.md §5).
struct FieldConflict
{
    QString field;
    QJsonValue base; // what the agent saw
    QJsonValue mine; // what the agent set
    QJsonValue theirs; // what the server has, and keeps
    friend bool operator==(const FieldConflict &, const FieldConflict &) = default;
};

struct MergeOutcome
{
    QJsonObject merged; // the entity after every mergeable field is applied
    QStringList applied; // fields set (or already holding the agent's value)
    QList<FieldConflict> conflicts;
};

/// The per-field three-way merge of an update: a field is applied when the
/// current value still equals the base the agent saw, or already equals the
/// new value; otherwise it is a conflict and the current value is kept. A
/// field sent without a base (an integrator's blind write) is applied.
MergeOutcome mergeUpdate(
    const QJsonObject &current, const QJsonObject &fields, const QJsonObject &base);

QJsonObject conflictToJson(const FieldConflict &conflict);

} // namespace Tessera::Protocol
