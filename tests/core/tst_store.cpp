// SPDX-License-Identifier: GPL-3.0-or-later
#include "storefixture.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QThread>

#include <cstddef>
#include <new>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestStore : public QObject
{
    Q_OBJECT

private:
    static qint64 countRows(const Store &store, const QString &table)
    {
        QSqlQuery q(store.connection());
        q.exec(u"SELECT COUNT(*) FROM "_s + table);
        return q.next() ? q.value(0).toLongLong() : -1;
    }

    static Ticket stored(const Store &store, TicketId id)
    {
        return store.get<Ticket>(id).value_or(Ticket {});
    }

private Q_SLOTS:
    void opensWithPragmas()
    {
        Test::StoreFixture f;
        QSqlQuery q(f.store->connection());
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
        QVERIFY(q.exec(u"PRAGMA foreign_keys"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(u"PRAGMA synchronous"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2); // FULL
    }

    void applyCreateUpdatesRowAndOutbox()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        QSignalSpy changed(f.store.get(), &Store::changed);
        const Ticket t = f.ticket(0, u"Printer on fire"_s);
        const Mutation create = Mutation::creating(EntityKind::Ticket, t, f.agents.at(0).id);
        QVERIFY2(f.store->apply(create).isOk(), "create");

        QCOMPARE(stored(*f.store, t.id).title, u"Printer on fire"_s);
        const auto pending = f.store->pendingMutations();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().mutation.id, create.id);
        QCOMPARE(pending.first().mutation.op, MutationOp::Create);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).value<EntityKind>(), EntityKind::Ticket);
    }

    void applyUpdateRecordsBaseValues()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        const Ticket t = f.ticket(5, u"Old title"_s);
        f.import(EntityKind::Ticket, QList<Ticket> { t });

        Mutation update;
        update.id = MutationId::create();
        update.entity = EntityKind::Ticket;
        update.targetId = t.id.as<EntityId>();
        update.op = MutationOp::Update;
        update.fields = { { u"title"_s, u"New title"_s }, { u"priority"_s, u"urgent"_s } };
        QVERIFY(f.store->apply(update).isOk());

        const Ticket after = stored(*f.store, t.id);
        QCOMPARE(after.title, u"New title"_s);
        QCOMPARE(after.priority, Priority::Urgent);
        QCOMPARE(after.number, 5); // untouched fields stay
        const Mutation queued = f.store->pendingMutations().first().mutation;
        QCOMPARE(queued.base.value(u"title"_s).toString(), u"Old title"_s);
        QCOMPARE(queued.base.value(u"priority"_s).toString(), u"normal"_s);
    }

    void applyIsIdempotent()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        const Ticket t = f.ticket(0, u"Once"_s);
        const Mutation create = Mutation::creating(EntityKind::Ticket, t);
        QVERIFY(f.store->apply(create).isOk());
        QVERIFY(f.store->apply(create).isOk());
        QCOMPARE(f.store->pendingMutations().size(), 1);
        QCOMPARE(countRows(*f.store, u"tickets"_s), 1);
    }

    void rejectsInvalidMutations_data()
    {
        QTest::addColumn<QJsonObject>("fields");
        QTest::addColumn<QString>("error");
        QTest::newRow("wrong type")
            << QJsonObject { { u"title"_s, 5 } } << u"ticket.title must be a string"_s;
        QTest::newRow("unknown field")
            << QJsonObject { { u"colour"_s, u"red"_s } } << u"ticket.colour is not a known field"_s;
        QTest::newRow("server-owned")
            << QJsonObject { { u"version"_s, 9 } } << u"ticket.version is set by the server"_s;
        QTest::newRow("bad custom value")
            << QJsonObject { { u"custom_fields"_s, QJsonObject { { u"CF0"_s, u"Nope"_s } } } }
            << u"custom field \"Area\" must be one of: Accounts, Billing, Reports"_s;
        QTest::newRow("unknown custom field") << QJsonObject {
            { u"custom_fields"_s, QJsonObject { { u"0b7f7a53-3c55-4b9c-9a8e-1b2f0c8a4d11"_s, 1 } } }
        } << u"custom field 0b7f7a53-3c55-4b9c-9a8e-1b2f0c8a4d11 does not exist for this ticket type"_s;
    }

    void rejectsInvalidMutations()
    {
        QFETCH(QJsonObject, fields);
        QFETCH(QString, error);
        Test::StoreFixture f;
        f.addReferenceData();
        const Ticket t = f.ticket(1, u"Unchanged"_s);
        f.import(EntityKind::Ticket, QList<Ticket> { t });
        if (fields.contains(u"custom_fields"_s)) {
            QJsonObject values = fields.value(u"custom_fields"_s).toObject();
            if (values.contains(u"CF0"_s)) {
                values.insert(f.customFields.at(0).id.toString(), values.take(u"CF0"_s));
                fields.insert(u"custom_fields"_s, values);
            }
        }
        const auto result = f.store->apply(Mutation::updating(
            EntityKind::Ticket, t.id.as<EntityId>(), Protocol::toJson(t), fields));
        QVERIFY(!result.isOk());
        QCOMPARE(result.error().message, error);
        QCOMPARE(stored(*f.store, t.id), t);
        QVERIFY(f.store->pendingMutations().isEmpty());
    }

    void typedCustomFieldsAreStoredCanonically()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        Ticket t = f.ticket(0, u"With fields"_s);
        t.customFields = { { f.customFields.at(0).id.toString(), u"Billing"_s },
            { f.customFields.at(3).id.toString(), QJsonArray { u"prod"_s, u"prod"_s, u"dev"_s } },
            { f.customFields.at(5).id.toString(), u"2026-12-01"_s } };
        QVERIFY(f.store->apply(Mutation::creating(EntityKind::Ticket, t)).isOk());
        const Ticket after = stored(*f.store, t.id);
        QCOMPARE(after.customFields.value(f.customFields.at(3).id.toString()).toArray(),
            QJsonArray({ u"prod"_s, u"dev"_s }));
        // A field of the other ticket type is refused.
        Ticket wrong = f.ticket(0, u"Wrong type"_s);
        wrong.customFields = { { f.customFields.at(1).id.toString(), 3 } };
        QVERIFY(!f.store->apply(Mutation::creating(EntityKind::Ticket, wrong)).isOk());
    }

    // ownCloud's sweep: fail the Nth statement for N = 0, 1, 2… until no
    // fault fires; a failed apply leaves neither the row nor the outbox row.
    void failedTransactionLeavesNothing()
    {
        for (int failAt = 0;; ++failAt) {
            Test::StoreFixture f;
            f.addReferenceData();
            const Ticket t = f.ticket(3, u"Before"_s);
            f.import(EntityKind::Ticket, QList<Ticket> { t });
            int statements = 0;
            bool fired = false;
            f.store->setFaultInjector([&](const QString &) {
                if (statements++ == failAt) {
                    fired = true;
                    return true;
                }
                return false;
            });
            const auto result = f.store->apply(Mutation::updating(EntityKind::Ticket,
                t.id.as<EntityId>(), Protocol::toJson(t), { { u"title"_s, u"After"_s } }));
            f.store->setFaultInjector({});
            if (!fired) {
                QVERIFY(result.isOk());
                QCOMPARE(stored(*f.store, t.id).title, u"After"_s);
                QCOMPARE(f.store->pendingMutations().size(), 1);
                QVERIFY2(failAt >= 3, "the sweep must have failed several statements");
                break;
            }
            QVERIFY2(
                !result.isOk(), qPrintable(u"fault at statement %1 not reported"_s.arg(failAt)));
            QCOMPARE(stored(*f.store, t.id).title, u"Before"_s);
            QVERIFY(f.store->pendingMutations().isEmpty());
        }
    }

    void rebaseReappliesPendingOverNewSnapshot()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        Ticket t = f.ticket(7, u"Title v1"_s);
        f.import(EntityKind::Ticket, QList<Ticket> { t });

        // The agent edits the title offline…
        QVERIFY(f.store
                    ->apply(Mutation::updating(EntityKind::Ticket, t.id.as<EntityId>(),
                        Protocol::toJson(t), { { u"title"_s, u"Agent title"_s } }))
                    .isOk());
        // …and creates a new ticket.
        const Ticket created = f.ticket(0, u"Created offline"_s);
        QVERIFY(f.store->apply(Mutation::creating(EntityKind::Ticket, created)).isOk());

        // Meanwhile a colleague changed the priority and the title on the server.
        Ticket server = t;
        server.priority = Priority::High;
        server.title = u"Colleague title"_s;
        server.version = 2;
        QSignalSpy changed(f.store.get(), &Store::changed);
        QVERIFY(
            f.store
                ->applyServerChanges(
                    { { EntityKind::Ticket, t.id.as<EntityId>(), Protocol::toJson(server) } }, 42)
                .isOk());

        const Ticket after = stored(*f.store, t.id);
        QCOMPARE(after.priority, Priority::High); // server change kept
        QCOMPARE(after.title, u"Agent title"_s); // pending edit re-applied on top
        QCOMPARE(after.version, 2); // server version
        QCOMPARE(stored(*f.store, created.id).title, u"Created offline"_s);
        QCOMPARE(f.store->pendingMutations().size(), 2); // still waiting for the server's answer
        QCOMPARE(f.store->syncCursor(), 42);
        QCOMPARE(changed.size(), 1);

        // Once acknowledged, the next snapshot is shown as is.
        for (const PendingMutation &p : f.store->pendingMutations())
            QVERIFY(f.store->acknowledge(p.mutation.id).isOk());
        server.title = u"Agent title, merged"_s;
        server.version = 3;
        QVERIFY(
            f.store
                ->applyServerChanges(
                    { { EntityKind::Ticket, t.id.as<EntityId>(), Protocol::toJson(server) } }, 43)
                .isOk());
        QCOMPARE(stored(*f.store, t.id).title, u"Agent title, merged"_s);
    }

    void cursorOnlyMovesForward()
    {
        Test::StoreFixture f;
        QVERIFY(f.store->applyServerChanges({}, 10).isOk());
        QVERIFY(f.store->applyServerChanges({}, 4).isOk());
        QCOMPARE(f.store->syncCursor(), 10);
    }

    void evictionRemovesTicketAndItsThreads()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        const Ticket t = f.ticket(9, u"Leaving scope"_s);
        f.import(EntityKind::Ticket, QList<Ticket> { t });
        const Conversation c { ConversationId::create(), t.id, ThreadVisibility::Public, {}, {},
            1 };
        f.import(EntityKind::Conversation, QList<Conversation> { c });
        const Message m { MessageId::create(), c.id, t.id, {}, u"unique-needle-word"_s, {},
            Channel::Agent, {}, {}, 1 };
        f.import(EntityKind::Message, QList<Message> { m });
        QCOMPARE(countRows(*f.store, u"message_fts"_s), 1);

        ServerChange eviction { EntityKind::Ticket, t.id.as<EntityId>(), {}, true };
        QVERIFY(f.store->applyServerChanges({ eviction }).isOk());
        QVERIFY(!f.store->get<Ticket>(t.id));
        QCOMPARE(countRows(*f.store, u"messages"_s), 0);
        QCOMPARE(countRows(*f.store, u"message_fts"_s), 0); // cascade reached the index too
    }

    void commitsLeaveTheLogToTheCheckpointer()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        // No connection of the cache copies the log when it commits.
        QSqlQuery pragma(f.store->connection());
        QVERIFY(pragma.exec(u"PRAGMA wal_autocheckpoint"_s) && pragma.next());
        QCOMPARE(pragma.value(0).toInt(), 0);
        pragma.finish();
        const QString path = f.store->path();
        QTRY_VERIFY(QFileInfo(path).size() > 0); // the reference data's commits
        const qint64 before = QFileInfo(path).size();
        QList<ServerChange> changes;
        for (int i = 0; i < 400; ++i) {
            Ticket t = f.ticket(1000 + i, u"Checkpointed ticket %1"_s.arg(i));
            t.description = QString(2000, QChar(u'a' + i % 26));
            changes.append({ EntityKind::Ticket, t.id.as<EntityId>(), Protocol::toJson(t), false });
        }
        QVERIFY(f.store->applyServerChanges(changes, 5).isOk());
        // The thread of its own copies them into the file, soon after.
        QTRY_VERIFY(QFileInfo(path).size() > before + 400 * 2000);
    }

    void bulkLoadBuildsIndexesAtTheEndOrAfterACrash()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        const auto indexes = [&] {
            QSqlQuery q(f.store->connection());
            q.exec(u"SELECT COUNT(*) FROM sqlite_master WHERE type IN ('index', 'trigger')"
                   u" AND sql IS NOT NULL AND tbl_name IN ('tickets', 'messages')"_s);
            return q.next() ? q.value(0).toLongLong() : -1;
        };
        const qint64 before = indexes();
        QVERIFY(before > 20);
        const auto began = f.store->beginBulkLoad();
        QVERIFY(began.isOk() && began.value());
        QCOMPARE(indexes(), 0);

        const Ticket t = f.ticket(7, u"Printer on fire"_s);
        const Conversation c { ConversationId::create(), t.id, ThreadVisibility::Public, {}, {},
            1 };
        const Message m { MessageId::create(), c.id, t.id, {}, u"unique-needle-word"_s, {},
            Channel::Agent, {}, {}, 1 };
        QVERIFY(
            f.store
                ->applyServerChanges(
                    { { EntityKind::Ticket, t.id.as<EntityId>(), Protocol::toJson(t), false },
                        { EntityKind::Conversation, c.id.as<EntityId>(), Protocol::toJson(c),
                            false },
                        { EntityKind::Message, m.id.as<EntityId>(), Protocol::toJson(m), false } },
                    3)
                .isOk());
        QCOMPARE(countRows(*f.store, u"message_fts"_s), 0); // not indexed row by row

        // The process dies before the load is finished: the next open repairs it.
        const QString path = f.store->path();
        f.store.reset();
        f.store = std::make_unique<Store>(path);
        QVERIFY(f.store->open().isOk());
        QCOMPARE(indexes(), before);
        QCOMPARE(countRows(*f.store, u"ticket_fts"_s), 1);
        QSqlQuery q(f.store->connection());
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM message_fts WHERE message_fts MATCH 'needle'"_s)
            && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        q.finish();
        QVERIFY(f.store->finishBulkLoad().isOk()); // nothing left to do
        QCOMPARE(indexes(), before);

        // A cache that holds tickets is not bulk loaded.
        const auto again = f.store->beginBulkLoad();
        QVERIFY(again.isOk() && !again.value());
        QCOMPARE(indexes(), before);
    }

    void ticketLinksFollowDocumentsAndBulkLoads()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        const auto began = f.store->beginBulkLoad();
        QVERIFY(began.isOk() && began.value());
        Ticket a = f.ticket(1, u"Source"_s);
        const Ticket b = f.ticket(2, u"Target"_s);
        Ticket c = f.ticket(3, u"Copy"_s);
        a.links = { { LinkType::Blocks, b.id }, { LinkType::RelatesTo, c.id } };
        c.links = { { LinkType::DuplicateOf, b.id } };
        QList<ServerChange> changes;
        for (const Ticket &t : { a, b, c })
            changes.append({ EntityKind::Ticket, t.id.as<EntityId>(), Protocol::toJson(t), false });
        QVERIFY(f.store->applyServerChanges(changes, 3).isOk());
        QCOMPARE(countRows(*f.store, u"ticket_links"_s), 0); // its triggers are away too

        QVERIFY(f.store->finishBulkLoad().isOk());
        QCOMPARE(countRows(*f.store, u"ticket_links"_s), 3);
        QCOMPARE(f.store->linksTo(b.id).size(), 2);
        QVERIFY(f.store->linksTo(b.id).contains(TicketLinkRef({ a.id, b.id, LinkType::Blocks })));
        QVERIFY(
            f.store->linksTo(b.id).contains(TicketLinkRef({ c.id, b.id, LinkType::DuplicateOf })));
        QCOMPARE(
            f.store->linksTo(c.id), QList<TicketLinkRef>({ { a.id, c.id, LinkType::RelatesTo } }));
        QVERIFY(f.store->linksTo(a.id).isEmpty());

        // The triggers are back: an edit and an eviction move the rows.
        const QJsonObject current = *f.store->entityJson(EntityKind::Ticket, a.id.as<EntityId>());
        QVERIFY(f.store
                    ->apply(Mutation::updating(EntityKind::Ticket, a.id.as<EntityId>(), current,
                        { { u"links"_s, QJsonArray {} } }))
                    .isOk());
        QCOMPARE(f.store->linksTo(b.id),
            QList<TicketLinkRef>({ { c.id, b.id, LinkType::DuplicateOf } }));
        QVERIFY(f.store->linksTo(c.id).isEmpty());
        QVERIFY(
            f.store->applyServerChanges({ { EntityKind::Ticket, c.id.as<EntityId>(), {}, true } })
                .isOk());
        QVERIFY(f.store->linksTo(b.id).isEmpty());
        QCOMPARE(countRows(*f.store, u"ticket_links"_s), 0);
    }

    void statusCategoryFollowsStatusChanges()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        const Ticket t = f.ticket(1, u"Categorised"_s); // status "Open"
        f.import(EntityKind::Ticket, QList<Ticket> { t });
        QSqlQuery q(f.store->connection());
        QVERIFY(q.exec(u"SELECT status_category FROM tickets"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"open"_s);
        q.finish();
        Status changedStatus = f.statuses.at(1);
        changedStatus.category = StatusCategory::Pending;
        f.import(EntityKind::Status, QList<Status> { changedStatus });
        QVERIFY(q.exec(u"SELECT status_category FROM tickets"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"pending"_s);
    }

    void readsFromAnotherThreadUseItsOwnConnection()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        QString connectionName;
        qsizetype people = 0;
        std::unique_ptr<QThread> thread(QThread::create([&] {
            connectionName = f.store->connection().connectionName();
            people = f.store->all<Person>().size();
        }));
        thread->start();
        QVERIFY(thread->wait(10'000));
        QCOMPARE(people, f.agents.size() + f.customers.size());
        QVERIFY(connectionName != f.store->connection().connectionName());
    }

    // A thread started where a finished one lived (as a pool's threads come
    // and go) reads through a connection of its own, not the dead thread's.
    void aThreadInAFinishedThreadsPlaceHasItsOwnConnection()
    {
        Test::StoreFixture f;
        f.addReferenceData();
        struct Reader : QThread
        {
            Store *store = nullptr;
            qsizetype people = -1;
            void run() override { people = store->all<Person>().size(); }
        };
        alignas(Reader) std::byte place[sizeof(Reader)];
        for (int round = 0; round < 2; ++round) {
            auto *reader = new (place) Reader;
            reader->store = f.store.get();
            reader->start();
            QVERIFY(reader->wait(10'000));
            QCOMPARE(reader->people, f.agents.size() + f.customers.size());
            reader->~Reader();
        }
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
