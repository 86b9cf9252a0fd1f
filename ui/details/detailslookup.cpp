// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/detailslookup.h"

#include "protocol/codecs.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

template<typename T>
std::optional<T> decoded(const std::optional<QJsonObject> &json)
{
    if (!json)
        return std::nullopt;
    auto value = Protocol::fromJson<T>(*json);
    return value ? std::optional<T>(std::move(value).value()) : std::nullopt;
}

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::UTC);
}

} // namespace

DetailsLookup::DetailsLookup(const Store &store)
    : m_store(store)
{ }

void DetailsLookup::forget(EntityKind kind)
{
    m_cache.remove(kind);
}

std::optional<QJsonObject> DetailsLookup::json(EntityKind kind, const QUuid &id) const
{
    if (id.isNull())
        return std::nullopt;
    auto &byId = m_cache[kind];
    if (const auto it = byId.constFind(id); it != byId.cend())
        return *it;
    const auto loaded = m_store.entityJson(kind, EntityId(id));
    byId.insert(id, loaded);
    return loaded;
}

std::optional<Person> DetailsLookup::person(PersonId id) const
{
    return decoded<Person>(json(EntityKind::Person, id.uuid()));
}

QString DetailsLookup::personName(PersonId id) const
{
    if (const auto p = person(id))
        return p->name;
    return QCoreApplication::translate("DetailsLookup", "Unknown person");
}

std::optional<Status> DetailsLookup::status(StatusId id) const
{
    return decoded<Status>(json(EntityKind::Status, id.uuid()));
}

QColor DetailsLookup::statusColor(StatusId id) const
{
    const auto s = status(id);
    return s ? QColor::fromString(s->color) : QColor();
}

std::optional<TicketType> DetailsLookup::type(TicketTypeId id) const
{
    return decoded<TicketType>(json(EntityKind::TicketType, id.uuid()));
}

QIcon DetailsLookup::typeIcon(TicketTypeId id) const
{
    const auto t = type(id);
    if (!t)
        return {};
    return TicketStyle::typeIcon(t->icon, QColor::fromString(t->color), t->name);
}

std::optional<Organization> DetailsLookup::organization(OrganizationId id) const
{
    return decoded<Organization>(json(EntityKind::Organization, id.uuid()));
}

std::optional<CustomFieldDef> DetailsLookup::customField(CustomFieldId id) const
{
    return decoded<CustomFieldDef>(json(EntityKind::CustomField, id.uuid()));
}

QString DetailsLookup::name(EntityKind kind, const QUuid &id) const
{
    if (kind == EntityKind::Person)
        return person(PersonId(id)) ? personName(PersonId(id)) : QString();
    const auto found = json(kind, id);
    return found ? found->value(u"name"_s).toString() : QString();
}

QString DetailsLookup::summaryColumns()
{
    return u"id, number, title, kind, type_id, status_id, requester_id, created_at, updated_at"_s;
}

TicketSummary DetailsLookup::summary(const QSqlQuery &query, int first)
{
    TicketSummary s;
    s.id = TicketId::fromString(query.value(first).toString());
    s.number = query.value(first + 1).toLongLong();
    s.title = query.value(first + 2).toString();
    s.kind
        = fromWireName<TicketKind>(query.value(first + 3).toString()).value_or(TicketKind::Ticket);
    s.typeId = TicketTypeId::fromString(query.value(first + 4).toString());
    s.statusId = StatusId::fromString(query.value(first + 5).toString());
    s.requesterId = PersonId::fromString(query.value(first + 6).toString());
    s.createdAt = fromMs(query.value(first + 7));
    s.updatedAt = fromMs(query.value(first + 8));
    return s;
}

TicketSummary DetailsLookup::ticket(TicketId id) const
{
    QSqlQuery query(m_store.connection());
    query.prepare(u"SELECT %1 FROM tickets WHERE id = ?"_s.arg(summaryColumns()));
    query.addBindValue(id.toString());
    if (!query.exec() || !query.next())
        return {};
    return summary(query);
}

} // namespace Tessera::Ui
