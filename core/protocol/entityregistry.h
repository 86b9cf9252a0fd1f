// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/mutation.h"
#include "protocol/codecs.h"

namespace Tessera {

/// The entity kind of each value type.
template<typename T>
struct EntityKindOf;

#define TESSERA_ENTITY_KIND(Type, Kind)                                                            \
    template<>                                                                                     \
    struct EntityKindOf<Type>                                                                      \
    {                                                                                              \
        static constexpr EntityKind value = EntityKind::Kind;                                      \
    };
TESSERA_ENTITY_KIND(Ticket, Ticket)
TESSERA_ENTITY_KIND(TicketType, TicketType)
TESSERA_ENTITY_KIND(Status, Status)
TESSERA_ENTITY_KIND(CustomFieldDef, CustomField)
TESSERA_ENTITY_KIND(Person, Person)
TESSERA_ENTITY_KIND(Organization, Organization)
TESSERA_ENTITY_KIND(Department, Department)
TESSERA_ENTITY_KIND(Project, Project)
TESSERA_ENTITY_KIND(Conversation, Conversation)
TESSERA_ENTITY_KIND(Message, Message)
TESSERA_ENTITY_KIND(Attachment, Attachment)
TESSERA_ENTITY_KIND(TimeEntry, TimeEntry)
TESSERA_ENTITY_KIND(RunningTimer, RunningTimer)
TESSERA_ENTITY_KIND(ActivityEntry, Activity)
TESSERA_ENTITY_KIND(SavedView, SavedView)
TESSERA_ENTITY_KIND(CannedResponse, CannedResponse)
TESSERA_ENTITY_KIND(SlaPolicy, SlaPolicy)
TESSERA_ENTITY_KIND(Automation, Automation)
TESSERA_ENTITY_KIND(WorkspaceSettings, WorkspaceSettings)
#undef TESSERA_ENTITY_KIND

/// Calls `f.template operator()<T>()` with the value type of `kind`.
template<typename F>
decltype(auto) withEntityType(EntityKind kind, F &&f)
{
    switch (kind) {
    case EntityKind::Ticket:
        return f.template operator()<Ticket>();
    case EntityKind::TicketType:
        return f.template operator()<TicketType>();
    case EntityKind::Status:
        return f.template operator()<Status>();
    case EntityKind::CustomField:
        return f.template operator()<CustomFieldDef>();
    case EntityKind::Person:
        return f.template operator()<Person>();
    case EntityKind::Organization:
        return f.template operator()<Organization>();
    case EntityKind::Department:
        return f.template operator()<Department>();
    case EntityKind::Project:
        return f.template operator()<Project>();
    case EntityKind::Conversation:
        return f.template operator()<Conversation>();
    case EntityKind::Message:
        return f.template operator()<Message>();
    case EntityKind::Attachment:
        return f.template operator()<Attachment>();
    case EntityKind::TimeEntry:
        return f.template operator()<TimeEntry>();
    case EntityKind::RunningTimer:
        return f.template operator()<RunningTimer>();
    case EntityKind::Activity:
        return f.template operator()<ActivityEntry>();
    case EntityKind::SavedView:
        return f.template operator()<SavedView>();
    case EntityKind::CannedResponse:
        return f.template operator()<CannedResponse>();
    case EntityKind::SlaPolicy:
        return f.template operator()<SlaPolicy>();
    case EntityKind::Automation:
        return f.template operator()<Automation>();
    case EntityKind::WorkspaceSettings:
        return f.template operator()<WorkspaceSettings>();
    }
    Q_UNREACHABLE();
}

namespace Protocol {
/// Validates an entity's JSON form and returns it canonical (every key, in
/// wire form), or says what is wrong with it.
Result<QJsonObject> canonicalEntity(EntityKind kind, const QJsonObject &json);
/// Validates like canonicalEntity, but returns `json` itself when it already
/// has every key, as the server's snapshots do: a first sync checks hundreds
/// of thousands and need not re-encode them.
Result<QJsonObject> checkedEntity(EntityKind kind, const QJsonObject &json);
} // namespace Protocol

} // namespace Tessera
