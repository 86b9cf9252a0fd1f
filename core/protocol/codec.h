// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <tuple>

namespace Tessera::Protocol {

/// Limits checked when a field is read from JSON.
struct FieldLimits
{
    bool required = false;
    qint64 min = std::numeric_limits<qint64>::min();
    qint64 max = std::numeric_limits<qint64>::max();
    qsizetype maxLength = 1 << 20;
};

/// One member of an entity and its wire key.
template<typename C, typename M>
struct Field
{
    QLatin1StringView key;
    M C::*member;
    FieldLimits limits;
};

template<typename C, typename M>
constexpr Field<C, M> field(const char *key, M C::*member, FieldLimits limits = {})
{
    return { QLatin1StringView(key), member, limits };
}

constexpr FieldLimits required { .required = true };
constexpr FieldLimits text(qsizetype maxLength, bool isRequired = false)
{
    return { .required = isRequired, .maxLength = maxLength };
}
constexpr FieldLimits range(qint64 min, qint64 max)
{
    return { .min = min, .max = max };
}

/// Specialised once per entity in codecs.h: `name` (for error messages) and
/// `fields`, a tuple of Field. Everything else is derived from that table.
template<typename T>
struct Codec;

template<typename T>
concept HasCodec = requires
{
    Codec<T>::fields;
};

// --- one value ----------------------------------------------------------------

inline QJsonValue encodeValue(const QString &v)
{
    return v;
}
inline QJsonValue encodeValue(bool v)
{
    return v;
}
inline QJsonValue encodeValue(int v)
{
    return v;
}
inline QJsonValue encodeValue(qint64 v)
{
    return v;
}
inline QJsonValue encodeValue(const QDateTime &v)
{
    return dateTimeToJson(v);
}
inline QJsonValue encodeValue(const QDate &v)
{
    return v.isValid() ? QJsonValue(v.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}
inline QJsonValue encodeValue(const QStringList &v)
{
    return QJsonArray::fromStringList(v);
}
inline QJsonValue encodeValue(const QJsonObject &v)
{
    return v;
}
inline QJsonValue encodeValue(const QJsonArray &v)
{
    return v;
}
inline QJsonValue encodeValue(const QJsonValue &v)
{
    return v;
}
inline QJsonValue encodeValue(const QList<QDate> &v)
{
    QJsonArray array;
    for (const QDate &date : v)
        array.append(date.toString(Qt::ISODate));
    return array;
}
inline QJsonValue encodeValue(const QList<int> &v)
{
    QJsonArray array;
    for (int i : v)
        array.append(i);
    return array;
}
template<typename Tag>
QJsonValue encodeValue(const Id<Tag> &v)
{
    return v.isValid() ? QJsonValue(v.toString()) : QJsonValue(QJsonValue::Null);
}
template<typename Tag>
QJsonValue encodeValue(const QList<Id<Tag>> &v)
{
    QJsonArray array;
    for (const auto &id : v)
        array.append(id.toString());
    return array;
}
template<typename E>
requires isWireEnum<E> QJsonValue encodeValue(E v)
{
    return toWireName(v);
}
template<HasCodec T>
QJsonObject toJson(const T &value);
template<HasCodec T>
QJsonValue encodeValue(const QList<T> &v)
{
    QJsonArray array;
    for (const auto &item : v)
        array.append(toJson(item));
    return array;
}

void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QString &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, bool &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, int &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, qint64 &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QDateTime &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QDate &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QStringList &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QJsonObject &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QJsonArray &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QJsonValue &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QList<int> &out);
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, QList<QDate> &out);

template<typename Tag>
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, Id<Tag> &out)
{
    out = r.id<Tag>(key, l.required ? JsonReader::Required : JsonReader::Optional);
}
template<typename Tag>
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &, QList<Id<Tag>> &out)
{
    out = r.idList<Tag>(key);
}
template<typename E>
requires isWireEnum<E>
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &l, E &out)
{
    out = r.enumValue<E>(key, out, l.required ? JsonReader::Required : JsonReader::Optional);
}
template<HasCodec T>
Result<T> fromJson(const QJsonObject &json);
template<HasCodec T>
void decodeValue(JsonReader &r, QLatin1StringView key, const FieldLimits &, QList<T> &out)
{
    out.clear();
    const QJsonArray items = r.array(key);
    for (const QJsonValue &item : items) {
        auto decoded = fromJson<T>(item.toObject());
        if (!item.isObject() || !decoded) {
            r.fail(key,
                item.isObject() ? decoded.error().message : QStringLiteral("must hold objects"));
            return;
        }
        out.append(std::move(decoded).value());
    }
}

// --- whole entities -------------------------------------------------------------

template<HasCodec T>
QJsonObject toJson(const T &value)
{
    QJsonObject json;
    std::apply([&](const auto &...f) { (json.insert(f.key, encodeValue(value.*(f.member))), ...); },
        Codec<T>::fields);
    return json;
}

/// Strict: wrong types, values out of range and unknown keys are errors.
/// Missing optional keys keep the member's default.
template<HasCodec T>
Result<T> fromJson(const QJsonObject &json)
{
    JsonReader reader(json, QString::fromLatin1(Codec<T>::name));
    T value;
    std::apply(
        [&](const auto &...f) { (decodeValue(reader, f.key, f.limits, value.*(f.member)), ...); },
        Codec<T>::fields);
    if (auto done = reader.finish(); !done)
        return done.error();
    return value;
}

/// The wire keys of an entity, in declaration order.
template<HasCodec T>
QStringList fieldKeys()
{
    QStringList keys;
    std::apply([&](const auto &...f) { (keys.append(QString(f.key)), ...); }, Codec<T>::fields);
    return keys;
}

} // namespace Tessera::Protocol
