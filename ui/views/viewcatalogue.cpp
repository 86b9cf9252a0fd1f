// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/viewcatalogue.h"

#include "query/viewqueries.h"
#include "store/store.h"
#include "views/viewlabels.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("ViewCatalogue", text);
}

template<typename T>
void sortByName(QList<T> &items)
{
    std::stable_sort(items.begin(), items.end(),
        [](const T &a, const T &b) { return QString::localeAwareCompare(a.name, b.name) < 0; });
}

template<typename T>
QList<ViewChoice> named(QList<T> items)
{
    sortByName(items);
    QList<ViewChoice> choices;
    for (const T &item : std::as_const(items))
        choices.append({ item.name, item.id.toString() });
    return choices;
}

} // namespace

ViewCatalogue::ViewCatalogue(Store *store, QueryContext context)
    : m_store(store)
    , m_context(std::move(context))
{
    if (m_store && m_context.customFields.isEmpty())
        m_context.customFields = m_store->all<CustomFieldDef>();
    m_fields = viewFields(m_context.customFields);
}

std::optional<ViewField> ViewCatalogue::field(const QString &name) const
{
    return findViewField(name, m_context.customFields);
}

QList<ViewField> ViewCatalogue::columnFields() const
{
    // A list row (TicketRow) carries these fields, and every custom field.
    static const QSet<QString> notInRows { u"description"_s, u"follower"_s, u"parent"_s,
        u"channel"_s, u"visibility"_s, u"first_responded_at"_s };
    QList<ViewField> fields;
    for (const ViewField &field : m_fields) {
        if (!notInRows.contains(field.name))
            fields.append(field);
    }
    return fields;
}

QList<ViewChoice> ViewCatalogue::choices(const ViewField &field) const
{
    switch (field.type) {
    case ViewFieldType::Enum:
    case ViewFieldType::Priority: {
        QList<ViewChoice> choices;
        for (const QString &value : field.enumValues)
            choices.append({ ViewLabels::enumValue(value), value });
        return choices;
    }
    case ViewFieldType::CustomChoice:
    case ViewFieldType::CustomMultiChoice: {
        QList<ViewChoice> choices;
        for (const QString &value : field.enumValues)
            choices.append({ value, value });
        return choices;
    }
    case ViewFieldType::CustomCheckbox:
        return { { translate(QT_TRANSLATE_NOOP("ViewCatalogue", "Checked")), true },
            { translate(QT_TRANSLATE_NOOP("ViewCatalogue", "Not checked")), false } };
    case ViewFieldType::Reference:
    case ViewFieldType::Followers:
    case ViewFieldType::CustomUser:
        break;
    default:
        return {};
    }

    const EntityKind kind
        = field.type == ViewFieldType::Reference ? field.reference : EntityKind::Person;
    // Requesters are mostly customers; every other people field picks agents.
    const bool agentsOnly = kind == EntityKind::Person && field.name != u"requester"_s;
    const int cacheKey = int(kind) * 2 + (agentsOnly ? 1 : 0);
    if (const auto cached = m_references.constFind(cacheKey); cached != m_references.constEnd())
        return *cached;

    QList<ViewChoice> choices;
    switch (kind) {
    case EntityKind::Person: {
        choices.append({ translate(QT_TRANSLATE_NOOP("ViewCatalogue", "Me")), u"@me"_s });
        if (!m_store)
            break;
        QList<Person> agents;
        QList<Person> customers;
        for (const Person &person : m_store->all<Person>()) {
            if (person.kind == PersonKind::Agent)
                agents.append(person);
            else if (!agentsOnly)
                customers.append(person);
        }
        choices += named(agents) + named(customers);
        break;
    }
    case EntityKind::Department:
        choices.append({ translate(QT_TRANSLATE_NOOP("ViewCatalogue", "My departments")),
            u"@my_departments"_s });
        if (m_store)
            choices += named(m_store->all<Department>());
        break;
    case EntityKind::Organization:
        if (m_store)
            choices = named(m_store->all<Organization>());
        break;
    case EntityKind::Project:
        if (m_store)
            choices = named(m_store->all<Project>());
        break;
    case EntityKind::TicketType: {
        if (!m_store)
            break;
        QList<TicketType> types = m_store->all<TicketType>();
        std::stable_sort(types.begin(), types.end(),
            [](const TicketType &a, const TicketType &b) { return a.position < b.position; });
        for (const TicketType &type : std::as_const(types))
            choices.append({ type.name, type.id.toString() });
        break;
    }
    case EntityKind::Status: {
        if (!m_store)
            break;
        QHash<TicketTypeId, TicketType> types;
        for (const TicketType &type : m_store->all<TicketType>())
            types.insert(type.id, type);
        QList<Status> statuses = m_store->all<Status>();
        std::stable_sort(statuses.begin(), statuses.end(), [&](const Status &a, const Status &b) {
            const int ta = types.value(a.typeId).position;
            const int tb = types.value(b.typeId).position;
            return ta != tb ? ta < tb : a.position < b.position;
        });
        QHash<QString, int> uses;
        for (const Status &status : std::as_const(statuses))
            ++uses[status.name];
        // Types share status names ("Open"): those name their type too.
        for (const Status &status : std::as_const(statuses)) {
            const QString label = uses.value(status.name) > 1
                ? translate(QT_TRANSLATE_NOOP("ViewCatalogue", "%1 (%2)"))
                      .arg(status.name, types.value(status.typeId).name)
                : status.name;
            choices.append({ label, status.id.toString() });
        }
        break;
    }
    default:
        break;
    }
    m_references.insert(cacheKey, choices);
    return choices;
}

QString ViewCatalogue::ticketLabel(const QString &id) const
{
    if (m_store) {
        if (const auto ticket = m_store->get<Ticket>(EntityId::fromString(id)); ticket)
            return u"#"_s + QString::number(ticket->number);
    }
    return id;
}

QString ViewCatalogue::ticketId(qint64 number) const
{
    if (!m_store)
        return {};
    ViewSpec spec;
    spec.filter = FilterNode::where(u"number"_s, u"is"_s, number);
    QueryContext context = m_context;
    context.now = QDateTime::currentDateTimeUtc();
    const auto compiled = compileView(spec, context);
    if (!compiled)
        return {};
    const auto rows = ViewQueries(*m_store).rows(compiled.value(), std::nullopt, 0, 1);
    if (!rows || rows->isEmpty())
        return {};
    return rows->constFirst().id.toString();
}

} // namespace Tessera::Ui
