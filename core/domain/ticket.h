// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "domain/ids.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace Tessera {

/// A link between two work items (PRODUCT.md A2).
struct TicketLink
{
    LinkType type = LinkType::RelatesTo;
    TicketId ticketId;
    friend bool operator==(const TicketLink &, const TicketLink &) = default;
};

/// A work item (PRODUCT.md A1/A2): a ticket or a task, as the cache and the
/// protocol carry it. `number` is 0 until the server assigns one. Custom
/// field values are keyed by CustomFieldId and typed by their definition
/// (see CustomFieldDef::validate).
struct Ticket
{
    TicketId id;
    qint64 number = 0;
    TicketKind kind = TicketKind::Ticket;
    TicketId parentId;
    QList<TicketLink> links;
    QString title;
    QString description; // Markdown
    TicketTypeId typeId;
    StatusId statusId;
    Priority priority = Priority::Normal;
    PersonId requesterId;
    QList<PersonId> followerIds;
    PersonId assigneeId;
    DepartmentId departmentId;
    OrganizationId organizationId;
    ProjectId projectId;
    Channel channel = Channel::Agent;
    Visibility visibility = Visibility::Customer;
    int percentComplete = 0;
    QJsonObject customFields;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime firstResponseDue;
    QDateTime resolutionDue;
    QDateTime firstRespondedAt; // first agent interaction; empty means "New"
    QDateTime solvedAt;
    // Totals of the ticket's time entries, kept by the server: clients
    // never write them, and every time entry written updates them.
    int timeSpentMinutes = 0;
    int billableMinutes = 0;
    qint64 version = 0;
    SlaPolicyId slaPolicyId; // server-owned: the policy that set the due times

    bool isValid() const { return id.isValid(); }
    friend bool operator==(const Ticket &, const Ticket &) = default;
};

} // namespace Tessera
