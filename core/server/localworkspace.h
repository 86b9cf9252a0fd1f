// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demodata.h"
#include "result.h"

#include <QString>

#include <memory>
#include <optional>

namespace Tessera::Server {

/// The desktop client's solo workspace (first start, no team account): an
/// EmbeddedServer on its own thread, on 127.0.0.1 and a port the system
/// picks, with SQLite in the workspace folder. The client reaches it through
/// the same protocol as a team server, signed in as the workspace's owner,
/// whose login is kept beside the database, readable by the user only.
class LocalWorkspace
{
    Q_DISABLE_COPY_MOVE(LocalWorkspace)

public:
    struct Owner
    {
        QString email;
        QString password;
    };

    explicit LocalWorkspace(QString directory);
    /// Stops the server (see stop()).
    ~LocalWorkspace();

    /// Starts the server. On the first start it creates the owner: an admin
    /// of an empty workspace, or, with `demo`, the first admin of a demo
    /// workspace generated on the server. Blocks while it seeds; call it off
    /// the UI thread when seeding a large demo.
    Result<Owner> start(const std::optional<DemoOptions> &demo = std::nullopt);
    void stop();
    QString baseUrl() const;
    QString directory() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Server
