// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/mutation.h"

namespace Tessera {

bool isOpAllowed(MutationOp op, EntityKind kind)
{
    if (op == MutationOp::Delete && kind == EntityKind::Attachment)
        return true;
    return (op == MutationOp::Append) == isAppendOnly(kind);
}

bool isAppendOnly(EntityKind kind)
{
    return kind == EntityKind::Message || kind == EntityKind::Attachment
        || kind == EntityKind::Activity;
}

namespace {
Mutation make(EntityKind kind, EntityId target, MutationOp op, PersonId author)
{
    Mutation m;
    m.id = MutationId::create();
    m.entity = kind;
    m.targetId = target;
    m.op = op;
    m.authorId = author;
    m.createdAt = QDateTime::currentDateTimeUtc();
    return m;
}
} // namespace

Mutation Mutation::updating(EntityKind kind, EntityId target, const QJsonObject &current,
    const QJsonObject &changes, PersonId author)
{
    Mutation m = make(kind, target, MutationOp::Update, author);
    m.fields = changes;
    for (auto it = changes.begin(); it != changes.end(); ++it)
        m.base.insert(
            it.key(), current.contains(it.key()) ? current.value(it.key()) : QJsonValue());
    return m;
}

Mutation Mutation::deleting(
    EntityKind kind, EntityId target, const QJsonObject &current, PersonId author)
{
    Mutation m = make(kind, target, MutationOp::Delete, author);
    m.base = current;
    return m;
}

} // namespace Tessera
