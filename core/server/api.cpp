// SPDX-License-Identifier: GPL-3.0-or-later
#include "api.h"

#include "httpreplies.h"
#include "openapi.h"
#include "protocol/codecs.h"
#include "protocol/cursorheaders.h"
#include "query/viewspec.h"
#include "serverlogging.h"
#include "serverstore.h"

#include <QFile>
#include <QHttpHeaders>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Tessera::Server {

namespace {

// Query strings as HTML forms and curl --data-urlencode write them: '+' is
// a space (a literal plus arrives as %2B).
QUrlQuery formQuery(const QUrl &url)
{
    return QUrlQuery(url.query(QUrl::FullyEncoded).replace(u'+', u"%20"_s));
}

using Status = HttpStatus;

QHttpServerResponse error(
    Status status, const QString &code, const QString &message, const QString &field = {})
{
    return errorReply(status, code, message, field);
}

QHttpServerResponse fromError(const Error &e)
{
    return errorReply(e);
}

QByteArray bearer(const QHttpServerRequest &request)
{
    return bearerToken(request);
}

} // namespace

struct Api::Private
{
    Api *q;
    ServerStore &store;
    ApiOptions limits;

    // The caller's session, or the 401 to answer.
    std::variant<Session, QHttpServerResponse> session(const QHttpServerRequest &request)
    {
        const QByteArray token = bearer(request);
        if (token.isEmpty())
            return error(Status::Unauthorized, u"unauthorized"_s,
                u"sign in: Authorization: Bearer <token>"_s);
        if (auto s = store.authenticate(token))
            return *s;
        return error(
            Status::Unauthorized, u"unauthorized"_s, u"the token is unknown or has expired"_s);
    }

    QHttpServerResponse login(const QHttpServerRequest &request);
    QHttpServerResponse logout(const QHttpServerRequest &request);
    QHttpServerResponse mutations(const QHttpServerRequest &request);
    QHttpServerResponse changes(const QHttpServerRequest &request);
    QHttpServerResponse tickets(const QHttpServerRequest &request);
    QHttpServerResponse upload(const QHttpServerRequest &request);
    QHttpServerResponse inviteAgent(const QHttpServerRequest &request);
    QHttpServerResponse download(const QString &id, const QHttpServerRequest &request);
};

QHttpServerResponse Api::Private::upload(const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    const QByteArray body = request.body();
    if (body.size() > limits.maxAttachmentBytes)
        return error(Status::PayloadTooLarge, u"too_large"_s,
            u"attachments are limited to %1 bytes"_s.arg(limits.maxAttachmentBytes));
    const QUrlQuery query = formQuery(request.url());
    const TicketId ticket = TicketId::fromString(query.queryItemValue(u"ticket_id"_s));
    if (!ticket.isValid())
        return error(Status::BadRequest, u"invalid"_s, u"ticket_id must be a ticket's UUID"_s,
            u"ticket_id"_s);
    const QString fileName = query.queryItemValue(u"file_name"_s, QUrl::FullyDecoded);
    const AttachmentId id = AttachmentId::fromString(query.queryItemValue(u"id"_s));
    if (query.hasQueryItem(u"id"_s) && !id.isValid())
        return error(Status::BadRequest, u"invalid"_s, u"id must be a UUID"_s, u"id"_s);
    const QString mimeType
        = QString::fromLatin1(request.value("content-type")).section(u';', 0, 0).trimmed();
    auto stored = store.addAttachment(
        std::get<Session>(s), id, ticket, fileName, mimeType, body, limits.attachmentDirectory);
    if (!stored)
        return stored.error().code == Error::Code::Invalid
            ? error(Status::BadRequest, u"invalid"_s, stored.error().message, u"file_name"_s)
            : fromError(stored.error());
    Q_EMIT q->entitiesChanged(
        { { EntityKind::Attachment, EntityId::fromString(stored->value(u"id"_s).toString()) } },
        store.currentCursor());
    return QHttpServerResponse(stored.value(), Status::Created);
}

QHttpServerResponse Api::Private::download(const QString &id, const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    const auto found = store.attachmentContent(
        std::get<Session>(s), AttachmentId::fromString(id), limits.attachmentDirectory);
    if (!found)
        return error(
            Status::NotFound, u"not_found"_s, u"no attachment %1 that you can see"_s.arg(id));
    QFile file(found->second);
    if (!file.open(QIODevice::ReadOnly))
        return error(
            Status::InternalServerError, u"internal"_s, u"the attachment's content is missing"_s);
    return QHttpServerResponse(
        found->first.value(u"mime_type"_s).toString().toLatin1(), file.readAll());
}

QHttpServerResponse Api::Private::inviteAgent(const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    const Session &caller = std::get<Session>(s);
    if (caller.isCustomer() || caller.role != Role::Admin)
        return error(Status::Forbidden, u"forbidden"_s, u"only admins invite agents"_s);
    auto body = jsonBody(request, 64 * 1024);
    if (auto *response = std::get_if<QHttpServerResponse>(&body))
        return std::move(*response);
    Protocol::JsonReader r(std::get<QJsonObject>(body), u"invitation"_s);
    const QString name = r.string("name"_L1, Protocol::JsonReader::Required, 200);
    const QString email = r.string("email"_L1, Protocol::JsonReader::Required, 320);
    const Role role = r.enumValue("role"_L1, Role::Agent);
    const QList<DepartmentId> departments = r.idList<DepartmentIdTag>("department_ids"_L1);
    if (auto done = r.finish(); !done)
        return error(Status::BadRequest, u"invalid"_s, done.error().message);
    auto invited = store.inviteAgent(caller, name, email, role, departments);
    if (!invited)
        return fromError(invited.error());
    const QJsonObject person = invited->first;
    Q_EMIT q->entitiesChanged(
        { { EntityKind::Person, EntityId::fromString(person.value(u"id"_s).toString()) } },
        store.currentCursor());
    return QHttpServerResponse(
        QJsonObject { { u"person"_s, person }, { u"temporary_password"_s, invited->second } },
        Status::Created);
}

QHttpServerResponse Api::Private::login(const QHttpServerRequest &request)
{
    auto body = jsonBody(request, 64 * 1024);
    if (auto *response = std::get_if<QHttpServerResponse>(&body))
        return std::move(*response);
    const QJsonObject &json = std::get<QJsonObject>(body);
    Protocol::JsonReader r(json, u"login"_s);
    const QString email = r.string("email"_L1, Protocol::JsonReader::Required, 320);
    const QString password = r.string("password"_L1, Protocol::JsonReader::Required, 1024);
    if (auto done = r.finish(); !done)
        return error(Status::BadRequest, u"invalid"_s, done.error().message);
    auto result = store.login(email, password, request.remoteAddress().toString());
    if (!result) {
        if (result.error().code == Error::Code::Forbidden)
            return error(Status::TooManyRequests, u"rate_limited"_s, result.error().message);
        if (result.error().code == Error::Code::Invalid)
            return error(Status::Unauthorized, u"unauthorized"_s, result.error().message);
        return fromError(result.error());
    }
    return QHttpServerResponse(QJsonObject {
        { u"token"_s, QString::fromLatin1(result->token) },
        { u"expires_at"_s, result->expiresAt.toString(Qt::ISODateWithMs) },
        { u"user"_s, result->user },
        { u"cursor"_s, store.currentCursor() },
    });
}

QHttpServerResponse Api::Private::logout(const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    if (auto done = store.logout(bearer(request)); !done)
        return fromError(done.error());
    return QHttpServerResponse(Status::NoContent);
}

QHttpServerResponse Api::Private::mutations(const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    auto body = jsonBody(request, limits.maxBodyBytes);
    if (auto *response = std::get_if<QHttpServerResponse>(&body))
        return std::move(*response);
    const QJsonObject &json = std::get<QJsonObject>(body);
    Protocol::JsonReader r(json, u"batch"_s);
    const QJsonArray items = r.array("mutations"_L1);
    if (!json.contains(u"mutations"_s))
        r.fail("mutations"_L1, u"is required"_s);
    if (auto done = r.finish(); !done)
        return error(Status::BadRequest, u"invalid"_s, done.error().message, u"mutations"_s);
    if (items.size() > limits.maxBatch)
        return error(Status::PayloadTooLarge, u"too_large"_s,
            u"a batch holds at most %1 mutations"_s.arg(limits.maxBatch), u"mutations"_s);
    QList<Mutation> batch;
    for (qsizetype i = 0; i < items.size(); ++i) {
        auto m = Protocol::fromJson<Mutation>(items.at(i).toObject());
        if (!items.at(i).isObject() || !m) {
            const QString message
                = items.at(i).isObject() ? m.error().message : u"must be an object"_s;
            return error(Status::BadRequest, u"invalid"_s,
                u"mutations[%1]: %2"_s.arg(i).arg(message), u"mutations[%1]"_s.arg(i));
        }
        batch.append(m.value());
    }
    auto results = store.applyMutations(std::get<Session>(s), batch);
    if (!results)
        return fromError(results.error());
    QJsonObject answer { { u"results"_s, results.value() },
        { u"cursor"_s, store.currentCursor() } };
    QList<ChangedEntity> changed;
    for (const QJsonValue &result : results.value()) {
        if (result[u"status"_s].toString() == u"rejected"_s)
            continue;
        if (const auto kind = fromWireName<EntityKind>(result[u"entity"_s].toString()))
            changed.append({ *kind, EntityId::fromString(result[u"target_id"_s].toString()) });
    }
    if (!changed.isEmpty())
        Q_EMIT q->entitiesChanged(changed, store.currentCursor());
    // Every result is a definitive answer. When all of them are the same
    // refusal, the HTTP status says it too, for integrators reading codes.
    QSet<QString> codes;
    bool allRejected = !results->isEmpty();
    for (const QJsonValue &result : results.value()) {
        allRejected = allRejected && result[u"status"_s].toString() == u"rejected"_s;
        codes.insert(result[u"error"_s][u"code"_s].toString());
    }
    if (allRejected && codes.size() == 1) {
        static const QHash<QString, Status> statuses { { u"forbidden"_s, Status::Forbidden },
            { u"invalid"_s, Status::UnprocessableEntity }, { u"not_found"_s, Status::NotFound },
            { u"conflict"_s, Status::Conflict } };
        const QJsonObject first = results->first()[u"error"_s].toObject();
        answer.insert(u"error"_s, first);
        return QHttpServerResponse(answer, statuses.value(*codes.cbegin(), Status::BadRequest));
    }
    return QHttpServerResponse(answer);
}

QHttpServerResponse Api::Private::changes(const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    const QUrlQuery query = formQuery(request.url());
    bool sinceOk = true;
    bool limitOk = true;
    bool fromOk = true;
    const qint64 since = query.hasQueryItem(u"since"_s)
        ? query.queryItemValue(u"since"_s).toLongLong(&sinceOk)
        : 0;
    const int limit
        = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&limitOk) : 500;
    if (!sinceOk || since < 0)
        return error(Status::BadRequest, u"invalid"_s, u"since must be a cursor (an integer ≥ 0)"_s,
            u"since"_s);
    if (!limitOk || limit < 1 || limit > 5000)
        return error(
            Status::BadRequest, u"invalid"_s, u"limit must be between 1 and 5000"_s, u"limit"_s);
    const qint64 from
        = query.hasQueryItem(u"from"_s) ? query.queryItemValue(u"from"_s).toLongLong(&fromOk) : 0;
    if (!fromOk || from < 0)
        return error(Status::BadRequest, u"invalid"_s,
            u"from must be the head a read from 0 began at (an integer ≥ 0)"_s, u"from"_s);
    // The head is read first: a read from 0 that begins here starts no later.
    const qint64 head = store.currentCursor();
    auto page = store.changes(std::get<Session>(s), since, limit, std::min(from, head));
    if (!page) {
        if (page.error().code == Error::Code::NotFound)
            return error(Status::Gone, u"gone"_s, page.error().message, u"since"_s);
        return fromError(page.error());
    }
    // At the end of the feed the cursor moves to the head read before the page:
    // every change up to it was committed, so the page saw it or may not show
    // it, and a cursor left behind on the last visible change could fall
    // below a later floor for nothing.
    ChangesPage answer = std::move(page).value();
    if (!answer.more)
        answer.next = std::max(answer.next, head);
    QHttpServerResponse response("application/json"_ba, answer.toJson(head), Status::Ok);
    // The cursor fields again, where a client reads them without parsing the
    // body: it asks for the next page before it stores this one.
    QHttpHeaders headers = response.headers();
    headers.append(Protocol::CursorHeaders::Next, QByteArray::number(answer.next));
    headers.append(Protocol::CursorHeaders::Head, QByteArray::number(head));
    headers.append(Protocol::CursorHeaders::More, answer.more ? "true"_ba : "false"_ba);
    response.setHeaders(std::move(headers));
    return response;
}

QHttpServerResponse Api::Private::tickets(const QHttpServerRequest &request)
{
    auto s = session(request);
    if (auto *response = std::get_if<QHttpServerResponse>(&s))
        return std::move(*response);
    const QUrlQuery query = formQuery(request.url());
    ViewSpec view;
    if (query.hasQueryItem(u"view"_s)) {
        QJsonParseError parseError;
        const QByteArray text = query.queryItemValue(u"view"_s, QUrl::FullyDecoded).toUtf8();
        const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return error(Status::BadRequest, u"invalid_json"_s,
                u"view must be a ViewSpec JSON object"_s, u"view"_s);
        auto parsed = ViewSpec::fromJson(doc.object());
        if (!parsed)
            return error(Status::BadRequest, u"invalid"_s, parsed.error().message, u"view"_s);
        view = parsed.value();
    }
    bool ok = true;
    const qint64 offset
        = query.hasQueryItem(u"offset"_s) ? query.queryItemValue(u"offset"_s).toLongLong(&ok) : 0;
    bool limitOk = true;
    const int limit
        = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&limitOk) : 50;
    if (!ok || offset < 0 || !limitOk || limit < 1 || limit > 500)
        return error(
            Status::BadRequest, u"invalid"_s, u"offset must be ≥ 0 and limit between 1 and 500"_s);
    const QString search = query.queryItemValue(u"q"_s, QUrl::FullyDecoded);
    if (search.size() > 500)
        return error(
            Status::BadRequest, u"invalid"_s, u"q must be at most 500 characters"_s, u"q"_s);
    auto listing = store.listTickets(std::get<Session>(s), view, search, offset, limit);
    if (!listing)
        return listing.error().code == Error::Code::Invalid
            ? error(Status::BadRequest, u"invalid"_s, listing.error().message, u"view"_s)
            : fromError(listing.error());
    return QHttpServerResponse(listing.value());
}

Api::Api(ServerStore &store, ApiOptions limits, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(Private { this, store, limits }))
{ }

Api::~Api() = default;

void Api::install(QHttpServer &http)
{
    using Method = QHttpServerRequest::Method;
    http.route(u"/api/v1/health"_s, Method::Get, this, [] {
        return QHttpServerResponse(QJsonObject {
            { u"status"_s, u"ok"_s }, { u"version"_s, QStringLiteral(TESSERA_VERSION) } });
    });
    http.route(u"/api/v1/openapi.json"_s, Method::Get, this,
        [] { return QHttpServerResponse(openApiDocument()); });
    http.route(u"/api/v1/auth/login"_s, Method::Post, this,
        [this](const QHttpServerRequest &request) { return d->login(request); });
    http.route(u"/api/v1/auth/logout"_s, Method::Post, this,
        [this](const QHttpServerRequest &request) { return d->logout(request); });
    http.route(u"/api/v1/mutations"_s, Method::Post, this,
        [this](const QHttpServerRequest &request) { return d->mutations(request); });
    http.route(u"/api/v1/changes"_s, Method::Get, this,
        [this](const QHttpServerRequest &request) { return d->changes(request); });
    http.route(u"/api/v1/attachments"_s, Method::Post, this,
        [this](const QHttpServerRequest &request) { return d->upload(request); });
    http.route(u"/api/v1/attachments/<arg>/content"_s, Method::Get, this,
        [this](const QString &id, const QHttpServerRequest &request) {
            return d->download(id, request);
        });
    http.route(u"/api/v1/tickets"_s, Method::Get, this,
        [this](const QHttpServerRequest &request) { return d->tickets(request); });
    http.route(u"/api/v1/agents/invite"_s, Method::Post, this,
        [this](const QHttpServerRequest &request) { return d->inviteAgent(request); });
    http.setMissingHandler(
        this, [](const QHttpServerRequest &request, QHttpServerResponder &responder) {
            static const QStringList known { u"/api/v1/health"_s, u"/api/v1/auth/login"_s,
                u"/api/v1/auth/logout"_s, u"/api/v1/mutations"_s, u"/api/v1/changes"_s,
                u"/api/v1/tickets"_s, u"/api/v1/portal/tickets"_s, u"/api/v1/attachments"_s,
                u"/api/v1/agents/invite"_s };
            if (known.contains(request.url().path())) {
                responder.sendResponse(error(Status::MethodNotAllowed, u"method_not_allowed"_s,
                    u"%1 does not take this method"_s.arg(request.url().path())));
                return;
            }
            responder.sendResponse(error(
                Status::NotFound, u"not_found"_s, u"No such endpoint: "_s + request.url().path()));
        });
}

} // namespace Tessera::Server
