// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

namespace Tessera::Server {

/// Where and how a server instance runs. The GUI's local workspace and the
/// headless `tessera-server` fill this differently and run the same class.
struct ServerConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: let the system choose
    QString dataDirectory;
    QString databaseUrl; // empty: sqlite:<dataDirectory>/tessera.sqlite
    // HTTPS and wss://: PEM files of the certificate (its chain may follow it)
    // and of its unencrypted private key. Both or neither; neither: plain HTTP.
    QString tlsCertificateFile;
    QString tlsKeyFile;
};

class ServerStore;

/// The Tessera server module: REST API under /api/v1 over Qt HTTP Server.
class EmbeddedServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedServer)

public:
    explicit EmbeddedServer(ServerConfig config, QObject *parent = nullptr);
    ~EmbeddedServer() override;

    /// Loads the TLS certificate and key if configured, opens the database,
    /// then starts listening; the port actually bound (useful with port 0).
    Result<quint16> start();
    /// The database, once start() has opened it (for seeding and admin tasks).
    ServerStore *store() const;
    /// Stops accepting connections and closes open ones. Safe to call twice.
    void stop();

    bool isRunning() const;
    quint16 port() const;
    /// Whether clients connect over TLS (https://, wss://).
    bool usesTls() const;
    /// The base URL clients use, e.g. http://127.0.0.1:8417 or, with TLS,
    /// https://127.0.0.1:8417
    QString baseUrl() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Server
