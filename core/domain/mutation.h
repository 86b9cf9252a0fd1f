// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "domain/ids.h"
#include "protocol/codec.h"

#include <QDateTime>
#include <QJsonObject>

namespace Tessera {

/// One agent edit, as it is applied to the cache, queued in the outbox and
/// sent to the server (DESIGN.md §5). `fields` holds the wire keys it sets;
/// `base` the values the agent saw for those keys, so the server can merge
/// per field and report a true conflict.
struct Mutation
{
    MutationId id;
    EntityKind entity = EntityKind::Ticket;
    EntityId targetId;
    MutationOp op = MutationOp::Update;
    QJsonObject fields;
    QJsonObject base;
    PersonId authorId;
    QDateTime createdAt;

    bool isValid() const { return id.isValid() && targetId.isValid(); }
    friend bool operator==(const Mutation &, const Mutation &) = default;

    /// A mutation that creates `entity` (append for log-like entities).
    template<Protocol::HasCodec T>
    static Mutation creating(EntityKind kind, const T &entity, PersonId author = {});
    /// A mutation that sets `changes` on an entity whose current JSON form is `current`.
    static Mutation updating(EntityKind kind, EntityId target, const QJsonObject &current,
        const QJsonObject &changes, PersonId author = {});
    static Mutation deleting(
        EntityKind kind, EntityId target, const QJsonObject &current, PersonId author = {});
};

/// Whether the entity kind is an append-only log (messages, attachments,
/// activity): these are appended, never updated or deleted by agents.
bool isAppendOnly(EntityKind kind);
/// Whether `op` may be sent for `kind`: append-only kinds are appended,
/// except that an attachment added by mistake can also be deleted.
bool isOpAllowed(MutationOp op, EntityKind kind);

template<>
struct Protocol::Codec<Mutation>
{
    static constexpr const char *name = "mutation";
    static constexpr auto fields = std::tuple {
        field("id", &Mutation::id, required),
        field("entity", &Mutation::entity, required),
        field("target_id", &Mutation::targetId, required),
        field("op", &Mutation::op, required),
        field("fields", &Mutation::fields),
        field("base", &Mutation::base),
        field("author_id", &Mutation::authorId),
        field("created_at", &Mutation::createdAt),
    };
};

template<Protocol::HasCodec T>
Mutation Mutation::creating(EntityKind kind, const T &entity, PersonId author)
{
    Mutation m;
    m.id = MutationId::create();
    m.entity = kind;
    m.targetId = entity.id.template as<EntityId>();
    m.op = isAppendOnly(kind) ? MutationOp::Append : MutationOp::Create;
    m.fields = Protocol::toJson(entity);
    m.authorId = author;
    m.createdAt = QDateTime::currentDateTimeUtc();
    return m;
}

} // namespace Tessera
