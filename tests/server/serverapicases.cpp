// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverapicases.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Tessera::Test {

namespace {
QByteArray uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

QByteArray ticketCreate(const QByteArray &id, const QByteArray &fields)
{
    return R"({"mutations":[{"id":")" + uuid() + R"(","entity":"ticket","target_id":")" + id
        + R"(","op":"create","fields":)" + fields + "}]}";
}
} // namespace

QList<BadInput> badInputCases()
{
    const QByteArray id = uuid();
    const QString mutations = u"/api/v1/mutations"_s;
    return {
        { "malformed JSON", "POST", mutations, R"({"mutations": [)", true, 400 },
        { "not an object", "POST", mutations, "[1,2]", true, 400 },
        { "wrong type for the batch", "POST", mutations, R"({"mutations": "all"})", true, 400 },
        { "unknown top-level key", "POST", mutations, R"({"mutations": [], "sudo": true})", true,
            400 },
        { "unknown entity", "POST", mutations,
            R"({"mutations":[{"id":")" + uuid() + R"(","entity":"spaceship","target_id":")" + uuid()
                + R"(","op":"create"}]})",
            true, 400 },
        { "id not a UUID", "POST", mutations,
            R"({"mutations":[{"id":"1; DROP TABLE tickets","entity":"ticket","target_id":"x","op":"create"}]})",
            true, 400 },
        { "wrong field type", "POST", mutations,
            ticketCreate(id, R"({"id":")" + id + R"(","title":5})"), true, 422 },
        { "unknown field", "POST", mutations,
            ticketCreate(id, R"({"id":")" + id + R"(","title":"x","sql":"1=1"})"), true, 422 },
        { "invalid UTF-8", "POST", mutations,
            ticketCreate(id, R"({"id":")" + id + "\",\"title\":\"caf\xc3\x28\"}"), true, 400 },
        { "NUL character in text", "POST", mutations,
            ticketCreate(id, R"({"id":")" + id + R"(","title":"a\u0000b"})"), true, 422 },
        { "10 MB body", "POST", mutations,
            QByteArray(R"({"mutations":[],"pad":")") + QByteArray(10 * 1024 * 1024, 'a') + "\"}",
            true, 413 },
        { "missing token", "GET", u"/api/v1/changes?since=0"_s, {}, false, 401 },
        { "since not a number", "GET", u"/api/v1/changes?since=abc"_s, {}, true, 400 },
        { "negative since", "GET", u"/api/v1/changes?since=-1"_s, {}, true, 400 },
        { "limit out of range", "GET", u"/api/v1/changes?since=0&limit=0"_s, {}, true, 400 },
        { "view not JSON", "GET", u"/api/v1/tickets?view=%7B"_s, {}, true, 400 },
        { "view grouping by SQL", "GET",
            u"/api/v1/tickets?view=%7B%22group_by%22%3A%22x%3B%20DROP%22%7D"_s, {}, true, 400 },
        { "login with wrong types", "POST", u"/api/v1/auth/login"_s,
            R"({"email": 1, "password": []})", false, 400 },
        { "wrong method", "DELETE", mutations, {}, true, 405 },
        { "unknown endpoint", "GET", u"/api/v1/nothing/here"_s, {}, true, 404 },
    };
}

QString hostileTitle()
{
    return u"O'Brien's \"printer\"; DROP TABLE tickets;-- \\ %_"_s;
}

QByteArray titleContainsView(const QString &text)
{
    const QJsonObject condition { { u"field"_s, u"title"_s }, { u"op"_s, u"contains"_s },
        { u"value"_s, text } };
    return QJsonDocument(QJsonObject { { u"filter"_s, condition } }).toJson(QJsonDocument::Compact);
}

} // namespace Tessera::Test
