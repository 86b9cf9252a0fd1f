// SPDX-License-Identifier: GPL-3.0-or-later
#include "query/viewfields.h"

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

template<typename E>
QStringList wireNames()
{
    QStringList names;
    for (const auto &entry : EnumNames<E>::names)
        names.append(QString(entry.second));
    return names;
}

const QList<ViewField> &builtins()
{
    static const QList<ViewField> fields {
        { u"number"_s, ViewFieldType::Number, u"t.number"_s },
        { u"title"_s, ViewFieldType::Text, u"t.title"_s },
        { u"description"_s, ViewFieldType::Text,
            u"(SELECT d.description FROM ticket_documents d WHERE d.id = t.id)"_s },
        { u"kind"_s, ViewFieldType::Enum, u"t.kind"_s, EntityKind::Ticket,
            wireNames<TicketKind>() },
        { u"type"_s, ViewFieldType::Reference, u"t.type_id"_s, EntityKind::TicketType },
        { u"status"_s, ViewFieldType::Reference, u"t.status_id"_s, EntityKind::Status },
        { u"status_category"_s, ViewFieldType::Enum, u"t.status_category"_s, EntityKind::Ticket,
            wireNames<StatusCategory>() },
        { u"priority"_s, ViewFieldType::Priority, u"t.priority"_s, EntityKind::Ticket,
            wireNames<Priority>() },
        { u"requester"_s, ViewFieldType::Reference, u"t.requester_id"_s, EntityKind::Person },
        { u"assignee"_s, ViewFieldType::Reference, u"t.assignee_id"_s, EntityKind::Person },
        { u"follower"_s, ViewFieldType::Followers, u"t.follower_ids"_s, EntityKind::Person },
        { u"department"_s, ViewFieldType::Reference, u"t.department_id"_s, EntityKind::Department },
        { u"organization"_s, ViewFieldType::Reference, u"t.organization_id"_s,
            EntityKind::Organization },
        { u"project"_s, ViewFieldType::Reference, u"t.project_id"_s, EntityKind::Project },
        { u"parent"_s, ViewFieldType::Reference, u"t.parent_id"_s, EntityKind::Ticket },
        { u"channel"_s, ViewFieldType::Enum, u"t.channel"_s, EntityKind::Ticket,
            wireNames<Channel>() },
        { u"visibility"_s, ViewFieldType::Enum, u"t.visibility"_s, EntityKind::Ticket,
            wireNames<Visibility>() },
        { u"percent_complete"_s, ViewFieldType::Number, u"t.percent_complete"_s },
        { u"time_spent"_s, ViewFieldType::Number, u"t.time_spent_minutes"_s },
        { u"created_at"_s, ViewFieldType::DateTime, u"t.created_at"_s },
        { u"updated_at"_s, ViewFieldType::DateTime, u"t.updated_at"_s },
        { u"first_response_due"_s, ViewFieldType::DateTime, u"t.first_response_due"_s },
        { u"resolution_due"_s, ViewFieldType::DateTime, u"t.resolution_due"_s },
        { u"first_responded_at"_s, ViewFieldType::DateTime, u"t.first_responded_at"_s },
        { u"solved_at"_s, ViewFieldType::DateTime, u"t.solved_at"_s },
    };
    return fields;
}

ViewFieldType customType(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return ViewFieldType::CustomText;
    case FieldType::Number:
        return ViewFieldType::CustomNumber;
    case FieldType::Date:
        return ViewFieldType::CustomDate;
    case FieldType::Choice:
        return ViewFieldType::CustomChoice;
    case FieldType::MultiChoice:
        return ViewFieldType::CustomMultiChoice;
    case FieldType::Checkbox:
        return ViewFieldType::CustomCheckbox;
    case FieldType::User:
        return ViewFieldType::CustomUser;
    }
    return ViewFieldType::CustomText;
}

ViewField customField(const CustomFieldDef &def)
{
    ViewField field { u"cf:"_s + def.id.toString(), customType(def.fieldType), {},
        EntityKind::Person, def.choices, def };
    return field;
}

} // namespace

QList<ViewField> viewFields(const QList<CustomFieldDef> &customFields)
{
    QList<ViewField> fields = builtins();
    for (const CustomFieldDef &def : customFields)
        fields.append(customField(def));
    return fields;
}

std::optional<ViewField> findViewField(
    const QString &name, const QList<CustomFieldDef> &customFields)
{
    for (const ViewField &field : builtins()) {
        if (field.name == name)
            return field;
    }
    if (name == u"due"_s) // shorthand used by agents and in docs
        return findViewField(u"resolution_due"_s, customFields);
    if (name.startsWith(u"cf:"_s)) {
        for (const CustomFieldDef &def : customFields) {
            if (u"cf:"_s + def.id.toString() == name)
                return customField(def);
        }
    }
    return std::nullopt;
}

QStringList operatorsFor(ViewFieldType type)
{
    const QStringList common { u"is"_s, u"is_not"_s, u"any_of"_s, u"none_of"_s, u"empty"_s,
        u"not_empty"_s };
    const QStringList text { u"contains"_s, u"not_contains"_s, u"starts_with"_s };
    const QStringList ordered { u"lt"_s, u"gt"_s };
    const QStringList dates { u"is"_s, u"is_not"_s, u"empty"_s, u"not_empty"_s, u"before"_s,
        u"after"_s, u"within_last"_s, u"within_next"_s, u"today"_s, u"overdue"_s };
    switch (type) {
    case ViewFieldType::Text:
    case ViewFieldType::CustomText:
        return common + text;
    case ViewFieldType::Number:
    case ViewFieldType::CustomNumber:
    case ViewFieldType::Priority:
        return common + ordered;
    case ViewFieldType::DateTime:
    case ViewFieldType::CustomDate:
        return dates;
    case ViewFieldType::CustomCheckbox:
        return { u"is"_s, u"is_not"_s, u"empty"_s, u"not_empty"_s };
    case ViewFieldType::Enum:
    case ViewFieldType::Reference:
    case ViewFieldType::Followers:
    case ViewFieldType::CustomChoice:
    case ViewFieldType::CustomMultiChoice:
    case ViewFieldType::CustomUser:
        return common;
    }
    return common;
}

bool canGroupBy(const ViewField &field)
{
    static const QStringList builtin { u"status"_s, u"status_category"_s, u"priority"_s,
        u"assignee"_s, u"type"_s, u"department"_s, u"organization"_s, u"project"_s,
        u"requester"_s };
    if (field.custom)
        return field.type != ViewFieldType::CustomMultiChoice;
    return builtin.contains(field.name);
}

bool canSortBy(const ViewField &field)
{
    return field.type != ViewFieldType::Followers && field.type != ViewFieldType::CustomMultiChoice;
}

} // namespace Tessera
