// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demodata.h"
#include "domain/mutation.h"
#include "query/defaultviews.h"
#include "query/viewqueries.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

namespace Tessera::Test {

/// A demo workspace of a few hundred tickets in a temporary folder, with
/// "now" fixed at the demo's anchor so due dates and tints are stable.
struct TicketListFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    QueryContext context;
    PersonId owner;

    explicit TicketListFixture(int tickets = 300)
    {
        using namespace Qt::StringLiterals;
        store = std::make_unique<Store>(dir.filePath(u"cache.sqlite"_s));
        if (const auto opened = store->open(); !opened)
            qFatal("cannot open the store: %s", qPrintable(opened.error().message));
        DemoOptions options;
        options.tickets = tickets;
        options.messagesPerTicket = 1;
        options.anchor = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
        if (const auto loaded = loadDemoData(*store, options); !loaded)
            qFatal("cannot load demo data: %s", qPrintable(loaded.error().message));
        const DemoGenerator generator(options);
        owner = generator.workspaceOwner();
        context.me = owner;
        context.myDepartments = store->get<Person>(owner)->departmentIds;
        context.now = options.anchor;
        context.timeZone = QTimeZone::UTC;
    }

    QueryContext compileContext() const
    {
        QueryContext c = context;
        c.customFields = store->all<CustomFieldDef>();
        return c;
    }

    /// "All open", optionally with another grouping.
    static ViewSpec allOpen(const QString &groupBy = QStringLiteral("status"))
    {
        ViewSpec spec = defaultViews().first().spec;
        spec.groupBy = groupBy;
        return spec;
    }

    /// An agent's edit of one ticket, through the store's mutation path.
    bool edit(TicketId id, const QJsonObject &changes) const
    {
        const auto current = store->entityJson(EntityKind::Ticket, id.as<EntityId>());
        if (!current)
            return false;
        const auto applied = store->apply(
            Mutation::updating(EntityKind::Ticket, id.as<EntityId>(), *current, changes, owner));
        if (!applied)
            qWarning("edit failed: %s", qPrintable(applied.error().message));
        return applied.isOk();
    }

    /// A status of the ticket's own type in `category`.
    StatusId statusIn(TicketId id, StatusCategory category) const
    {
        const auto ticket = store->get<Ticket>(id);
        for (const Status &status : store->all<Status>()) {
            if (ticket && status.typeId == ticket->typeId && status.category == category)
                return status.id;
        }
        return {};
    }
};

} // namespace Tessera::Test
