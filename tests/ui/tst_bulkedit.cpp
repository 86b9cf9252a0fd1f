// SPDX-License-Identifier: GPL-3.0-or-later
// Bulk actions: one mutation per ticket, undone as one step.
#include "demo/demodata.h"
#include "store/store.h"
#include "tickets/bulkeditcommand.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestBulkEdit : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;

    QList<TicketId> someTickets(int n) const
    {
        QList<TicketId> ids;
        for (const Ticket &t : m_store->all<Ticket>()) {
            if (t.priority != Priority::Urgent)
                ids.append(t.id);
            if (ids.size() == n)
                break;
        }
        return ids;
    }

    QJsonValue field(TicketId id, const QString &key) const
    {
        return m_store->entityJson(EntityKind::Ticket, id.as<EntityId>())->value(key);
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<Store>(
            m_dir.filePath(u"cache-%1.sqlite"_s.arg(QUuid::createUuid().toString(QUuid::Id128))));
        QVERIFY(m_store->open().isOk());
        DemoOptions demo;
        demo.tickets = 30;
        demo.messagesPerTicket = 1;
        QVERIFY(loadDemoData(*m_store, demo).isOk());
    }

    void setsAFieldOnEveryTicketAndUndoesAsOneStep()
    {
        const QList<TicketId> tickets = someTickets(5);
        QCOMPARE(tickets.size(), 5);
        QHash<TicketId, QJsonValue> before;
        for (const TicketId &id : tickets)
            before.insert(id, field(id, u"priority"_s));
        const qsizetype queued = m_store->pendingMutations().size();

        QUndoStack stack;
        auto *command = new Ui::BulkEditCommand(
            *m_store, tickets,
            [](const QJsonObject &) {
                return QJsonObject { { u"priority"_s, u"urgent"_s } };
            },
            u"Set priority"_s);
        stack.push(command);
        QCOMPARE(stack.count(), 1);
        QCOMPARE(command->applied(), 5);
        QVERIFY(command->failures().isEmpty());
        QCOMPARE(m_store->pendingMutations().size(), queued + 5); // one per ticket
        for (const TicketId &id : tickets)
            QCOMPARE(field(id, u"priority"_s).toString(), u"urgent"_s);

        stack.undo();
        QCOMPARE(command->applied(), 5);
        QCOMPARE(m_store->pendingMutations().size(), queued + 10); // undone as edits too
        for (const TicketId &id : tickets)
            QCOMPARE(field(id, u"priority"_s), before.value(id));

        stack.redo();
        for (const TicketId &id : tickets)
            QCOMPARE(field(id, u"priority"_s).toString(), u"urgent"_s);
    }

    void addFollowerExtendsEachTicketsOwnList()
    {
        const QList<TicketId> tickets = someTickets(3);
        const Person agent = m_store->all<Person>().constFirst();
        QUndoStack stack;
        stack.push(new Ui::BulkEditCommand(
            *m_store, tickets,
            [&](const QJsonObject &ticket) {
                QJsonArray followers = ticket.value(u"follower_ids"_s).toArray();
                if (followers.contains(agent.id.toString()))
                    return QJsonObject {};
                followers.append(agent.id.toString());
                return QJsonObject { { u"follower_ids"_s, followers } };
            },
            u"Add follower"_s));
        for (const TicketId &id : tickets)
            QVERIFY(field(id, u"follower_ids"_s).toArray().contains(agent.id.toString()));
        stack.undo();
        for (const TicketId &id : tickets)
            QVERIFY(!field(id, u"follower_ids"_s).toArray().contains(agent.id.toString()));
    }

    void refusedEditsAreReportedAndTheRestApplied()
    {
        QList<TicketId> tickets = someTickets(2);
        tickets.append(TicketId::create()); // not in the cache
        QUndoStack stack;
        auto *command = new Ui::BulkEditCommand(
            *m_store, tickets,
            [](const QJsonObject &) {
                return QJsonObject { { u"percent_complete"_s, 50 } };
            },
            u"Half done"_s);
        stack.push(command);
        QCOMPARE(command->applied(), 2);
        auto *invalid = new Ui::BulkEditCommand(
            *m_store, tickets.mid(0, 1),
            [](const QJsonObject &) {
                return QJsonObject { { u"percent_complete"_s, 500 } };
            },
            u"Too much"_s);
        stack.push(invalid);
        QCOMPARE(invalid->applied(), 0);
        QCOMPARE(invalid->failures().size(), 1);
        QCOMPARE(field(tickets.first(), u"percent_complete"_s).toInt(), 50);
    }
};

QTEST_MAIN(TestBulkEdit)
#include "tst_bulkedit.moc"
