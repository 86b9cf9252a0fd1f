// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "domain/ids.h"

#include <QObject>

#include <memory>

class QHttpServer;

namespace Tessera::Server {

class ServerStore;

struct ChangedEntity
{
    EntityKind kind;
    EntityId id;
};

/// GET /api/v1/stream, a token-authenticated WebSocket. It pushes
/// {"cursor":N} to each agent when something they may see changed (the
/// client then pulls /changes), and relays presence ("viewing" /
/// "replying" on a ticket) to the agents who may see that ticket (C5).
class Stream : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Stream)

public:
    explicit Stream(ServerStore &store, QObject *parent = nullptr);
    ~Stream() override;

    void install(QHttpServer &http);
    /// Tells every connected agent who may see one of `changed` the new cursor.
    void notifyChanged(const QList<ChangedEntity> &changed, qint64 cursor);
    int clientCount() const;
    /// Closes every connection (shutdown).
    void closeAll();

private:
    void accept(QHttpServer &http);
    void onMessage(QObject *socket, const QString &message);
    void onDisconnected(QObject *socket);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Server
