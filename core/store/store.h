// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/mutation.h"
#include "protocol/entityregistry.h"
#include "result.h"
#include "store/feedpage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace Tessera {

namespace Sql {
class Transaction;
}

/// What the server says an entity now is: a snapshot, or an eviction when
/// it left the user's scope or was deleted.
struct ServerChange
{
    EntityKind kind = EntityKind::Ticket;
    EntityId id;
    QJsonObject snapshot; // canonical JSON; empty when evicted
    bool evicted = false;
};

/// A mutation waiting in the outbox for a definitive answer from the server.
struct PendingMutation
{
    qint64 seq = 0;
    Mutation mutation;
    int attempts = 0;
    QString lastError;
};

/// A pushed mutation the server did not apply as sent: a per-field conflict
/// (the rest of it was applied) or a refusal. Kept until the agent resolves it.
struct SyncConflict
{
    qint64 id = 0;
    Mutation mutation; // as the agent sent it
    QString status; // "conflict" or "rejected"
    QJsonArray fields; // conflict: [{"field","base","mine","theirs"}]
    QJsonObject error; // rejected: {"code","message","field"}
    QDateTime at;
};

/// The server's definitive answers to a push: the mutations to drop from the
/// outbox and the conflicts to keep, settled together with the snapshots.
struct Settlement
{
    QList<MutationId> settled;
    QList<SyncConflict> conflicts;
};

/// A link as the cache indexes it: `from`'s document holds it, pointing to `to`.
struct TicketLinkRef
{
    TicketId from;
    TicketId to;
    LinkType type = LinkType::RelatesTo;
    friend bool operator==(const TicketLinkRef &, const TicketLinkRef &) = default;
};

/// The local SQLite cache: server state with the agent's pending mutations
/// applied on top (DESIGN.md §3). Every local edit goes through apply(),
/// which changes the cached rows and queues the mutation in the outbox in
/// one transaction. Reads on any thread use that thread's own connection.
class Store : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Store)

public:
    /// `path` is the SQLite file; it is created when missing.
    explicit Store(QString path, QObject *parent = nullptr);
    ~Store() override;

    /// Opens the file, sets WAL / foreign keys / synchronous=FULL and
    /// migrates the schema to the latest version.
    Result<void> open();
    QString path() const;

    /// This thread's connection (created on first use).
    QSqlDatabase connection() const;

    // --- local edits -----------------------------------------------------------
    /// Applies an agent's edit to the cache and queues it, atomically.
    Result<void> apply(const Mutation &mutation);
    QList<PendingMutation> pendingMutations() const;
    /// Removes a mutation from the outbox after the server's definitive answer.
    Result<void> acknowledge(MutationId id);
    /// Records a failed delivery attempt (the mutation stays queued).
    Result<void> recordAttempt(MutationId id, const QString &error);

    // --- server state ------------------------------------------------------------
    /// Writes server snapshots (or evictions), re-applies the pending
    /// mutations of every touched entity over them (rebase) and moves the
    /// sync cursor, in one transaction; with a settlement, the settled
    /// mutations leave the outbox and the conflicts are recorded in it too.
    Result<void> applyServerChanges(const QList<ServerChange> &changes,
        std::optional<qint64> cursor = std::nullopt, const Settlement &settlement = {});
    /// A page of the change feed as the server sent it (its JSON text), for
    /// a first sync: stored by SQLite straight from the text (see
    /// Sql::writeFeedPage), pending mutations re-applied on top, and the
    /// cursor moved to `cursor`, in one transaction. Returns the entries
    /// stored; a page with a malformed snapshot is refused whole.
    Result<qsizetype> applyFeedPage(const QByteArray &page, qint64 cursor);
    /// The same for a page prepared beforehand (Sql::prepareFeedPage), on
    /// any thread, with its own connection to any SQLite database.
    Result<qsizetype> applyFeedPage(const Sql::PreparedFeedPage &page, qint64 cursor);
    /// The cursor fields of such a page (next, head, more), read from its text.
    Result<Sql::FeedPageHeader> readFeedPageHeader(const QByteArray &page) const;
    /// Before a first sync into an empty cache: the ticket tables' secondary
    /// and full-text indexes are dropped, to be built once by
    /// finishBulkLoad(). False, and nothing changed, when the cache already
    /// holds tickets. If the process dies first, open() rebuilds them.
    /// Until finishBulkLoad(), the pages stored by applyFeedPage() on the
    /// calling thread share a transaction, committed about every half second,
    /// as soon as another write waits, and by flushBulkLoad().
    Result<bool> beginBulkLoad();
    Result<void> finishBulkLoad();
    /// Commits the pages stored so far by a first sync on this thread.
    Result<void> flushBulkLoad();
    /// How long a first sync's batch of pages may grow (half a second).
    void setBulkBatchSpan(std::chrono::milliseconds span);
    /// A write transaction on the cache for this thread, which takes its turn
    /// with a first sync's batch (see beginBulkLoad()) instead of waiting for
    /// the batch to end.
    Result<std::unique_ptr<Sql::Transaction>> beginWrite();
    /// The cursor goes back to 0 (the server no longer has our position).
    Result<void> resetSyncCursor();
    /// After a full resync: drops the cached entities the server did not
    /// deliver (`seen`: ids per kind), except those with pending mutations.
    Result<void> retainOnly(const QHash<EntityKind, QSet<QString>> &seen);

    // --- attachments --------------------------------------------------------------
    /// Where attachment content is kept: <cache file>.files/<hash[0:2]>/<hash>.
    QString contentPath(const QString &contentHash) const;
    /// Keeps a file the agent attached for upload: its content beside the
    /// cache, the Attachment in the cache at once, and a place in the queue.
    Result<void> queueUpload(const Attachment &attachment, const QByteArray &content);
    QList<Attachment> pendingUploads() const;
    /// Takes back a file still waiting for upload: it leaves the queue and
    /// the cache. False when it is no longer queued (it reached the server,
    /// so removing it takes a Delete mutation).
    Result<bool> cancelUpload(AttachmentId id);
    /// The server's answer to an upload: its Attachment, or a refusal (the
    /// local Attachment goes, and the refusal is kept as a conflict).
    Result<void> settleUpload(AttachmentId id, const std::optional<QJsonObject> &snapshot,
        const std::optional<SyncConflict> &refusal = std::nullopt);

    // --- conflicts ------------------------------------------------------------------
    QList<SyncConflict> conflicts() const;
    Result<void> removeConflict(qint64 id);
    /// Bulk import of server snapshots of one kind (first sync, demo data).
    Result<void> importEntities(EntityKind kind, const QList<QJsonObject> &entities);
    qint64 syncCursor() const;

    // --- reads --------------------------------------------------------------------
    std::optional<QJsonObject> entityJson(EntityKind kind, EntityId id) const;
    QList<QJsonObject> allJson(EntityKind kind) const;
    /// The links other tickets hold to `ticket` (its own are in its document),
    /// from an index kept by the cache.
    QList<TicketLinkRef> linksTo(TicketId ticket) const;

    template<Protocol::HasCodec T>
    std::optional<T> get(EntityId id) const
    {
        const auto json = entityJson(EntityKindOf<T>::value, id);
        if (!json)
            return std::nullopt;
        auto decoded = Protocol::fromJson<T>(*json);
        return decoded ? std::optional<T>(std::move(decoded).value()) : std::nullopt;
    }
    template<Protocol::HasCodec T, typename Tag>
    std::optional<T> get(Id<Tag> id) const
    {
        return get<T>(id.template as<EntityId>());
    }
    template<Protocol::HasCodec T>
    QList<T> all() const
    {
        QList<T> result;
        const auto rows = allJson(EntityKindOf<T>::value);
        for (const QJsonObject &json : rows) {
            if (auto decoded = Protocol::fromJson<T>(json))
                result.append(std::move(decoded).value());
        }
        return result;
    }

    /// Test hook for fault injection: called before every statement the
    /// store executes; returning true makes that statement fail.
    void setFaultInjector(std::function<bool(const QString &sql)> injector);

Q_SIGNALS:
    /// Emitted after a commit with the ids whose cached rows changed.
    void changed(Tessera::EntityKind kind, const QList<Tessera::EntityId> &ids);
    /// A local edit was queued for the server.
    void outboxChanged();
    void conflictsChanged();

private:
    void setBulkTuning(bool bulk);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera
