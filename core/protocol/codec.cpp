// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/codec.h"

namespace Tessera::Protocol {

namespace {
JsonReader::Presence presence(const FieldLimits &l)
{
    return l.required ? JsonReader::Required : JsonReader::Optional;
}
} // namespace

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QString &out)
{
    out = r.string(key, presence(l), l.maxLength);
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &, bool &out)
{
    out = r.boolean(key, out);
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, int &out)
{
    const qint64 min = std::max<qint64>(l.min, std::numeric_limits<int>::min());
    const qint64 max = std::min<qint64>(l.max, std::numeric_limits<int>::max());
    out = int(r.integer(key, min, max, out, presence(l)));
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, qint64 &out)
{
    out = r.integer(key, std::max<qint64>(l.min, -(qint64(1) << 53)),
        std::min<qint64>(l.max, qint64(1) << 53), out, presence(l));
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QDateTime &out)
{
    out = r.dateTime(key, presence(l));
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QDate &out)
{
    out = r.date(key, presence(l));
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QStringList &out)
{
    out = r.stringList(key, l.maxLength);
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &, QJsonObject &out)
{
    out = r.object(key);
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &, QJsonArray &out)
{
    out = r.array(key);
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &, QJsonValue &out)
{
    out = r.value(key);
    if (out.isUndefined())
        out = QJsonValue::Null;
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QList<int> &out)
{
    out = r.intList(key, l.min, l.max);
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &, QList<QDate> &out)
{
    out.clear();
    const QJsonArray items = r.array(key);
    for (const QJsonValue &item : items) {
        const QDate date = QDate::fromString(item.toString(), Qt::ISODate);
        if (!item.isString() || !date.isValid()) {
            r.fail(key, QStringLiteral("must be an array of ISO 8601 dates (YYYY-MM-DD)"));
            out.clear();
            return;
        }
        out.append(date);
    }
}

} // namespace Tessera::Protocol
