// SPDX-License-Identifier: GPL-3.0-or-later
// A first sync stores change-feed pages from their text (Sql::prepareFeedPage,
// Sql::writeFeedPage): the rows must be exactly those the entity-by-entity
// path writes, and a bad page must be refused whole.
#include "demo/demodata.h"
#include "store/database.h"
#include "store/feedpage.h"
#include "store/sqliterows.h"
#include "store/store.h"
#include "store/tables.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {

struct Entry
{
    EntityKind kind;
    QString id;
    QJsonObject snapshot; // empty: an eviction
};

// Every entity of a demo workspace, parents first, as a feed from 0 lists them.
QList<Entry> demoFeed(int tickets)
{
    QTemporaryDir dir;
    Store source(dir.filePath(u"source.sqlite"_s));
    if (!source.open() || !loadDemoData(source, DemoOptions { 7, tickets, 3, {} }))
        return {};
    QList<Entry> entries;
    for (EntityKind kind : { EntityKind::TicketType, EntityKind::Status, EntityKind::CustomField,
             EntityKind::Person, EntityKind::Organization, EntityKind::Department,
             EntityKind::Project, EntityKind::Ticket, EntityKind::Conversation, EntityKind::Message,
             EntityKind::TimeEntry, EntityKind::Activity, EntityKind::SavedView,
             EntityKind::CannedResponse, EntityKind::SlaPolicy, EntityKind::Automation }) {
        QSqlQuery q(source.connection());
        q.exec(u"SELECT id, data FROM %1 ORDER BY seq"_s.arg(Sql::tableFor(kind).dataTable()));
        while (q.next())
            entries.append({ kind, q.value(0).toString(),
                QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object() });
    }
    return entries;
}

QByteArray pageText(const QList<Entry> &entries, qint64 next, bool more = false)
{
    QJsonArray changes;
    qint64 seq = 0;
    for (const Entry &e : entries) {
        QJsonObject change { { u"seq"_s, ++seq }, { u"entity"_s, toWireName(e.kind) },
            { u"id"_s, e.id } };
        change.insert(u"snapshot"_s, e.snapshot.isEmpty() ? QJsonValue() : QJsonValue(e.snapshot));
        changes.append(change);
    }
    return QJsonDocument(QJsonObject { { u"changes"_s, changes }, { u"next"_s, next },
                             { u"more"_s, more }, { u"head"_s, next + 5 } })
        .toJson(QJsonDocument::Compact);
}

QList<ServerChange> serverChanges(const QList<Entry> &entries)
{
    QList<ServerChange> changes;
    for (const Entry &e : entries)
        changes.append({ e.kind, EntityId::fromString(e.id), e.snapshot, e.snapshot.isEmpty() });
    return changes;
}

// A table's rows by id, every column but the local seq; JSON text compared as JSON.
QMap<QString, QVariantList> rows(const Store &store, const QString &table)
{
    QMap<QString, QVariantList> result;
    QSqlQuery q(store.connection());
    if (!q.exec(u"SELECT * FROM "_s + table))
        return result;
    while (q.next()) {
        QVariantList values;
        const QSqlRecord record = q.record();
        for (int i = 0; i < record.count(); ++i) {
            if (record.fieldName(i) == u"seq"_s)
                continue;
            const QVariant value = q.value(i);
            const QString text = value.toString();
            if (value.typeId() == QMetaType::QString
                && (text.startsWith(u'{') || text.startsWith(u'[')))
                values.append(QJsonDocument::fromJson(text.toUtf8()).toVariant());
            else
                values.append(value);
        }
        result.insert(q.value(u"id"_s).toString(), values);
    }
    return result;
}

QStringList idsInOrder(const Store &store, const QString &table)
{
    QStringList ids;
    QSqlQuery q(store.connection());
    q.exec(u"SELECT id FROM %1 ORDER BY seq"_s.arg(table));
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

QStringList allTables()
{
    QStringList tables;
    for (EntityKind kind : allEntityKinds()) {
        tables.append(Sql::tableFor(kind).table);
        if (!Sql::tableFor(kind).documentTable.isEmpty())
            tables.append(Sql::tableFor(kind).documentTable);
    }
    return tables;
}

struct Cache
{
    QTemporaryDir dir;
    Store store { dir.filePath(u"cache.sqlite"_s) };
    Cache() { QVERIFY(store.open().isOk()); }
};

// What another connection sees: only what was committed.
struct Observer
{
    QString name;
    explicit Observer(const QString &path)
        : name(u"observer-"_s + path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
    }
    ~Observer() { QSqlDatabase::removeDatabase(name); }
    qint64 count(const QString &table) const
    {
        QSqlQuery q(QSqlDatabase::database(name));
        return q.exec(u"SELECT COUNT(*) FROM "_s + table) && q.next() ? q.value(0).toLongLong()
                                                                      : -1;
    }
    qint64 indexes() const
    {
        return count(u"sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"_s);
    }
};

// The feed cut into `parts` pages.
QList<QList<Entry>> pagesOf(const QList<Entry> &feed, int parts)
{
    QList<QList<Entry>> pages;
    const qsizetype size = (feed.size() + parts - 1) / parts;
    for (qsizetype at = 0; at < feed.size(); at += size)
        pages.append(feed.mid(at, size));
    return pages;
}

} // namespace

class TestFeedPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameRowsAsEntityByEntity_data()
    {
        QTest::addColumn<bool>("elsewhere");
        QTest::addColumn<bool>("native");
        QTest::newRow("prepared by the cache's connection") << false << true;
        // As a first sync does: the rows cross from another connection.
        QTest::newRow("prepared on another thread") << true << true;
        // As where Qt's SQLite driver has a SQLite of its own.
        QTest::newRow("prepared on another thread, through Qt's values") << true << false;
    }

    void sameRowsAsEntityByEntity()
    {
        QFETCH(bool, elsewhere);
        QFETCH(bool, native);
        Sql::SqliteRows::setNativeAllowed(native);
        const auto restore = qScopeGuard([] { Sql::SqliteRows::setNativeAllowed(true); });
        const QList<Entry> feed = demoFeed(120);
        QVERIFY(feed.size() > 500);
        Cache fromText;
        Cache fromValues;
        Sql::Database scratch(u":memory:"_s, u"scratch"_s);
        QThreadPool preparing;
        preparing.setMaxThreadCount(1);
        preparing.setExpiryTimeout(-1);
        QSemaphore done;
        QSignalSpy changed(&fromText.store, &Store::changed);
        // In pages, as the engine stores them.
        for (qsizetype at = 0; at < feed.size(); at += 400) {
            const QList<Entry> page = feed.mid(at, 400);
            const QByteArray text = pageText(page, at + 400);
            std::optional<Result<Sql::PreparedFeedPage>> prepared;
            if (elsewhere) {
                // One thread that stays, as the engine's: a connection is per thread.
                preparing.start([&] {
                    prepared.emplace(Sql::prepareFeedPage(scratch, text));
                    done.release();
                });
                done.acquire();
                QVERIFY2(prepared->isOk(), qPrintable(prepared->error().message));
            }
            auto stored = elsewhere ? fromText.store.applyFeedPage(prepared->value(), at + 400)
                                    : fromText.store.applyFeedPage(text, at + 400);
            QVERIFY2(stored.isOk(), qPrintable(stored.error().message));
            QCOMPARE(stored.value(), page.size());
            QVERIFY(fromValues.store.applyServerChanges(serverChanges(page), at + 400).isOk());
        }
        for (const QString &table : allTables()) {
            const auto expected = rows(fromValues.store, table);
            const auto actual = rows(fromText.store, table);
            QCOMPARE(actual.size(), expected.size());
            for (auto it = expected.cbegin(); it != expected.cend(); ++it)
                QVERIFY2(actual.value(it.key()) == it.value(),
                    qPrintable(u"%1 %2"_s.arg(table, it.key())));
        }
        QCOMPARE(fromText.store.syncCursor(), fromValues.store.syncCursor());
        // Every stored entity is announced, by kind.
        qsizetype announced = 0;
        for (const QList<QVariant> &signal : changed)
            announced += signal.at(1).value<QList<EntityId>>().size();
        QCOMPARE(announced, feed.size());
        // And reads back through the typed API.
        for (const Entry &e : feed) {
            if (e.kind == EntityKind::Ticket) {
                const auto ticket = fromText.store.get<Ticket>(TicketId::fromString(e.id));
                QVERIFY(ticket);
                QCOMPARE(ticket->title, e.snapshot.value(u"title"_s).toString());
            }
        }
    }

    void lastEntryOfAnEntityWins()
    {
        const QList<Entry> feed = demoFeed(3);
        Cache cache;
        Entry ticket = *std::find_if(feed.cbegin(), feed.cend(),
            [](const Entry &e) { return e.kind == EntityKind::Ticket; });
        QList<Entry> page = feed;
        // Renamed later in the same page; another ticket evicted after it arrived.
        Entry renamed = ticket;
        renamed.snapshot.insert(u"title"_s, u"Renamed later"_s);
        renamed.snapshot.insert(u"version"_s, ticket.snapshot.value(u"version"_s).toInteger() + 1);
        page.append(renamed);
        Entry evicted = *std::find_if(feed.crbegin(), feed.crend(),
            [](const Entry &e) { return e.kind == EntityKind::Ticket; });
        QVERIFY(evicted.id != ticket.id);
        evicted.snapshot = {};
        page.append(evicted);
        const auto stored = cache.store.applyFeedPage(pageText(page, 99), 99);
        QVERIFY2(stored.isOk(), qPrintable(stored.error().message));
        // The same rows, in the same order, as entity by entity.
        Cache byEntity;
        QVERIFY(byEntity.store.applyServerChanges(serverChanges(page), 99).isOk());
        for (const QString &table : allTables()) {
            QCOMPARE(rows(cache.store, table), rows(byEntity.store, table));
            QCOMPARE(idsInOrder(cache.store, table), idsInOrder(byEntity.store, table));
        }
        QCOMPARE(
            cache.store.get<Ticket>(TicketId::fromString(ticket.id))->title, u"Renamed later"_s);
        QVERIFY(!cache.store.get<Ticket>(TicketId::fromString(evicted.id)));
        // Its conversations and messages went with it.
        QSqlQuery q(cache.store.connection());
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM messages WHERE ticket_id = '%1'"_s.arg(evicted.id)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    // A date column holds a date only when the snapshot has one as text,
    // even where SQLite's text of another value would pass for the start of one.
    void datesOnlyFromDateText()
    {
        const QList<Entry> feed = demoFeed(3);
        Entry ticket = *std::find_if(feed.cbegin(), feed.cend(),
            [](const Entry &e) { return e.kind == EntityKind::Ticket; });
        ticket.snapshot.insert(u"created_at"_s, QJsonArray { u"2026-01-02T03:04:05.000Z"_s });
        ticket.snapshot.insert(u"updated_at"_s, QJsonObject { { u"ab-cd-efT"_s, 1 } });
        ticket.snapshot.insert(u"resolution_due"_s, 1e-05);
        ticket.snapshot.insert(u"first_response_due"_s, u"now"_s);
        ticket.snapshot.insert(u"solved_at"_s, u"2026-01-02T03:04:05.000Z"_s);
        QList<Entry> page = feed;
        page.append(ticket);
        Cache cache;
        const auto stored = cache.store.applyFeedPage(pageText(page, 9), 9);
        QVERIFY2(stored.isOk(), qPrintable(stored.error().message));
        QSqlQuery q(cache.store.connection());
        QVERIFY(q.exec(u"SELECT created_at, updated_at, resolution_due, first_response_due,"
                       u" solved_at FROM tickets WHERE id = '%1'"_s.arg(ticket.id)));
        QVERIFY(q.next());
        for (int i = 0; i < 4; ++i)
            QVERIFY2(q.isNull(i), qPrintable(q.value(i).toString()));
        QCOMPARE(q.value(4).toLongLong(),
            QDateTime::fromString(u"2026-01-02T03:04:05.000Z"_s, Qt::ISODateWithMs)
                .toMSecsSinceEpoch());
    }

    void aFirstSyncCommitsItsPagesInBatches()
    {
        const QList<QList<Entry>> pages = pagesOf(demoFeed(20), 3);
        Cache cache;
        Observer other(cache.store.path());
        cache.store.setBulkBatchSpan(std::chrono::hours(1));
        const auto began = cache.store.beginBulkLoad();
        QVERIFY(began.isOk() && began.value());
        QSignalSpy changed(&cache.store, &Store::changed);
        QVERIFY(cache.store.applyFeedPage(pageText(pages.at(0), 10), 10).isOk());
        QVERIFY(cache.store.applyFeedPage(pageText(pages.at(1), 20), 20).isOk());
        // One open transaction: nothing committed, nothing announced yet.
        QCOMPARE(cache.store.syncCursor(), 20);
        QCOMPARE(other.count(u"statuses"_s), 0);
        QCOMPARE(changed.count(), 0);
        QVERIFY(cache.store.flushBulkLoad().isOk());
        QVERIFY(other.count(u"statuses"_s) > 0);
        QVERIFY(changed.count() > 0);
        // The last page, committed when the load is finished.
        QVERIFY(cache.store.applyFeedPage(pageText(pages.at(2), 30), 30).isOk());
        QVERIFY(cache.store.finishBulkLoad().isOk());
        qint64 tickets = 0;
        for (const QList<Entry> &page : pages)
            tickets += std::count_if(page.cbegin(), page.cend(),
                [](const Entry &e) { return e.kind == EntityKind::Ticket; });
        QCOMPARE(other.count(u"tickets"_s), tickets);
    }

    void aFailedPageTakesItsBatchAlong()
    {
        const QList<QList<Entry>> pages = pagesOf(demoFeed(10), 2);
        Cache cache;
        Observer other(cache.store.path());
        const qint64 indexes = other.indexes();
        cache.store.setBulkBatchSpan(std::chrono::hours(1));
        QVERIFY(cache.store.beginBulkLoad().isOk());
        QVERIFY(other.indexes() < indexes);
        QVERIFY(cache.store.applyFeedPage(pageText(pages.at(0), 10), 10).isOk());
        // A page that cannot be read changes nothing: the batch stays.
        QVERIFY(!cache.store.applyFeedPage("{\"changes\": [", 20).isOk());
        QCOMPARE(cache.store.syncCursor(), 10);
        // One that fails while its rows are written takes the batch along.
        cache.store.setFaultInjector([](const QString &sql) {
            return sql.startsWith(u"INSERT INTO "_s) && !sql.contains(u"temp."_s);
        });
        QVERIFY(!cache.store.applyFeedPage(pageText(pages.at(1), 20), 20).isOk());
        cache.store.setFaultInjector({});
        // Back to the last commit: the first page is fetched again.
        QCOMPARE(cache.store.syncCursor(), 0);
        QVERIFY(cache.store.all<Status>().isEmpty());
        // The sync starts over from 0 and begins its bulk load again: the
        // indexes it put away are still the ones built at the end.
        const auto again = cache.store.beginBulkLoad();
        QVERIFY(again.isOk() && again.value());
        QVERIFY(cache.store.applyFeedPage(pageText(pages.at(0), 10), 10).isOk());
        QVERIFY(cache.store.applyFeedPage(pageText(pages.at(1), 20), 20).isOk());
        QVERIFY(cache.store.finishBulkLoad().isOk());
        QCOMPARE(other.indexes(), indexes);
        QCOMPARE(other.count(u"sync_state WHERE key = 'cursor' AND value = 20"_s), 1);
    }

    void aTicketLeavingInALaterPageTakesItsThreads()
    {
        const QList<Entry> feed = demoFeed(10);
        Cache cache;
        Observer other(cache.store.path());
        const auto ticket = std::find_if(feed.cbegin(), feed.cend(),
            [](const Entry &e) { return e.kind == EntityKind::Ticket; });
        const auto countOf = [&](const QString &table) {
            return other.count(u"%1 WHERE ticket_id = '%2'"_s.arg(table, ticket->id));
        };
        QVERIFY(cache.store.beginBulkLoad().isOk());
        QVERIFY(cache.store.applyFeedPage(pageText(feed, 10), 10).isOk());
        QVERIFY(cache.store.flushBulkLoad().isOk());
        QVERIFY(countOf(u"messages"_s) > 0);
        QVERIFY(countOf(u"activity"_s) > 0);
        // The ticket leaves the agent's scope in the next page.
        QVERIFY(
            cache.store.applyFeedPage(pageText({ { EntityKind::Ticket, ticket->id, {} } }, 20), 20)
                .isOk());
        QSignalSpy changed(&cache.store, &Store::changed);
        QVERIFY(cache.store.finishBulkLoad().isOk());
        QVERIFY(!cache.store.get<Ticket>(TicketId::fromString(ticket->id)));
        for (const QString &table :
            { u"conversations"_s, u"messages"_s, u"activity"_s, u"time_entries"_s })
            QCOMPARE(countOf(table), 0);
        QCOMPARE(other.count(u"pragma_foreign_key_check"_s), 0);
        // Their rows are announced as changed.
        const bool announced
            = std::any_of(changed.cbegin(), changed.cend(), [](const QList<QVariant> &signal) {
                  return signal.at(0).value<EntityKind>() == EntityKind::Message;
              });
        QVERIFY(announced);
    }

    void aWriterFromAnotherThreadGetsItsTurn()
    {
        const QList<QList<Entry>> pages = pagesOf(demoFeed(10), 2);
        Cache cache;
        cache.store.setBulkBatchSpan(std::chrono::hours(1));
        QVERIFY(cache.store.beginBulkLoad().isOk());
        QVERIFY(cache.store.applyFeedPage(pageText(pages.at(0), 10), 10).isOk());
        // An agent's edit on another thread, while the batch holds the lock.
        const Organization acme { OrganizationId::create(), u"Acme"_s, {}, 0 };
        std::atomic<int> edit = 0; // 1: stored, -1: failed
        std::unique_ptr<QThread> agent(QThread::create([&] {
            edit = cache.store.apply(Mutation::creating(EntityKind::Organization, acme)) ? 1 : -1;
        }));
        agent->start();
        // The sync goes on storing pages; it commits and lets the edit in
        // long before its batch would end or the edit's wait would time out.
        for (int i = 0; i < 500 && edit == 0; ++i) {
            QVERIFY(cache.store.applyFeedPage(pageText({}, 10), 10).isOk());
            QThread::msleep(5);
        }
        QVERIFY(agent->wait(10'000));
        QCOMPARE(edit.load(), 1);
        QVERIFY(cache.store.applyFeedPage(pageText(pages.at(1), 20), 20).isOk());
        QVERIFY(cache.store.finishBulkLoad().isOk());
        QVERIFY(cache.store.get<Organization>(acme.id));
        QCOMPARE(cache.store.pendingMutations().size(), 1);
    }

    void readsTheCursorFields()
    {
        Cache cache;
        auto header = cache.store.readFeedPageHeader(pageText({}, 42, true));
        QVERIFY(header.isOk());
        QCOMPARE(header->next, 42);
        QCOMPARE(header->head, 47);
        QVERIFY(header->more);
        QVERIFY(!cache.store.readFeedPageHeader("{\"changes\": [").isOk());
        QVERIFY(!cache.store.readFeedPageHeader("{\"next\": \"\xff\xfe\"}").isOk());
    }

    void badPagesAreRefusedWhole_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("id of another entity")
            << u"id"_s << QJsonValue(u"9b2e1c3a-0000-4000-8000-000000000001"_s);
        QTest::newRow("version is text") << u"version"_s << QJsonValue(u"7"_s);
        QTest::newRow("negative version") << u"version"_s << QJsonValue(-1);
        QTest::newRow("unknown priority") << u"priority"_s << QJsonValue(u"whenever"_s);
        QTest::newRow("unknown kind") << u"kind"_s << QJsonValue(u"banana"_s);
        QTest::newRow("title is a number") << u"title"_s << QJsonValue(12);
        QTest::newRow("SQL in the title is only text")
            << u"title"_s << QJsonValue(u"x'); DROP TABLE tickets; --"_s);
    }

    void badPagesAreRefusedWhole()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QList<Entry> feed = demoFeed(3);
        Cache cache;
        auto ticket = std::find_if(
            feed.begin(), feed.end(), [](const Entry &e) { return e.kind == EntityKind::Ticket; });
        ticket->snapshot.insert(field, value);
        const auto stored = cache.store.applyFeedPage(pageText(feed, 10), 10);
        if (QByteArray(QTest::currentDataTag()).startsWith("SQL")) {
            // Metacharacters are data: the page is fine and the title kept as sent.
            QVERIFY2(stored.isOk(), qPrintable(stored.error().message));
            QCOMPARE(
                cache.store.get<Ticket>(TicketId::fromString(ticket->id))->title, value.toString());
            return;
        }
        QVERIFY(!stored.isOk());
        QVERIFY2(
            stored.error().message.contains(u"rejected"_s), qPrintable(stored.error().message));
        // Nothing of the page, not even the cursor.
        QVERIFY(cache.store.all<Ticket>().isEmpty());
        QVERIFY(cache.store.all<Status>().isEmpty());
        QCOMPARE(cache.store.syncCursor(), 0);
    }

    void unreadablePagesAreRefused()
    {
        Cache cache;
        QVERIFY(!cache.store.applyFeedPage("not json", 3).isOk());
        QVERIFY(!cache.store.applyFeedPage("{\"changes\": [{\"entity\": \"ticket\"", 3).isOk());
        QVERIFY(!cache.store.applyFeedPage("{\"changes\": [\"\xc3\x28\"]}", 3).isOk());
        QCOMPARE(cache.store.syncCursor(), 0);
        // Entries without a kind or an id are skipped, as the engine does.
        auto skipped = cache.store.applyFeedPage(
            "{\"changes\": [{\"entity\": 5, \"id\": \"x\"}, {\"id\": \"y\"}]}", 4);
        QVERIFY2(skipped.isOk(), qPrintable(skipped.error().message));
        QCOMPARE(skipped.value(), 0);
        QCOMPARE(cache.store.syncCursor(), 4);
    }
};

QTEST_GUILESS_MAIN(TestFeedPage)
#include "tst_feedpage.moc"
