// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "domain/ids.h"
#include "domain/ticket.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

// The entities of DESIGN.md §4 besides Ticket, as plain value types. Their
// one JSON form lives in protocol/codecs.h.

namespace Tessera {

struct TicketType
{
    TicketTypeId id;
    QString name;
    TicketKind kind = TicketKind::Ticket;
    QString icon; // icon name from the bundled set
    QString color; // #rrggbb
    StatusId defaultStatusId;
    QStringList panelLayout; // ordered property keys the details panel shows
    int position = 0;
    qint64 version = 0;
    friend bool operator==(const TicketType &, const TicketType &) = default;
};

struct Status
{
    StatusId id;
    TicketTypeId typeId;
    QString name;
    StatusCategory category = StatusCategory::Open;
    QString color;
    int position = 0;
    qint64 version = 0;
    friend bool operator==(const Status &, const Status &) = default;
};

struct CustomFieldDef
{
    CustomFieldId id;
    TicketTypeId typeId; // invalid: applies to every type
    QString name;
    FieldType fieldType = FieldType::Text;
    QStringList choices; // Choice and MultiChoice
    bool required = false;
    int position = 0;
    qint64 version = 0;
    friend bool operator==(const CustomFieldDef &, const CustomFieldDef &) = default;
};

struct Person
{
    PersonId id;
    QString name;
    QString email;
    QString phone;
    PersonKind kind = PersonKind::Customer;
    Role role = Role::Agent; // agents only
    OrganizationId organizationId; // customers only
    QList<DepartmentId> departmentIds; // agents only
    bool active = true;
    qint64 version = 0;
    friend bool operator==(const Person &, const Person &) = default;
};

struct Organization
{
    OrganizationId id;
    QString name;
    QString domain;
    qint64 version = 0;
    friend bool operator==(const Organization &, const Organization &) = default;
};

struct Department
{
    DepartmentId id;
    QString name;
    qint64 version = 0;
    friend bool operator==(const Department &, const Department &) = default;
};

struct Project
{
    ProjectId id;
    QString name;
    QString portfolio;
    OrganizationId organizationId;
    qint64 version = 0;
    friend bool operator==(const Project &, const Project &) = default;
};

struct Conversation
{
    ConversationId id;
    TicketId ticketId;
    ThreadVisibility visibility = ThreadVisibility::Public;
    QString subject;
    QDateTime createdAt;
    qint64 version = 0;
    friend bool operator==(const Conversation &, const Conversation &) = default;
};

struct Message
{
    MessageId id;
    ConversationId conversationId;
    TicketId ticketId;
    PersonId authorId;
    QString body; // Markdown
    QList<AttachmentId> attachmentIds;
    Channel via = Channel::Agent; // how it reached the helpdesk
    // The ticket status this reply set ("Send as Pending"): the server
    // applies it with the message, atomically. Invalid: the server's default.
    StatusId setStatusId;
    QDateTime createdAt;
    qint64 version = 0;
    friend bool operator==(const Message &, const Message &) = default;
};

struct Attachment
{
    AttachmentId id;
    TicketId ticketId;
    MessageId messageId;
    QString fileName;
    QString mimeType;
    qint64 size = 0;
    QString contentHash; // sha256, hex; the server stores content by hash
    QDateTime createdAt;
    qint64 version = 0;
    friend bool operator==(const Attachment &, const Attachment &) = default;
};

struct TimeEntry
{
    TimeEntryId id;
    TicketId ticketId;
    PersonId personId;
    QDate date;
    int minutes = 0;
    bool billable = true;
    QString note;
    qint64 version = 0;
    friend bool operator==(const TimeEntry &, const TimeEntry &) = default;
};

/// At most one per agent; it survives restarts because it lives in the cache.
struct RunningTimer
{
    RunningTimerId id;
    PersonId personId;
    TicketId ticketId;
    QDateTime startedAt;
    qint64 version = 0;
    friend bool operator==(const RunningTimer &, const RunningTimer &) = default;
};

/// One change to a ticket (PRODUCT.md A6): who, when, field, old → new.
struct ActivityEntry
{
    ActivityId id;
    TicketId ticketId;
    PersonId actorId;
    QDateTime at;
    QString field;
    QJsonValue oldValue;
    QJsonValue newValue;
    qint64 version = 0;
    AutomationId automationId; // set when a rule made the change (actorId is then empty)
    friend bool operator==(const ActivityEntry &, const ActivityEntry &) = default;
};

struct SavedView
{
    SavedViewId id;
    PersonId ownerId;
    QString name;
    bool shared = false;
    bool hidden = false;
    int position = 0;
    QJsonObject spec; // a ViewSpec document (docs/views.md)
    qint64 version = 0;
    // Set on a workspace-wide record about a default view (defaultviews.h)
    // rather than a view of its own: `hidden` hides that default for everyone.
    QString defaultKey;
    friend bool operator==(const SavedView &, const SavedView &) = default;
};

struct CannedResponse
{
    CannedResponseId id;
    PersonId ownerId;
    QString name;
    QString body; // Markdown with {{placeholders}}
    bool shared = true;
    qint64 version = 0;
    friend bool operator==(const CannedResponse &, const CannedResponse &) = default;
};

/// Targets in minutes, indexed by Priority (low, normal, high, urgent).
struct SlaPolicy
{
    SlaPolicyId id;
    QString name;
    QList<int> firstResponseMinutes;
    QList<int> resolutionMinutes;
    QString businessHoursStart; // "09:00"
    QString businessHoursEnd; // "17:00"
    QList<int> businessDays; // 1 = Monday … 7 = Sunday
    qint64 version = 0;
    QList<QDate> holidays; // no business time on these local dates
    QJsonObject conditions; // a ViewSpec filter tree: the tickets it applies to
    int position = 0; // the first enabled policy whose conditions match applies
    bool enabled = true;
    QString timeZone; // IANA name the business hours are in; empty: UTC
    friend bool operator==(const SlaPolicy &, const SlaPolicy &) = default;
};

struct Automation
{
    AutomationId id;
    QString name;
    AutomationTrigger trigger = AutomationTrigger::Created;
    QJsonObject conditions; // a ViewSpec filter tree
    QJsonArray actions;
    bool enabled = true;
    int position = 0;
    qint64 version = 0;
    // Time-based rules: {"since": "created"|"updated"|"pending"|"first_response_due"|
    // "resolution_due", "hours": n}; negative hours fire before a due time.
    QJsonObject schedule;
    friend bool operator==(const Automation &, const Automation &) = default;
};

/// Workspace-wide settings: one record under a well-known id, so every
/// client and server address the same one. A missing record means defaults.
struct WorkspaceSettings
{
    WorkspaceSettingsId id = wellKnownId();
    PortalScope portalScope = PortalScope::Own;
    bool portalCanCreate = true; // customers open tickets in the portal
    bool portalAttachments = true; // customers attach files in the portal
    qint64 version = 0;
    friend bool operator==(const WorkspaceSettings &, const WorkspaceSettings &) = default;

    static WorkspaceSettingsId wellKnownId()
    {
        return WorkspaceSettingsId::fromString("5e77e1a9-0000-4000-8000-000000000001");
    }
};

} // namespace Tessera
