// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/ticketcodec.h"

#include "protocol/jsonreader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Tessera::Protocol {

namespace {

template<typename Tag>
QJsonValue idToJson(const Id<Tag> &id)
{
    return id.isValid() ? QJsonValue(id.toString()) : QJsonValue(QJsonValue::Null);
}

template<typename Tag>
QJsonArray idsToJson(const QList<Id<Tag>> &ids)
{
    QJsonArray array;
    for (const auto &id : ids)
        array.append(id.toString());
    return array;
}

} // namespace

QJsonObject toJson(const Ticket &t)
{
    return QJsonObject {
        { u"id"_s, idToJson(t.id) },
        { u"number"_s, t.number },
        { u"kind"_s, toWireName(t.kind) },
        { u"parent_id"_s, idToJson(t.parentId) },
        { u"title"_s, t.title },
        { u"description"_s, t.description },
        { u"type_id"_s, idToJson(t.typeId) },
        { u"status_id"_s, idToJson(t.statusId) },
        { u"priority"_s, toWireName(t.priority) },
        { u"requester_id"_s, idToJson(t.requesterId) },
        { u"follower_ids"_s, idsToJson(t.followerIds) },
        { u"assignee_id"_s, idToJson(t.assigneeId) },
        { u"department_id"_s, idToJson(t.departmentId) },
        { u"organization_id"_s, idToJson(t.organizationId) },
        { u"project_id"_s, idToJson(t.projectId) },
        { u"channel"_s, toWireName(t.channel) },
        { u"visibility"_s, toWireName(t.visibility) },
        { u"percent_complete"_s, t.percentComplete },
        { u"custom_fields"_s, QJsonObject::fromVariantMap(t.customFields) },
        { u"created_at"_s, dateTimeToJson(t.createdAt) },
        { u"updated_at"_s, dateTimeToJson(t.updatedAt) },
        { u"first_response_due"_s, dateTimeToJson(t.firstResponseDue) },
        { u"resolution_due"_s, dateTimeToJson(t.resolutionDue) },
        { u"version"_s, t.version },
    };
}

Result<Ticket> ticketFromJson(const QJsonObject &json)
{
    JsonReader r(json, u"ticket"_s);
    Ticket t;
    t.id = r.id<TicketIdTag>("id"_L1, JsonReader::Required);
    t.number = r.integer("number"_L1, 0, std::numeric_limits<qint64>::max());
    t.kind = r.enumValue("kind"_L1, TicketKind::Ticket);
    t.parentId = r.id<TicketIdTag>("parent_id"_L1);
    t.title = r.string("title"_L1, JsonReader::Required, 500);
    t.description = r.string("description"_L1);
    t.typeId = r.id<TicketTypeIdTag>("type_id"_L1);
    t.statusId = r.id<StatusIdTag>("status_id"_L1);
    t.priority = r.enumValue("priority"_L1, Priority::Normal);
    t.requesterId = r.id<PersonIdTag>("requester_id"_L1);
    t.followerIds = r.idList<PersonIdTag>("follower_ids"_L1);
    t.assigneeId = r.id<PersonIdTag>("assignee_id"_L1);
    t.departmentId = r.id<DepartmentIdTag>("department_id"_L1);
    t.organizationId = r.id<OrganizationIdTag>("organization_id"_L1);
    t.projectId = r.id<ProjectIdTag>("project_id"_L1);
    t.channel = r.enumValue("channel"_L1, Channel::Agent);
    t.visibility = r.enumValue("visibility"_L1, Visibility::Customer);
    t.percentComplete = int(r.integer("percent_complete"_L1, 0, 100));
    t.customFields = r.object("custom_fields"_L1).toVariantMap();
    t.createdAt = r.dateTime("created_at"_L1);
    t.updatedAt = r.dateTime("updated_at"_L1);
    t.firstResponseDue = r.dateTime("first_response_due"_L1);
    t.resolutionDue = r.dateTime("resolution_due"_L1);
    t.version = r.integer("version"_L1, 0, std::numeric_limits<qint64>::max());
    if (auto done = r.finish(); !done)
        return done.error();
    return t;
}

} // namespace Tessera::Protocol
