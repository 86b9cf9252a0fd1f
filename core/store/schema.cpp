// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/schema.h"

#include "logging.h"
#include "store/dialect.h"
#include "store/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Tessera::Sql {

namespace {

struct Migration
{
    int version;
    QStringList statements; // in SQLite's words, translated for PostgreSQL (dialect.h)
    QStringList postgres; // when set, PostgreSQL runs these instead
    bool cacheOnly = false; // the client cache's alone: PostgreSQL only bumps the version
};

// Every cached entity has the same spine: a stable integer seq (FTS rows and
// keyset paging refer to it; VACUUM may renumber implicit rowids), the
// entity's UUID, its server version and its canonical JSON in `data`. Extra
// columns exist only where queries filter, sort or join on them.
QString entityTable(const QString &name, const QString &extraColumns = {})
{
    return u"CREATE TABLE "_s + name
        + u"(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL DEFAULT 0,"
          u" data TEXT NOT NULL"_s
        + (extraColumns.isEmpty() ? QString() : u", "_s + extraColumns) + u")"_s;
}

// Indexes every existing ticket and message for search in one statement each.
QStringList fillFullText()
{
    return {
        u"INSERT INTO ticket_fts(rowid, number, title, description)"
        u" SELECT t.seq, t.number, t.title, d.description FROM tickets t JOIN ticket_documents d ON d.id = t.id"_s,
        u"INSERT INTO message_fts(rowid, body)"
        u" SELECT m.seq, d.body FROM messages m JOIN message_documents d ON d.id = m.id"_s,
    };
}

// The links of every ticket, from its document, as rows of ticket_links.
QStringList fillTicketLinks()
{
    return {
        u"INSERT INTO ticket_links(from_id, to_id, type)"
        u" SELECT d.id, json_extract(l.value, '$.ticket_id'), json_extract(l.value, '$.type')"
        u" FROM ticket_documents d, json_each(d.data, '$.links') l"
        u" WHERE json_extract(l.value, '$.ticket_id') IS NOT NULL"_s,
    };
}

const QList<Migration> &ladder()
{
    static const QList<Migration> steps {
        // 1: the first cache: every entity of the domain, the outbox of
        //    pending mutations and the sync cursor.
        { 1,
            {
                entityTable(u"ticket_types"_s, u"position INTEGER NOT NULL DEFAULT 0"_s),
                entityTable(u"statuses"_s,
                    u"type_id TEXT NOT NULL, category TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0"_s),
                entityTable(
                    u"custom_fields"_s, u"type_id TEXT, position INTEGER NOT NULL DEFAULT 0"_s),
                entityTable(u"people"_s,
                    u"kind TEXT NOT NULL, name TEXT NOT NULL, email TEXT, organization_id TEXT"_s),
                entityTable(u"organizations"_s, u"name TEXT NOT NULL"_s),
                entityTable(u"departments"_s, u"name TEXT NOT NULL"_s),
                entityTable(u"projects"_s, u"name TEXT NOT NULL, organization_id TEXT"_s),
                // Tickets are split in two: a narrow row with only what views
                // filter, group and sort on (scanned by every view, so it must
                // stay small), and the document with the full JSON and the
                // description (read when one ticket is opened).
                u"CREATE TABLE tickets(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
                u" version INTEGER NOT NULL DEFAULT 0, number INTEGER NOT NULL DEFAULT 0, kind "
                u"TEXT NOT NULL,"
                u" parent_id TEXT, title TEXT NOT NULL, type_id TEXT, status_id TEXT,"
                u" priority INTEGER NOT NULL, requester_id TEXT, assignee_id TEXT,"
                u" department_id TEXT, organization_id TEXT, project_id TEXT, channel TEXT,"
                u" visibility TEXT, percent_complete INTEGER NOT NULL DEFAULT 0,"
                u" follower_ids TEXT, custom_fields TEXT, created_at INTEGER,"
                u" updated_at INTEGER, first_response_due INTEGER, resolution_due INTEGER,"
                u" first_responded_at INTEGER, solved_at INTEGER)"_s,
                u"CREATE TABLE ticket_documents(seq INTEGER PRIMARY KEY,"
                u" id TEXT NOT NULL UNIQUE REFERENCES tickets(id) ON DELETE CASCADE,"
                u" data TEXT NOT NULL, description TEXT)"_s,
                entityTable(u"conversations"_s,
                    u"ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE"_s),
                // Messages are split like tickets: search maps full-text hits to
                // tickets through the narrow row; bodies live in the document.
                u"CREATE TABLE messages(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
                u" version INTEGER NOT NULL DEFAULT 0,"
                u" ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,"
                u" conversation_id TEXT NOT NULL, created_at INTEGER)"_s,
                u"CREATE TABLE message_documents(seq INTEGER PRIMARY KEY,"
                u" id TEXT NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,"
                u" data TEXT NOT NULL, body TEXT)"_s,
                entityTable(u"attachments"_s,
                    u"ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE, message_id TEXT"_s),
                entityTable(u"time_entries"_s,
                    u"ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,"
                    u" person_id TEXT NOT NULL, date TEXT NOT NULL"_s),
                entityTable(u"running_timers"_s,
                    u"person_id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL"_s),
                entityTable(u"activity"_s,
                    u"ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE, at INTEGER"_s),
                entityTable(
                    u"saved_views"_s, u"owner_id TEXT, position INTEGER NOT NULL DEFAULT 0"_s),
                entityTable(u"canned_responses"_s, u"name TEXT NOT NULL"_s),
                entityTable(u"sla_policies"_s, u"name TEXT NOT NULL"_s),
                entityTable(u"automations"_s, u"position INTEGER NOT NULL DEFAULT 0"_s),
                u"CREATE INDEX messages_ticket ON messages(ticket_id, created_at)"_s,
                u"CREATE INDEX conversations_ticket ON conversations(ticket_id)"_s,
                u"CREATE INDEX time_entries_ticket ON time_entries(ticket_id)"_s,
                u"CREATE INDEX time_entries_person ON time_entries(person_id, date)"_s,
                u"CREATE INDEX activity_ticket ON activity(ticket_id, at)"_s,
                u"CREATE INDEX attachments_ticket ON attachments(ticket_id)"_s,
                u"CREATE INDEX statuses_type ON statuses(type_id, position)"_s,
                u"CREATE TABLE outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                u" mutation_id TEXT NOT NULL UNIQUE, entity TEXT NOT NULL, target_id TEXT NOT NULL,"
                u" payload TEXT NOT NULL, created_at INTEGER NOT NULL,"
                u" attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT)"_s,
                u"CREATE INDEX outbox_target ON outbox(entity, target_id)"_s,
                u"CREATE TABLE sync_state(key TEXT PRIMARY KEY, value TEXT)"_s,
            } },
        // 2: full-text search (PRODUCT.md B3) over ticket numbers, titles,
        //    descriptions and message bodies. Contentless tables keyed by seq
        //    keep the index small; triggers keep it exact, including rows
        //    removed by ON DELETE CASCADE. Existing rows are indexed here.
        { 2,
            QStringList {
                u"CREATE VIRTUAL TABLE ticket_fts USING fts5(number, title, description,"
                u" content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')"_s,
                u"CREATE VIRTUAL TABLE message_fts USING fts5(body,"
                u" content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')"_s,
                // Index rows carry the seq of the narrow row (tickets.seq,
                // messages.seq), so a hit leads straight to its ticket. The
                // narrow row is written before its document, so the document's
                // triggers find it; deletes follow the narrow row, which
                // ON DELETE CASCADE reaches too.
                u"CREATE TRIGGER ticket_fts_insert AFTER INSERT ON ticket_documents BEGIN"
                u" INSERT INTO ticket_fts(rowid, number, title, description)"
                u" SELECT seq, number, title, new.description FROM tickets WHERE id = new.id; END"_s,
                u"CREATE TRIGGER ticket_fts_update AFTER UPDATE ON ticket_documents BEGIN"
                u" DELETE FROM ticket_fts WHERE rowid = (SELECT seq FROM tickets WHERE id = "
                u"old.id);"
                u" INSERT INTO ticket_fts(rowid, number, title, description)"
                u" SELECT seq, number, title, new.description FROM tickets WHERE id = new.id; END"_s,
                u"CREATE TRIGGER ticket_fts_delete AFTER DELETE ON tickets BEGIN"
                u" DELETE FROM ticket_fts WHERE rowid = old.seq; END"_s,
                u"CREATE TRIGGER message_fts_insert AFTER INSERT ON message_documents BEGIN"
                u" INSERT INTO message_fts(rowid, body) SELECT seq, new.body FROM messages WHERE id = new.id; END"_s,
                u"CREATE TRIGGER message_fts_update AFTER UPDATE OF body ON message_documents BEGIN"
                u" DELETE FROM message_fts WHERE rowid = (SELECT seq FROM messages WHERE id = "
                u"old.id);"
                u" INSERT INTO message_fts(rowid, body) SELECT seq, new.body FROM messages WHERE id = new.id; END"_s,
                u"CREATE TRIGGER message_fts_delete AFTER DELETE ON messages BEGIN"
                u" DELETE FROM message_fts WHERE rowid = old.seq; END"_s,
            } + fillFullText(),
            // PostgreSQL: GIN indexes over the search documents, kept by the
            // database itself.
            {
                u"CREATE INDEX ticket_documents_search ON ticket_documents USING gin (%1)"_s.arg(
                    PostgresSearch::ticket()),
                u"CREATE INDEX message_documents_search ON message_documents USING gin (%1)"_s.arg(
                    PostgresSearch::messageBody()),
            } },
        // 3: views open in milliseconds at 100 000 tickets. Every default
        //    view filters on the status category, so it is copied onto the
        //    ticket row (kept current by the store when a status changes)
        //    instead of joined per row; indexes follow the view filters.
        { 3,
            {
                u"ALTER TABLE tickets ADD COLUMN status_category TEXT"_s,
                u"UPDATE tickets SET status_category ="
                u" (SELECT category FROM statuses WHERE statuses.id = tickets.status_id)"_s,
                // Covering indexes for open work: a group's count, and a page of
                // it sorted by urgency (the default views' order), are read from
                // the index alone; seq, the tie-breaker, is in every index.
                u"CREATE INDEX tickets_category_status ON tickets(status_category, status_id, priority, resolution_due)"_s,
                u"CREATE INDEX tickets_category_assignee ON tickets(status_category, assignee_id, priority, resolution_due)"_s,
                u"CREATE INDEX tickets_category_department ON tickets(status_category, department_id, priority, resolution_due)"_s,
                u"CREATE INDEX tickets_category_organization ON tickets(status_category, organization_id, priority, resolution_due)"_s,
                u"CREATE INDEX tickets_category_project ON tickets(status_category, project_id, priority, resolution_due)"_s,
                u"CREATE INDEX tickets_category_type ON tickets(status_category, type_id, priority, resolution_due)"_s,
                u"CREATE INDEX tickets_category_priority ON tickets(status_category, priority, resolution_due)"_s,
                u"CREATE INDEX tickets_category_due ON tickets(status_category, resolution_due, priority, assignee_id)"_s,
                u"CREATE INDEX tickets_category_solved ON tickets(status_category, solved_at)"_s,
                u"CREATE INDEX tickets_assignee_due ON tickets(assignee_id, resolution_due)"_s,
                u"CREATE INDEX tickets_due ON tickets(resolution_due)"_s,
                u"CREATE INDEX tickets_unanswered ON tickets(first_responded_at, status_category, created_at)"_s,
                u"CREATE INDEX tickets_solved ON tickets(solved_at)"_s,
                u"CREATE INDEX tickets_requester ON tickets(requester_id)"_s,
                u"CREATE INDEX tickets_organization ON tickets(organization_id)"_s,
                u"CREATE INDEX tickets_project ON tickets(project_id)"_s,
                u"CREATE INDEX tickets_department ON tickets(department_id, created_at)"_s,
                u"CREATE INDEX tickets_updated ON tickets(updated_at)"_s,
                u"CREATE INDEX tickets_number ON tickets(number)"_s,
                u"CREATE INDEX tickets_parent ON tickets(parent_id)"_s,
            } },
        // 4: mutations the server settled as conflicts or refusals, kept
        //    until the agent resolves them (DESIGN.md §5).
        { 4,
            {
                u"CREATE TABLE sync_conflicts(id INTEGER PRIMARY KEY, mutation_id TEXT NOT NULL "
                u"UNIQUE,"
                u" entity TEXT NOT NULL, target_id TEXT NOT NULL, status TEXT NOT NULL,"
                u" mutation TEXT NOT NULL, detail TEXT NOT NULL, at INTEGER NOT NULL)"_s,
            } },
        // 5: files attached offline, waiting for upload; their content is
        //    kept beside the cache by hash.
        { 5,
            {
                u"CREATE TABLE upload_queue(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                u" attachment_id TEXT NOT NULL UNIQUE, data TEXT NOT NULL, created_at INTEGER NOT NULL)"_s,
            } },
        // 6: a link shows on both tickets (PRODUCT.md A2), but only its
        //    source's document holds it. The links are copied into rows
        //    that triggers keep exact, so "what points here" is an index
        //    lookup instead of a scan of every document. Only the client
        //    asks, so a PostgreSQL server store goes without.
        { 6,
            QStringList {
                u"CREATE TABLE ticket_links(from_id TEXT NOT NULL, to_id TEXT NOT NULL,"
                u" type TEXT NOT NULL)"_s,
                u"CREATE INDEX ticket_links_to ON ticket_links(to_id)"_s,
                u"CREATE INDEX ticket_links_from ON ticket_links(from_id)"_s,
                u"CREATE TRIGGER ticket_links_insert AFTER INSERT ON ticket_documents BEGIN"
                u" INSERT INTO ticket_links(from_id, to_id, type)"
                u" SELECT new.id, json_extract(value, '$.ticket_id'), json_extract(value, '$.type')"
                u" FROM json_each(new.data, '$.links') WHERE json_extract(value, '$.ticket_id') IS NOT NULL; END"_s,
                u"CREATE TRIGGER ticket_links_update AFTER UPDATE OF data ON ticket_documents BEGIN"
                u" DELETE FROM ticket_links WHERE from_id = old.id;"
                u" INSERT INTO ticket_links(from_id, to_id, type)"
                u" SELECT new.id, json_extract(value, '$.ticket_id'), json_extract(value, '$.type')"
                u" FROM json_each(new.data, '$.links') WHERE json_extract(value, '$.ticket_id') IS NOT NULL; END"_s,
                // ON DELETE CASCADE from tickets reaches this trigger too.
                u"CREATE TRIGGER ticket_links_delete AFTER DELETE ON ticket_documents BEGIN"
                u" DELETE FROM ticket_links WHERE from_id = old.id; END"_s,
            } + fillTicketLinks(),
            {}, true },
        // 7: the reply an agent is writing, per ticket, so a crash or a
        //    restart loses none of it; attached files are kept whole, as
        //    pasted images exist nowhere else. Never sent to the server.
        { 7,
            {
                u"CREATE TABLE drafts(ticket_id TEXT PRIMARY KEY, body TEXT NOT NULL,"
                u" visibility TEXT NOT NULL, conversation_id TEXT,"
                u" new_conversation INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL)"_s,
                u"CREATE TABLE draft_attachments(id TEXT PRIMARY KEY,"
                u" ticket_id TEXT NOT NULL REFERENCES drafts(ticket_id) ON DELETE CASCADE,"
                u" position INTEGER NOT NULL, file_name TEXT NOT NULL, mime_type TEXT,"
                u" content BLOB NOT NULL)"_s,
                u"CREATE INDEX draft_attachments_ticket ON draft_attachments(ticket_id, position)"_s,
            },
            {}, true },
        // 8: the time logged on a ticket, totalled by the
        //    server; on the row, so the ticket list sorts by it (PRODUCT.md E2).
        //    An agent's running timer is replaced by deleting the old one
        //    and creating another; a cache may briefly hold both while the
        //    feed catches up, so person_id is indexed but no longer unique
        //    there (the server replaces the old one in the same transaction).
        { 8,
            {
                u"ALTER TABLE tickets ADD COLUMN time_spent_minutes INTEGER DEFAULT 0"_s,
                u"ALTER TABLE tickets ADD COLUMN billable_minutes INTEGER DEFAULT 0"_s,
                entityTable(u"running_timers_next"_s,
                    u"person_id TEXT NOT NULL, ticket_id TEXT NOT NULL"_s),
                u"INSERT INTO running_timers_next(seq, id, version, data, person_id, ticket_id)"
                u" SELECT seq, id, version, data, person_id, ticket_id FROM running_timers"_s,
                u"DROP TABLE running_timers"_s,
                u"ALTER TABLE running_timers_next RENAME TO running_timers"_s,
                u"CREATE INDEX running_timers_person ON running_timers(person_id)"_s,
            },
            {
                u"ALTER TABLE tickets ADD COLUMN time_spent_minutes INTEGER DEFAULT 0"_s,
                u"ALTER TABLE tickets ADD COLUMN billable_minutes INTEGER DEFAULT 0"_s,
            } },
        // 9: workspace-wide settings (PRODUCT.md F7), a single record.
        { 9, { entityTable(u"workspace_settings"_s) }, {} },
    };
    return steps;
}

Result<void> execAll(QSqlDatabase db, const QStringList &statements)
{
    QSqlQuery query(db);
    const Dialect dialect = dialectOf(db);
    for (const QString &statement : statements) {
        const QString sql = translateDdl(dialect, statement);
        if (!query.exec(sql))
            return Error::storage(
                u"schema statement failed: %1 (%2)"_s.arg(query.lastError().text(), sql.left(120)));
    }
    return {};
}

// The tables a first sync fills by the hundred thousand.
const QStringList &bulkTables()
{
    static const QStringList tables { u"tickets"_s, u"ticket_documents"_s, u"messages"_s,
        u"message_documents"_s, u"conversations"_s, u"activity"_s, u"time_entries"_s,
        u"attachments"_s };
    return tables;
}

const QString BulkLoadKey = u"bulk_load"_s;

} // namespace

Result<bool> suspendIndexes(QSqlDatabase db)
{
    if (dialectOf(db) != Dialect::Sqlite)
        return false;
    // Already away (a first sync that starts over): their saved definitions stay.
    auto suspended = indexesSuspended(db);
    if (!suspended)
        return suspended.error();
    if (suspended.value())
        return true;
    QSqlQuery query(db);
    if (!query.exec(u"SELECT 1 FROM tickets LIMIT 1"_s))
        return Error::storage(query.lastError().text());
    if (query.next())
        return false;
    QStringList placeholders;
    for (qsizetype i = 0; i < bulkTables().size(); ++i)
        placeholders.append(u"?"_s);
    // Unique constraints (sql IS NULL) stay: upserts need them.
    query.prepare(u"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
                  u" AND sql IS NOT NULL AND tbl_name IN (%1) ORDER BY type, name"_s.arg(
                      placeholders.join(u", "_s)));
    for (const QString &table : bulkTables())
        query.addBindValue(table);
    if (!query.exec())
        return Error::storage(query.lastError().text());
    QJsonArray definitions;
    QStringList drops;
    while (query.next()) {
        definitions.append(query.value(2).toString());
        drops.append(
            u"DROP %1 %2"_s.arg(query.value(0).toString().toUpper(), query.value(1).toString()));
    }
    query.finish();
    if (auto done = execAll(db, drops); !done)
        return done.error();
    query.prepare(u"INSERT INTO sync_state(key, value) VALUES (?, ?)"
                  u" ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
    query.addBindValue(BulkLoadKey);
    query.addBindValue(
        QString::fromUtf8(QJsonDocument(definitions).toJson(QJsonDocument::Compact)));
    if (!query.exec())
        return Error::storage(query.lastError().text());
    return true;
}

Result<bool> indexesSuspended(QSqlDatabase db)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT value FROM sync_state WHERE key = ?"_s);
    query.addBindValue(BulkLoadKey);
    if (!query.exec())
        return Error::storage(query.lastError().text());
    return query.next();
}

Result<void> restoreIndexes(QSqlDatabase db)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT value FROM sync_state WHERE key = ?"_s);
    query.addBindValue(BulkLoadKey);
    if (!query.exec())
        return Error::storage(query.lastError().text());
    if (!query.next())
        return {};
    QStringList statements;
    for (const QJsonValue &definition :
        QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array())
        statements.append(definition.toString());
    query.finish();
    // Search starts over from what the tables now hold: rows written while
    // the triggers were away are in it too.
    statements += QStringList { u"INSERT INTO ticket_fts(ticket_fts) VALUES ('delete-all')"_s,
        u"INSERT INTO message_fts(message_fts) VALUES ('delete-all')"_s };
    statements += fillFullText();
    // So do the link rows: their triggers were away too.
    statements.append(u"DELETE FROM ticket_links"_s);
    statements += fillTicketLinks();
    statements.append(u"DELETE FROM sync_state WHERE key = '%1'"_s.arg(BulkLoadKey));
    if (auto done = execAll(db, statements); !done)
        return done.error();
    return {};
}

int latestSchemaVersion()
{
    return ladder().constLast().version;
}

Result<int> schemaVersion(QSqlDatabase db)
{
    if (!db.tables().contains(u"schema_version"_s))
        return 0;
    QSqlQuery query(db);
    if (!query.exec(u"SELECT version FROM schema_version"_s) || !query.next())
        return Error::storage(u"the schema_version table is unreadable"_s);
    return query.value(0).toInt();
}

Result<void> migrate(QSqlDatabase db, int target)
{
    if (target < 0)
        target = latestSchemaVersion();
    auto current = schemaVersion(db);
    if (!current)
        return current.error();
    if (current.value() > latestSchemaVersion())
        return Error::storage(
            u"the cache was written by a newer Tessera (schema %1; this build knows up to %2)"_s
                .arg(current.value())
                .arg(latestSchemaVersion()));
    for (const Migration &step : ladder()) {
        if (step.version <= current.value() || step.version > target)
            continue;
        Transaction tx(db);
        if (!tx.isActive())
            return tx.error();
        const bool postgres = dialectOf(db) == Dialect::Postgres;
        QStringList statements = postgres && step.cacheOnly ? QStringList()
            : postgres && !step.postgres.isEmpty()          ? step.postgres
                                                            : step.statements;
        if (step.version == 1)
            statements.prepend(u"CREATE TABLE schema_version(version INTEGER NOT NULL)"_s);
        statements.append(step.version == 1
                ? u"INSERT INTO schema_version(version) VALUES (1)"_s
                : u"UPDATE schema_version SET version = %1"_s.arg(step.version));
        if (auto done = execAll(db, statements); !done)
            return done.error();
        if (auto done = tx.commit(); !done)
            return done.error();
        qCDebug(lcStore) << "cache schema migrated to version" << step.version;
    }
    return {};
}

} // namespace Tessera::Sql
