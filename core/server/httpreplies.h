// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QHttpServerResponse>
#include <QJsonObject>

#include <variant>

class QHttpServerRequest;

// The answers every endpoint shares: errors as {"error":{"code","message",
// "field"}} with the matching status, JSON bodies read with a size limit.

namespace Tessera::Server {

using HttpStatus = QHttpServerResponse::StatusCode;

QHttpServerResponse errorReply(
    HttpStatus status, const QString &code, const QString &message, const QString &field = {});
/// The status and code that match a store error; storage faults are logged
/// and answered without their detail.
QHttpServerResponse errorReply(const Error &e);
/// The JSON object of a request body, or the 4xx that explains why not.
std::variant<QJsonObject, QHttpServerResponse> jsonBody(
    const QHttpServerRequest &request, qsizetype limit);
/// The token of an "Authorization: Bearer …" header; empty without one.
QByteArray bearerToken(const QHttpServerRequest &request);

} // namespace Tessera::Server
