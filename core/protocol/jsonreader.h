// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "domain/ids.h"
#include "result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

namespace Tessera::Protocol {

/// Strict reader for one JSON object of the protocol. Every wrong type,
/// missing required key and unknown key becomes a message naming the key, so
/// a client or integrator learns exactly what was wrong. Read all keys, then
/// call finish().
class JsonReader
{
public:
    enum Presence { Optional, Required };

    JsonReader(const QJsonObject &object, QString context);

    QString string(
        QLatin1StringView key, Presence presence = Optional, qsizetype maxLength = 1 << 20);
    qint64 integer(QLatin1StringView key, qint64 min, qint64 max, qint64 fallback = 0,
        Presence presence = Optional);
    bool boolean(QLatin1StringView key, bool fallback = false);
    QDateTime dateTime(QLatin1StringView key, Presence presence = Optional);
    QJsonObject object(QLatin1StringView key);
    QJsonArray array(QLatin1StringView key);
    QDate date(QLatin1StringView key, Presence presence = Optional);
    QStringList stringList(QLatin1StringView key, qsizetype maxLength = 1 << 16);
    QList<int> intList(QLatin1StringView key, qint64 min, qint64 max);
    /// Any JSON value, unchecked (for values typed elsewhere, such as custom fields).
    QJsonValue value(QLatin1StringView key) { return take(key); }
    bool has(QLatin1StringView key) const { return m_object.contains(key); }

    template<typename Tag>
    Id<Tag> id(QLatin1StringView key, Presence presence = Optional)
    {
        const QString text = string(key, presence, 64);
        if (text.isEmpty())
            return {};
        const Id<Tag> parsed = Id<Tag>::fromString(text);
        if (!parsed.isValid())
            fail(key, QStringLiteral("is not a UUID"));
        return parsed;
    }

    template<typename Tag>
    QList<Id<Tag>> idList(QLatin1StringView key)
    {
        QList<Id<Tag>> ids;
        const QJsonArray items = array(key);
        for (const QJsonValue &item : items) {
            const Id<Tag> parsed = Id<Tag>::fromString(item.toString());
            if (!item.isString() || !parsed.isValid()) {
                fail(key, QStringLiteral("must be an array of UUID strings"));
                return {};
            }
            ids.append(parsed);
        }
        return ids;
    }

    template<typename E>
    E enumValue(QLatin1StringView key, E fallback, Presence presence = Optional)
    {
        const QString text = string(key, presence, 64);
        if (text.isEmpty())
            return fallback;
        if (const auto parsed = fromWireName<E>(text))
            return *parsed;
        QStringList allowed;
        for (const auto &entry : EnumNames<E>::names)
            allowed.append(QString(entry.second));
        fail(key, QStringLiteral("must be one of: ") + allowed.join(u", "));
        return fallback;
    }

    /// Records an error about `key` (also usable by callers for semantic checks).
    void fail(QLatin1StringView key, const QString &what);
    /// Reports the first error, or an unknown key; success when there is none.
    Result<void> finish() const;

private:
    QJsonValue take(QLatin1StringView key);

    QJsonObject m_object;
    QString m_context;
    QSet<QString> m_seen;
    QStringList m_errors;
};

QJsonValue dateTimeToJson(const QDateTime &value);

} // namespace Tessera::Protocol
