// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>
#include <QList>
#include <QString>

#include <array>
#include <optional>
#include <utility>

namespace Tessera {

// Enumerations of the domain with their wire names. The wire names are part
// of the protocol, the cache and saved views, so they never change once shipped.

enum class Priority { Low, Normal, High, Urgent };
enum class TicketKind { Ticket, Task };
enum class Channel { Email, WebForm, Portal, Phone, Agent, Chat, Import, Api };
enum class Visibility { Customer, Internal };
enum class StatusCategory { New, Open, Pending, OnHold, Solved, Closed };
enum class PersonKind { Agent, Customer };
enum class Role { Admin, Lead, Agent };
enum class ThreadVisibility { Public, Internal };
enum class FieldType { Text, Number, Date, Choice, MultiChoice, Checkbox, User };
enum class LinkType { RelatesTo, DuplicateOf, Blocks };
enum class EntityKind {
    Ticket,
    TicketType,
    Status,
    CustomField,
    Person,
    Organization,
    Department,
    Project,
    Conversation,
    Message,
    Attachment,
    TimeEntry,
    RunningTimer,
    Activity,
    SavedView,
    CannedResponse,
    SlaPolicy,
    Automation,
    WorkspaceSettings
};
/// Every entity kind, in declaration order.
inline QList<EntityKind> allEntityKinds()
{
    QList<EntityKind> kinds;
    for (int k = int(EntityKind::Ticket); k <= int(EntityKind::WorkspaceSettings); ++k)
        kinds.append(EntityKind(k));
    return kinds;
}
enum class MutationOp { Create, Update, Delete, Append };
/// Whose tickets a customer sees in the portal.
enum class PortalScope { Own, Organization };
enum class AutomationTrigger {
    Created,
    Updated,
    StatusChanged,
    CustomerReply,
    AgentReply,
    TimeBased
};

template<typename E>
struct EnumNames;

#define TESSERA_ENUM_NAMES(Enum, ...)                                                              \
    template<>                                                                                     \
    struct EnumNames<Enum>                                                                         \
    {                                                                                              \
        static constexpr auto names                                                                \
            = std::to_array<std::pair<Enum, QLatin1StringView>>(__VA_ARGS__);                      \
    };

using namespace Qt::StringLiterals;

TESSERA_ENUM_NAMES(Priority,
    { { Priority::Low, "low"_L1 }, { Priority::Normal, "normal"_L1 }, { Priority::High, "high"_L1 },
        { Priority::Urgent, "urgent"_L1 } })
TESSERA_ENUM_NAMES(
    TicketKind, { { TicketKind::Ticket, "ticket"_L1 }, { TicketKind::Task, "task"_L1 } })
TESSERA_ENUM_NAMES(Channel,
    { { Channel::Email, "email"_L1 }, { Channel::WebForm, "web_form"_L1 },
        { Channel::Portal, "portal"_L1 }, { Channel::Phone, "phone"_L1 },
        { Channel::Agent, "agent"_L1 }, { Channel::Chat, "chat"_L1 },
        { Channel::Import, "import"_L1 }, { Channel::Api, "api"_L1 } })
TESSERA_ENUM_NAMES(Visibility,
    { { Visibility::Customer, "customer"_L1 }, { Visibility::Internal, "internal"_L1 } })
TESSERA_ENUM_NAMES(StatusCategory,
    { { StatusCategory::New, "new"_L1 }, { StatusCategory::Open, "open"_L1 },
        { StatusCategory::Pending, "pending"_L1 }, { StatusCategory::OnHold, "on_hold"_L1 },
        { StatusCategory::Solved, "solved"_L1 }, { StatusCategory::Closed, "closed"_L1 } })
TESSERA_ENUM_NAMES(
    PersonKind, { { PersonKind::Agent, "agent"_L1 }, { PersonKind::Customer, "customer"_L1 } })
TESSERA_ENUM_NAMES(
    Role, { { Role::Admin, "admin"_L1 }, { Role::Lead, "lead"_L1 }, { Role::Agent, "agent"_L1 } })
TESSERA_ENUM_NAMES(ThreadVisibility,
    { { ThreadVisibility::Public, "public"_L1 }, { ThreadVisibility::Internal, "internal"_L1 } })
TESSERA_ENUM_NAMES(FieldType,
    { { FieldType::Text, "text"_L1 }, { FieldType::Number, "number"_L1 },
        { FieldType::Date, "date"_L1 }, { FieldType::Choice, "choice"_L1 },
        { FieldType::MultiChoice, "multi_choice"_L1 }, { FieldType::Checkbox, "checkbox"_L1 },
        { FieldType::User, "user"_L1 } })
TESSERA_ENUM_NAMES(LinkType,
    { { LinkType::RelatesTo, "relates_to"_L1 }, { LinkType::DuplicateOf, "duplicate_of"_L1 },
        { LinkType::Blocks, "blocks"_L1 } })
TESSERA_ENUM_NAMES(PortalScope,
    { { PortalScope::Own, "own"_L1 }, { PortalScope::Organization, "organization"_L1 } })
TESSERA_ENUM_NAMES(AutomationTrigger,
    { { AutomationTrigger::Created, "created"_L1 }, { AutomationTrigger::Updated, "updated"_L1 },
        { AutomationTrigger::StatusChanged, "status_changed"_L1 },
        { AutomationTrigger::CustomerReply, "customer_reply"_L1 },
        { AutomationTrigger::AgentReply, "agent_reply"_L1 },
        { AutomationTrigger::TimeBased, "time_based"_L1 } })

TESSERA_ENUM_NAMES(EntityKind,
    { { EntityKind::Ticket, "ticket"_L1 }, { EntityKind::TicketType, "ticket_type"_L1 },
        { EntityKind::Status, "status"_L1 }, { EntityKind::CustomField, "custom_field"_L1 },
        { EntityKind::Person, "person"_L1 }, { EntityKind::Organization, "organization"_L1 },
        { EntityKind::Department, "department"_L1 }, { EntityKind::Project, "project"_L1 },
        { EntityKind::Conversation, "conversation"_L1 }, { EntityKind::Message, "message"_L1 },
        { EntityKind::Attachment, "attachment"_L1 }, { EntityKind::TimeEntry, "time_entry"_L1 },
        { EntityKind::RunningTimer, "running_timer"_L1 }, { EntityKind::Activity, "activity"_L1 },
        { EntityKind::SavedView, "saved_view"_L1 },
        { EntityKind::CannedResponse, "canned_response"_L1 },
        { EntityKind::SlaPolicy, "sla_policy"_L1 }, { EntityKind::Automation, "automation"_L1 },
        { EntityKind::WorkspaceSettings, "workspace_settings"_L1 } })
TESSERA_ENUM_NAMES(MutationOp,
    { { MutationOp::Create, "create"_L1 }, { MutationOp::Update, "update"_L1 },
        { MutationOp::Delete, "delete"_L1 }, { MutationOp::Append, "append"_L1 } })

#undef TESSERA_ENUM_NAMES

template<typename E>
QString toWireName(E value)
{
    for (const auto &[v, name] : EnumNames<E>::names) {
        if (v == value)
            return QString(name);
    }
    return {};
}

template<typename E>
std::optional<E> fromWireName(QStringView name)
{
    for (const auto &[v, wire] : EnumNames<E>::names) {
        if (name == wire)
            return v;
    }
    return std::nullopt;
}

template<typename E>
constexpr bool isWireEnum = requires
{
    EnumNames<E>::names;
};

} // namespace Tessera
