// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api.h"
#include "stream.h"

#include <QObject>

class QHttpServer;

namespace Tessera::Server {

class ServerStore;

/// The customer-facing endpoints (/api/v1/portal/…): a signed-in customer
/// lists their tickets (their own, or their organization's when the workspace
/// settings say so), reads the public conversations, replies, and — as the
/// workspace settings allow — opens tickets and attaches files. Internal
/// threads, internal tickets and agents' contact details never leave here;
/// agents' tokens are refused, as customers' are on the agent endpoints.
class PortalApi : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortalApi)

public:
    PortalApi(ServerStore &store, ApiOptions limits, QObject *parent = nullptr);
    ~PortalApi() override;

    void install(QHttpServer &http);

Q_SIGNALS:
    /// A customer's ticket, reply or file changed these entities (the stream tells agents).
    void entitiesChanged(const QList<Tessera::Server::ChangedEntity> &changed, qint64 cursor);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Server
