// SPDX-License-Identifier: GPL-3.0-or-later
#include "openapi.h"

#include "protocol/cursorheaders.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Tessera::Server {

namespace {

QJsonObject ref(const QString &schema)
{
    return { { u"$ref"_s, QString(u"#/components/schemas/"_s + schema) } };
}

QJsonObject jsonContent(const QJsonObject &schema)
{
    return { { u"application/json"_s, QJsonObject { { u"schema"_s, schema } } } };
}

QJsonObject response(const QString &description, const QJsonObject &schema = {})
{
    QJsonObject r { { u"description"_s, description } };
    if (!schema.isEmpty())
        r.insert(u"content"_s, jsonContent(schema));
    return r;
}

// A page of the change feed, whose cursor fields are repeated in headers.
QJsonObject pageOfChanges()
{
    const auto header = [](const QString &description, const QString &type) {
        return QJsonObject { { u"description"_s, description },
            { u"schema"_s, QJsonObject { { u"type"_s, type } } } };
    };
    QJsonObject r = response(u"A page of changes"_s, ref(u"Changes"_s));
    r.insert(u"headers"_s,
        QJsonObject { { Protocol::CursorHeaders::Next, header(u"The body's next"_s, u"integer"_s) },
            { Protocol::CursorHeaders::Head, header(u"The body's head"_s, u"integer"_s) },
            { Protocol::CursorHeaders::More,
                header(u"The body's more: true or false"_s, u"string"_s) } });
    return r;
}

QJsonObject errors(std::initializer_list<std::pair<const char *, const char *>> codes)
{
    QJsonObject responses;
    for (const auto &[code, text] : codes)
        responses.insert(
            QString::fromLatin1(code), response(QString::fromUtf8(text), ref(u"Error"_s)));
    return responses;
}

QJsonObject merged(QJsonObject a, const QJsonObject &b)
{
    for (auto it = b.begin(); it != b.end(); ++it)
        a.insert(it.key(), it.value());
    return a;
}

QJsonObject queryParameter(const QString &name, const QString &type, const QString &description)
{
    return { { u"name"_s, name }, { u"in"_s, u"query"_s }, { u"description"_s, description },
        { u"schema"_s, QJsonObject { { u"type"_s, type } } } };
}

QJsonObject object(const QJsonObject &properties, const QStringList &required = {})
{
    QJsonObject o { { u"type"_s, u"object"_s }, { u"properties"_s, properties } };
    if (!required.isEmpty())
        o.insert(u"required"_s, QJsonArray::fromStringList(required));
    return o;
}

QJsonObject type(const QString &name, const QString &format = {})
{
    QJsonObject t { { u"type"_s, name } };
    if (!format.isEmpty())
        t.insert(u"format"_s, format);
    return t;
}

} // namespace

QJsonObject openApiDocument()
{
    const QJsonArray bearer { QJsonObject { { u"bearer"_s, QJsonArray {} } } };
    const QJsonObject auth = errors({ { "401", "Missing, unknown or expired token" } });

    QJsonObject paths;
    paths.insert(u"/api/v1/health"_s,
        QJsonObject { { u"get"_s,
            QJsonObject { { u"summary"_s, u"Liveness and version"_s },
                { u"security"_s, QJsonArray {} },
                { u"responses"_s,
                    QJsonObject { { u"200"_s,
                        response(u"The server is up"_s,
                            object({ { u"status"_s, type(u"string"_s) },
                                { u"version"_s, type(u"string"_s) } })) } } } } } });
    paths.insert(u"/api/v1/auth/login"_s,
        QJsonObject { { u"post"_s,
            QJsonObject { { u"summary"_s, u"Sign in; answers a bearer token valid for 30 days"_s },
                { u"security"_s, QJsonArray {} },
                { u"requestBody"_s,
                    QJsonObject { { u"required"_s, true },
                        { u"content"_s,
                            jsonContent(
                                object({ { u"email"_s, type(u"string"_s, u"email"_s) },
                                           { u"password"_s, type(u"string"_s, u"password"_s) } },
                                    { u"email"_s, u"password"_s })) } } },
                { u"responses"_s,
                    merged(QJsonObject { { u"200"_s, response(u"Signed in"_s, ref(u"Login"_s)) } },
                        errors(
                            { { "400", "Malformed request" }, { "401", "Wrong e-mail or password" },
                                { "429", "Too many failed attempts; wait 15 minutes" } })) } } } });
    paths.insert(u"/api/v1/auth/logout"_s,
        QJsonObject { { u"post"_s,
            QJsonObject { { u"summary"_s, u"Revoke the token"_s }, { u"security"_s, bearer },
                { u"responses"_s,
                    merged(QJsonObject { { u"204"_s, response(u"Signed out"_s) } }, auth) } } } });
    paths.insert(u"/api/v1/mutations"_s,
        QJsonObject { { u"post"_s,
            QJsonObject {
                { u"summary"_s,
                    u"Apply a batch of mutations (idempotent by mutation id, merged per field)"_s },
                { u"security"_s, bearer },
                { u"requestBody"_s,
                    QJsonObject { { u"required"_s, true },
                        { u"content"_s,
                            jsonContent(object(
                                { { u"mutations"_s,
                                    QJsonObject { { u"type"_s, u"array"_s }, { u"maxItems"_s, 500 },
                                        { u"items"_s, ref(u"Mutation"_s) } } } },
                                { u"mutations"_s })) } } },
                { u"responses"_s,
                    merged(merged(QJsonObject { { u"200"_s,
                                      response(u"One result per mutation, in order"_s,
                                          ref(u"BatchResult"_s)) } },
                               auth),
                        errors({ { "400", "Malformed JSON or an unreadable mutation" },
                            { "403", "Every mutation was refused by access control" },
                            { "413", "Body over 4 MiB or more than 500 mutations" },
                            { "422", "Every mutation failed validation" } })) } } } });
    paths.insert(u"/api/v1/changes"_s,
        QJsonObject { { u"get"_s,
            QJsonObject {
                { u"summary"_s,
                    u"What changed after a cursor: current snapshots, or evictions, in cursor order"_s },
                { u"security"_s, bearer },
                { u"parameters"_s,
                    QJsonArray { queryParameter(u"since"_s, u"integer"_s,
                                     u"The cursor already seen (0: everything)"_s),
                        queryParameter(u"limit"_s, u"integer"_s,
                            u"At most this many changes, 1–5000 (default 500)"_s),
                        queryParameter(u"from"_s, u"integer"_s,
                            u"While reading from 0 page by page: the head of the first page. "
                            u"The later pages are then gone (410) only if the log was compacted "
                            u"or the caller's access changed after that read began"_s) } },
                { u"responses"_s,
                    merged(merged(QJsonObject { { u"200"_s, pageOfChanges() } }, auth),
                        errors({ { "400", "since or limit out of range" },
                            { "410",
                                "The cursor is older than the retained log: resync from "
                                "0" } })) } } } });
    paths.insert(u"/api/v1/tickets"_s,
        QJsonObject { { u"get"_s,
            QJsonObject {
                { u"summary"_s, u"Tickets of a view (docs/views.md) that the caller may see"_s },
                { u"security"_s, bearer },
                { u"parameters"_s,
                    QJsonArray { queryParameter(u"view"_s, u"string"_s, u"A ViewSpec as JSON"_s),
                        queryParameter(u"q"_s, u"string"_s,
                            u"Search text: every word must occur in the number, title, "
                            u"description or a message; the last word as a prefix"_s),
                        queryParameter(u"offset"_s, u"integer"_s, u"Rows to skip"_s),
                        queryParameter(u"limit"_s, u"integer"_s, u"1–500 (default 50)"_s) } },
                { u"responses"_s,
                    merged(merged(QJsonObject { { u"200"_s,
                                      response(u"A page of tickets and the view's total"_s,
                                          object({ { u"total"_s, type(u"integer"_s) },
                                              { u"offset"_s, type(u"integer"_s) },
                                              { u"tickets"_s,
                                                  QJsonObject { { u"type"_s, u"array"_s },
                                                      { u"items"_s, ref(u"Entity"_s) } } } })) } },
                               auth),
                        errors({ { "400",
                            "A malformed view, an unknown field or an operator that does not "
                            "fit" } })) } } } });
    paths.insert(u"/api/v1/agents/invite"_s,
        QJsonObject { { u"post"_s,
            QJsonObject {
                { u"summary"_s,
                    u"Invite an agent (admins only): creates the agent and a login with a "
                    u"temporary password, returned once"_s },
                { u"security"_s, bearer },
                { u"requestBody"_s,
                    QJsonObject { { u"required"_s, true },
                        { u"content"_s,
                            jsonContent(object({ { u"name"_s, type(u"string"_s) },
                                                   { u"email"_s, type(u"string"_s) },
                                                   { u"role"_s,
                                                       QJsonObject { { u"type"_s, u"string"_s },
                                                           { u"enum"_s,
                                                               QJsonArray { u"admin"_s, u"lead"_s,
                                                                   u"agent"_s } } } },
                                                   { u"department_ids"_s,
                                                       QJsonObject { { u"type"_s, u"array"_s },
                                                           { u"items"_s, type(u"string"_s) } } } },
                                { u"name"_s, u"email"_s })) } } },
                { u"responses"_s,
                    merged(
                        merged(QJsonObject { { u"201"_s,
                                   response(u"The agent and the temporary password"_s,
                                       object({ { u"person"_s, ref(u"Entity"_s) },
                                           { u"temporary_password"_s, type(u"string"_s) } })) } },
                            auth),
                        errors({ { "400", "Malformed JSON, an unknown field or a wrong type" },
                            { "403", "The caller is not an admin" },
                            { "409", "The e-mail address already belongs to someone" } })) } } } });
    paths.insert(u"/api/v1/attachments"_s,
        QJsonObject { { u"post"_s,
            QJsonObject {
                { u"summary"_s,
                    u"Upload a file to a ticket: the body is the content, Content-Type its type (at most 25 MiB)"_s },
                { u"security"_s, bearer },
                { u"parameters"_s,
                    QJsonArray { queryParameter(u"ticket_id"_s, u"string"_s, u"The ticket"_s),
                        queryParameter(u"file_name"_s, u"string"_s, u"The file's name"_s) } },
                { u"responses"_s,
                    merged(merged(QJsonObject { { u"201"_s,
                                      response(u"The Attachment entity"_s, ref(u"Entity"_s)) } },
                               auth),
                        errors({ { "400", "No ticket_id or no file name" },
                            { "404", "No such ticket that you can see" },
                            { "413", "Over 25 MiB" } })) } } } });
    paths.insert(u"/api/v1/attachments/{id}/content"_s,
        QJsonObject { { u"get"_s,
            QJsonObject { { u"summary"_s, u"Download an attachment's content"_s },
                { u"security"_s, bearer },
                { u"parameters"_s,
                    QJsonArray { QJsonObject { { u"name"_s, u"id"_s }, { u"in"_s, u"path"_s },
                        { u"required"_s, true },
                        { u"schema"_s, type(u"string"_s, u"uuid"_s) } } } },
                { u"responses"_s,
                    merged(merged(QJsonObject { { u"200"_s,
                                      response(u"The content, with its type"_s) } },
                               auth),
                        errors({ { "404", "No such attachment that you can see" } })) } } } });
    paths.insert(u"/api/v1/stream"_s,
        QJsonObject { { u"get"_s,
            QJsonObject {
                { u"summary"_s,
                    u"WebSocket: pushes {\"cursor\":N} when something you may see changed; relays presence {\"type\":\"presence\",\"ticket_id\",\"state\":\"viewing\"|\"replying\"|\"left\"}"_s },
                { u"security"_s, bearer },
                { u"parameters"_s,
                    QJsonArray { queryParameter(u"token"_s, u"string"_s,
                        u"The bearer token, for clients that cannot set headers"_s) } },
                { u"responses"_s,
                    merged(QJsonObject { { u"101"_s,
                               response(u"Switching to the WebSocket protocol"_s) } },
                        auth) } } } });
    const QJsonObject ticketPath { { u"name"_s, u"id"_s }, { u"in"_s, u"path"_s },
        { u"required"_s, true }, { u"schema"_s, type(u"string"_s, u"uuid"_s) } };
    const QJsonObject customerOnly = errors({ { "403", "An agent's token: agents sync instead" } });
    paths.insert(u"/api/v1/portal/tickets"_s,
        QJsonObject {
            { u"post"_s,
                QJsonObject { { u"summary"_s,
                                  u"Customer portal: open a ticket ({\"title\", \"body\": "
                                  u"Markdown}) of the default type, with a public conversation "
                                  u"holding the body; only when workspace_settings."
                                  u"portal_can_create"_s },
                    { u"security"_s, bearer },
                    { u"requestBody"_s,
                        QJsonObject { { u"required"_s, true },
                            { u"content"_s,
                                jsonContent(object({ { u"title"_s, type(u"string"_s) },
                                                       { u"body"_s, type(u"string"_s) } },
                                    { u"title"_s, u"body"_s })) } } },
                    { u"responses"_s,
                        merged(merged(QJsonObject { { u"201"_s, response(u"The new ticket"_s) } },
                                   auth),
                            errors({ { "400",
                                         "Malformed JSON, a missing or empty title or "
                                         "body, an unknown field" },
                                { "403",
                                    "An agent's token, or the workspace does not let "
                                    "customers open tickets" } })) } } },
            { u"get"_s,
                QJsonObject {
                    { u"summary"_s,
                        u"Customer portal: the caller's own tickets (or, with workspace_settings."
                        u"portal_scope \"organization\", their organization's), newest first "
                        u"(number, title, status name and category, priority, dates)"_s },
                    { u"security"_s, bearer },
                    { u"parameters"_s,
                        QJsonArray { queryParameter(u"offset"_s, u"integer"_s, u"Rows to skip"_s),
                            queryParameter(u"limit"_s, u"integer"_s, u"1–500 (default 50)"_s) } },
                    { u"responses"_s,
                        merged(merged(QJsonObject { { u"200"_s,
                                          response(u"A page of the customer's tickets"_s) } },
                                   auth),
                            customerOnly) } } } });
    paths.insert(u"/api/v1/portal/tickets/{id}"_s,
        QJsonObject { { u"get"_s,
            QJsonObject { { u"summary"_s,
                              u"Customer portal: one of the caller's tickets with its public "
                              u"conversations; internal notes never appear"_s },
                { u"security"_s, bearer }, { u"parameters"_s, QJsonArray { ticketPath } },
                { u"responses"_s,
                    merged(merged(QJsonObject { { u"200"_s,
                                      response(u"The ticket and its public messages"_s) } },
                               auth),
                        merged(customerOnly,
                            errors({ { "404", "Not one of the caller's tickets" } }))) } } } });
    paths.insert(u"/api/v1/portal/tickets/{id}/messages"_s,
        QJsonObject { { u"post"_s,
            QJsonObject {
                { u"summary"_s,
                    u"Customer portal: reply on a ticket ({\"body\": Markdown}); the ticket "
                    u"reopens"_s },
                { u"security"_s, bearer }, { u"parameters"_s, QJsonArray { ticketPath } },
                { u"requestBody"_s,
                    QJsonObject { { u"required"_s, true },
                        { u"content"_s,
                            jsonContent(
                                object({ { u"body"_s, type(u"string"_s) } }, { u"body"_s })) } } },
                { u"responses"_s,
                    merged(merged(QJsonObject { { u"201"_s, response(u"The message"_s) } }, auth),
                        merged(customerOnly,
                            errors({ { "400",
                                         "Malformed JSON, a missing or empty body, an "
                                         "unknown field" },
                                { "404", "Not one of the caller's tickets" } }))) } } } });
    paths.insert(u"/api/v1/portal/tickets/{id}/attachments"_s,
        QJsonObject { { u"post"_s,
            QJsonObject {
                { u"summary"_s,
                    u"Customer portal: attach a file to a ticket; the body is the content, "
                    u"Content-Type its type (at most 25 MiB); only when workspace_settings."
                    u"portal_attachments"_s },
                { u"security"_s, bearer },
                { u"parameters"_s,
                    QJsonArray { ticketPath,
                        queryParameter(u"file_name"_s, u"string"_s, u"The file's name"_s) } },
                { u"responses"_s,
                    merged(merged(QJsonObject { { u"201"_s,
                                      response(u"The attachment's id, name, type and size"_s) } },
                               auth),
                        errors({ { "400", "No file name" },
                            { "403",
                                "An agent's token, or the workspace does not let customers "
                                "attach files" },
                            { "404", "Not one of the caller's tickets" },
                            { "413", "Over 25 MiB" } })) } } } });
    paths.insert(u"/api/v1/openapi.json"_s,
        QJsonObject { { u"get"_s,
            QJsonObject { { u"summary"_s, u"This document"_s }, { u"security"_s, QJsonArray {} },
                { u"responses"_s, QJsonObject { { u"200"_s, response(u"OpenAPI 3"_s) } } } } } });

    const QJsonObject schemas {
        { u"Error"_s,
            object(
                { { u"error"_s,
                    object({ { u"code"_s, type(u"string"_s) }, { u"message"_s, type(u"string"_s) },
                               { u"field"_s, type(u"string"_s) } },
                        { u"code"_s, u"message"_s }) } },
                { u"error"_s }) },
        { u"Login"_s,
            object({ { u"token"_s, type(u"string"_s) },
                { u"expires_at"_s, type(u"string"_s, u"date-time"_s) },
                { u"user"_s, ref(u"Entity"_s) }, { u"cursor"_s, type(u"integer"_s) } }) },
        { u"Entity"_s,
            QJsonObject { { u"type"_s, u"object"_s },
                { u"description"_s,
                    u"An entity's canonical JSON (see core/protocol/codecs.h): unknown keys are rejected"_s } } },
        { u"Mutation"_s,
            object(
                { { u"id"_s, type(u"string"_s, u"uuid"_s) },
                    { u"entity"_s,
                        QJsonObject { { u"type"_s, u"string"_s },
                            { u"enum"_s,
                                QJsonArray { u"ticket"_s, u"ticket_type"_s, u"status"_s,
                                    u"custom_field"_s, u"person"_s, u"organization"_s,
                                    u"department"_s, u"project"_s, u"conversation"_s, u"message"_s,
                                    u"attachment"_s, u"time_entry"_s, u"running_timer"_s,
                                    u"activity"_s, u"saved_view"_s, u"canned_response"_s,
                                    u"sla_policy"_s, u"automation"_s,
                                    u"workspace_settings"_s } } } },
                    { u"target_id"_s, type(u"string"_s, u"uuid"_s) },
                    { u"op"_s,
                        QJsonObject { { u"type"_s, u"string"_s },
                            { u"enum"_s,
                                QJsonArray {
                                    u"create"_s, u"update"_s, u"delete"_s, u"append"_s } } } },
                    { u"fields"_s,
                        QJsonObject { { u"type"_s, u"object"_s },
                            { u"description"_s,
                                u"The keys set (the whole entity for create and append)"_s } } },
                    { u"base"_s,
                        QJsonObject { { u"type"_s, u"object"_s },
                            { u"description"_s,
                                u"The values seen before the edit, per key; a key without a base is written blindly"_s } } },
                    { u"author_id"_s, type(u"string"_s, u"uuid"_s) },
                    { u"created_at"_s, type(u"string"_s, u"date-time"_s) } },
                { u"id"_s, u"entity"_s, u"target_id"_s, u"op"_s }) },
        { u"BatchResult"_s,
            object({ { u"cursor"_s, type(u"integer"_s) },
                { u"results"_s,
                    QJsonObject { { u"type"_s, u"array"_s },
                        { u"items"_s,
                            object({ { u"mutation_id"_s, type(u"string"_s) },
                                { u"status"_s,
                                    QJsonObject { { u"type"_s, u"string"_s },
                                        { u"enum"_s,
                                            QJsonArray {
                                                u"applied"_s, u"conflict"_s, u"rejected"_s } } } },
                                { u"entity"_s, type(u"string"_s) },
                                { u"target_id"_s, type(u"string"_s) },
                                { u"version"_s, type(u"integer"_s) },
                                { u"snapshot"_s, ref(u"Entity"_s) },
                                { u"conflicts"_s,
                                    QJsonObject { { u"type"_s, u"array"_s },
                                        { u"items"_s,
                                            object({ { u"field"_s, type(u"string"_s) },
                                                { u"base"_s, QJsonObject {} },
                                                { u"mine"_s, QJsonObject {} },
                                                { u"theirs"_s, QJsonObject {} } }) } } },
                                { u"error"_s,
                                    object({ { u"code"_s, type(u"string"_s) },
                                        { u"message"_s, type(u"string"_s) },
                                        { u"field"_s, type(u"string"_s) } }) } }) } } } }) },
        { u"Changes"_s,
            object({ { u"changes"_s,
                         QJsonObject { { u"type"_s, u"array"_s },
                             { u"items"_s,
                                 object({ { u"seq"_s, type(u"integer"_s) },
                                     { u"entity"_s, type(u"string"_s) },
                                     { u"id"_s, type(u"string"_s, u"uuid"_s) },
                                     { u"snapshot"_s, ref(u"Entity"_s) },
                                     { u"evicted"_s, type(u"boolean"_s) } }) } } },
                { u"next"_s, type(u"integer"_s) }, { u"more"_s, type(u"boolean"_s) },
                { u"head"_s, type(u"integer"_s) } }) },
    };

    return {
        { u"openapi"_s, u"3.0.3"_s },
        { u"info"_s,
            QJsonObject { { u"title"_s, u"Tessera API"_s },
                { u"version"_s, QStringLiteral(TESSERA_VERSION) },
                { u"description"_s,
                    u"The helpdesk's REST API: the protocol desktop clients sync with, open to integrators. Errors are {\"error\":{\"code\",\"message\",\"field\"}}."_s } } },
        { u"servers"_s, QJsonArray { QJsonObject { { u"url"_s, u"/"_s } } } },
        { u"paths"_s, paths },
        { u"components"_s,
            QJsonObject { { u"schemas"_s, schemas },
                { u"securitySchemes"_s,
                    QJsonObject { { u"bearer"_s,
                        QJsonObject {
                            { u"type"_s, u"http"_s }, { u"scheme"_s, u"bearer"_s } } } } } } },
        { u"security"_s, bearer },
    };
}

} // namespace Tessera::Server
