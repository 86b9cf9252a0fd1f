// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"
#include "result.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace Tessera {
class Store;
namespace Net {
class ApiClient;
struct ApiReply;
} // namespace Net
} // namespace Tessera

namespace Tessera::Sync {

/// Keeps the local cache and the server in step (DESIGN.md §3, §5).
///
/// A round pushes the outbox in order, in batches, then pulls the change
/// feed from the cache's cursor. A mutation leaves the outbox only with the
/// server's definitive answer (applied, conflict or rejected), in the same
/// transaction that stores the snapshot it answers; a lost answer is simply
/// asked again, and the server replays it. Conflicts and refusals are kept
/// for the agent to resolve. The WebSocket stream announces new changes;
/// polling stands in while it is down. Failures retry with backoff.
///
/// The engine works on the thread it lives on, with that thread's database
/// connection (see SyncThread for running it off the UI thread). A first
/// sync into an empty cache reads and checks its pages on two threads of
/// its own, without the cache (Sql::prepareFeedPage), while this thread
/// stores the page before (Store::applyFeedPage).
class SyncEngine : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)

public:
    enum class State { Offline, Syncing, Online };
    Q_ENUM(State)

    struct Options
    {
        int pushBatch = 100;
        // The server's largest page: a first sync pays a little per page.
        int pullPage = 5000;
        std::chrono::milliseconds pollWhileStreaming { 60'000 };
        std::chrono::milliseconds pollWithoutStream { 5'000 };
        std::chrono::milliseconds retryBase { 500 };
        std::chrono::milliseconds retryCap { 30'000 };
        bool useStream = true;
    };

    SyncEngine(Store &store, Net::ApiClient &api, Options options, QObject *parent = nullptr);
    SyncEngine(Store &store, Net::ApiClient &api, QObject *parent = nullptr);
    ~SyncEngine() override;

    /// Starts syncing: a first round, the stream and the poll timer.
    void start();
    void stop();
    /// Pushes and pulls now; a request during a round runs another after it.
    void syncNow();

    State state() const;
    /// No round running or waiting: everything known has been exchanged.
    bool isIdle() const;

    /// Resolves a conflict by keeping what the server has.
    Result<void> keepServerValue(qint64 conflictId);
    /// Resolves a conflict by sending the agent's values again, as a new
    /// mutation against what the cache shows now.
    Result<void> reapplyMine(qint64 conflictId);

    /// The local path of an attachment's content: from the file cache, or
    /// downloaded now (checked against its SHA-256) and kept there.
    void fetchAttachment(AttachmentId id, std::function<void(Result<QString>)> done);

    /// Invites an agent (admins; see Net::ApiClient::inviteAgent). On
    /// success a round follows, so the new agent reaches the cache.
    void inviteAgent(const QString &name, const QString &email, const QString &role,
        const QList<DepartmentId> &departments, std::function<void(const Net::ApiReply &)> done);

    /// Tells colleagues this agent is viewing, replying to, or has left a ticket.
    void announcePresence(TicketId ticket, const QString &state);

    /// Test hook for crash tests, called at the moments a kill hurts most:
    /// "push-sent" (a batch is on the wire), "push-answered" (the server has
    /// committed; nothing of its answer is stored yet), "pull-answered" (a
    /// page arrived; not stored yet) and "pull-stored".
    void setCheckpointHook(std::function<void(const char *checkpoint)> hook);

Q_SIGNALS:
    void stateChanged(Tessera::Sync::SyncEngine::State state);
    /// During a pull: changes received of those the server had (cursor units).
    void progress(qint64 done, qint64 total);
    /// The server settled mutations as conflicts or refusals (Store::conflicts()).
    void conflictsArrived(int count);
    void presenceChanged(Tessera::TicketId ticket, Tessera::PersonId person, const QString &name,
        const QString &state);
    /// A round ended with nothing left to exchange.
    void idle();
    /// The server refused the token: the agent must sign in again.
    void signedOut();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Sync
