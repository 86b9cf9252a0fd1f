// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "protocol/codec.h"

// The one JSON form of every entity, shared by the client cache, the sync
// protocol and the server's REST API. Wire keys never change once shipped.

namespace Tessera::Protocol {

constexpr qsizetype NameLength = 200;
constexpr qsizetype TitleLength = 500;
constexpr qsizetype BodyLength = 1 << 20; // 1 MiB of Markdown
constexpr FieldLimits requiredName = text(NameLength, true);
constexpr FieldLimits version = range(0, qint64(1) << 53);

template<>
struct Codec<TicketLink>
{
    static constexpr const char *name = "link";
    static constexpr auto fields = std::tuple {
        field("type", &TicketLink::type, required),
        field("ticket_id", &TicketLink::ticketId, required),
    };
};

template<>
struct Codec<Ticket>
{
    static constexpr const char *name = "ticket";
    static constexpr auto fields = std::tuple {
        field("id", &Ticket::id, required),
        field("number", &Ticket::number, range(0, qint64(1) << 53)),
        field("kind", &Ticket::kind),
        field("parent_id", &Ticket::parentId),
        field("links", &Ticket::links),
        field("title", &Ticket::title, text(TitleLength, true)),
        field("description", &Ticket::description, text(BodyLength)),
        field("type_id", &Ticket::typeId),
        field("status_id", &Ticket::statusId),
        field("priority", &Ticket::priority),
        field("requester_id", &Ticket::requesterId),
        field("follower_ids", &Ticket::followerIds),
        field("assignee_id", &Ticket::assigneeId),
        field("department_id", &Ticket::departmentId),
        field("organization_id", &Ticket::organizationId),
        field("project_id", &Ticket::projectId),
        field("channel", &Ticket::channel),
        field("visibility", &Ticket::visibility),
        field("percent_complete", &Ticket::percentComplete, range(0, 100)),
        field("custom_fields", &Ticket::customFields),
        field("created_at", &Ticket::createdAt),
        field("updated_at", &Ticket::updatedAt),
        field("sla_policy_id", &Ticket::slaPolicyId),
        field("first_response_due", &Ticket::firstResponseDue),
        field("resolution_due", &Ticket::resolutionDue),
        field("first_responded_at", &Ticket::firstRespondedAt),
        field("solved_at", &Ticket::solvedAt),
        field("time_spent_minutes", &Ticket::timeSpentMinutes, range(0, 1 << 30)),
        field("billable_minutes", &Ticket::billableMinutes, range(0, 1 << 30)),
        field("version", &Ticket::version, version),
    };
};

template<>
struct Codec<TicketType>
{
    static constexpr const char *name = "ticket_type";
    static constexpr auto fields = std::tuple {
        field("id", &TicketType::id, required),
        field("name", &TicketType::name, requiredName),
        field("kind", &TicketType::kind),
        field("icon", &TicketType::icon, text(64)),
        field("color", &TicketType::color, text(16)),
        field("default_status_id", &TicketType::defaultStatusId),
        field("panel_layout", &TicketType::panelLayout, text(64)),
        field("position", &TicketType::position, range(0, 1 << 20)),
        field("version", &TicketType::version, version),
    };
};

template<>
struct Codec<Status>
{
    static constexpr const char *name = "status";
    static constexpr auto fields = std::tuple {
        field("id", &Status::id, required),
        field("type_id", &Status::typeId, required),
        field("name", &Status::name, requiredName),
        field("category", &Status::category, required),
        field("color", &Status::color, text(16)),
        field("position", &Status::position, range(0, 1 << 20)),
        field("version", &Status::version, version),
    };
};

template<>
struct Codec<CustomFieldDef>
{
    static constexpr const char *name = "custom_field";
    static constexpr auto fields = std::tuple {
        field("id", &CustomFieldDef::id, required),
        field("type_id", &CustomFieldDef::typeId),
        field("name", &CustomFieldDef::name, requiredName),
        field("field_type", &CustomFieldDef::fieldType, required),
        field("choices", &CustomFieldDef::choices, text(NameLength)),
        field("required", &CustomFieldDef::required),
        field("position", &CustomFieldDef::position, range(0, 1 << 20)),
        field("version", &CustomFieldDef::version, version),
    };
};

template<>
struct Codec<Person>
{
    static constexpr const char *name = "person";
    static constexpr auto fields = std::tuple {
        field("id", &Person::id, required),
        field("name", &Person::name, requiredName),
        field("email", &Person::email, text(320)),
        field("phone", &Person::phone, text(64)),
        field("kind", &Person::kind, required),
        field("role", &Person::role),
        field("organization_id", &Person::organizationId),
        field("department_ids", &Person::departmentIds),
        field("active", &Person::active),
        field("version", &Person::version, version),
    };
};

template<>
struct Codec<Organization>
{
    static constexpr const char *name = "organization";
    static constexpr auto fields = std::tuple {
        field("id", &Organization::id, required),
        field("name", &Organization::name, requiredName),
        field("domain", &Organization::domain, text(253)),
        field("version", &Organization::version, version),
    };
};

template<>
struct Codec<Department>
{
    static constexpr const char *name = "department";
    static constexpr auto fields = std::tuple {
        field("id", &Department::id, required),
        field("name", &Department::name, requiredName),
        field("version", &Department::version, version),
    };
};

template<>
struct Codec<Project>
{
    static constexpr const char *name = "project";
    static constexpr auto fields = std::tuple {
        field("id", &Project::id, required),
        field("name", &Project::name, requiredName),
        field("portfolio", &Project::portfolio, text(NameLength)),
        field("organization_id", &Project::organizationId),
        field("version", &Project::version, version),
    };
};

template<>
struct Codec<Conversation>
{
    static constexpr const char *name = "conversation";
    static constexpr auto fields = std::tuple {
        field("id", &Conversation::id, required),
        field("ticket_id", &Conversation::ticketId, required),
        field("visibility", &Conversation::visibility, required),
        field("subject", &Conversation::subject, text(TitleLength)),
        field("created_at", &Conversation::createdAt),
        field("version", &Conversation::version, version),
    };
};

template<>
struct Codec<Message>
{
    static constexpr const char *name = "message";
    static constexpr auto fields = std::tuple {
        field("id", &Message::id, required),
        field("conversation_id", &Message::conversationId, required),
        field("ticket_id", &Message::ticketId, required),
        field("author_id", &Message::authorId),
        field("body", &Message::body, text(BodyLength, true)),
        field("attachment_ids", &Message::attachmentIds),
        field("via", &Message::via),
        field("set_status_id", &Message::setStatusId),
        field("created_at", &Message::createdAt),
        field("version", &Message::version, version),
    };
};

template<>
struct Codec<Attachment>
{
    static constexpr const char *name = "attachment";
    static constexpr auto fields = std::tuple {
        field("id", &Attachment::id, required),
        field("ticket_id", &Attachment::ticketId, required),
        field("message_id", &Attachment::messageId),
        field("file_name", &Attachment::fileName, text(255, true)),
        field("mime_type", &Attachment::mimeType, text(255)),
        field("size", &Attachment::size, range(0, 1 << 30)),
        field("content_hash", &Attachment::contentHash, text(64)),
        field("created_at", &Attachment::createdAt),
        field("version", &Attachment::version, version),
    };
};

template<>
struct Codec<TimeEntry>
{
    static constexpr const char *name = "time_entry";
    static constexpr auto fields = std::tuple {
        field("id", &TimeEntry::id, required),
        field("ticket_id", &TimeEntry::ticketId, required),
        field("person_id", &TimeEntry::personId, required),
        field("date", &TimeEntry::date, required),
        field("minutes", &TimeEntry::minutes, range(1, 24 * 60)),
        field("billable", &TimeEntry::billable),
        field("note", &TimeEntry::note, text(4000)),
        field("version", &TimeEntry::version, version),
    };
};

template<>
struct Codec<RunningTimer>
{
    static constexpr const char *name = "running_timer";
    static constexpr auto fields = std::tuple {
        field("id", &RunningTimer::id, required),
        field("person_id", &RunningTimer::personId, required),
        field("ticket_id", &RunningTimer::ticketId, required),
        field("started_at", &RunningTimer::startedAt, required),
        field("version", &RunningTimer::version, version),
    };
};

template<>
struct Codec<ActivityEntry>
{
    static constexpr const char *name = "activity";
    static constexpr auto fields = std::tuple {
        field("id", &ActivityEntry::id, required),
        field("ticket_id", &ActivityEntry::ticketId, required),
        field("actor_id", &ActivityEntry::actorId),
        field("at", &ActivityEntry::at, required),
        field("field", &ActivityEntry::field, text(64, true)),
        field("old_value", &ActivityEntry::oldValue),
        field("new_value", &ActivityEntry::newValue),
        field("version", &ActivityEntry::version, version),
        field("automation_id", &ActivityEntry::automationId),
    };
};

template<>
struct Codec<SavedView>
{
    static constexpr const char *name = "saved_view";
    static constexpr auto fields = std::tuple {
        field("id", &SavedView::id, required),
        field("owner_id", &SavedView::ownerId),
        field("name", &SavedView::name, requiredName),
        field("shared", &SavedView::shared),
        field("hidden", &SavedView::hidden),
        field("position", &SavedView::position, range(0, 1 << 20)),
        field("spec", &SavedView::spec),
        field("version", &SavedView::version, version),
        field("default_key", &SavedView::defaultKey, text(64)),
    };
};

template<>
struct Codec<CannedResponse>
{
    static constexpr const char *name = "canned_response";
    static constexpr auto fields = std::tuple {
        field("id", &CannedResponse::id, required),
        field("owner_id", &CannedResponse::ownerId),
        field("name", &CannedResponse::name, requiredName),
        field("body", &CannedResponse::body, text(BodyLength, true)),
        field("shared", &CannedResponse::shared),
        field("version", &CannedResponse::version, version),
    };
};

template<>
struct Codec<SlaPolicy>
{
    static constexpr const char *name = "sla_policy";
    static constexpr auto fields = std::tuple {
        field("id", &SlaPolicy::id, required),
        field("name", &SlaPolicy::name, requiredName),
        field("first_response_minutes", &SlaPolicy::firstResponseMinutes, range(0, 525600)),
        field("resolution_minutes", &SlaPolicy::resolutionMinutes, range(0, 525600)),
        field("business_hours_start", &SlaPolicy::businessHoursStart, text(5)),
        field("business_hours_end", &SlaPolicy::businessHoursEnd, text(5)),
        field("business_days", &SlaPolicy::businessDays, range(1, 7)),
        field("version", &SlaPolicy::version, version),
        field("holidays", &SlaPolicy::holidays),
        field("conditions", &SlaPolicy::conditions),
        field("position", &SlaPolicy::position, range(0, 1 << 20)),
        field("enabled", &SlaPolicy::enabled),
        field("time_zone", &SlaPolicy::timeZone, text(64)),
    };
};

template<>
struct Codec<Automation>
{
    static constexpr const char *name = "automation";
    static constexpr auto fields = std::tuple {
        field("id", &Automation::id, required),
        field("name", &Automation::name, requiredName),
        field("trigger", &Automation::trigger, required),
        field("conditions", &Automation::conditions),
        field("actions", &Automation::actions),
        field("enabled", &Automation::enabled),
        field("position", &Automation::position, range(0, 1 << 20)),
        field("version", &Automation::version, version),
        field("schedule", &Automation::schedule),
    };
};

template<>
struct Codec<WorkspaceSettings>
{
    static constexpr const char *name = "workspace_settings";
    static constexpr auto fields = std::tuple {
        field("id", &WorkspaceSettings::id, required),
        field("portal_scope", &WorkspaceSettings::portalScope),
        field("portal_can_create", &WorkspaceSettings::portalCanCreate),
        field("portal_attachments", &WorkspaceSettings::portalAttachments),
        field("version", &WorkspaceSettings::version, version),
    };
};

} // namespace Tessera::Protocol
