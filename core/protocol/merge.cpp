// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/merge.h"

using namespace Qt::StringLiterals;

namespace Tessera::Protocol {

namespace {
// Absent and null are the same value: "no assignee".
QJsonValue valueOf(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    return value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
}
} // namespace

MergeOutcome mergeUpdate(
    const QJsonObject &current, const QJsonObject &fields, const QJsonObject &base)
{
    MergeOutcome outcome;
    outcome.merged = current;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QString &key = it.key();
        const QJsonValue theirs = valueOf(current, key);
        const QJsonValue mine
            = it.value().isUndefined() ? QJsonValue(QJsonValue::Null) : it.value();
        if (!base.contains(key) || theirs == valueOf(base, key) || theirs == mine) {
            outcome.merged.insert(key, mine);
            outcome.applied.append(key);
        } else {
            outcome.conflicts.append({ key, valueOf(base, key), mine, theirs });
        }
    }
    return outcome;
}

QJsonObject conflictToJson(const FieldConflict &conflict)
{
    return { { u"field"_s, conflict.field }, { u"base"_s, conflict.base },
        { u"mine"_s, conflict.mine }, { u"theirs"_s, conflict.theirs } };
}

} // namespace Tessera::Protocol
