// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"

#include <QStringList>

#include <optional>

namespace Tessera {

/// The type of a view field, which decides its operators (docs/views.md).
enum class ViewFieldType {
    Number, // number, percent_complete
    Text, // title, description
    DateTime, // created_at, resolution_due, …
    Enum, // kind, channel, visibility, status_category
    Priority, // an enum with an order: low < normal < high < urgent
    Reference, // an id of another entity: status, assignee, …
    Followers, // a set of people
    CustomText,
    CustomNumber,
    CustomDate, // a calendar date without time
    CustomChoice,
    CustomMultiChoice,
    CustomCheckbox,
    CustomUser,
};

/// A field a view can filter, sort or group on. Only these reach SQL.
struct ViewField
{
    QString name; // "assignee", "cf:<uuid>"
    ViewFieldType type;
    QString column; // its SQL over tickets t ("" for custom fields)
    EntityKind reference = EntityKind::Ticket; // for Reference
    QStringList enumValues; // for Enum / Priority / CustomChoice
    std::optional<CustomFieldDef> custom;
};

/// The built-in fields plus one "cf:<id>" field per custom field definition.
QList<ViewField> viewFields(const QList<CustomFieldDef> &customFields);
std::optional<ViewField> findViewField(
    const QString &name, const QList<CustomFieldDef> &customFields);

/// The operators a field type accepts.
QStringList operatorsFor(ViewFieldType type);
/// The fields a view may group by (the due bucket is "due_bucket").
bool canGroupBy(const ViewField &field);
bool canSortBy(const ViewField &field);

} // namespace Tessera
