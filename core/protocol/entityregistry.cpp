// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/entityregistry.h"

namespace Tessera::Protocol {

Result<QJsonObject> canonicalEntity(EntityKind kind, const QJsonObject &json)
{
    return withEntityType(kind, [&]<typename T>() -> Result<QJsonObject> {
        auto decoded = fromJson<T>(json);
        if (!decoded)
            return decoded.error();
        return toJson(decoded.value());
    });
}

Result<QJsonObject> checkedEntity(EntityKind kind, const QJsonObject &json)
{
    return withEntityType(kind, [&]<typename T>() -> Result<QJsonObject> {
        static const qsizetype keys = toJson(T {}).size();
        auto decoded = fromJson<T>(json);
        if (!decoded)
            return decoded.error();
        // Strict decoding refused unknown keys, so as many keys means all of them.
        if (json.size() == keys)
            return json;
        return toJson(decoded.value());
    });
}

} // namespace Tessera::Protocol
