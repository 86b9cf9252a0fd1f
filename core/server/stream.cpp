// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream.h"

#include "serverlogging.h"
#include "serverstore.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerWebSocketUpgradeResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Tessera::Server {

namespace {

const QString StreamPath = u"/api/v1/stream"_s;

// Browsers cannot set headers on a WebSocket, so the token may also come as ?token=.
QByteArray tokenOf(const QUrl &url, const QByteArray &authorization)
{
    if (authorization.startsWith("Bearer "))
        return authorization.mid(7).trimmed();
    return QUrlQuery(url).queryItemValue(u"token"_s).toLatin1();
}

QString text(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

struct Stream::Private
{
    struct Client
    {
        std::unique_ptr<QWebSocket> socket;
        Session session;
        QString name;
        QSet<QString> presence; // tickets this agent announced
    };
    ServerStore &store;
    std::vector<Client> clients;

    Client *find(QObject *socket)
    {
        for (Client &c : clients) {
            if (c.socket.get() == socket)
                return &c;
        }
        return nullptr;
    }

    void relayPresence(const Client &from, const QString &ticketId, const QString &state)
    {
        const QString message = text({ { u"type"_s, u"presence"_s }, { u"ticket_id"_s, ticketId },
            { u"person_id"_s, from.session.personId.toString() }, { u"name"_s, from.name },
            { u"state"_s, state } });
        for (Client &c : clients) {
            if (&c == &from)
                continue;
            if (store.entity(c.session, EntityKind::Ticket, EntityId::fromString(ticketId)))
                c.socket->sendTextMessage(message);
        }
    }
};

Stream::Stream(ServerStore &store, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(Private { store, {} }))
{ }

Stream::~Stream()
{
    closeAll();
}

void Stream::install(QHttpServer &http)
{
    http.addWebSocketUpgradeVerifier(this, [this](const QHttpServerRequest &request) {
        if (request.url().path() != StreamPath)
            return QHttpServerWebSocketUpgradeResponse::passToNext();
        if (!d->store.authenticate(tokenOf(request.url(), request.value("authorization"))))
            return QHttpServerWebSocketUpgradeResponse::deny(
                401, "the token is unknown or has expired");
        return QHttpServerWebSocketUpgradeResponse::accept();
    });
    connect(&http, &QHttpServer::newWebSocketConnection, this, [this, &http] { accept(http); });
}

void Stream::accept(QHttpServer &http)
{
    while (http.hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = http.nextPendingWebSocketConnection();
        const QNetworkRequest request = socket->request();
        const auto session
            = d->store.authenticate(tokenOf(request.url(), request.rawHeader("Authorization")));
        if (!session) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"unauthorized"_s);
            continue;
        }
        QObject *key = socket.get();
        connect(socket.get(), &QWebSocket::textMessageReceived, this,
            [this, key](const QString &message) { onMessage(key, message); });
        connect(
            socket.get(), &QWebSocket::disconnected, this, [this, key] { onDisconnected(key); });
        const auto person
            = d->store.entity(*session, EntityKind::Person, session->personId.as<EntityId>());
        d->clients.push_back({ std::move(socket), *session,
            person ? person->value(u"name"_s).toString() : QString(), {} });
        d->clients.back().socket->sendTextMessage(
            text({ { u"cursor"_s, d->store.currentCursor() } }));
    }
}

void Stream::onMessage(QObject *socket, const QString &message)
{
    Private::Client *client = d->find(socket);
    if (!client || message.size() > 4096)
        return;
    const QJsonObject json = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString ticketId = json.value(u"ticket_id"_s).toString();
    const QString state = json.value(u"state"_s).toString();
    static const QStringList states { u"viewing"_s, u"replying"_s, u"left"_s };
    if (json.value(u"type"_s).toString() != u"presence"_s || !states.contains(state)
        || !d->store.entity(client->session, EntityKind::Ticket, EntityId::fromString(ticketId))) {
        client->socket->sendTextMessage(text({ { u"type"_s, u"error"_s },
            { u"message"_s,
                u"expected {\"type\":\"presence\",\"ticket_id\":…,\"state\":\"viewing\"|\"replying\"|\"left\"} for a ticket you can see"_s } }));
        return;
    }
    if (state == u"left"_s)
        client->presence.remove(ticketId);
    else
        client->presence.insert(ticketId);
    d->relayPresence(*client, ticketId, state);
}

void Stream::onDisconnected(QObject *socket)
{
    auto it = std::find_if(d->clients.begin(), d->clients.end(),
        [socket](const auto &c) { return c.socket.get() == socket; });
    if (it == d->clients.end())
        return;
    const QSet<QString> tickets = it->presence;
    for (const QString &ticket : tickets)
        d->relayPresence(*it, ticket, u"left"_s);
    it->socket.release()->deleteLater(); // we are inside one of its signals
    d->clients.erase(it);
}

void Stream::notifyChanged(const QList<ChangedEntity> &changed, qint64 cursor)
{
    if (d->clients.empty())
        return;
    const QString message = text({ { u"cursor"_s, cursor } });
    // Each entity is read once, however many agents are connected.
    QList<std::function<bool(const Session &)>> audiences;
    audiences.reserve(changed.size());
    for (const ChangedEntity &e : changed)
        audiences.append(d->store.audience(e.kind, e.id));
    for (Private::Client &c : d->clients) {
        const bool concerned = std::any_of(audiences.cbegin(), audiences.cend(),
            [&](const auto &audience) { return audience(c.session); });
        if (concerned)
            c.socket->sendTextMessage(message);
    }
}

int Stream::clientCount() const
{
    return int(d->clients.size());
}

void Stream::closeAll()
{
    for (Private::Client &c : d->clients) {
        c.socket->disconnect(this);
        c.socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
    }
    d->clients.clear();
}

} // namespace Tessera::Server
