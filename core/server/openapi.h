// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

namespace Tessera::Server {

/// The OpenAPI 3 description of every endpoint, served at /api/v1/openapi.json.
QJsonObject openApiDocument();

} // namespace Tessera::Server
