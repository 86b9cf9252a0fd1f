// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream.h"

#include <QObject>
#include <QString>

class QHttpServer;

namespace Tessera::Server {

class ServerStore;

/// Where attachments live and what a request may carry.
struct ApiOptions
{
    QString attachmentDirectory; // content files, named by their SHA-256
    qsizetype maxBodyBytes = 4 * 1024 * 1024;
    qsizetype maxAttachmentBytes = 25 * 1024 * 1024;
    int maxBatch = 500;
};

/// The REST API of DESIGN.md §5 on a QHttpServer: JSON in and out, errors as
/// {"error":{"code","message","field"}} with the matching status.
class Api : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Api)

public:
    Api(ServerStore &store, ApiOptions limits, QObject *parent = nullptr);
    ~Api() override;

    /// Adds every route to `http` (handlers run with this object as context).
    void install(QHttpServer &http);

Q_SIGNALS:
    /// Mutations changed these entities; `cursor` is the feed's newest position.
    void entitiesChanged(const QList<Tessera::Server::ChangedEntity> &changed, qint64 cursor);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Server
