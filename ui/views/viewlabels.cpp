// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/viewlabels.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace Tessera::Ui::ViewLabels {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("ViewLabels", text);
}

// "web_form" → "Web form": the fallback for names without a label.
QString readable(QString wireName)
{
    wireName.replace(u'_', u' ');
    if (!wireName.isEmpty())
        wireName[0] = wireName.at(0).toUpper();
    return wireName;
}

const QHash<QString, const char *> &fieldNames()
{
    static const QHash<QString, const char *> names {
        { u"number"_s, QT_TRANSLATE_NOOP("ViewLabels", "Number") },
        { u"title"_s, QT_TRANSLATE_NOOP("ViewLabels", "Title") },
        { u"description"_s, QT_TRANSLATE_NOOP("ViewLabels", "Description") },
        { u"kind"_s, QT_TRANSLATE_NOOP("ViewLabels", "Kind") },
        { u"type"_s, QT_TRANSLATE_NOOP("ViewLabels", "Type") },
        { u"status"_s, QT_TRANSLATE_NOOP("ViewLabels", "Status") },
        { u"status_category"_s, QT_TRANSLATE_NOOP("ViewLabels", "Status category") },
        { u"priority"_s, QT_TRANSLATE_NOOP("ViewLabels", "Priority") },
        { u"requester"_s, QT_TRANSLATE_NOOP("ViewLabels", "Requester") },
        { u"assignee"_s, QT_TRANSLATE_NOOP("ViewLabels", "Assignee") },
        { u"follower"_s, QT_TRANSLATE_NOOP("ViewLabels", "Followers") },
        { u"department"_s, QT_TRANSLATE_NOOP("ViewLabels", "Department") },
        { u"organization"_s, QT_TRANSLATE_NOOP("ViewLabels", "Organization") },
        { u"project"_s, QT_TRANSLATE_NOOP("ViewLabels", "Project") },
        { u"parent"_s, QT_TRANSLATE_NOOP("ViewLabels", "Parent ticket") },
        { u"channel"_s, QT_TRANSLATE_NOOP("ViewLabels", "Channel") },
        { u"visibility"_s, QT_TRANSLATE_NOOP("ViewLabels", "Visibility") },
        { u"percent_complete"_s, QT_TRANSLATE_NOOP("ViewLabels", "Percent complete") },
        { u"time_spent"_s, QT_TRANSLATE_NOOP("ViewLabels", "Time spent") },
        { u"created_at"_s, QT_TRANSLATE_NOOP("ViewLabels", "Created") },
        { u"updated_at"_s, QT_TRANSLATE_NOOP("ViewLabels", "Updated") },
        { u"first_response_due"_s, QT_TRANSLATE_NOOP("ViewLabels", "First response due") },
        { u"resolution_due"_s, QT_TRANSLATE_NOOP("ViewLabels", "Due") },
        { u"first_responded_at"_s, QT_TRANSLATE_NOOP("ViewLabels", "First responded") },
        { u"solved_at"_s, QT_TRANSLATE_NOOP("ViewLabels", "Solved") },
        { u"due_bucket"_s, QT_TRANSLATE_NOOP("ViewLabels", "Due date") },
    };
    return names;
}

const QHash<QString, const char *> &enumNames()
{
    static const QHash<QString, const char *> names {
        { u"ticket"_s, QT_TRANSLATE_NOOP("ViewLabels", "Ticket") },
        { u"task"_s, QT_TRANSLATE_NOOP("ViewLabels", "Task") },
        { u"new"_s, QT_TRANSLATE_NOOP("ViewLabels", "New") },
        { u"open"_s, QT_TRANSLATE_NOOP("ViewLabels", "Open") },
        { u"pending"_s, QT_TRANSLATE_NOOP("ViewLabels", "Pending") },
        { u"on_hold"_s, QT_TRANSLATE_NOOP("ViewLabels", "On hold") },
        { u"solved"_s, QT_TRANSLATE_NOOP("ViewLabels", "Solved") },
        { u"closed"_s, QT_TRANSLATE_NOOP("ViewLabels", "Closed") },
        { u"low"_s, QT_TRANSLATE_NOOP("ViewLabels", "Low") },
        { u"normal"_s, QT_TRANSLATE_NOOP("ViewLabels", "Normal") },
        { u"high"_s, QT_TRANSLATE_NOOP("ViewLabels", "High") },
        { u"urgent"_s, QT_TRANSLATE_NOOP("ViewLabels", "Urgent") },
        { u"email"_s, QT_TRANSLATE_NOOP("ViewLabels", "Email") },
        { u"web_form"_s, QT_TRANSLATE_NOOP("ViewLabels", "Web form") },
        { u"portal"_s, QT_TRANSLATE_NOOP("ViewLabels", "Portal") },
        { u"phone"_s, QT_TRANSLATE_NOOP("ViewLabels", "Phone") },
        { u"agent"_s, QT_TRANSLATE_NOOP("ViewLabels", "Agent") },
        { u"chat"_s, QT_TRANSLATE_NOOP("ViewLabels", "Chat") },
        { u"import"_s, QT_TRANSLATE_NOOP("ViewLabels", "Import") },
        { u"api"_s, QT_TRANSLATE_NOOP("ViewLabels", "API") },
        { u"customer"_s, QT_TRANSLATE_NOOP("ViewLabels", "Customer") },
        { u"internal"_s, QT_TRANSLATE_NOOP("ViewLabels", "Internal") },
    };
    return names;
}

bool isDate(ViewFieldType type)
{
    return type == ViewFieldType::DateTime || type == ViewFieldType::CustomDate;
}

bool isSet(ViewFieldType type)
{
    return type == ViewFieldType::Followers || type == ViewFieldType::CustomMultiChoice;
}

} // namespace

QString field(const ViewField &field)
{
    if (field.custom)
        return field.custom->name;
    return ViewLabels::field(field.name, {});
}

QString field(const QString &name, const QList<CustomFieldDef> &customFields)
{
    if (const char *label = fieldNames().value(name))
        return translate(label);
    if (name.startsWith(u"cf:"_s)) {
        if (const auto found = findViewField(name, customFields); found && found->custom)
            return found->custom->name;
    }
    return readable(name);
}

QString op(const QString &op, ViewFieldType type)
{
    if (isDate(type)) {
        if (op == u"is"_s)
            return translate(QT_TRANSLATE_NOOP("ViewLabels", "is on"));
        if (op == u"is_not"_s)
            return translate(QT_TRANSLATE_NOOP("ViewLabels", "is not on"));
    }
    if (isSet(type)) {
        if (op == u"is"_s)
            return translate(QT_TRANSLATE_NOOP("ViewLabels", "includes"));
        if (op == u"is_not"_s)
            return translate(QT_TRANSLATE_NOOP("ViewLabels", "does not include"));
        if (op == u"any_of"_s)
            return translate(QT_TRANSLATE_NOOP("ViewLabels", "includes any of"));
        if (op == u"none_of"_s)
            return translate(QT_TRANSLATE_NOOP("ViewLabels", "includes none of"));
    }
    if (type == ViewFieldType::Priority) {
        if (op == u"lt"_s)
            return translate(QT_TRANSLATE_NOOP("ViewLabels", "is below"));
        if (op == u"gt"_s)
            return translate(QT_TRANSLATE_NOOP("ViewLabels", "is above"));
    }
    static const QHash<QString, const char *> names {
        { u"is"_s, QT_TRANSLATE_NOOP("ViewLabels", "is") },
        { u"is_not"_s, QT_TRANSLATE_NOOP("ViewLabels", "is not") },
        { u"any_of"_s, QT_TRANSLATE_NOOP("ViewLabels", "is any of") },
        { u"none_of"_s, QT_TRANSLATE_NOOP("ViewLabels", "is none of") },
        { u"empty"_s, QT_TRANSLATE_NOOP("ViewLabels", "is empty") },
        { u"not_empty"_s, QT_TRANSLATE_NOOP("ViewLabels", "is not empty") },
        { u"contains"_s, QT_TRANSLATE_NOOP("ViewLabels", "contains") },
        { u"not_contains"_s, QT_TRANSLATE_NOOP("ViewLabels", "does not contain") },
        { u"starts_with"_s, QT_TRANSLATE_NOOP("ViewLabels", "starts with") },
        { u"lt"_s, QT_TRANSLATE_NOOP("ViewLabels", "is less than") },
        { u"gt"_s, QT_TRANSLATE_NOOP("ViewLabels", "is more than") },
        { u"before"_s, QT_TRANSLATE_NOOP("ViewLabels", "is before") },
        { u"after"_s, QT_TRANSLATE_NOOP("ViewLabels", "is after") },
        { u"within_last"_s, QT_TRANSLATE_NOOP("ViewLabels", "is in the last") },
        { u"within_next"_s, QT_TRANSLATE_NOOP("ViewLabels", "is in the next") },
        { u"today"_s, QT_TRANSLATE_NOOP("ViewLabels", "is today") },
        { u"overdue"_s, QT_TRANSLATE_NOOP("ViewLabels", "is overdue") },
    };
    if (const char *label = names.value(op))
        return translate(label);
    return readable(op);
}

QString enumValue(const QString &wireName)
{
    if (const char *label = enumNames().value(wireName))
        return translate(label);
    return readable(wireName);
}

QString groupBy(const QString &name, const QList<CustomFieldDef> &customFields)
{
    if (name.isEmpty())
        return translate(QT_TRANSLATE_NOOP("ViewLabels", "No grouping"));
    return field(name, customFields);
}

} // namespace Tessera::Ui::ViewLabels
