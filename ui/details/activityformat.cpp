// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/activityformat.h"

#include "details/detailslookup.h"
#include "views/viewlabels.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

bool isEmptyValue(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty())
        || (value.isArray() && value.toArray().isEmpty());
}

// The view catalogue's name for a ticket's wire key, whose label says it.
QString viewFieldName(const QString &key)
{
    static const QHash<QString, QString> names {
        { u"title"_s, u"title"_s },
        { u"number"_s, u"number"_s },
        { u"kind"_s, u"kind"_s },
        { u"type_id"_s, u"type"_s },
        { u"status_id"_s, u"status"_s },
        { u"priority"_s, u"priority"_s },
        { u"requester_id"_s, u"requester"_s },
        { u"assignee_id"_s, u"assignee"_s },
        { u"follower_ids"_s, u"follower"_s },
        { u"department_id"_s, u"department"_s },
        { u"organization_id"_s, u"organization"_s },
        { u"project_id"_s, u"project"_s },
        { u"parent_id"_s, u"parent"_s },
        { u"channel"_s, u"channel"_s },
        { u"visibility"_s, u"visibility"_s },
        { u"percent_complete"_s, u"percent_complete"_s },
        { u"created_at"_s, u"created_at"_s },
        { u"first_response_due"_s, u"first_response_due"_s },
        { u"resolution_due"_s, u"resolution_due"_s },
        { u"first_responded_at"_s, u"first_responded_at"_s },
        { u"solved_at"_s, u"solved_at"_s },
    };
    return names.value(key);
}

bool isDateTimeKey(const QString &key)
{
    return key.endsWith(u"_at"_s) || key.endsWith(u"_due"_s);
}

QString quoted(const QString &text)
{
    return text.isEmpty() ? text : u"“"_s + text + u"”"_s;
}

QString number(qint64 n)
{
    return u"#"_s + QString::number(n);
}

} // namespace

ActivityFormat::ActivityFormat(const DetailsLookup &lookup)
    : m_lookup(lookup)
{ }

QStringList ActivityFormat::describe(const ActivityEntry &entry) const
{
    const QString &key = entry.field;
    if (key == u"created"_s)
        return { tr("created the ticket") };
    if (key == u"description"_s)
        return { tr("edited the description") };
    if (key == u"custom_fields"_s) {
        const QStringList changes
            = customFieldChanges(entry.oldValue.toObject(), entry.newValue.toObject());
        return changes.isEmpty() ? QStringList { tr("changed the custom fields") } : changes;
    }
    if (key == u"follower_ids"_s)
        return followerChanges(entry.oldValue.toArray(), entry.newValue.toArray());
    if (key == u"links"_s)
        return linkChanges(entry.oldValue.toArray(), entry.newValue.toArray());
    QString from = value(key, entry.oldValue);
    QString to = value(key, entry.newValue);
    if (key == u"title"_s) {
        from = quoted(from);
        to = quoted(to);
    }
    return { change(fieldLabel(key), from, to) };
}

QString ActivityFormat::fieldLabel(const QString &key) const
{
    const QString name = viewFieldName(key);
    return name.isEmpty() ? key : ViewLabels::field(name, {});
}

QString ActivityFormat::change(const QString &label, const QString &from, const QString &to) const
{
    if (from.isEmpty() && to.isEmpty())
        return tr("changed %1").arg(label);
    if (from.isEmpty())
        return tr("set %1 to %2").arg(label, to);
    if (to.isEmpty())
        return tr("cleared %1 (was %2)").arg(label, from);
    return tr("changed %1 from %2 to %3").arg(label, from, to);
}

QString ActivityFormat::ticketReference(const QJsonValue &id) const
{
    const TicketSummary ticket = m_lookup.ticket(TicketId::fromString(id.toString()));
    if (!ticket.isValid())
        return tr("a ticket no longer here");
    return ticket.number > 0 ? number(ticket.number) : quoted(ticket.title);
}

QString ActivityFormat::value(const QString &key, const QJsonValue &v) const
{
    if (isEmptyValue(v))
        return {};
    const QString text = v.toString();
    const QUuid uuid = QUuid::fromString(text);
    const auto named = [&](EntityKind kind) {
        const QString name = m_lookup.name(kind, uuid);
        return name.isEmpty() ? tr("(unknown)") : name;
    };
    if (key == u"status_id"_s) {
        const auto status = m_lookup.status(StatusId(uuid));
        return status ? status->name : tr("(unknown)");
    }
    if (key == u"type_id"_s) {
        const auto type = m_lookup.type(TicketTypeId(uuid));
        return type ? type->name : tr("(unknown)");
    }
    if (key == u"requester_id"_s || key == u"assignee_id"_s)
        return m_lookup.personName(PersonId(uuid));
    if (key == u"department_id"_s)
        return named(EntityKind::Department);
    if (key == u"organization_id"_s)
        return named(EntityKind::Organization);
    if (key == u"project_id"_s)
        return named(EntityKind::Project);
    if (key == u"parent_id"_s)
        return ticketReference(v);
    if (key == u"follower_ids"_s && v.isArray()) {
        QStringList names;
        for (const QJsonValue &id : v.toArray())
            names.append(m_lookup.personName(PersonId::fromString(id.toString())));
        return names.join(u", "_s);
    }
    if (key == u"priority"_s || key == u"kind"_s || key == u"channel"_s || key == u"visibility"_s)
        return ViewLabels::enumValue(text);
    if (key == u"percent_complete"_s)
        return tr("%1%").arg(v.toInt());
    if (isDateTimeKey(key) && v.isString()) {
        const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (at.isValid())
            return QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
    }
    return customValue(nullptr, v);
}

QString ActivityFormat::customValue(const CustomFieldDef *def, const QJsonValue &v) const
{
    if (isEmptyValue(v))
        return {};
    if (def) {
        switch (def->fieldType) {
        case FieldType::User:
            return m_lookup.personName(PersonId::fromString(v.toString()));
        case FieldType::Date: {
            const QDate date = QDate::fromString(v.toString(), Qt::ISODate);
            if (date.isValid())
                return QLocale().toString(date, QLocale::ShortFormat);
            break;
        }
        default:
            break;
        }
    }
    if (v.isBool())
        return v.toBool() ? tr("Yes") : tr("No");
    if (v.isDouble())
        return QLocale().toString(v.toDouble(), 'g', 15);
    if (v.isString())
        return v.toString();
    if (v.isArray()) {
        QStringList items;
        for (const QJsonValue &item : v.toArray())
            items.append(customValue(def, item));
        return items.join(u", "_s);
    }
    return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

QStringList ActivityFormat::customFieldChanges(
    const QJsonObject &before, const QJsonObject &after) const
{
    QStringList keys = before.keys() + after.keys();
    keys.removeDuplicates();
    QList<std::pair<int, QString>> changes; // by the field's position, as the panel lists them
    for (const QString &key : std::as_const(keys)) {
        if (before.value(key) == after.value(key))
            continue;
        const auto def = m_lookup.customField(CustomFieldId::fromString(key));
        const QString label = def ? def->name : key;
        changes.append({ def ? def->position : INT_MAX,
            change(label, customValue(def ? &*def : nullptr, before.value(key)),
                customValue(def ? &*def : nullptr, after.value(key))) });
    }
    std::stable_sort(changes.begin(), changes.end(),
        [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList result;
    for (const auto &[position, text] : std::as_const(changes))
        result.append(text);
    return result;
}

QStringList ActivityFormat::followerChanges(const QJsonArray &before, const QJsonArray &after) const
{
    QStringList added;
    QStringList removed;
    for (const QJsonValue &id : after) {
        if (!before.contains(id))
            added.append(m_lookup.personName(PersonId::fromString(id.toString())));
    }
    for (const QJsonValue &id : before) {
        if (!after.contains(id))
            removed.append(m_lookup.personName(PersonId::fromString(id.toString())));
    }
    QStringList result;
    if (!added.isEmpty())
        result.append(tr("added %1 to the followers").arg(added.join(u", "_s)));
    if (!removed.isEmpty())
        result.append(tr("removed %1 from the followers").arg(removed.join(u", "_s)));
    if (result.isEmpty())
        result.append(tr("changed the followers"));
    return result;
}

QStringList ActivityFormat::linkChanges(const QJsonArray &before, const QJsonArray &after) const
{
    const auto describeLink = [this](const QJsonValue &link) {
        const QJsonObject object = link.toObject();
        const auto type = fromWireName<LinkType>(object.value(u"type"_s).toString())
                              .value_or(LinkType::RelatesTo);
        const TicketSummary other
            = m_lookup.ticket(TicketId::fromString(object.value(u"ticket_id"_s).toString()));
        return other.isValid() ? outgoingLink(type, other.number) : tr("a ticket no longer here");
    };
    QStringList result;
    for (const QJsonValue &link : after) {
        if (!before.contains(link))
            result.append(tr("added the link “%1”").arg(describeLink(link)));
    }
    for (const QJsonValue &link : before) {
        if (!after.contains(link))
            result.append(tr("removed the link “%1”").arg(describeLink(link)));
    }
    if (result.isEmpty())
        result.append(tr("changed the links"));
    return result;
}

QString ActivityFormat::relativeTime(const QDateTime &at, const QDateTime &now)
{
    if (!at.isValid())
        return {};
    const qint64 seconds = at.secsTo(now);
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n minute(s) ago", nullptr, int(seconds / 60));
    if (seconds < 24 * 3600)
        return tr("%n hour(s) ago", nullptr, int(seconds / 3600));
    const qint64 days = at.toLocalTime().date().daysTo(now.toLocalTime().date());
    if (days <= 1)
        return tr("yesterday");
    if (days < 7)
        return tr("%n day(s) ago", nullptr, int(days));
    return QLocale().toString(at.toLocalTime().date(), QLocale::ShortFormat);
}

QString ActivityFormat::absoluteTime(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime(), QLocale::LongFormat);
}

QString ActivityFormat::outgoingLink(LinkType type, qint64 n)
{
    switch (type) {
    case LinkType::Blocks:
        return tr("Blocks %1").arg(number(n));
    case LinkType::DuplicateOf:
        return tr("Duplicate of %1").arg(number(n));
    case LinkType::RelatesTo:
        break;
    }
    return tr("Related to %1").arg(number(n));
}

QString ActivityFormat::incomingLink(LinkType type, qint64 n)
{
    switch (type) {
    case LinkType::Blocks:
        return tr("Blocked by %1").arg(number(n));
    case LinkType::DuplicateOf:
        return tr("Duplicated by %1").arg(number(n));
    case LinkType::RelatesTo:
        break;
    }
    return tr("Related to %1").arg(number(n));
}

} // namespace Tessera::Ui
