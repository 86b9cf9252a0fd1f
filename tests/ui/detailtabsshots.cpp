// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the Activity, Subtasks & links and Requester tabs of a demo
// ticket that has activity, links both ways, a parent, subtickets and a
// requester with other tickets, in the light and the dark palette:
//   detailtabs-shots [output folder]
#include "colorscheme.h"
#include "details/activitytab.h"
#include "details/linkstab.h"
#include "details/requestertab.h"
#include "protocol/codecs.h"
#include "shotworkspace.h"
#include "store/store.h"

#include <QApplication>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Tessera;

using Tessera::Test::settle;

namespace {

Ticket ticketAt(const Store &store, const QString &sql)
{
    QSqlQuery q(store.connection());
    if (!q.exec(sql) || !q.next())
        qFatal("no ticket for %s", qPrintable(sql));
    return *store.get<Ticket>(EntityId::fromString(q.value(0).toString()));
}

void update(Store &store, const Ticket &t, const QJsonObject &changes, PersonId me)
{
    const QJsonObject current = *store.entityJson(EntityKind::Ticket, t.id.as<EntityId>());
    if (!store.apply(
            Mutation::updating(EntityKind::Ticket, t.id.as<EntityId>(), current, changes, me)))
        qFatal("cannot edit ticket %lld", t.number);
}

QJsonObject link(LinkType type, const Ticket &to)
{
    return { { u"type"_s, toWireName(type) }, { u"ticket_id"_s, to.id.toString() } };
}

// The story of the ticket: what its activity, links and children show.
Ticket prepare(Store &store, PersonId me)
{
    // A requester with a history, and one of their tickets (not a task).
    QSqlQuery q(store.connection());
    q.exec(
        u"SELECT requester_id FROM tickets GROUP BY requester_id ORDER BY COUNT(*) DESC LIMIT 1"_s);
    q.next();
    const QString requester = q.value(0).toString();
    const Ticket t = ticketAt(store,
        u"SELECT id FROM tickets WHERE requester_id = '%1' AND kind = 'ticket' ORDER BY number DESC"
        u" LIMIT 1"_s.arg(requester));
    const auto other = [&](int offset) {
        return ticketAt(store,
            u"SELECT id FROM tickets WHERE id <> '%1' AND parent_id IS NULL ORDER BY number"
            u" LIMIT 1 OFFSET %2"_s.arg(t.id.toString())
                .arg(offset));
    };
    const Ticket parent = other(3);
    const Ticket blocked = other(5);
    const Ticket original = other(8);
    const Ticket blocker = other(13);
    const Ticket related = other(21);
    const Ticket task = ticketAt(store,
        u"SELECT id FROM tickets WHERE kind = 'task' AND id <> '%1' ORDER BY number LIMIT 1"_s.arg(
            t.id.toString()));
    const Ticket subticket = other(34);

    update(store, t,
        { { u"parent_id"_s, parent.id.toString() },
            { u"links"_s,
                QJsonArray {
                    link(LinkType::Blocks, blocked), link(LinkType::DuplicateOf, original) } } },
        me);
    update(store, blocker, { { u"links"_s, QJsonArray { link(LinkType::Blocks, t) } } }, me);
    update(store, related, { { u"links"_s, QJsonArray { link(LinkType::RelatesTo, t) } } }, me);
    for (const Ticket &child : { task, subticket })
        update(store, child, { { u"parent_id"_s, t.id.toString() } }, me);

    // Activity as the server records it: one entry per changed field.
    QList<Person> agents;
    for (const Person &p : store.all<Person>()) {
        if (p.kind == PersonKind::Agent)
            agents.append(p);
    }
    QList<Status> statuses;
    for (const Status &s : store.all<Status>()) {
        if (s.typeId == t.typeId)
            statuses.append(s);
    }
    std::optional<CustomFieldDef> field;
    for (const CustomFieldDef &def : store.all<CustomFieldDef>()) {
        if (!field && (def.typeId == t.typeId || !def.typeId.isValid())
            && def.fieldType == FieldType::Choice)
            field = def;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QJsonObject> entries;
    const auto add = [&](const Person &actor, const QDateTime &at, const QString &key,
                         const QJsonValue &from, const QJsonValue &to) {
        entries.append(Protocol::toJson(
            ActivityEntry { ActivityId::create(), t.id, actor.id, at, key, from, to, 1, {} }));
    };
    add(agents.at(1), now.addSecs(-26 * 3600), u"priority"_s, u"normal"_s, u"high"_s);
    add(agents.at(2), now.addSecs(-5 * 3600), u"status_id"_s, statuses.at(0).id.toString(),
        statuses.at(1).id.toString());
    add(agents.at(2), now.addSecs(-5 * 3600), u"assignee_id"_s, QJsonValue(),
        agents.at(2).id.toString());
    if (field) {
        add(agents.at(2), now.addSecs(-5 * 3600), u"custom_fields"_s, QJsonObject {},
            QJsonObject { { field->id.toString(), field->choices.value(0) } });
    }
    add(agents.at(0), now.addSecs(-40 * 60), u"follower_ids"_s, QJsonArray {},
        QJsonArray { agents.at(3).id.toString() });
    add(agents.at(0), now.addSecs(-12 * 60), u"links"_s, QJsonArray {},
        QJsonArray { link(LinkType::Blocks, blocked), link(LinkType::DuplicateOf, original) });
    add(agents.at(0), now.addSecs(-12 * 60), u"parent_id"_s, QJsonValue(), parent.id.toString());
    add(agents.at(1), now.addSecs(-2 * 60), u"description"_s, u"before"_s, u"after"_s);
    if (!store.importEntities(EntityKind::Activity, entries))
        qFatal("cannot write the activity");
    return t;
}

bool save(QWidget *tab, const QString &file)
{
    tab->resize(720, 440);
    tab->show();
    settle(100);
    const bool saved = tab->grab().save(file);
    qInfo("%s %s", saved ? "wrote" : "could not write", qPrintable(file));
    tab->hide();
    return saved;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString out = Test::shotFolder(argc, argv, u"detailtabs-shots"_s);

    Test::ShotWorkspace workspace;
    Store &store = workspace.store;
    const PersonId me = workspace.context.me;
    const Ticket t = prepare(store, me);

    bool ok = true;
    for (const auto &[scheme, name] : Test::palettes()) {
        Ui::applyColorScheme(scheme);
        {
            Ui::ActivityTab tab(store);
            tab.setTicket(t.id);
            ok &= save(&tab, u"%1/activity-%2.png"_s.arg(out, name));
        }
        {
            Ui::LinksTab tab(store, me);
            tab.setTicket(t.id);
            tab.show();
            // A link row selected, so Remove Link is enabled as it would be.
            const auto rows = tab.view()->findItems(
                u"Blocked by"_s, Qt::MatchStartsWith | Qt::MatchRecursive, 0);
            if (!rows.isEmpty())
                tab.view()->setCurrentItem(rows.first());
            ok &= save(&tab, u"%1/links-%2.png"_s.arg(out, name));
        }
        {
            Ui::RequesterTab tab(store);
            tab.setTicket(t.id);
            ok &= save(&tab, u"%1/requester-%2.png"_s.arg(out, name));
        }
    }
    return ok ? 0 : 1;
}
