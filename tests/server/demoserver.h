// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demodata.h"
#include "embeddedserver.h"
#include "protocol/codecs.h"
#include "serverstore.h"

#include <QTemporaryDir>
#include <QTimeZone>

#include <memory>

namespace Tessera::Test {

/// A server on 127.0.0.1 (a free port) in a temporary folder, filled with
/// demo data whose agents all have `password`.
struct DemoServer
{
    QTemporaryDir dir;
    std::unique_ptr<Server::EmbeddedServer> server;
    QList<Person> agents;

    /// `databaseUrl`: empty for SQLite in the temporary folder.
    bool start(int tickets, const QString &password, const QString &databaseUrl = {})
    {
        agents.clear();
        server = std::make_unique<Server::EmbeddedServer>(
            Server::ServerConfig { QHostAddress::LocalHost, 0, dir.path(), databaseUrl });
        if (!server->start())
            return false;
        DemoOptions options;
        options.tickets = tickets;
        options.anchor = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
        if (!server->store()->seedDemo(options, password))
            return false;
        agents = DemoGenerator(options).agents();
        return true;
    }

    /// The first agent with this role (and, for plain agents, one department).
    Person first(Role role) const
    {
        for (const Person &p : agents) {
            if (p.role == role && (role != Role::Agent || p.departmentIds.size() == 1))
                return p;
        }
        return {};
    }
};

} // namespace Tessera::Test
