// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/tables.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Tessera::Sql {

namespace {

Column text(const QString &name)
{
    return { name, name, ColumnType::Text };
}
Column integer(const QString &name)
{
    return { name, name, ColumnType::Integer };
}
Column dateTime(const QString &name)
{
    return { name, name, ColumnType::DateTimeMs };
}
Column json(const QString &name)
{
    return { name, name, ColumnType::JsonText };
}

QHash<EntityKind, TableDef> buildTables()
{
    const QList<TableDef> defs {
        { EntityKind::Ticket, u"tickets"_s,
            { integer(u"number"_s), text(u"kind"_s), text(u"parent_id"_s), text(u"title"_s),
                text(u"type_id"_s), text(u"status_id"_s),
                { u"priority"_s, u"priority"_s, ColumnType::Priority }, text(u"requester_id"_s),
                text(u"assignee_id"_s), text(u"department_id"_s), text(u"organization_id"_s),
                text(u"project_id"_s), text(u"channel"_s), text(u"visibility"_s),
                integer(u"percent_complete"_s), json(u"follower_ids"_s), json(u"custom_fields"_s),
                dateTime(u"created_at"_s), dateTime(u"updated_at"_s),
                dateTime(u"first_response_due"_s), dateTime(u"resolution_due"_s),
                dateTime(u"first_responded_at"_s), dateTime(u"solved_at"_s),
                integer(u"time_spent_minutes"_s), integer(u"billable_minutes"_s) },
            u"ticket_documents"_s, { text(u"description"_s) } },
        { EntityKind::TicketType, u"ticket_types"_s, { integer(u"position"_s) } },
        { EntityKind::Status, u"statuses"_s,
            { text(u"type_id"_s), text(u"category"_s), integer(u"position"_s) } },
        { EntityKind::CustomField, u"custom_fields"_s,
            { text(u"type_id"_s), integer(u"position"_s) } },
        { EntityKind::Person, u"people"_s,
            { text(u"kind"_s), text(u"name"_s), text(u"email"_s), text(u"organization_id"_s) } },
        { EntityKind::Organization, u"organizations"_s, { text(u"name"_s) } },
        { EntityKind::Department, u"departments"_s, { text(u"name"_s) } },
        { EntityKind::Project, u"projects"_s, { text(u"name"_s), text(u"organization_id"_s) } },
        { EntityKind::Conversation, u"conversations"_s, { text(u"ticket_id"_s) } },
        { EntityKind::Message, u"messages"_s,
            { text(u"ticket_id"_s), text(u"conversation_id"_s), dateTime(u"created_at"_s) },
            u"message_documents"_s, { text(u"body"_s) } },
        { EntityKind::Attachment, u"attachments"_s,
            { text(u"ticket_id"_s), text(u"message_id"_s) } },
        { EntityKind::TimeEntry, u"time_entries"_s,
            { text(u"ticket_id"_s), text(u"person_id"_s), text(u"date"_s) } },
        { EntityKind::RunningTimer, u"running_timers"_s,
            { text(u"person_id"_s), text(u"ticket_id"_s) } },
        { EntityKind::Activity, u"activity"_s, { text(u"ticket_id"_s), dateTime(u"at"_s) } },
        { EntityKind::SavedView, u"saved_views"_s,
            { text(u"owner_id"_s), integer(u"position"_s) } },
        { EntityKind::CannedResponse, u"canned_responses"_s, { text(u"name"_s) } },
        { EntityKind::SlaPolicy, u"sla_policies"_s, { text(u"name"_s) } },
        { EntityKind::Automation, u"automations"_s, { integer(u"position"_s) } },
        { EntityKind::WorkspaceSettings, u"workspace_settings"_s, {} },
    };
    QHash<EntityKind, TableDef> tables;
    for (const TableDef &def : defs)
        tables.insert(def.kind, def);
    return tables;
}

} // namespace

const TableDef &tableFor(EntityKind kind)
{
    static const QHash<EntityKind, TableDef> tables = buildTables();
    return *tables.constFind(kind);
}

QVariant dateTimeMs(const QJsonValue &value)
{
    if (!value.isString() || value.toString().isEmpty())
        return QVariant(QMetaType::fromType<qint64>());
    const QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!parsed.isValid())
        return QVariant(QMetaType::fromType<qint64>());
    return parsed.toMSecsSinceEpoch();
}

QVariant columnValue(const Column &column, const QJsonObject &entity)
{
    const QJsonValue value = entity.value(column.key);
    switch (column.type) {
    case ColumnType::Text:
        if (!value.isString())
            return QVariant(QMetaType::fromType<QString>());
        return value.toString();
    case ColumnType::Integer:
        if (value.isBool())
            return qint64(value.toBool());
        if (!value.isDouble())
            return QVariant(QMetaType::fromType<qint64>());
        return value.toInteger();
    case ColumnType::DateTimeMs:
        return dateTimeMs(value);
    case ColumnType::Priority:
        return qint64(fromWireName<Priority>(value.toString()).value_or(Priority::Normal));
    case ColumnType::JsonText:
        if (value.isArray())
            return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        if (value.isObject())
            return QString::fromUtf8(
                QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        return QVariant(QMetaType::fromType<QString>());
    }
    return {};
}

} // namespace Tessera::Sql
