// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "domain/ids.h"
#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace Tessera::Sql {

class Database;

/// What a page of the change feed put in the cache: the entities it wrote
/// or removed, by kind and in feed order.
struct FeedPageWrite
{
    QHash<EntityKind, QList<EntityId>> touched;
    qsizetype entries = 0;
    bool evicted = false; // some entity left the cache with the page
};

/// Where a page of the change feed leaves the cursor, read from its text.
struct FeedPageHeader
{
    qint64 next = 0;
    qint64 head = 0;
    bool more = false;
};
Result<FeedPageHeader> readFeedPageHeader(const Database &db, const QByteArray &page);

struct FeedPageRows;

/// A page of the change feed (`GET /changes`, as the server sent it) read
/// and checked, its rows worked out, ready for writeFeedPage(). Preparing
/// needs no cache: a first sync prepares a page on another thread while the
/// cache stores the one before it.
struct PreparedFeedPage
{
    FeedPageWrite write; // what writing the page puts in the cache
    std::shared_ptr<const FeedPageRows> rows;
};

/// Reads a page with SQLite, in the temp schema of this thread's connection
/// to `scratch` (any SQLite database: nothing else of it is touched). The
/// snapshots go from the page's text into column values without becoming Qt
/// values one by one, which is what a first sync of hundreds of thousands of
/// them can afford. The rows are the ones Database::upsert() writes for the
/// same snapshots.
///
/// Each snapshot's shape is checked (an object whose id is the change's,
/// a UUID, with an integer version; wire enums of tickets and messages from
/// their lists); a page with one that is not is refused as a whole.
Result<PreparedFeedPage> prepareFeedPage(const Database &scratch, const QByteArray &page);

/// Stores a prepared page in the cache; the caller holds the transaction.
/// A row the cache refuses fails the page, and the caller rolls it back.
Result<FeedPageWrite> writeFeedPage(const Database &db, const PreparedFeedPage &page);

/// Both, on the cache's connection.
Result<FeedPageWrite> writeFeedPage(const Database &db, const QByteArray &page);

} // namespace Tessera::Sql
