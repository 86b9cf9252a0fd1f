// SPDX-License-Identifier: GPL-3.0-or-later
// The schema ladder: from an empty file, and from every earlier version to
// the latest, without losing data.
#include "query/viewqueries.h"
#include "store/drafts.h"
#include "store/schema.h"
#include "store/store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {

const QString TicketId1 = u"6f1c2b8e-0d5b-4c43-9a44-1f0f7d3e2a01"_s;
const QString StatusId1 = u"0c9ad0f2-5a63-44f4-8d8e-6f0b3c1a7e11"_s;
const QString TypeId1 = u"b5d7a2c4-8e1f-4a3b-9c6d-2e4f6a8b0c21"_s;
const QString TicketId2 = u"6f1c2b8e-0d5b-4c43-9a44-1f0f7d3e2a02"_s;
const QString PersonId1 = u"7a2e4c6b-1d3f-4a5b-8c7d-9e0f1a2b3c41"_s;

bool exec(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qWarning() << q.lastError().text() << sql;
        return false;
    }
    return true;
}

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromEmptyDatabase()
    {
        QTemporaryDir dir;
        Store store(dir.filePath(u"cache.sqlite"_s));
        QVERIFY(store.open().isOk());
        QCOMPARE(Sql::schemaVersion(store.connection()).value(), Sql::latestSchemaVersion());
        QVERIFY(Sql::latestSchemaVersion() >= 3);
        for (const QString &table : { u"tickets"_s, u"ticket_documents"_s, u"messages"_s,
                 u"outbox"_s, u"ticket_fts"_s, u"message_fts"_s, u"sync_state"_s })
            QVERIFY2(scalar(store.connection(), u"SELECT COUNT(*) FROM "_s + table) == 0,
                qPrintable(table));
        // Opening again changes nothing.
        QVERIFY(store.open().isOk());
    }

    void fromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v < Sql::latestSchemaVersion(); ++v)
            QTest::addRow("v%d", v) << v;
    }

    void fromEveryEarlierVersion()
    {
        QFETCH(int, version);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.sqlite"_s);
        {
            // A cache as version `version` left it, with data written by that version.
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(Sql::migrate(db, version).isOk());
            QCOMPARE(Sql::schemaVersion(db).value(), version);
            const QString ticketJson
                = u"{\"id\":\"%1\",\"number\":1042,\"title\":\"Impressora não "
                  u"imprime\",\"type_id\":\"%2\",\"status_id\":\"%3\",\"priority\":\"high\","
                  u"\"description\":\"Toner vazio\","
                  u"\"links\":[{\"type\":\"blocks\",\"ticket_id\":\"%4\"}]}"_s.arg(
                      TicketId1, TypeId1, StatusId1, TicketId2);
            QVERIFY(exec(db,
                u"INSERT INTO statuses(id, version, data, type_id, category, position) VALUES "
                u"('%1', 1,"
                u" '{\"id\":\"%1\",\"type_id\":\"%2\",\"name\":\"Waiting\",\"category\":\"pending\"}', '%2', 'pending', 0)"_s
                    .arg(StatusId1, TypeId1)));
            QVERIFY(exec(db,
                u"INSERT INTO tickets(id, version, number, kind, title, type_id, status_id, "
                u"priority)"
                u" VALUES ('%1', 3, 1042, 'ticket', 'Impressora não imprime', '%2', '%3', 2)"_s.arg(
                    TicketId1, TypeId1, StatusId1)));
            if (version >= 3) // from 3 on, the store writes the category copy itself
                QVERIFY(exec(db, u"UPDATE tickets SET status_category = 'pending'"_s));
            QSqlQuery doc(db);
            doc.prepare(u"INSERT INTO ticket_documents(id, data, description) VALUES (?, ?, ?)"_s);
            doc.addBindValue(TicketId1);
            doc.addBindValue(ticketJson);
            doc.addBindValue(u"Toner vazio"_s);
            QVERIFY(doc.exec());
            QVERIFY(exec(db,
                u"INSERT INTO conversations(id, version, data, ticket_id) VALUES"
                u" ('c0000000-0000-4000-8000-000000000001', 1, '{}', '%1')"_s.arg(TicketId1)));
            QVERIFY(exec(db,
                u"INSERT INTO messages(id, version, ticket_id, conversation_id, created_at) VALUES"
                u" ('d0000000-0000-4000-8000-000000000001', 1, '%1', 'c0000000-0000-4000-8000-000000000001', 0)"_s
                    .arg(TicketId1)));
            QVERIFY(exec(db,
                u"INSERT INTO message_documents(id, data, body) VALUES"
                u" ('d0000000-0000-4000-8000-000000000001', '{}', 'cartucho errado no log')"_s));
            QVERIFY(exec(db,
                u"INSERT INTO outbox(mutation_id, entity, target_id, payload, created_at) VALUES"
                u" ('a0000000-0000-4000-8000-000000000001', 'ticket', '%1', '{}', 0)"_s.arg(
                    TicketId1)));
            QVERIFY(exec(db, u"INSERT INTO sync_state(key, value) VALUES ('cursor', '77')"_s));
            QVERIFY(exec(db,
                u"INSERT INTO running_timers(id, version, data, person_id, ticket_id) VALUES"
                u" ('e0000000-0000-4000-8000-000000000001', 1, "
                u"'{\"id\":\"e0000000-0000-4000-8000-000000000001\","
                u"\"person_id\":\"%2\",\"ticket_id\":\"%1\",\"started_at\":\"2026-11-23T09:00:00."
                u"000Z\"}',"
                u" '%2', '%1')"_s.arg(TicketId1, PersonId1)));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"old"_s);

        Store store(path);
        const auto opened = store.open();
        QVERIFY2(opened.isOk(), qPrintable(opened.error().message));
        QCOMPARE(Sql::schemaVersion(store.connection()).value(), Sql::latestSchemaVersion());

        // Nothing lost.
        const auto ticket = store.get<Ticket>(EntityId::fromString(TicketId1));
        QVERIFY(ticket);
        QCOMPARE(ticket->title, u"Impressora não imprime"_s);
        QCOMPARE(ticket->number, 1042);
        QCOMPARE(scalar(store.connection(), u"SELECT COUNT(*) FROM messages"_s), 1);
        QCOMPARE(scalar(store.connection(), u"SELECT COUNT(*) FROM outbox"_s), 1);
        QCOMPARE(store.syncCursor(), 77);
        // The running timer too; tickets from before time totals read as none logged.
        const QList<RunningTimer> timers = store.all<RunningTimer>();
        QCOMPARE(timers.size(), 1);
        QCOMPARE(timers.first().ticketId, TicketId::fromString(TicketId1));
        QCOMPARE(ticket->timeSpentMinutes, 0);
        // A replacement timer may arrive before the old one's deletion.
        QVERIFY(exec(store.connection(),
            u"INSERT INTO running_timers(id, version, data, person_id, ticket_id) VALUES"
            u" ('e0000000-0000-4000-8000-000000000002', 1, '{}', '%1', '%2')"_s.arg(
                PersonId1, TicketId2)));

        // Old rows gained what later versions added: search and the category copy.
        QueryContext context;
        context.now = QDateTime::currentDateTimeUtc();
        const ViewQueries queries(store);
        for (const QString &term : { u"impressora"_s, u"toner"_s, u"cartucho"_s, u"1042"_s }) {
            context.search = term;
            auto compiled = compileView(ViewSpec {}, context);
            QVERIFY(compiled.isOk());
            QCOMPARE(queries.count(compiled.value()).value(), 1);
        }
        context.search.clear();
        auto pending = compileView(
            { FilterNode::where(u"status_category"_s, u"is"_s, u"pending"_s), {}, {}, {} },
            context);
        QVERIFY(pending.isOk());
        QCOMPARE(queries.count(pending.value()).value(), 1);

        // The link the old document holds is found from the ticket it points to.
        const QList<TicketLinkRef> incoming = store.linksTo(TicketId::fromString(TicketId2));
        QCOMPARE(incoming.size(), 1);
        QCOMPARE(incoming.first().from, TicketId::fromString(TicketId1));
        QCOMPARE(incoming.first().type, LinkType::Blocks);

        // An old cache can keep drafts too.
        Draft draft;
        draft.ticketId = TicketId::fromString(TicketId1);
        draft.body = u"Olá, pode tentar de novo?"_s;
        draft.attachments = { { u"a"_s, u"log.txt"_s, u"text/plain"_s, "x" } };
        QVERIFY(Drafts(store).save(draft).isOk());
        QCOMPARE(Drafts(store).load(draft.ticketId)->body, draft.body);
    }

    void refusesANewerCache()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.sqlite"_s);
        {
            Store store(path);
            QVERIFY(store.open().isOk());
            QVERIFY(exec(store.connection(), u"UPDATE schema_version SET version = 999"_s));
        }
        Store store(path);
        const auto opened = store.open();
        QVERIFY(!opened.isOk());
        QVERIFY2(opened.error().message.contains(u"newer Tessera"_s),
            qPrintable(opened.error().message));
    }

    void failedStepLeavesThePreviousVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.sqlite"_s);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"partial"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(Sql::migrate(db, 1).isOk());
        // Something in the way of step 2 (as a crash half-way through a
        // non-transactional upgrade would leave): the step fails as a whole.
        QVERIFY(exec(db, u"CREATE TABLE ticket_fts(x)"_s));
        QVERIFY(!Sql::migrate(db).isOk());
        QCOMPARE(Sql::schemaVersion(db).value(), 1);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM sqlite_master WHERE name = 'message_fts'"_s), 0);
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(u"partial"_s);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
