// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/syncengine.h"

#include <QUrl>

#include <memory>

class QThread;

namespace Tessera::Sync {

/// Runs a SyncEngine off the UI thread. The engine, its ApiClient and
/// QNetworkAccessManager live on a worker thread, where every sync write
/// uses that thread's own database connection: a first sync of 100 000
/// tickets never freezes the window. Local edits stay on the UI thread
/// (Store::apply); the engine hears of them through Store::outboxChanged.
class SyncThread
{
    Q_DISABLE_COPY_MOVE(SyncThread)

public:
    SyncThread(Store &store, QUrl server, QByteArray token,
        SyncEngine::Options options = SyncEngine::Options());
    /// Stops the engine on its thread and waits for the thread to end.
    ~SyncThread();

    /// Creates the engine on the worker thread and starts it.
    void start();
    /// The engine, living on the worker thread: connect to its signals (they
    /// arrive queued); call it through QMetaObject::invokeMethod, or run().
    SyncEngine *engine() const;
    /// Runs `task` on the worker thread with the engine, and waits for it.
    void run(const std::function<void(SyncEngine &)> &task);
    QThread *thread() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Sync
