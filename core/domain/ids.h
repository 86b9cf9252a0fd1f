// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QString>
#include <QUuid>

namespace Tessera {

/// A strongly typed entity id. IDs are UUIDs made where the entity is created,
/// so a ticket created offline already has its final id.
template<typename Tag>
class Id
{
public:
    Id() = default;
    explicit Id(const QUuid &uuid)
        : m_uuid(uuid)
    { }

    static Id create() { return Id(QUuid::createUuid()); }
    /// Parses the canonical form; anything else gives an invalid id.
    static Id fromString(QAnyStringView text) { return Id(QUuid::fromString(text)); }

    bool isValid() const { return !m_uuid.isNull(); }
    QUuid uuid() const { return m_uuid; }
    /// The same UUID seen as an id of another kind (for generic code paths).
    template<typename Other>
    Other as() const
    {
        return Other(m_uuid);
    }
    QString toString() const
    {
        return m_uuid.isNull() ? QString() : m_uuid.toString(QUuid::WithoutBraces);
    }

    friend bool operator==(const Id &a, const Id &b) = default;
    friend bool operator<(const Id &a, const Id &b) { return a.m_uuid < b.m_uuid; }
    friend size_t qHash(const Id &id, size_t seed = 0) noexcept { return qHash(id.m_uuid, seed); }

private:
    QUuid m_uuid;
};

using TicketId = Id<struct TicketIdTag>;
using TicketTypeId = Id<struct TicketTypeIdTag>;
using StatusId = Id<struct StatusIdTag>;
using CustomFieldId = Id<struct CustomFieldIdTag>;
using PersonId = Id<struct PersonIdTag>;
using OrganizationId = Id<struct OrganizationIdTag>;
using DepartmentId = Id<struct DepartmentIdTag>;
using ProjectId = Id<struct ProjectIdTag>;
using ConversationId = Id<struct ConversationIdTag>;
using MessageId = Id<struct MessageIdTag>;
using AttachmentId = Id<struct AttachmentIdTag>;
using TimeEntryId = Id<struct TimeEntryIdTag>;
using SavedViewId = Id<struct SavedViewIdTag>;
using RunningTimerId = Id<struct RunningTimerIdTag>;
using ActivityId = Id<struct ActivityIdTag>;
using CannedResponseId = Id<struct CannedResponseIdTag>;
using SlaPolicyId = Id<struct SlaPolicyIdTag>;
using AutomationId = Id<struct AutomationIdTag>;
using WorkspaceSettingsId = Id<struct WorkspaceSettingsIdTag>;
using MutationId = Id<struct MutationIdTag>;
/// The id of an entity of any kind, where the kind travels beside it.
using EntityId = Id<struct EntityIdTag>;

} // namespace Tessera
