// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/feedpage.h"

#include "store/database.h"
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
        // dates; julianday() refuses what is not digits where they belong).
        return u"CASE WHEN %1 = 'text' AND %2 GLOB '????-??-??T*'"
               u" THEN CAST(round((julianday(%2) - 2440587.5) * 86400000.0) AS INTEGER) END"_s.arg(
                   type, text);
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

QString upsertFromPage(
    const QString &table, const QStringList &names, const QStringList &values, const QString &wire)
{
    QStringList updates;
    for (const QString &name : names.mid(1))
        updates.append(name + u" = excluded."_s + name);
    return u"INSERT INTO %1(%2) SELECT %3 FROM temp.feed_page WHERE entity = %4"
           u" AND snapshot IS NOT NULL ORDER BY pos ON CONFLICT(id) DO UPDATE SET %5"_s.arg(table,
               names.join(u", "_s), values.join(u", "_s), quoted(wire), updates.join(u", "_s));
}

struct KindStatements
{
    QString rows;
    QString documents; // when the kind has a document table
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
            if (kind == EntityKind::Ticket) {
                names.append(u"status_category"_s);
                values.append(
                    u"(SELECT category FROM statuses WHERE id = (snapshot ->> '$.status_id'))"_s);
            }
            KindStatements s;
            s.rows = upsertFromPage(table.table, names, values, wire);
            if (split) {
                QStringList docNames { u"id"_s, u"data"_s };
                QStringList docValues { u"id"_s, u"json(snapshot)"_s };
                for (const Column &column : table.documentColumns) {
                    docNames.append(column.name);
                    docValues.append(columnExpression(column));
                }
                s.documents = upsertFromPage(table.documentTable, docNames, docValues, wire);
            }
            s.evict = u"DELETE FROM %1 WHERE id IN (SELECT id FROM temp.feed_page"
                      u" WHERE entity = %2 AND snapshot IS NULL)"_s.arg(table.table, quoted(wire));
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

Result<FeedPageWrite> writeFeedPage(const Database &db, const QByteArray &page)
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
    QSqlQuery &stage = db.prepared(
        u"INSERT INTO temp.feed_page(pos, entity, id, snapshot)"
        u" SELECT key, value ->> 'entity', value ->> 'id', jsonb_extract(value, '$.snapshot')"
        u" FROM json_each(CAST(? AS TEXT), '$.changes') WHERE true"
        u" ON CONFLICT(entity, id) DO UPDATE SET snapshot = excluded.snapshot"
        u" WHERE excluded.pos > feed_page.pos"_s);
    Database::bind(stage, { page });
    if (auto done = db.exec(stage); !done)
        return Error::invalid(u"the change feed page is not readable: "_s + done.error().message);
    for (const QString &sql : {
             // Entries that name no kind or id are skipped, as the engine does.
             u"DELETE FROM temp.feed_page WHERE typeof(entity) <> 'text' OR typeof(id) <> 'text'"_s,
             // No object, no snapshot: the entity left the agent's scope.
             u"UPDATE temp.feed_page SET snapshot = NULL WHERE json_type(snapshot) <> 'object'"_s,
         }) {
        if (auto done = db.exec(sql); !done)
            return done.error();
    }

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
    for (EntityKind kind : writeOrder()) {
        const QString wire = toWireName(kind);
        const KindStatements &s = *statements().constFind(kind);
        if (!present.contains(wire))
            continue;
        if (auto done = db.exec(s.rows); !done)
            return Error::invalid(u"server snapshot rejected: "_s + done.error().message);
        if (!s.documents.isEmpty()) {
            if (auto done = db.exec(s.documents); !done)
                return Error::invalid(u"server snapshot rejected: "_s + done.error().message);
        }
        if (kind == EntityKind::Status) {
            // Keep the copy on ticket rows current, as upsert() does.
            if (auto done = db.exec(
                    u"UPDATE tickets SET status_category = s.category FROM statuses s"
                    u" WHERE s.id = tickets.status_id AND s.id IN (SELECT id FROM temp.feed_page"
                    u" WHERE entity = 'status') AND tickets.status_category IS NOT s.category"_s);
                !done)
                return done.error();
        }
    }

    // Evictions last, children first: an evicted ticket takes the threads
    // that came with the page along (ON DELETE CASCADE).
    for (auto kind = writeOrder().crbegin(); kind != writeOrder().crend(); ++kind) {
        if (!evicting.contains(toWireName(*kind)))
            continue;
        if (auto done = db.exec(statements().constFind(*kind)->evict); !done)
            return done.error();
    }

    FeedPageWrite written;
    written.evicted = !evicting.isEmpty();
    QSqlQuery &entries = db.prepared(u"SELECT entity, id FROM temp.feed_page ORDER BY pos"_s);
    if (auto done = db.exec(entries); !done)
        return done.error();
    while (entries.next()) {
        const auto kind = fromWireName<EntityKind>(entries.value(0).toString());
        if (!kind)
            continue;
        written.touched[*kind].append(EntityId::fromString(entries.value(1).toString()));
        ++written.entries;
    }
    return written;
}

} // namespace Tessera::Sql
