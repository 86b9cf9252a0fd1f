// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "domain/ids.h"

#include <QDateTime>
#include <QList>
#include <QVariantMap>

namespace Tessera {

/// A work item (PRODUCT.md A1/A2): a ticket or a task, as the cache and the
/// protocol carry it. `number` is 0 until the server assigns one.
struct Ticket
{
    TicketId id;
    qint64 number = 0;
    TicketKind kind = TicketKind::Ticket;
    TicketId parentId;
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
    QVariantMap customFields; // keyed by CustomFieldId string
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime firstResponseDue;
    QDateTime resolutionDue;
    qint64 version = 0;

    bool isValid() const { return id.isValid(); }
    friend bool operator==(const Ticket &, const Ticket &) = default;
};

} // namespace Tessera
