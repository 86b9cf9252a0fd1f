// SPDX-License-Identifier: GPL-3.0-or-later
#include "embeddedserver.h"

#include "api.h"
#include "serverlogging.h"
#include "serverstore.h"
#include "stream.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QTcpServer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServer, "tessera.server", QtInfoMsg)

namespace Tessera::Server {

struct EmbeddedServer::Private
{
    ServerConfig config;
    std::unique_ptr<ServerStore> store;
    std::unique_ptr<Api> api;
    std::unique_ptr<Stream> stream;
    std::unique_ptr<QHttpServer> http;
    QTcpServer *tcp = nullptr; // owned by http once bound
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
    }
    auto http = std::make_unique<QHttpServer>();
    d->api->install(*http);
    d->stream->install(*http);

    auto tcp = std::make_unique<QTcpServer>();
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
    return port();
}

void EmbeddedServer::stop()
{
    if (!d->http)
        return;
    // Fixed order: stop accepting, then drop the router and its connections.
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

QString EmbeddedServer::baseUrl() const
{
    QString host = d->config.address.toString();
    if (d->config.address.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    return u"http://%1:%2"_s.arg(host).arg(port());
}

} // namespace Tessera::Server
