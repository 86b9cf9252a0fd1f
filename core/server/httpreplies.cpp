// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpreplies.h"

#include "serverlogging.h"

#include <QHttpServerRequest>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Tessera::Server {

QHttpServerResponse errorReply(
    HttpStatus status, const QString &code, const QString &message, const QString &field)
{
    QJsonObject body { { u"code"_s, code }, { u"message"_s, message } };
    if (!field.isEmpty())
        body.insert(u"field"_s, field);
    return QHttpServerResponse(QJsonObject { { u"error"_s, body } }, status);
}

QHttpServerResponse errorReply(const Error &e)
{
    switch (e.code) {
    case Error::Code::Invalid:
        return errorReply(HttpStatus::BadRequest, u"invalid"_s, e.message);
    case Error::Code::NotFound:
        return errorReply(HttpStatus::NotFound, u"not_found"_s, e.message);
    case Error::Code::Conflict:
        return errorReply(HttpStatus::Conflict, u"conflict"_s, e.message);
    case Error::Code::Forbidden:
        return errorReply(HttpStatus::Forbidden, u"forbidden"_s, e.message);
    default:
        qCWarning(lcServer) << "internal error:" << e.message;
        return errorReply(HttpStatus::InternalServerError, u"internal"_s,
            u"the server could not complete the request"_s);
    }
}

std::variant<QJsonObject, QHttpServerResponse> jsonBody(
    const QHttpServerRequest &request, qsizetype limit)
{
    const QByteArray body = request.body();
    if (body.size() > limit)
        return errorReply(HttpStatus::PayloadTooLarge, u"too_large"_s,
            u"the body is %1 bytes; the limit is %2"_s.arg(body.size()).arg(limit));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return errorReply(HttpStatus::BadRequest, u"invalid_json"_s,
            u"malformed JSON at offset %1: %2"_s.arg(parseError.offset)
                .arg(parseError.errorString()));
    if (!doc.isObject())
        return errorReply(
            HttpStatus::BadRequest, u"invalid_json"_s, u"the body must be a JSON object"_s);
    return doc.object();
}

QByteArray bearerToken(const QHttpServerRequest &request)
{
    const QByteArray value = request.value("authorization");
    return value.startsWith("Bearer ") ? value.mid(7).trimmed() : QByteArray();
}

} // namespace Tessera::Server
