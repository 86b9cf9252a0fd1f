// SPDX-License-Identifier: GPL-3.0-or-later
#include "portalapi.h"

#include "httpreplies.h"
#include "protocol/codecs.h"
#include "protocol/jsonreader.h"
#include "query/viewspec.h"
#include "serverlogging.h"
#include "serverstore.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Tessera::Server {

namespace {

constexpr qsizetype MaxReplyBodyBytes = 2 * 1024 * 1024;

QJsonValue copyOf(const QJsonObject &from, const QString &key)
{
    return from.value(key).isUndefined() ? QJsonValue() : from.value(key);
}

// The first refusal among a batch's results, as an HTTP answer.
std::optional<QHttpServerResponse> refusalIn(const QJsonArray &results)
{
    for (const QJsonValue &result : results) {
        const QJsonObject answer = result.toObject();
        if (answer.value(u"status"_s).toString() == u"applied"_s)
            continue;
        const QJsonObject e = answer.value(u"error"_s).toObject();
        return errorReply(e.value(u"code"_s).toString() == u"forbidden"_s ? HttpStatus::Forbidden
                                                                          : HttpStatus::BadRequest,
            e.value(u"code"_s).toString(), e.value(u"message"_s).toString(),
            e.value(u"field"_s).toString());
    }
    return std::nullopt;
}

} // namespace

struct PortalApi::Private
{
    PortalApi *q;
    ServerStore &store;
    ApiOptions limits;

    std::variant<Session, QHttpServerResponse> session(const QHttpServerRequest &request) const
    {
        const QByteArray token = bearerToken(request);
        if (token.isEmpty())
            return errorReply(HttpStatus::Unauthorized, u"unauthorized"_s,
                u"sign in: Authorization: Bearer <token>"_s);
        if (auto s = store.authenticateCustomer(token))
            return *s;
        if (store.authenticate(token))
            return errorReply(HttpStatus::Forbidden, u"forbidden"_s,
                u"the portal is for customers; agents use /api/v1/changes"_s);
        return errorReply(
            HttpStatus::Unauthorized, u"unauthorized"_s, u"the token is unknown or has expired"_s);
    }

    // What a customer may read of a ticket: no assignee, department,
    // custom fields or internal dates.
    QJsonObject ticketView(const Session &s, const QJsonObject &ticket) const
    {
        QJsonObject view;
        for (const QString &key : { u"id"_s, u"number"_s, u"title"_s, u"priority"_s,
                 u"created_at"_s, u"updated_at"_s, u"solved_at"_s })
            view.insert(key, copyOf(ticket, key));
        const auto status = store.entity(
            s, EntityKind::Status, EntityId::fromString(ticket.value(u"status_id"_s).toString()));
        view.insert(u"status"_s,
            QJsonObject { { u"name"_s, status ? status->value(u"name"_s) : QJsonValue() },
                { u"category"_s, status ? status->value(u"category"_s) : QJsonValue() } });
        return view;
    }

    QJsonObject author(const Session &s, const QString &personId) const
    {
        const auto person = store.entity(s, EntityKind::Person, EntityId::fromString(personId));
        if (!person)
            return { { u"name"_s, QJsonValue() }, { u"kind"_s, QJsonValue() } };
        return { { u"name"_s, person->value(u"name"_s) }, { u"kind"_s, person->value(u"kind"_s) } };
    }

    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse show(const QString &id, const QHttpServerRequest &request);
    QHttpServerResponse reply(const QString &id, const QHttpServerRequest &request);
    QHttpServerResponse create(const QHttpServerRequest &request);
    QHttpServerResponse attach(const QString &id, const QHttpServerRequest &request);
};

QHttpServerResponse PortalApi::Private::list(const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    const QUrlQuery query(request.url());
    bool offsetOk = true;
    bool limitOk = true;
    const qint64 offset = query.hasQueryItem(u"offset"_s)
        ? query.queryItemValue(u"offset"_s).toLongLong(&offsetOk)
        : 0;
    const int limit
        = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&limitOk) : 50;
    if (!offsetOk || offset < 0 || !limitOk || limit < 1 || limit > 500)
        return errorReply(HttpStatus::BadRequest, u"invalid"_s,
            u"offset must be ≥ 0 and limit between 1 and 500"_s);
    const Session &customer = std::get<Session>(s);
    ViewSpec newest;
    newest.sort = { { u"updated_at"_s, true } };
    auto listing = store.listTickets(customer, newest, {}, offset, limit);
    if (!listing)
        return errorReply(listing.error());
    QJsonArray tickets;
    for (const QJsonValue &ticket : listing->value(u"tickets"_s).toArray())
        tickets.append(ticketView(customer, ticket.toObject()));
    return QHttpServerResponse(QJsonObject { { u"total"_s, listing->value(u"total"_s) },
        { u"offset"_s, offset }, { u"tickets"_s, tickets } });
}

QHttpServerResponse PortalApi::Private::show(const QString &id, const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    const Session &customer = std::get<Session>(s);
    const TicketId ticketId = TicketId::fromString(id);
    const auto ticket = ticketId.isValid()
        ? store.entity(customer, EntityKind::Ticket, ticketId.as<EntityId>())
        : std::nullopt;
    if (!ticket)
        return errorReply(HttpStatus::NotFound, u"not_found"_s, u"no ticket %1 of yours"_s.arg(id));
    QJsonObject view = ticketView(customer, *ticket);
    view.insert(u"description"_s, ticket->value(u"description"_s));

    // ticketChildren() answers only what the customer may see: public threads.
    QHash<QString, QJsonArray> messagesOf;
    for (const QJsonObject &message :
        store.ticketChildren(customer, EntityKind::Message, ticketId)) {
        messagesOf[message.value(u"conversation_id"_s).toString()].append(
            QJsonObject { { u"id"_s, message.value(u"id"_s) },
                { u"author"_s, author(customer, message.value(u"author_id"_s).toString()) },
                { u"body"_s, message.value(u"body"_s) }, { u"via"_s, message.value(u"via"_s) },
                { u"created_at"_s, message.value(u"created_at"_s) } });
    }
    QJsonArray conversations;
    for (const QJsonObject &thread :
        store.ticketChildren(customer, EntityKind::Conversation, ticketId)) {
        conversations.append(QJsonObject { { u"id"_s, thread.value(u"id"_s) },
            { u"subject"_s, thread.value(u"subject"_s) },
            { u"messages"_s, messagesOf.value(thread.value(u"id"_s).toString()) } });
    }
    view.insert(u"conversations"_s, conversations);
    return QHttpServerResponse(view);
}

QHttpServerResponse PortalApi::Private::reply(const QString &id, const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    const Session &customer = std::get<Session>(s);
    auto body = jsonBody(request, MaxReplyBodyBytes);
    if (auto *response = std::get_if<QHttpServerResponse>(&body))
        return std::move(*response);
    Protocol::JsonReader r(std::get<QJsonObject>(body), u"reply"_s);
    const QString text = r.string("body"_L1, Protocol::JsonReader::Required, Protocol::BodyLength);
    if (auto done = r.finish(); !done)
        return errorReply(HttpStatus::BadRequest, u"invalid"_s, done.error().message);
    if (text.trimmed().isEmpty())
        return errorReply(
            HttpStatus::BadRequest, u"invalid"_s, u"reply.body must not be empty"_s, u"body"_s);

    const TicketId ticketId = TicketId::fromString(id);
    if (!ticketId.isValid() || !store.entity(customer, EntityKind::Ticket, ticketId.as<EntityId>()))
        return errorReply(HttpStatus::NotFound, u"not_found"_s, u"no ticket %1 of yours"_s.arg(id));

    QList<Mutation> batch;
    ConversationId thread;
    const auto threads = store.ticketChildren(customer, EntityKind::Conversation, ticketId);
    if (!threads.isEmpty()) {
        thread = ConversationId::fromString(threads.first().value(u"id"_s).toString());
    } else {
        const Conversation created { ConversationId::create(), ticketId, ThreadVisibility::Public,
            {}, {}, 0 };
        thread = created.id;
        batch.append(Mutation::creating(EntityKind::Conversation, created, customer.personId));
    }
    Message message;
    message.id = MessageId::create();
    message.conversationId = thread;
    message.ticketId = ticketId;
    message.authorId = customer.personId;
    message.body = text;
    message.via = Channel::Portal;
    batch.append(Mutation::creating(EntityKind::Message, message, customer.personId));

    auto results = store.applyMutations(customer, batch);
    if (!results)
        return errorReply(results.error());
    if (auto refused = refusalIn(results.value()))
        return std::move(*refused);
    // The reply moved the ticket (to Open): agents hear of both.
    QList<ChangedEntity> changed { { EntityKind::Message, message.id.as<EntityId>() },
        { EntityKind::Ticket, ticketId.as<EntityId>() } };
    if (batch.size() > 1)
        changed.append({ EntityKind::Conversation, thread.as<EntityId>() });
    Q_EMIT q->entitiesChanged(changed, store.currentCursor());
    qCInfo(lcServer) << "portal reply on" << id << "by" << customer.personId.toString();
    return QHttpServerResponse(QJsonObject { { u"id"_s, message.id.toString() },
                                   { u"conversation_id"_s, thread.toString() }, { u"body"_s, text },
                                   { u"via"_s, u"portal"_s } },
        HttpStatus::Created);
}

QHttpServerResponse PortalApi::Private::create(const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    const Session &customer = std::get<Session>(s);
    if (!store.workspaceSettings().portalCanCreate)
        return errorReply(HttpStatus::Forbidden, u"forbidden"_s,
            u"this workspace does not let customers open tickets in the portal"_s);
    auto body = jsonBody(request, MaxReplyBodyBytes);
    if (auto *response = std::get_if<QHttpServerResponse>(&body))
        return std::move(*response);
    Protocol::JsonReader r(std::get<QJsonObject>(body), u"ticket"_s);
    const QString title
        = r.string("title"_L1, Protocol::JsonReader::Required, Protocol::TitleLength);
    const QString text = r.string("body"_L1, Protocol::JsonReader::Required, Protocol::BodyLength);
    if (auto done = r.finish(); !done)
        return errorReply(HttpStatus::BadRequest, u"invalid"_s, done.error().message);
    if (title.trimmed().isEmpty())
        return errorReply(
            HttpStatus::BadRequest, u"invalid"_s, u"ticket.title must not be empty"_s, u"title"_s);
    if (text.trimmed().isEmpty())
        return errorReply(
            HttpStatus::BadRequest, u"invalid"_s, u"ticket.body must not be empty"_s, u"body"_s);
    auto defaults = store.defaultTypeAndStatus();
    if (!defaults)
        return errorReply(defaults.error());

    Ticket ticket;
    ticket.id = TicketId::create();
    ticket.title = title.trimmed();
    ticket.description = text;
    ticket.typeId = defaults->first;
    ticket.statusId = defaults->second;
    ticket.requesterId = customer.personId;
    ticket.channel = Channel::Portal;
    ticket.createdAt = QDateTime::currentDateTimeUtc();
    ticket.updatedAt = ticket.createdAt;
    const Conversation thread { ConversationId::create(), ticket.id, ThreadVisibility::Public,
        ticket.title, {}, 0 };
    Message message;
    message.id = MessageId::create();
    message.conversationId = thread.id;
    message.ticketId = ticket.id;
    message.authorId = customer.personId;
    message.body = text;
    message.via = Channel::Portal;
    const QList<Mutation> batch { Mutation::creating(EntityKind::Ticket, ticket, customer.personId),
        Mutation::creating(EntityKind::Conversation, thread, customer.personId),
        Mutation::creating(EntityKind::Message, message, customer.personId) };
    auto results = store.applyMutations(customer, batch);
    if (!results)
        return errorReply(results.error());
    if (auto refused = refusalIn(results.value()))
        return std::move(*refused);
    Q_EMIT q->entitiesChanged({ { EntityKind::Ticket, ticket.id.as<EntityId>() },
                                  { EntityKind::Conversation, thread.id.as<EntityId>() },
                                  { EntityKind::Message, message.id.as<EntityId>() } },
        store.currentCursor());
    qCInfo(lcServer) << "portal ticket" << ticket.id.toString() << "by"
                     << customer.personId.toString();
    const auto stored = store.entity(customer, EntityKind::Ticket, ticket.id.as<EntityId>());
    return QHttpServerResponse(
        stored ? ticketView(customer, *stored) : QJsonObject { { u"id"_s, ticket.id.toString() } },
        HttpStatus::Created);
}

QHttpServerResponse PortalApi::Private::attach(const QString &id, const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    const Session &customer = std::get<Session>(s);
    if (!store.workspaceSettings().portalAttachments)
        return errorReply(HttpStatus::Forbidden, u"forbidden"_s,
            u"this workspace does not let customers attach files in the portal"_s);
    const QByteArray body = request.body();
    if (body.size() > limits.maxAttachmentBytes)
        return errorReply(HttpStatus::PayloadTooLarge, u"too_large"_s,
            u"attachments are limited to %1 bytes"_s.arg(limits.maxAttachmentBytes));
    const TicketId ticketId = TicketId::fromString(id);
    if (!ticketId.isValid() || !store.entity(customer, EntityKind::Ticket, ticketId.as<EntityId>()))
        return errorReply(HttpStatus::NotFound, u"not_found"_s, u"no ticket %1 of yours"_s.arg(id));
    const QUrlQuery query(request.url());
    const QString fileName = query.queryItemValue(u"file_name"_s, QUrl::FullyDecoded);
    const QString mimeType
        = QString::fromLatin1(request.value("content-type")).section(u';', 0, 0).trimmed();
    auto stored = store.addAttachment(
        customer, {}, ticketId, fileName, mimeType, body, limits.attachmentDirectory);
    if (!stored)
        return stored.error().code == Error::Code::Invalid ? errorReply(
                   HttpStatus::BadRequest, u"invalid"_s, stored.error().message, u"file_name"_s)
                                                           : errorReply(stored.error());
    Q_EMIT q->entitiesChanged(
        { { EntityKind::Attachment, EntityId::fromString(stored->value(u"id"_s).toString()) } },
        store.currentCursor());
    QJsonObject view;
    for (const QString &key : { u"id"_s, u"file_name"_s, u"mime_type"_s, u"size"_s })
        view.insert(key, copyOf(stored.value(), key));
    return QHttpServerResponse(view, HttpStatus::Created);
}

PortalApi::PortalApi(ServerStore &store, ApiOptions limits, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(Private { this, store, std::move(limits) }))
{ }

PortalApi::~PortalApi() = default;

void PortalApi::install(QHttpServer &http)
{
    using Method = QHttpServerRequest::Method;
    http.route(u"/api/v1/portal/tickets"_s, Method::Get, this,
        [this](const QHttpServerRequest &request) { return d->list(request); });
    http.route(u"/api/v1/portal/tickets"_s, Method::Post, this,
        [this](const QHttpServerRequest &request) { return d->create(request); });
    http.route(u"/api/v1/portal/tickets/<arg>/attachments"_s, Method::Post, this,
        [this](const QString &id, const QHttpServerRequest &request) {
            return d->attach(id, request);
        });
    http.route(u"/api/v1/portal/tickets/<arg>"_s, Method::Get, this,
        [this](
            const QString &id, const QHttpServerRequest &request) { return d->show(id, request); });
    http.route(u"/api/v1/portal/tickets/<arg>/messages"_s, Method::Post, this,
        [this](const QString &id, const QHttpServerRequest &request) {
            return d->reply(id, request);
        });
}

} // namespace Tessera::Server
