// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/codecs.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace Tessera::Test {

/// A store in a temporary folder with a small, known set of reference
/// entities: two ticket types with statuses, agents in departments,
/// customers in organizations, projects and one custom field per type.
struct StoreFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Store> store;

    QList<Department> departments;
    QList<Organization> organizations;
    QList<Person> agents;
    QList<Person> customers;
    QList<Project> projects;
    QList<TicketType> types;
    QList<Status> statuses; // 6 per type, in category order
    QList<CustomFieldDef> customFields;

    StoreFixture()
    {
        store = std::make_unique<Store>(dir.filePath(QStringLiteral("cache.sqlite")));
        const auto opened = store->open();
        if (!opened)
            qFatal("cannot open the test store: %s", qPrintable(opened.error().message));
    }

    Status status(int type, StatusCategory category) const
    {
        return statuses.at(type * 6 + int(category));
    }

    template<typename T>
    void import(EntityKind kind, const QList<T> &values)
    {
        QList<QJsonObject> json;
        for (const T &v : values)
            json.append(Protocol::toJson(v));
        const auto done = store->importEntities(kind, json);
        if (!done)
            qFatal("import failed: %s", qPrintable(done.error().message));
    }

    /// Builds and stores the reference entities. Names are chosen so that
    /// sorting by name differs from sorting by id or insertion order.
    void addReferenceData()
    {
        using namespace Qt::StringLiterals;
        for (const QString &name : { u"Support"_s, u"billing"_s, u"Operations"_s })
            departments.append({ DepartmentId::create(), name, 1 });
        for (const QString &name : { u"Zeta Ltd"_s, u"acme S.r.l."_s, u"Árvore Ltda"_s })
            organizations.append({ OrganizationId::create(), name, {}, 1 });
        const QStringList agentNames { u"carla"_s, u"Bruno"_s, u"Ana"_s, u"Dario"_s };
        for (qsizetype i = 0; i < agentNames.size(); ++i) {
            Person agent;
            agent.id = PersonId::create();
            agent.name = agentNames.at(i);
            agent.kind = PersonKind::Agent;
            agent.departmentIds = { departments.at(i % departments.size()).id };
            agents.append(agent);
        }
        const QStringList customerNames { u"Xavier"_s, u"maria"_s, u"Élodie"_s, u"Paulo"_s };
        for (qsizetype i = 0; i < customerNames.size(); ++i) {
            Person customer;
            customer.id = PersonId::create();
            customer.name = customerNames.at(i);
            customer.kind = PersonKind::Customer;
            customer.organizationId = organizations.at(i % organizations.size()).id;
            customers.append(customer);
        }
        for (const QString &name : { u"Website"_s, u"erp"_s })
            projects.append({ ProjectId::create(), name, u"Digital"_s, {}, 1 });
        for (int t = 0; t < 2; ++t) {
            TicketType type { TicketTypeId::create(), t == 0 ? u"Question"_s : u"Incident"_s,
                TicketKind::Ticket, {}, {}, {}, {}, 1 - t, 1 };
            types.append(type);
            const QStringList names { u"New"_s, u"Open"_s, u"Pending"_s, u"On hold"_s, u"Solved"_s,
                u"Closed"_s };
            for (int s = 0; s < 6; ++s)
                statuses.append(
                    { StatusId::create(), type.id, names.at(s) + (t ? u" (I)"_s : QString()),
                        StatusCategory(s), {}, s * 2 + t, 1 });
        }
        customFields = {
            { CustomFieldId::create(), types.at(0).id, u"Area"_s, FieldType::Choice,
                { u"Accounts"_s, u"Billing"_s, u"Reports"_s }, false, 0, 1 },
            { CustomFieldId::create(), types.at(1).id, u"Severity"_s, FieldType::Number, {}, false,
                0, 1 },
            { CustomFieldId::create(), {}, u"Version"_s, FieldType::Text, {}, false, 1, 1 },
            { CustomFieldId::create(), {}, u"Environments"_s, FieldType::MultiChoice,
                { u"prod"_s, u"staging"_s, u"dev"_s }, false, 2, 1 },
            { CustomFieldId::create(), {}, u"Vendor case"_s, FieldType::Checkbox, {}, false, 3, 1 },
            { CustomFieldId::create(), {}, u"Target date"_s, FieldType::Date, {}, false, 4, 1 },
            { CustomFieldId::create(), {}, u"Reviewer"_s, FieldType::User, {}, false, 5, 1 },
        };
        import(EntityKind::Department, departments);
        import(EntityKind::Organization, organizations);
        import(EntityKind::Person, agents + customers);
        import(EntityKind::Project, projects);
        import(EntityKind::TicketType, types);
        import(EntityKind::Status, statuses);
        import(EntityKind::CustomField, customFields);
    }

    Ticket ticket(qint64 number, const QString &title) const
    {
        Ticket t;
        t.id = TicketId::create();
        t.number = number;
        t.title = title;
        t.typeId = types.value(0).id;
        t.statusId = statuses.isEmpty() ? StatusId() : statuses.at(1).id;
        t.version = 1;
        return t;
    }
};

} // namespace Tessera::Test
