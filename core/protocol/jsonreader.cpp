// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/jsonreader.h"

using namespace Qt::StringLiterals;

namespace Tessera::Protocol {

JsonReader::JsonReader(const QJsonObject &object, QString context)
    : m_object(object)
    , m_context(std::move(context))
{ }

QJsonValue JsonReader::take(QLatin1StringView key)
{
    m_seen.insert(QString(key));
    return m_object.value(key);
}

void JsonReader::fail(QLatin1StringView key, const QString &what)
{
    m_errors.append(m_context % u'.' % key % u' ' % what);
}

QString JsonReader::string(QLatin1StringView key, Presence presence, qsizetype maxLength)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull()) {
        if (presence == Required)
            fail(key, u"is required"_s);
        return {};
    }
    if (!value.isString()) {
        fail(key, u"must be a string"_s);
        return {};
    }
    QString text = value.toString();
    if (text.size() > maxLength) {
        fail(key, u"is longer than %1 characters"_s.arg(maxLength));
        return {};
    }
    // NUL ends strings in C APIs and PostgreSQL's text cannot hold it.
    if (text.contains(QChar(0))) {
        fail(key, u"must not contain NUL characters"_s);
        return {};
    }
    if (presence == Required && text.isEmpty())
        fail(key, u"must not be empty"_s);
    return text;
}

qint64 JsonReader::integer(
    QLatin1StringView key, qint64 min, qint64 max, qint64 fallback, Presence presence)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull()) {
        if (presence == Required)
            fail(key, u"is required"_s);
        return fallback;
    }
    const double number = value.toDouble();
    if (!value.isDouble() || number != double(qint64(number))) {
        fail(key, u"must be an integer"_s);
        return fallback;
    }
    const qint64 result = value.toInteger();
    if (result < min || result > max) {
        fail(key, u"must be between %1 and %2"_s.arg(min).arg(max));
        return fallback;
    }
    return result;
}

bool JsonReader::boolean(QLatin1StringView key, bool fallback)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool()) {
        fail(key, u"must be true or false"_s);
        return fallback;
    }
    return value.toBool();
}

QDateTime JsonReader::dateTime(QLatin1StringView key, Presence presence)
{
    const QString text = string(key, presence, 64);
    if (text.isEmpty())
        return {};
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        fail(key, u"is not an ISO 8601 date-time"_s);
        return {};
    }
    return parsed.toUTC();
}

QDate JsonReader::date(QLatin1StringView key, Presence presence)
{
    const QString text = string(key, presence, 32);
    if (text.isEmpty())
        return {};
    const QDate parsed = QDate::fromString(text, Qt::ISODate);
    if (!parsed.isValid())
        fail(key, u"is not an ISO 8601 date (YYYY-MM-DD)"_s);
    return parsed;
}

QStringList JsonReader::stringList(QLatin1StringView key, qsizetype maxLength)
{
    QStringList result;
    const QJsonArray items = array(key);
    for (const QJsonValue &item : items) {
        if (!item.isString() || item.toString().size() > maxLength
            || item.toString().contains(QChar(0))) {
            fail(key, u"must be an array of strings"_s);
            return {};
        }
        result.append(item.toString());
    }
    return result;
}

QList<int> JsonReader::intList(QLatin1StringView key, qint64 min, qint64 max)
{
    QList<int> result;
    const QJsonArray items = array(key);
    for (const QJsonValue &item : items) {
        const double number = item.toDouble();
        if (!item.isDouble() || number != double(qint64(number)) || number < double(min)
            || number > double(max)) {
            fail(key, u"must be an array of integers between %1 and %2"_s.arg(min).arg(max));
            return {};
        }
        result.append(int(number));
    }
    return result;
}

QJsonObject JsonReader::object(QLatin1StringView key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isObject())
        fail(key, u"must be an object"_s);
    return value.toObject();
}

QJsonArray JsonReader::array(QLatin1StringView key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray())
        fail(key, u"must be an array"_s);
    return value.toArray();
}

Result<void> JsonReader::finish() const
{
    if (!m_errors.isEmpty())
        return Error::invalid(m_errors.first());
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!m_seen.contains(it.key()))
            return Error::invalid(m_context % u'.' % it.key() % u" is not a known field"_s);
    }
    return {};
}

QJsonValue dateTimeToJson(const QDateTime &value)
{
    if (!value.isValid())
        return QJsonValue::Null;
    return value.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace Tessera::Protocol
