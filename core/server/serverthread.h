// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "embeddedserver.h"

#include <functional>
#include <memory>

class QThread;

namespace Tessera::Server {

/// An EmbeddedServer on a thread of its own: its sockets, its routes and its
/// database connections live there, so requests never wait for the owner's
/// event loop (the GUI's) and the owner never waits for a request. Same
/// start/stop/baseUrl as EmbeddedServer; use it from the thread that made it.
class ServerThread
{
    Q_DISABLE_COPY_MOVE(ServerThread)

public:
    explicit ServerThread(ServerConfig config);
    /// Stops the server and joins its thread.
    ~ServerThread();

    /// Starts the thread, creates the server on it and starts it; blocks
    /// until it listens or has failed.
    Result<quint16> start();
    /// Stops the server on its thread, destroys it there, joins the thread.
    /// Safe to call twice.
    void stop();
    /// Runs `task` on the server's thread and waits for it: the store belongs
    /// to that thread (seeding, admin tasks). Only while running.
    void run(const std::function<void(EmbeddedServer &)> &task);

    bool isRunning() const;
    quint16 port() const;
    QString baseUrl() const;
    /// The thread that serves (nullptr when stopped).
    QThread *thread() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Server
