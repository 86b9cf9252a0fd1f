// SPDX-License-Identifier: GPL-3.0-or-later
#include "embeddedserver.h"

#include "api.h"
#include "portalapi.h"
#include "serverlogging.h"
#include "serverstore.h"
#include "stream.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#include <optional>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServer, "tessera.server", QtInfoMsg)

namespace Tessera::Server {

namespace {

// Hands the accepted socket over as a descriptor, for a QSslSocket to take.
class DescriptorListener : public QTcpServer
{
public:
    qintptr descriptor = -1;

protected:
    void incomingConnection(qintptr socketDescriptor) override { descriptor = socketDescriptor; }
};

// The TLS backend pairs the key with the certificate only when a handshake
// starts, so a wrong key would otherwise fail every client instead of
// start(). One handshake over loopback with blocking calls, the client on a
// helper thread: no event loop runs inside start().
Result<void> handshakeWithItself(const QSslConfiguration &configuration)
{
    DescriptorListener listener;
    if (!listener.listen(QHostAddress::LocalHost, 0)) {
        return Error { Error::Code::Network,
            u"Cannot check the TLS certificate: "_s + listener.errorString() };
    }
    const quint16 port = listener.serverPort();
    std::unique_ptr<QThread> client(QThread::create([port] {
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::VerifyNone); // only the server side is checked
        socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        // The server side ends it: with TLS 1.3 the client is done first.
        if (socket.waitForEncrypted(10'000))
            socket.waitForDisconnected(10'000);
    }));
    client->start();
    QString refused;
    QSslSocket server;
    bool encrypted = false;
    QString why = u"no connection"_s;
    if (listener.waitForNewConnection(10'000) && server.setSocketDescriptor(listener.descriptor)) {
        // A key that does not go with the certificate fails here at once,
        // with the backend's reason; the connection itself would only wait.
        QObject::connect(&server, &QSslSocket::errorOccurred, &server,
            [&refused, &server] { refused = server.errorString(); });
        server.setSslConfiguration(configuration);
        server.startServerEncryption();
        encrypted = refused.isEmpty() && server.waitForEncrypted(10'000);
        why = refused.isEmpty() ? server.errorString() : refused;
    }
    server.abort();
    client->wait();
    if (!encrypted)
        return Error::invalid(why);
    return {};
}

Result<QSslConfiguration> loadTls(const QString &certificateFile, const QString &keyFile)
{
    if (certificateFile.isEmpty() || keyFile.isEmpty())
        return Error::invalid(u"TLS needs both a certificate file and its key file"_s);
    if (!QSslSocket::supportsSsl()) {
        return Error { Error::Code::Internal,
            u"TLS is not available: Qt found no TLS backend (OpenSSL)"_s };
    }
    QFile certificate(certificateFile);
    if (!certificate.open(QIODevice::ReadOnly)) {
        return Error::invalid(u"Cannot read the TLS certificate %1: %2"_s.arg(
            certificateFile, certificate.errorString()));
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificate.readAll());
    if (chain.isEmpty() || chain.first().isNull()) {
        return Error::invalid(
            u"The TLS certificate %1 holds no PEM certificate"_s.arg(certificateFile));
    }
    QFile keyData(keyFile);
    if (!keyData.open(QIODevice::ReadOnly)) {
        return Error::invalid(
            u"Cannot read the TLS key %1: %2"_s.arg(keyFile, keyData.errorString()));
    }
    const QByteArray pem = keyData.readAll();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
        key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        return Error::invalid(
            u"The TLS key %1 is not an unencrypted PEM private key (RSA, EC or DSA)"_s.arg(
                keyFile));
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    if (auto checked = handshakeWithItself(configuration); !checked) {
        QString reason = checked.error().message.trimmed(); // "Unable to init SSL Context: "
        if (reason.endsWith(u':'))
            reason.chop(1);
        return Error::invalid(
            u"The TLS key %1 does not match the certificate %2 (TLS backend: %3)"_s.arg(
                keyFile, certificateFile, reason));
    }
    if (chain.first().expiryDate() < QDateTime::currentDateTimeUtc()) {
        qCWarning(lcServer) << "the TLS certificate" << certificateFile << "expired on"
                            << chain.first().expiryDate();
    }
    return configuration;
}

} // namespace

struct EmbeddedServer::Private
{
    ServerConfig config;
    std::optional<QSslConfiguration> tls;
    std::unique_ptr<ServerStore> store;
    std::unique_ptr<Api> api;
    std::unique_ptr<Stream> stream;
    std::unique_ptr<PortalApi> portal;
    std::unique_ptr<QHttpServer> http;
    QTcpServer *tcp = nullptr; // owned by http once bound
    QTimer automationTimer;
};

EmbeddedServer::EmbeddedServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->config = std::move(config);
}

EmbeddedServer::~EmbeddedServer()
{
    stop();
}

Result<quint16> EmbeddedServer::start()
{
    if (isRunning())
        return port();

    if (usesTls() && !d->tls) {
        auto tls = loadTls(d->config.tlsCertificateFile, d->config.tlsKeyFile);
        if (!tls) {
            qCWarning(lcServer) << tls.error().message;
            return tls.error();
        }
        d->tls = std::move(tls).value();
    }
    if (!d->store) {
        const QString url = d->config.databaseUrl.isEmpty()
            ? u"sqlite:"_s + d->config.dataDirectory + u"/tessera.sqlite"_s
            : d->config.databaseUrl;
        auto store = std::make_unique<ServerStore>(url);
        if (auto opened = store->open(); !opened) {
            qCWarning(lcServer) << "cannot open the database:" << opened.error().message;
            return opened.error();
        }
        d->store = std::move(store);
        d->api = std::make_unique<Api>(
            *d->store, ApiOptions { d->config.dataDirectory + u"/attachments"_s });
        d->stream = std::make_unique<Stream>(*d->store);
        connect(d->api.get(), &Api::entitiesChanged, d->stream.get(), &Stream::notifyChanged);
        d->portal = std::make_unique<PortalApi>(
            *d->store, ApiOptions { d->config.dataDirectory + u"/attachments"_s });
        connect(
            d->portal.get(), &PortalApi::entitiesChanged, d->stream.get(), &Stream::notifyChanged);
        // Time-based automations and SLA rules look at the clock once a minute.
        d->automationTimer.setInterval(std::chrono::minutes(1));
        connect(&d->automationTimer, &QTimer::timeout, this, [this] {
            auto fired = d->store->runTimedAutomations(QDateTime::currentDateTimeUtc());
            if (!fired) {
                qCWarning(lcServer) << "time-based automations failed:" << fired.error().message;
                return;
            }
            QList<ChangedEntity> changed;
            for (const TicketId &ticket : std::as_const(fired.value()))
                changed.append({ EntityKind::Ticket, ticket.as<EntityId>() });
            if (!changed.isEmpty())
                d->stream->notifyChanged(changed, d->store->currentCursor());
        });
    }
    d->automationTimer.start();
    auto http = std::make_unique<QHttpServer>();
    d->api->install(*http);
    d->portal->install(*http);
    d->stream->install(*http);

    std::unique_ptr<QTcpServer> tcp;
    if (d->tls) {
        // QHttpServer takes the connections once their handshake is done; the
        // WebSocket upgrade of /api/v1/stream then runs on the encrypted socket.
        auto ssl = std::make_unique<QSslServer>();
        ssl->setSslConfiguration(*d->tls);
        connect(ssl.get(), &QSslServer::errorOccurred, this,
            [](QSslSocket *socket, QAbstractSocket::SocketError) {
                qCDebug(lcServer) << "TLS handshake with" << socket->peerAddress().toString()
                                  << "failed:" << socket->errorString();
            });
        tcp = std::move(ssl);
    } else {
        tcp = std::make_unique<QTcpServer>();
    }
    if (!tcp->listen(d->config.address, d->config.port)) {
        const QString message = u"Cannot listen on %1:%2: %3"_s.arg(
            d->config.address.toString(), QString::number(d->config.port), tcp->errorString());
        qCWarning(lcServer) << message;
        return Error { Error::Code::Network, message };
    }
    if (!http->bind(tcp.get())) {
        return Error { Error::Code::Internal, u"The HTTP server could not take the socket"_s };
    }
    d->tcp = tcp.release(); // QHttpServer took ownership in bind()
    d->http = std::move(http);
    qCInfo(lcServer) << "listening on" << baseUrl();
    if (d->tls) {
        const QSslCertificate certificate = d->tls->localCertificate();
        qCInfo(lcServer).noquote()
            << "TLS on: certificate" << certificate.subjectDisplayName() << "valid until"
            << certificate.expiryDate().toString(Qt::ISODate);
    }
    return port();
}

void EmbeddedServer::stop()
{
    if (!d->http)
        return;
    // Fixed order: stop accepting, then drop the router and its connections.
    d->automationTimer.stop();
    d->tcp->close();
    d->stream->closeAll(); // live streams go before the router that carries them
    d->http.reset();
    d->tcp = nullptr;
    qCInfo(lcServer) << "stopped";
}

ServerStore *EmbeddedServer::store() const
{
    return d->store.get();
}

bool EmbeddedServer::isRunning() const
{
    return d->http != nullptr;
}

quint16 EmbeddedServer::port() const
{
    return d->tcp ? d->tcp->serverPort() : 0;
}

bool EmbeddedServer::usesTls() const
{
    return !d->config.tlsCertificateFile.isEmpty() || !d->config.tlsKeyFile.isEmpty();
}

QString EmbeddedServer::baseUrl() const
{
    QString host = d->config.address.toString();
    if (d->config.address.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    return u"%1://%2:%3"_s.arg(usesTls() ? u"https"_s : u"http"_s, host).arg(port());
}

} // namespace Tessera::Server
