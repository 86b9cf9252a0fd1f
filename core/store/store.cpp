// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/store.h"

#include "logging.h"
#include "store/checkpointer.h"
#include "store/database.h"
#include "store/feedpage.h"
#include "store/schema.h"
#include "store/tables.h"
#include "store/transaction.h"
#include "store/validation.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimeZone>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

const QSet<QString> &serverOwnedKeys()
{
    static const QSet<QString> keys { u"id"_s, u"version"_s, u"number"_s, u"time_spent_minutes"_s,
        u"billable_minutes"_s };
    return keys;
}

} // namespace

struct Store::Private
{
    std::unique_ptr<Sql::Database> db;
    std::unique_ptr<Sql::Checkpointer> checkpointer; // declared after db: gone before it

    QSqlDatabase connection() const { return db->connection(); }
    QSqlQuery &prepared(const QString &sql) const { return db->prepared(sql); }
    Result<void> exec(QSqlQuery &query) const { return db->exec(query); }
    static void bind(QSqlQuery &query, const QVariantList &values)
    {
        Sql::Database::bind(query, values);
    }
    Result<std::optional<QJsonObject>> load(EntityKind kind, const QString &id) const
    {
        return db->load(kind, id);
    }
    Result<void> upsert(EntityKind kind, const QJsonObject &canonical)
    {
        return db->upsert(kind, canonical);
    }
    Result<void> remove(EntityKind kind, const QString &id) { return db->remove(kind, id); }

    Result<void> replayPending(EntityKind kind, const QString &id);
    // A reply sent "as Pending" moves its ticket in the cache at once.
    Result<void> applyReplyStatus(const Mutation &m);
    Result<void> writeServerChanges(const QList<ServerChange> &changes,
        std::optional<qint64> cursor, const Settlement &settlement,
        QHash<EntityKind, QList<EntityId>> &touched);
    Result<void> advanceCursor(qint64 cursor);

    // A first sync into an empty cache stores its pages in batches: one
    // transaction over the pages of about bulkBatchSpan, so that the pages of
    // the id indexes each page touches all over are written once per batch,
    // not once per page. The batch belongs to the thread that began the
    // bulk load; other writers make it commit early (writersWaiting).
    std::chrono::milliseconds bulkBatchSpan { 500 };
    std::atomic<QThread *> bulkThread = nullptr;
    std::atomic<int> writersWaiting = 0;
    std::unique_ptr<Sql::Transaction> batch;
    QElapsedTimer batchAge;
    QHash<EntityKind, QList<EntityId>> batchTouched;
    // Whether a row may have lost its parent during the load (an eviction,
    // a pending deletion re-applied), or the load is not known (a cache
    // reopened after it was cut short).
    bool bulkOrphansPossible = true;
    bool onBulkThread() const { return bulkThread.load() == QThread::currentThread(); }

    // Rows whose parent is gone (a ticket evicted after its threads came,
    // while a first sync had foreign keys off), removed; by kind.
    Result<QHash<EntityKind, QList<EntityId>>> removeOrphans();

    Result<QJsonObject> validateLocal(EntityKind kind, const QJsonObject &entity) const;
    Result<void> applyUnchecked(
        const Mutation &m, const std::optional<QJsonObject> &current, bool validate);
};

Result<QHash<EntityKind, QList<EntityId>>> Store::Private::removeOrphans()
{
    QHash<QString, EntityKind> kindOfTable;
    for (EntityKind kind : allEntityKinds()) {
        kindOfTable.insert(Sql::tableFor(kind).table, kind);
        if (!Sql::tableFor(kind).documentTable.isEmpty())
            kindOfTable.insert(Sql::tableFor(kind).documentTable, kind);
    }
    QHash<EntityKind, QList<EntityId>> removed;
    // A removed message orphans its document: again until nothing is left.
    for (;;) {
        QSqlQuery check(connection());
        if (!check.exec(u"PRAGMA foreign_key_check"_s))
            return Error::storage(check.lastError().text());
        QHash<QString, QStringList> rows; // table → rowids
        while (check.next())
            rows[check.value(0).toString()].append(check.value(1).toString());
        if (rows.isEmpty())
            return removed;
        for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
            const QString where = u" WHERE rowid IN (%1)"_s.arg(it.value().join(u", "_s));
            QSqlQuery query(connection());
            const auto kind = kindOfTable.constFind(it.key());
            if (kind != kindOfTable.cend()) {
                if (!query.exec(u"SELECT id FROM %1%2"_s.arg(it.key(), where)))
                    return Error::storage(query.lastError().text());
                while (query.next())
                    removed[*kind].append(EntityId::fromString(query.value(0).toString()));
            }
            if (!query.exec(u"DELETE FROM %1%2"_s.arg(it.key(), where)))
                return Error::storage(query.lastError().text());
        }
    }
}

Result<QJsonObject> Store::Private::validateLocal(EntityKind kind, const QJsonObject &entity) const
{
    return Sql::validateEntity(*db, kind, entity);
}

Result<void> Store::Private::applyUnchecked(
    const Mutation &m, const std::optional<QJsonObject> &current, bool validate)
{
    const auto check = [&](const QJsonObject &entity) {
        return validate ? validateLocal(m.entity, entity)
                        : Protocol::canonicalEntity(m.entity, entity);
    };
    const QString id = m.targetId.toString();
    switch (m.op) {
    case MutationOp::Create:
    case MutationOp::Append: {
        if (current)
            return Error { Error::Code::Conflict,
                u"%1 %2 already exists"_s.arg(toWireName(m.entity), id) };
        auto entity = check(m.fields);
        if (!entity)
            return entity.error();
        if (entity->value(u"id"_s).toString() != id)
            return Error::invalid(u"mutation.target_id differs from the entity's id"_s);
        return upsert(m.entity, entity.value());
    }
    case MutationOp::Update: {
        if (!current)
            return Error { Error::Code::NotFound,
                u"%1 %2 is not in the cache"_s.arg(toWireName(m.entity), id) };
        QJsonObject merged = *current;
        for (auto it = m.fields.begin(); it != m.fields.end(); ++it)
            merged.insert(it.key(), it.value());
        auto entity = check(merged);
        if (!entity)
            return entity.error();
        return upsert(m.entity, entity.value());
    }
    case MutationOp::Delete:
        if (!current)
            return Error { Error::Code::NotFound,
                u"%1 %2 is not in the cache"_s.arg(toWireName(m.entity), id) };
        return remove(m.entity, id);
    }
    return Error::invalid(u"unknown mutation op"_s);
}

Result<void> Store::Private::applyReplyStatus(const Mutation &m)
{
    const QString status = m.fields.value(u"set_status_id"_s).toString();
    if (m.entity != EntityKind::Message || m.op != MutationOp::Append || status.isEmpty())
        return {};
    const auto ticket = load(EntityKind::Ticket, m.fields.value(u"ticket_id"_s).toString());
    if (!ticket)
        return ticket.error();
    if (!ticket.value() || ticket.value()->value(u"status_id"_s).toString() == status)
        return {};
    QJsonObject changed = *ticket.value();
    changed.insert(u"status_id"_s, status);
    auto canonical = Protocol::canonicalEntity(EntityKind::Ticket, changed);
    if (!canonical)
        return canonical.error();
    return upsert(EntityKind::Ticket, canonical.value());
}

Result<void> Store::Private::replayPending(EntityKind kind, const QString &id)
{
    // A pending reply that sets a status belongs to its ticket's rebase too,
    // in outbox order with the ticket's own edits.
    QSqlQuery &query = prepared(
        u"SELECT seq, payload FROM outbox WHERE entity = ? AND target_id = ?"
        u" UNION ALL SELECT seq, payload FROM outbox WHERE ? = 'ticket' AND entity = 'message'"
        u" AND json_extract(payload, '$.fields.ticket_id') = ?"
        u" AND json_extract(payload, '$.fields.set_status_id') IS NOT NULL"
        u" ORDER BY seq"_s);
    bind(query, { toWireName(kind), id, toWireName(kind), id });
    if (auto done = exec(query); !done)
        return done;
    QList<Mutation> pending;
    while (query.next()) {
        if (auto m = Protocol::fromJson<Mutation>(parseObject(query.value(1).toString())))
            pending.append(m.value());
    }
    query.finish();
    for (const Mutation &m : std::as_const(pending)) {
        if (m.entity != kind) {
            if (auto done = applyReplyStatus(m); !done)
                return done;
            continue;
        }
        const auto loaded = load(kind, id);
        if (!loaded)
            return loaded.error();
        const std::optional<QJsonObject> &current = loaded.value();
        if ((m.op == MutationOp::Create || m.op == MutationOp::Append) && current)
            continue; // the server already has it; its snapshot wins
        if (m.op == MutationOp::Update && !current)
            continue; // gone on the server: the server's answer will say so
        auto done = applyUnchecked(m, current, false);
        if (!done) {
            if (done.error().code == Error::Code::Storage
                && !done.error().message.contains(u"FOREIGN KEY"_s))
                return done;
            // It no longer fits the new snapshot; it stays queued and the
            // server's answer will settle it.
            qCInfo(lcStore) << "pending mutation" << m.id.toString()
                            << "not re-applied:" << done.error().message;
        }
    }
    return {};
}

Store::Store(QString path, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->db = std::make_unique<Sql::Database>(std::move(path), u"store"_s);
    // Larger pages suit a cache of JSON documents (fewer overflow pages) and
    // a first sync (fewer, larger writes). Commits leave the log to the
    // checkpointer's thread.
    d->db->setSqliteTuning({ .newFilePageSize = 16384, .autoCheckpoint = false });
    d->checkpointer = std::make_unique<Sql::Checkpointer>(*d->db);
    const auto checkpoint = [this] {
        d->checkpointer->request();
    };
    connect(this, &Store::changed, this, checkpoint, Qt::DirectConnection);
    connect(this, &Store::outboxChanged, this, checkpoint, Qt::DirectConnection);
    connect(this, &Store::conflictsChanged, this, checkpoint, Qt::DirectConnection);
}

Store::~Store() = default;

Result<void> Store::open()
{
    QSqlDatabase db = d->connection();
    if (!db.isOpen())
        return Error::storage(
            u"cannot open the cache %1: %2"_s.arg(d->db->path(), db.lastError().text()));
    if (auto done = Sql::migrate(db); !done)
        return done;
    // A first sync was cut short: the cache gets its indexes back now, and
    // the sync goes on from its cursor the ordinary way.
    auto suspended = Sql::indexesSuspended(db);
    if (!suspended)
        return suspended.error();
    if (suspended.value()) {
        qCInfo(lcStore) << "rebuilding the indexes of an interrupted first sync";
        return finishBulkLoad();
    }
    return {};
}

Result<bool> Store::beginBulkLoad()
{
    auto write = beginWrite();
    if (!write)
        return write.error();
    Sql::Transaction &tx = *write.value();
    auto suspended = Sql::suspendIndexes(connection());
    if (!suspended)
        return suspended.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    if (suspended.value()) {
        setBulkTuning(true);
        d->bulkThread = QThread::currentThread();
        d->bulkOrphansPossible = false;
    }
    return suspended.value();
}

// While a first sync fills an empty cache, commits skip the fsync: WAL keeps
// the file whole if the process dies, and a power cut can only take the
// latest pages, which the cursor (in the same transactions) fetches again.
// The page cache holds the id indexes the pages write all over, and the
// indexes built at the end sort on two threads. Foreign keys are not looked
// up row by row: finishBulkLoad() removes what lost its ticket or message.
// The checkpointer copies the log while the pages keep coming, but never
// catches up with them: now and then a commit finishes the copy itself, so
// that the log starts over instead of growing by the whole workspace.
void Store::setBulkTuning(bool bulk)
{
    QSqlQuery pragma(connection());
    const QStringList pragmas = bulk
        ? QStringList { u"PRAGMA synchronous = NORMAL"_s, u"PRAGMA cache_size = -262144"_s,
              u"PRAGMA threads = 2"_s, u"PRAGMA wal_autocheckpoint = 16384"_s,
              u"PRAGMA foreign_keys = OFF"_s }
        : QStringList { u"PRAGMA synchronous = FULL"_s, u"PRAGMA cache_size = -65536"_s,
              u"PRAGMA threads = 0"_s, u"PRAGMA wal_autocheckpoint = 0"_s,
              u"PRAGMA foreign_keys = ON"_s };
    for (const QString &sql : pragmas) {
        if (!pragma.exec(sql))
            qCWarning(lcStore) << sql << "failed:" << pragma.lastError().text();
    }
}

Result<void> Store::finishBulkLoad()
{
    if (auto done = flushBulkLoad(); !done)
        return done;
    d->bulkThread = nullptr;
    auto suspended = Sql::indexesSuspended(connection());
    if (!suspended)
        return suspended.error();
    if (!suspended.value())
        return {};
    auto write = beginWrite();
    if (!write)
        return write.error();
    Sql::Transaction &tx = *write.value();
    // Checking every row's parent takes a while: only when one may be gone.
    const bool orphansPossible = std::exchange(d->bulkOrphansPossible, true);
    auto orphans = orphansPossible ? d->removeOrphans() : QHash<EntityKind, QList<EntityId>> {};
    if (!orphans)
        return orphans.error();
    if (auto done = Sql::restoreIndexes(connection()); !done)
        return done;
    if (auto done = tx.commit(); !done)
        return done;
    setBulkTuning(false);
    for (auto it = orphans->cbegin(); it != orphans->cend(); ++it)
        Q_EMIT changed(it.key(), it.value());
    // The indexes just built are in the log too.
    d->checkpointer->request();
    return {};
}

Result<void> Store::flushBulkLoad()
{
    if (!d->batch || !d->onBulkThread())
        return {};
    const auto batch = std::move(d->batch);
    const auto touched = std::exchange(d->batchTouched, {});
    if (auto done = batch->commit(); !done)
        return done;
    for (auto it = touched.cbegin(); it != touched.cend(); ++it)
        Q_EMIT changed(it.key(), it.value());
    return {};
}

void Store::setBulkBatchSpan(std::chrono::milliseconds span)
{
    d->bulkBatchSpan = span;
}

Result<std::unique_ptr<Sql::Transaction>> Store::beginWrite()
{
    // On the first sync's thread its batch is committed first: this write is
    // a transaction of its own. Elsewhere the batch learns that a writer waits.
    if (auto done = flushBulkLoad(); !done)
        return done.error();
    // Any other write during a first sync may remove a parent (foreign keys
    // are off on its thread); its pages say so themselves.
    if (d->onBulkThread())
        d->bulkOrphansPossible = true;
    ++d->writersWaiting;
    auto tx = std::make_unique<Sql::Transaction>(connection());
    --d->writersWaiting;
    if (!tx->isActive())
        return tx->error();
    return tx;
}

QString Store::path() const
{
    return d->db->path();
}

QSqlDatabase Store::connection() const
{
    return d->connection();
}

void Store::setFaultInjector(std::function<bool(const QString &)> injector)
{
    d->db->setFaultInjector(std::move(injector));
}

Result<void> Store::apply(const Mutation &m)
{
    if (!m.isValid())
        return Error::invalid(u"a mutation needs an id and a target id"_s);
    if (!isOpAllowed(m.op, m.entity))
        return Error::invalid(
            u"%1 is not allowed on %2"_s.arg(toWireName(m.op), toWireName(m.entity)));
    if (m.op == MutationOp::Update) {
        for (auto it = m.fields.begin(); it != m.fields.end(); ++it) {
            if (serverOwnedKeys().contains(it.key()))
                return Error::invalid(
                    u"%1.%2 is set by the server"_s.arg(toWireName(m.entity), it.key()));
        }
        if (m.fields.isEmpty())
            return Error::invalid(u"an update must set at least one field"_s);
    }

    auto write = beginWrite();
    if (!write)
        return write.error();
    Sql::Transaction &tx = *write.value();
    {
        // Idempotent: applying the same mutation twice changes nothing.
        QSqlQuery &seen = d->prepared(u"SELECT 1 FROM outbox WHERE mutation_id = ?"_s);
        Private::bind(seen, { m.id.toString() });
        if (auto done = d->exec(seen); !done)
            return done;
        const bool duplicate = seen.next();
        seen.finish();
        if (duplicate)
            return {};
    }
    const QString id = m.targetId.toString();
    const auto loaded = d->load(m.entity, id);
    if (!loaded)
        return loaded.error();
    const std::optional<QJsonObject> &current = loaded.value();
    if (auto done = d->applyUnchecked(m, current, true); !done)
        return done;
    if (auto done = d->applyReplyStatus(m); !done)
        return done;

    Mutation queued = m;
    if (current && m.op != MutationOp::Create && m.op != MutationOp::Append) {
        const QJsonObject &seenValues = *current;
        const QJsonObject &keys = m.op == MutationOp::Update ? m.fields : seenValues;
        for (auto it = keys.begin(); it != keys.end(); ++it) {
            if (!queued.base.contains(it.key()))
                queued.base.insert(it.key(),
                    seenValues.contains(it.key()) ? seenValues.value(it.key()) : QJsonValue());
        }
    }
    if (!queued.createdAt.isValid())
        queued.createdAt = QDateTime::currentDateTimeUtc();
    QSqlQuery &outbox = d->prepared(
        u"INSERT INTO outbox(mutation_id, entity, target_id, payload, created_at) VALUES (?, ?, ?, ?, ?)"_s);
    Private::bind(outbox,
        { m.id.toString(), toWireName(m.entity), id, compactJson(Protocol::toJson(queued)),
            queued.createdAt.toMSecsSinceEpoch() });
    if (auto done = d->exec(outbox); !done)
        return done;
    if (auto done = tx.commit(); !done)
        return done;
    Q_EMIT changed(m.entity, { m.targetId });
    if (m.entity == EntityKind::Message && m.fields.contains(u"set_status_id"_s))
        Q_EMIT changed(EntityKind::Ticket,
            { EntityId::fromString(m.fields.value(u"ticket_id"_s).toString()) });
    Q_EMIT outboxChanged();
    return {};
}

QList<PendingMutation> Store::pendingMutations() const
{
    QList<PendingMutation> result;
    QSqlQuery &query
        = d->prepared(u"SELECT seq, payload, attempts, last_error FROM outbox ORDER BY seq"_s);
    if (!d->exec(query))
        return result;
    while (query.next()) {
        auto m = Protocol::fromJson<Mutation>(parseObject(query.value(1).toString()));
        if (!m) {
            qCWarning(lcStore) << "unreadable outbox row" << query.value(0) << m.error().message;
            continue;
        }
        result.append({ query.value(0).toLongLong(), m.value(), query.value(2).toInt(),
            query.value(3).toString() });
    }
    return result;
}

Result<void> Store::acknowledge(MutationId id)
{
    QSqlQuery &query = d->prepared(u"DELETE FROM outbox WHERE mutation_id = ?"_s);
    Private::bind(query, { id.toString() });
    return d->exec(query);
}

Result<void> Store::recordAttempt(MutationId id, const QString &error)
{
    QSqlQuery &query = d->prepared(
        u"UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE mutation_id = ?"_s);
    Private::bind(query, { error, id.toString() });
    return d->exec(query);
}

// The body of applyServerChanges, for callers that hold a transaction.
Result<void> Store::Private::writeServerChanges(const QList<ServerChange> &changes,
    std::optional<qint64> cursor, const Settlement &settlement,
    QHash<EntityKind, QList<EntityId>> &touched)
{
    // Settled mutations leave first, so the rebase below does not re-apply them.
    for (const MutationId &id : settlement.settled) {
        QSqlQuery &drop = prepared(u"DELETE FROM outbox WHERE mutation_id = ?"_s);
        bind(drop, { id.toString() });
        if (auto done = exec(drop); !done)
            return done;
    }
    for (const SyncConflict &c : settlement.conflicts) {
        QSqlQuery &keep
            = prepared(u"INSERT INTO sync_conflicts(mutation_id, entity, target_id, status, "
                       u"mutation, detail, at)"
                       u" VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(mutation_id) DO NOTHING"_s);
        const QJsonObject detail { { u"fields"_s, c.fields }, { u"error"_s, c.error } };
        bind(keep,
            { c.mutation.id.toString(), toWireName(c.mutation.entity),
                c.mutation.targetId.toString(), c.status, compactJson(Protocol::toJson(c.mutation)),
                compactJson(detail), QDateTime::currentMSecsSinceEpoch() });
        if (auto done = exec(keep); !done)
            return done;
    }
    // Rebasing looks up each entity's pending mutations; with an empty
    // outbox (a first sync, most pulls) there are none to look up.
    bool pending = false;
    if (!changes.isEmpty()) {
        QSqlQuery &any = prepared(u"SELECT 1 FROM outbox LIMIT 1"_s);
        if (auto done = exec(any); !done)
            return done;
        pending = any.next();
        any.finish();
    }
    for (const ServerChange &change : changes) {
        const QString id = change.id.toString();
        if (change.evicted) {
            if (auto done = remove(change.kind, id); !done)
                return done;
        } else {
            auto canonical = Protocol::checkedEntity(change.kind, change.snapshot);
            if (!canonical)
                return Error::invalid(u"server snapshot rejected: "_s + canonical.error().message);
            if (canonical->value(u"id"_s).toString() != id)
                return Error::invalid(u"server snapshot id differs from the change's id"_s);
            if (auto done = upsert(change.kind, canonical.value()); !done)
                return done;
        }
        if (pending) {
            if (auto done = replayPending(change.kind, id); !done)
                return done;
        }
        touched[change.kind].append(change.id);
    }
    if (cursor)
        return advanceCursor(*cursor);
    return {};
}

Result<void> Store::Private::advanceCursor(qint64 cursor)
{
    QSqlQuery &query
        = prepared(u"INSERT INTO sync_state(key, value) VALUES ('cursor', ?)"
                   u" ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                   u" WHERE CAST(excluded.value AS INTEGER) > CAST(sync_state.value AS INTEGER)"_s);
    bind(query, { QString::number(cursor) });
    return exec(query);
}

Result<void> Store::applyServerChanges(
    const QList<ServerChange> &changes, std::optional<qint64> cursor, const Settlement &settlement)
{
    auto write = beginWrite();
    if (!write)
        return write.error();
    Sql::Transaction &tx = *write.value();
    QHash<EntityKind, QList<EntityId>> touched;
    if (auto done = d->writeServerChanges(changes, cursor, settlement, touched); !done)
        return done;
    if (auto done = tx.commit(); !done)
        return done;
    for (auto it = touched.cbegin(); it != touched.cend(); ++it)
        Q_EMIT changed(it.key(), it.value());
    if (!settlement.conflicts.isEmpty())
        Q_EMIT conflictsChanged();
    return {};
}

Result<Sql::FeedPageHeader> Store::readFeedPageHeader(const QByteArray &page) const
{
    return Sql::readFeedPageHeader(*d->db, page);
}

Result<qsizetype> Store::applyFeedPage(const QByteArray &page, qint64 cursor)
{
    // Read in the temp schema of the cache's own connection.
    auto prepared = Sql::prepareFeedPage(*d->db, page);
    if (!prepared)
        return prepared.error();
    return applyFeedPage(prepared.value(), cursor);
}

Result<qsizetype> Store::applyFeedPage(const Sql::PreparedFeedPage &page, qint64 cursor)
{
    // Outside a first sync's batch, a page is a transaction of its own.
    const bool batched = d->onBulkThread();
    std::unique_ptr<Sql::Transaction> own;
    if (batched && !d->batch) {
        // A writer that asked for its turn gets it before the next batch.
        QElapsedTimer patience;
        patience.start();
        while (d->writersWaiting.load() > 0 && patience.elapsed() < 1000)
            QThread::msleep(1);
        const bool orphansPossible = d->bulkOrphansPossible;
        auto write = beginWrite();
        d->bulkOrphansPossible = orphansPossible;
        if (!write)
            return write.error();
        d->batch = std::move(write).value();
        d->batchAge.start();
    } else if (!batched) {
        auto write = beginWrite();
        if (!write)
            return write.error();
        own = std::move(write).value();
    }
    // A failed page takes its batch along: the cursor stays where the last
    // commit left it, and the pages after it are fetched again.
    const auto abandon = [this, batched](const Error &error) {
        if (batched) {
            d->batch.reset();
            d->batchTouched.clear();
        }
        return error;
    };
    auto written = Sql::writeFeedPage(*d->db, page);
    if (!written)
        return abandon(written.error());
    // Mutations still waiting go back on top of what the server sent.
    QSqlQuery &pending = d->prepared(u"SELECT DISTINCT entity, target_id FROM outbox"_s);
    if (auto done = d->exec(pending); !done)
        return abandon(done.error());
    QList<std::pair<EntityKind, QString>> rebase;
    QHash<EntityKind, QSet<EntityId>> onPage; // filled once some mutation waits
    while (pending.next()) {
        const auto kind = fromWireName<EntityKind>(pending.value(0).toString());
        if (!kind)
            continue;
        if (onPage.isEmpty()) {
            for (auto it = written->touched.cbegin(); it != written->touched.cend(); ++it)
                onPage.insert(it.key(), QSet<EntityId>(it.value().cbegin(), it.value().cend()));
        }
        const QString id = pending.value(1).toString();
        if (onPage.value(*kind).contains(EntityId::fromString(id)))
            rebase.append({ *kind, id });
    }
    for (const auto &[kind, id] : std::as_const(rebase)) {
        if (auto done = d->replayPending(kind, id); !done)
            return abandon(done.error());
    }
    if (auto done = d->advanceCursor(cursor); !done)
        return abandon(done.error());
    const Sql::FeedPageWrite &result = written.value();
    if (result.evicted || !rebase.isEmpty())
        d->bulkOrphansPossible = true;
    if (batched) {
        for (auto it = result.touched.cbegin(); it != result.touched.cend(); ++it)
            d->batchTouched[it.key()].append(it.value());
        if (d->batchAge.durationElapsed() >= d->bulkBatchSpan || d->writersWaiting.load() > 0) {
            if (auto done = flushBulkLoad(); !done)
                return done.error();
        }
        return result.entries;
    }
    if (auto done = own->commit(); !done)
        return done.error();
    for (auto it = result.touched.cbegin(); it != result.touched.cend(); ++it)
        Q_EMIT changed(it.key(), it.value());
    return result.entries;
}

Result<void> Store::resetSyncCursor()
{
    QSqlQuery &query = d->prepared(u"DELETE FROM sync_state WHERE key = 'cursor'"_s);
    return d->exec(query);
}

Result<void> Store::retainOnly(const QHash<EntityKind, QSet<QString>> &seen)
{
    QSet<QString> pending;
    for (const PendingMutation &p : pendingMutations())
        pending.insert(p.mutation.targetId.toString());
    for (const Attachment &a : pendingUploads())
        pending.insert(a.id.toString());
    auto write = beginWrite();
    if (!write)
        return write.error();
    Sql::Transaction &tx = *write.value();
    QHash<EntityKind, QList<EntityId>> dropped;
    for (EntityKind kind : allEntityKinds()) {
        QStringList stale;
        QSqlQuery &ids = d->prepared(u"SELECT id FROM %1"_s.arg(Sql::tableFor(kind).table));
        if (auto done = d->exec(ids); !done)
            return done;
        const QSet<QString> &kept = seen[kind];
        while (ids.next()) {
            const QString id = ids.value(0).toString();
            if (!kept.contains(id) && !pending.contains(id))
                stale.append(id);
        }
        for (const QString &id : std::as_const(stale)) {
            if (auto done = d->remove(kind, id); !done)
                return done;
            dropped[kind].append(EntityId::fromString(id));
        }
    }
    if (auto done = tx.commit(); !done)
        return done;
    for (auto it = dropped.cbegin(); it != dropped.cend(); ++it)
        Q_EMIT changed(it.key(), it.value());
    return {};
}

QString Store::contentPath(const QString &contentHash) const
{
    return path() + u".files/"_s + contentHash.left(2) + u'/' + contentHash;
}

Result<void> Store::queueUpload(const Attachment &attachment, const QByteArray &content)
{
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    if (!attachment.contentHash.isEmpty() && attachment.contentHash != hash)
        return Error::invalid(u"the attachment's content_hash does not match its content"_s);
    Attachment local = attachment;
    local.contentHash = hash;
    local.size = content.size();
    if (!local.createdAt.isValid())
        local.createdAt = QDateTime::currentDateTimeUtc();
    // The content first: a crash before the commit leaves only a file that
    // nothing refers to, never a queued upload without its content.
    const QString file = contentPath(hash);
    if (!QFile::exists(file)) {
        QDir().mkpath(QFileInfo(file).absolutePath());
        QSaveFile save(file);
        if (!save.open(QIODevice::WriteOnly) || save.write(content) != content.size()
            || !save.commit())
            return Error::storage(u"cannot keep the attachment: "_s + save.errorString());
    }
    const QJsonObject json = Protocol::toJson(local);
    auto write = beginWrite();
    if (!write)
        return write.error();
    Sql::Transaction &tx = *write.value();
    if (auto done = d->upsert(EntityKind::Attachment, json); !done)
        return done;
    QSqlQuery &queue = d->prepared(
        u"INSERT INTO upload_queue(attachment_id, data, created_at) VALUES (?, ?, ?)"_s);
    Private::bind(
        queue, { local.id.toString(), compactJson(json), QDateTime::currentMSecsSinceEpoch() });
    if (auto done = d->exec(queue); !done)
        return done;
    if (auto done = tx.commit(); !done)
        return done;
    Q_EMIT changed(EntityKind::Attachment, { local.id.as<EntityId>() });
    Q_EMIT outboxChanged();
    return {};
}

Result<bool> Store::cancelUpload(AttachmentId id)
{
    QSqlQuery &query = d->prepared(u"SELECT 1 FROM upload_queue WHERE attachment_id = ?"_s);
    Private::bind(query, { id.toString() });
    if (auto done = d->exec(query); !done)
        return done.error();
    const bool queued = query.next();
    query.finish();
    if (!queued)
        return false;
    if (auto done = settleUpload(id, std::nullopt); !done)
        return done.error();
    return true;
}

QList<Attachment> Store::pendingUploads() const
{
    QList<Attachment> result;
    QSqlQuery &query = d->prepared(u"SELECT data FROM upload_queue ORDER BY seq"_s);
    if (!d->exec(query))
        return result;
    while (query.next()) {
        if (auto a = Protocol::fromJson<Attachment>(parseObject(query.value(0).toString())))
            result.append(a.value());
    }
    return result;
}

Result<void> Store::settleUpload(AttachmentId id, const std::optional<QJsonObject> &snapshot,
    const std::optional<SyncConflict> &refusal)
{
    QList<ServerChange> changes;
    changes.append({ EntityKind::Attachment, id.as<EntityId>(), snapshot.value_or(QJsonObject {}),
        !snapshot.has_value() });
    Settlement settlement;
    if (refusal)
        settlement.conflicts.append(*refusal);
    auto write = beginWrite();
    if (!write)
        return write.error();
    Sql::Transaction &tx = *write.value();
    QSqlQuery &drop = d->prepared(u"DELETE FROM upload_queue WHERE attachment_id = ?"_s);
    Private::bind(drop, { id.toString() });
    if (auto done = d->exec(drop); !done)
        return done;
    QHash<EntityKind, QList<EntityId>> touched;
    if (auto done = d->writeServerChanges(changes, std::nullopt, settlement, touched); !done)
        return done;
    if (auto done = tx.commit(); !done)
        return done;
    Q_EMIT changed(EntityKind::Attachment, { id.as<EntityId>() });
    if (refusal)
        Q_EMIT conflictsChanged();
    return {};
}

QList<SyncConflict> Store::conflicts() const
{
    QList<SyncConflict> result;
    QSqlQuery &query
        = d->prepared(u"SELECT id, status, mutation, detail, at FROM sync_conflicts ORDER BY id"_s);
    if (!d->exec(query))
        return result;
    while (query.next()) {
        auto m = Protocol::fromJson<Mutation>(parseObject(query.value(2).toString()));
        if (!m)
            continue;
        const QJsonObject detail = parseObject(query.value(3).toString());
        result.append({ query.value(0).toLongLong(), m.value(), query.value(1).toString(),
            detail.value(u"fields"_s).toArray(), detail.value(u"error"_s).toObject(),
            QDateTime::fromMSecsSinceEpoch(query.value(4).toLongLong(), QTimeZone::UTC) });
    }
    return result;
}

Result<void> Store::removeConflict(qint64 id)
{
    QSqlQuery &query = d->prepared(u"DELETE FROM sync_conflicts WHERE id = ?"_s);
    Private::bind(query, { id });
    if (auto done = d->exec(query); !done)
        return done;
    Q_EMIT conflictsChanged();
    return {};
}

Result<void> Store::importEntities(EntityKind kind, const QList<QJsonObject> &entities)
{
    auto write = beginWrite();
    if (!write)
        return write.error();
    Sql::Transaction &tx = *write.value();
    QList<EntityId> ids;
    ids.reserve(entities.size());
    for (const QJsonObject &entity : entities) {
        auto canonical = Protocol::canonicalEntity(kind, entity);
        if (!canonical)
            return canonical.error();
        if (auto done = d->upsert(kind, canonical.value()); !done)
            return done;
        ids.append(EntityId::fromString(canonical->value(u"id"_s).toString()));
    }
    if (auto done = tx.commit(); !done)
        return done;
    Q_EMIT changed(kind, ids);
    return {};
}

qint64 Store::syncCursor() const
{
    QSqlQuery &query = d->prepared(u"SELECT value FROM sync_state WHERE key = 'cursor'"_s);
    if (!d->exec(query) || !query.next())
        return 0;
    const qint64 cursor = query.value(0).toLongLong();
    query.finish();
    return cursor;
}

std::optional<QJsonObject> Store::entityJson(EntityKind kind, EntityId id) const
{
    auto loaded = d->load(kind, id.toString());
    return loaded ? loaded.value() : std::nullopt;
}

QList<QJsonObject> Store::allJson(EntityKind kind) const
{
    QList<QJsonObject> result;
    const Sql::TableDef &table = Sql::tableFor(kind);
    const bool positioned = std::any_of(table.columns.cbegin(), table.columns.cend(),
        [](const Sql::Column &c) { return c.name == u"position"_s; });
    QSqlQuery &query = d->prepared(u"SELECT data FROM %1 ORDER BY %2"_s.arg(
        table.dataTable(), positioned ? u"position, seq"_s : u"seq"_s));
    if (!d->exec(query))
        return result;
    while (query.next())
        result.append(parseObject(query.value(0).toString()));
    return result;
}

QList<TicketLinkRef> Store::linksTo(TicketId ticket) const
{
    QList<TicketLinkRef> result;
    QSqlQuery &query = d->prepared(
        u"SELECT from_id, type FROM ticket_links WHERE to_id = ? ORDER BY from_id, type"_s);
    Private::bind(query, { ticket.toString() });
    if (!d->exec(query))
        return result;
    while (query.next()) {
        const auto type = fromWireName<LinkType>(query.value(1).toString());
        if (type)
            result.append({ TicketId::fromString(query.value(0).toString()), ticket, *type });
    }
    return result;
}

} // namespace Tessera
