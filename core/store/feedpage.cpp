// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/feedpage.h"

#include "store/database.h"
#include "store/sqliterows.h"
#include "store/tables.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Tessera::Sql {

namespace {

// Parents before children: a ticket's status is read while the ticket is
// written, and conversations, messages… refer to their ticket.
const QList<EntityKind> &writeOrder()
{
    static const QList<EntityKind> order { EntityKind::TicketType, EntityKind::Status,
        EntityKind::CustomField, EntityKind::Person, EntityKind::Organization,
        EntityKind::Department, EntityKind::Project, EntityKind::Ticket, EntityKind::Conversation,
        EntityKind::Message, EntityKind::Attachment, EntityKind::TimeEntry,
        EntityKind::RunningTimer, EntityKind::Activity, EntityKind::SavedView,
        EntityKind::CannedResponse, EntityKind::SlaPolicy, EntityKind::Automation,
        EntityKind::WorkspaceSettings };
    return order;
}

QString quoted(const QString &text)
{
    return u'\'' + QString(text).replace(u'\'', u"''"_s) + u'\'';
}

template<typename E>
QString wireList()
{
    QStringList names;
    for (const auto &[value, name] : EnumNames<E>::names)
        names.append(quoted(QString(name)));
    return names.join(u", "_s);
}

QString path(const QString &key)
{
    return quoted(u"$."_s + key);
}

// The SQL twin of columnValue(): the same value from the snapshot's text.
QString columnExpression(const Column &column)
{
    const QString type = u"json_type(snapshot, %1)"_s.arg(path(column.key));
    const QString text = u"(snapshot ->> %1)"_s.arg(path(column.key));
    switch (column.type) {
    case ColumnType::Text:
        return u"CASE WHEN %1 = 'text' THEN %2 END"_s.arg(type, text);
    case ColumnType::Integer:
        // Booleans are 0 and 1; a fraction is no integer (QJsonValue::toInteger's 0).
        return u"CASE %1 WHEN 'integer' THEN %2 WHEN 'true' THEN 1 WHEN 'false' THEN 0"
               u" WHEN 'real' THEN CASE WHEN %2 = CAST(%2 AS INTEGER) THEN CAST(%2 AS INTEGER)"
               u" ELSE 0 END END"_s.arg(type, text);
    case ColumnType::DateTimeMs:
        // Only what Qt::ISODateWithMs reads ('now' and plain numbers are no
        // dates; julianday() refuses what is not digits where they belong,
        // the text of an array or object included).
        return u"CASE WHEN %1 GLOB '????-??-??T*'"
               u" THEN CAST(round((julianday(%1) - 2440587.5) * 86400000.0) AS INTEGER) END"_s.arg(
                   text);
    case ColumnType::Priority: {
        QStringList cases;
        for (const auto &[value, name] : EnumNames<Priority>::names)
            cases.append(u"WHEN %1 THEN %2"_s.arg(quoted(QString(name))).arg(int(value)));
        return u"CASE %1 %2 ELSE %3 END"_s.arg(text, cases.join(u' ')).arg(int(Priority::Normal));
    }
    case ColumnType::JsonText:
        return u"CASE WHEN %1 IN ('array', 'object') THEN snapshot -> %2 END"_s.arg(
            type, path(column.key));
    }
    return u"NULL"_s;
}

// The statement that writes a kind's rows, one row of values at a time.
QString insertRow(const QString &table, const QStringList &names, const QStringList &values)
{
    QStringList updates;
    for (const QString &name : names.mid(1))
        updates.append(name + u" = excluded."_s + name);
    return u"INSERT INTO %1(%2) VALUES(%3) ON CONFLICT(id) DO UPDATE SET %4"_s.arg(
        table, names.join(u", "_s), values.join(u", "_s), updates.join(u", "_s));
}

// The statement that reads a kind's row values from the staged page, in feed order.
QString selectRows(const QStringList &values, const QString &wire)
{
    return u"SELECT %1 FROM temp.feed_page WHERE entity = %2 AND snapshot IS NOT NULL"
           u" ORDER BY pos"_s.arg(values.join(u", "_s), quoted(wire));
}

QStringList parameters(qsizetype count)
{
    return QStringList(count, u"?"_s);
}

struct KindStatements
{
    QString selectRows; // on the staged page
    QString insertRow; // in the cache
    QString selectDocuments; // when the kind has a document table
    QString insertDocument;
    QString evict;
};

// Built once: they depend on the table definitions only.
const QHash<EntityKind, KindStatements> &statements()
{
    static const QHash<EntityKind, KindStatements> all = [] {
        QHash<EntityKind, KindStatements> result;
        for (EntityKind kind : writeOrder()) {
            const TableDef &table = tableFor(kind);
            const QString wire = toWireName(kind);
            const bool split = !table.documentTable.isEmpty();
            QStringList names { u"id"_s, u"version"_s };
            QStringList values { u"id"_s, u"snapshot ->> '$.version'"_s };
            if (!split) {
                names.append(u"data"_s);
                values.append(u"json(snapshot)"_s);
            }
            for (const Column &column : table.columns) {
                names.append(column.name);
                values.append(columnExpression(column));
            }
            QStringList bound = parameters(names.size());
            if (kind == EntityKind::Ticket) {
                // The status's category, as the cache has it by now; its id
                // comes twice, as each value binds once.
                names.append(u"status_category"_s);
                values.append(values.at(names.indexOf(u"status_id"_s)));
                bound.append(u"(SELECT category FROM statuses WHERE id = ?)"_s);
            }
            KindStatements s;
            s.selectRows = selectRows(values, wire);
            s.insertRow = insertRow(table.table, names, bound);
            if (split) {
                QStringList docNames { u"id"_s, u"data"_s };
                QStringList docValues { u"id"_s, u"json(snapshot)"_s };
                for (const Column &column : table.documentColumns) {
                    docNames.append(column.name);
                    docValues.append(columnExpression(column));
                }
                s.selectDocuments = selectRows(docValues, wire);
                s.insertDocument
                    = insertRow(table.documentTable, docNames, parameters(docNames.size()));
            }
            s.evict = u"DELETE FROM %1 WHERE id = ?"_s.arg(table.table);
            result.insert(kind, s);
        }
        return result;
    }();
    return all;
}

// A snapshot the cache must not take, described; or nothing.
QString shapeCheck()
{
    const QString uuid
        = u"'[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-"
          u"[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-"
          u"[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-"
          u"[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
          u"[0-9a-f][0-9a-f]'"_s;
    const auto oneOf = [](const QString &key, const QString &list, bool optional) {
        const QString value = u"(snapshot ->> '%1')"_s.arg(key);
        return optional ? u"(%1 IS NOT NULL AND %1 NOT IN (%2))"_s.arg(value, list)
                        : u"(%1 IS NULL OR %1 NOT IN (%2))"_s.arg(value, list);
    };
    return u"SELECT entity, id, CASE"
           u" WHEN NOT (id GLOB %1) THEN 'the id is not a UUID'"
           u" WHEN (snapshot ->> 'id') IS NOT id THEN 'its id differs from the change''s id'"
           u" WHEN typeof(snapshot ->> 'version') <> 'integer' OR (snapshot ->> 'version') < 0"
           u"   THEN 'its version is not a count'"
           u" WHEN entity = 'ticket' AND typeof(snapshot ->> 'title') <> 'text'"
           u"   THEN 'a ticket without a title'"
           u" WHEN entity = 'ticket' AND %2 THEN 'an unknown ticket kind'"
           u" WHEN entity = 'ticket' AND %3 THEN 'an unknown priority'"
           u" WHEN entity = 'ticket' AND %4 THEN 'an unknown channel'"
           u" WHEN entity = 'ticket' AND %5 THEN 'an unknown visibility'"
           u" WHEN entity IN ('message', 'conversation', 'activity', 'time_entry', 'attachment')"
           u"   AND typeof(snapshot ->> 'ticket_id') <> 'text' THEN 'it names no ticket'"
           u" END AS problem FROM temp.feed_page WHERE snapshot IS NOT NULL AND problem IS NOT NULL"
           u" LIMIT 1"_s.arg(uuid, oneOf(u"kind"_s, wireList<TicketKind>(), false),
               oneOf(u"priority"_s, wireList<Priority>(), false),
               oneOf(u"channel"_s, wireList<Channel>(), true),
               oneOf(u"visibility"_s, wireList<Visibility>(), true));
}

Result<void> checkUtf8(const QByteArray &page)
{
    if (!QByteArrayView(page).isValidUtf8())
        return Error::invalid(u"the change feed page is not UTF-8"_s);
    return {};
}

} // namespace

/// A prepared page's rows, by kind in write order.
struct FeedPageRows
{
    struct Kind
    {
        EntityKind kind;
        SqliteRows rows;
        SqliteRows documents;
    };
    std::vector<Kind> kinds;
    QStringList statuses; // written: ticket rows copy their category
    std::vector<std::pair<EntityKind, QStringList>> evicted; // children first
};

Result<FeedPageHeader> readFeedPageHeader(const Database &db, const QByteArray &page)
{
    if (auto done = checkUtf8(page); !done)
        return done.error();
    // The text goes in as it came (a blob read as text: no conversion).
    QSqlQuery &read = db.prepared(u"SELECT json_valid(p), p ->> 'next', p ->> 'head',"
                                  u" p ->> 'more' FROM (SELECT CAST(? AS TEXT) AS p)"_s);
    Database::bind(read, { page });
    if (auto done = db.exec(read); !done)
        return done.error();
    if (!read.next() || !read.value(0).toBool())
        return Error::invalid(u"the change feed page is not JSON"_s);
    FeedPageHeader header { read.value(1).toLongLong(), read.value(2).toLongLong(),
        read.value(3).toInt() == 1 };
    read.finish();
    return header;
}

Result<PreparedFeedPage> prepareFeedPage(const Database &db, const QByteArray &page)
{
    if (auto done = checkUtf8(page); !done)
        return done.error();
    // The page's entries, one per entity: within a page an entity's last
    // entry counts, at the place of its first (where the entity-by-entity
    // path gives it its row), so upserts and evictions never race each
    // other. Each entry's JSON is read once, here, and its snapshot kept as
    // SQLite's binary JSON, which the column expressions read without
    // parsing text again.
    for (const QString &sql : {
             u"CREATE TEMP TABLE IF NOT EXISTS feed_page(pos INTEGER PRIMARY KEY,"
             u" entity, id, snapshot, UNIQUE(entity, id))"_s,
             u"DELETE FROM temp.feed_page"_s,
         }) {
        if (auto done = db.exec(sql); !done)
            return done.error();
    }
    // The entry's place is its index in the array, so no sort is needed for
    // it; a later entry of the same entity replaces the snapshot only.
    // Entries that name no kind or id are skipped, as the engine does; one
    // without an object has no snapshot: the entity left the agent's scope.
    QSqlQuery &stage = db.prepared(
        u"INSERT INTO temp.feed_page(pos, entity, id, snapshot)"
        u" SELECT key, value ->> 'entity', value ->> 'id', CASE"
        u" WHEN json_type(value, '$.snapshot') = 'object' THEN jsonb_extract(value, '$.snapshot')"
        u" END FROM json_each(CAST(? AS TEXT), '$.changes')"
        u" WHERE typeof(value ->> 'entity') = 'text' AND typeof(value ->> 'id') = 'text'"
        u" ON CONFLICT(entity, id) DO UPDATE SET snapshot = excluded.snapshot"
        u" WHERE excluded.pos > feed_page.pos"_s);
    Database::bind(stage, { page });
    if (auto done = db.exec(stage); !done)
        return Error::invalid(u"the change feed page is not readable: "_s + done.error().message);

    QSqlQuery &check = db.prepared(shapeCheck());
    if (auto done = db.exec(check); !done)
        return done.error();
    if (check.next()) {
        const QString what = u"server snapshot rejected: %1 %2: %3"_s.arg(
            check.value(0).toString(), check.value(1).toString(), check.value(2).toString());
        check.finish();
        return Error::invalid(what);
    }

    // Which kinds the page holds, and whether it evicts any.
    QSet<QString> present;
    QSet<QString> evicting;
    QSqlQuery &kinds = db.prepared(u"SELECT entity, min(snapshot IS NULL), max(snapshot IS NULL)"
                                   u" FROM temp.feed_page GROUP BY entity"_s);
    if (auto done = db.exec(kinds); !done)
        return done.error();
    while (kinds.next()) {
        if (kinds.value(1).toInt() == 0)
            present.insert(kinds.value(0).toString());
        if (kinds.value(2).toInt() == 1)
            evicting.insert(kinds.value(0).toString());
    }

    if (evicting.contains(u"ticket"_s)) {
        // A ticket that leaves with this page takes its threads: they are not
        // written only to be cascaded away (nor could they be, without it).
        if (auto done = db.exec(u"DELETE FROM temp.feed_page WHERE entity <> 'ticket'"
                                u" AND snapshot IS NOT NULL AND (snapshot ->> 'ticket_id') IN"
                                u" (SELECT id FROM temp.feed_page WHERE entity = 'ticket'"
                                u" AND snapshot IS NULL)"_s);
            !done)
            return done.error();
    }
    const QSqlDatabase connection = db.connection();
    auto rows = std::make_shared<FeedPageRows>();
    for (EntityKind kind : writeOrder()) {
        if (!present.contains(toWireName(kind)))
            continue;
        const KindStatements &s = *statements().constFind(kind);
        FeedPageRows::Kind written { kind, {}, {} };
        auto selected = SqliteRows::select(connection, s.selectRows);
        if (!selected)
            return Error::invalid(u"server snapshot rejected: "_s + selected.error().message);
        written.rows = std::move(selected).value();
        if (!s.selectDocuments.isEmpty()) {
            auto documents = SqliteRows::select(connection, s.selectDocuments);
            if (!documents)
                return Error::invalid(u"server snapshot rejected: "_s + documents.error().message);
            written.documents = std::move(documents).value();
        }
        rows->kinds.push_back(std::move(written));
    }
    QSqlQuery &entries
        = db.prepared(u"SELECT entity, id, snapshot IS NULL FROM temp.feed_page ORDER BY pos"_s);
    if (auto done = db.exec(entries); !done)
        return done.error();
    PreparedFeedPage prepared;
    FeedPageWrite &written = prepared.write;
    written.evicted = !evicting.isEmpty();
    QHash<EntityKind, QStringList> evicted;
    while (entries.next()) {
        const auto kind = fromWireName<EntityKind>(entries.value(0).toString());
        if (!kind)
            continue;
        const QString id = entries.value(1).toString();
        written.touched[*kind].append(EntityId::fromString(id));
        ++written.entries;
        if (*kind == EntityKind::Status)
            rows->statuses.append(id);
        if (entries.value(2).toBool())
            evicted[*kind].append(id);
    }
    // Evictions last, children first: an evicted ticket takes the threads
    // that came with the page along (ON DELETE CASCADE).
    for (auto kind = writeOrder().crbegin(); kind != writeOrder().crend(); ++kind) {
        if (evicted.contains(*kind))
            rows->evicted.emplace_back(*kind, evicted.value(*kind));
    }
    prepared.rows = std::move(rows);
    return prepared;
}

Result<FeedPageWrite> writeFeedPage(const Database &db, const PreparedFeedPage &page)
{
    if (!page.rows)
        return page.write;
    const QSqlDatabase connection = db.connection();
    for (const FeedPageRows::Kind &written : page.rows->kinds) {
        const KindStatements &s = *statements().constFind(written.kind);
        for (const auto &[rows, sql] : { std::pair { &written.rows, &s.insertRow },
                 std::pair { &written.documents, &s.insertDocument } }) {
            if (rows->count() == 0)
                continue;
            if (auto fault = db.injectedFault(*sql))
                return *fault;
            if (auto done = rows->insertInto(connection, *sql); !done)
                return Error::invalid(u"server snapshot rejected: "_s + done.error().message);
        }
    }
    // Keep the copy on ticket rows current, as upsert() does.
    for (const QString &status : page.rows->statuses) {
        QSqlQuery &update
            = db.prepared(u"UPDATE tickets SET status_category = s.category FROM statuses s"
                          u" WHERE s.id = ? AND tickets.status_id = s.id"
                          u" AND tickets.status_category IS NOT s.category"_s);
        Database::bind(update, { status });
        if (auto done = db.exec(update); !done)
            return done.error();
    }
    for (const auto &[kind, ids] : page.rows->evicted) {
        QSqlQuery &evict = db.prepared(statements().constFind(kind)->evict);
        for (const QString &id : ids) {
            Database::bind(evict, { id });
            if (auto done = db.exec(evict); !done)
                return done.error();
        }
    }
    return page.write;
}

Result<FeedPageWrite> writeFeedPage(const Database &db, const QByteArray &page)
{
    auto prepared = prepareFeedPage(db, page);
    if (!prepared)
        return prepared.error();
    return writeFeedPage(db, prepared.value());
}

} // namespace Tessera::Sql
