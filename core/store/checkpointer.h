// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <memory>

namespace Tessera::Sql {

class Database;

/// Copies a SQLite cache's write-ahead log into its file on a thread of its
/// own. The cache's connections do not checkpoint when they commit (see
/// Database::SqliteTuning::autoCheckpoint), so no commit, the UI's included,
/// waits for a copy and its fsync, and a first sync's hundreds of megabytes
/// reach the file while it goes on. Checkpoints are passive: they never hold
/// up a writer or a reader.
class Checkpointer
{
    Q_DISABLE_COPY_MOVE(Checkpointer)

public:
    explicit Checkpointer(const Database &db);
    /// Waits for a checkpoint under way.
    ~Checkpointer();

    /// Something was committed: a checkpoint follows shortly, requests
    /// within that moment making one. From any thread.
    void request();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Sql
