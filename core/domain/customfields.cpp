// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/customfields.h"

#include <QDate>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {
Error wrong(const CustomFieldDef &def, const QString &what)
{
    return Error::invalid(u"custom field \"%1\" %2"_s.arg(def.name, what));
}
} // namespace

Result<QJsonValue> validateCustomFieldValue(const CustomFieldDef &def, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined()) {
        if (def.required)
            return wrong(def, u"is required"_s);
        return QJsonValue(QJsonValue::Null);
    }
    switch (def.fieldType) {
    case FieldType::Text:
        if (!value.isString())
            return wrong(def, u"must be text"_s);
        if (value.toString().size() > 4000)
            return wrong(def, u"is longer than 4000 characters"_s);
        if (value.toString().contains(QChar(0)))
            return wrong(def, u"must not contain NUL characters"_s);
        return value;
    case FieldType::Number:
        if (!value.isDouble())
            return wrong(def, u"must be a number"_s);
        return value;
    case FieldType::Date: {
        const QDate date = QDate::fromString(value.toString(), Qt::ISODate);
        if (!value.isString() || !date.isValid())
            return wrong(def, u"must be a date (YYYY-MM-DD)"_s);
        return QJsonValue(date.toString(Qt::ISODate));
    }
    case FieldType::Choice:
        if (!value.isString() || !def.choices.contains(value.toString()))
            return wrong(def, u"must be one of: %1"_s.arg(def.choices.join(u", ")));
        return value;
    case FieldType::MultiChoice: {
        if (!value.isArray())
            return wrong(def, u"must be a list of choices"_s);
        QStringList seen;
        const QJsonArray items = value.toArray();
        for (const QJsonValue &item : items) {
            if (!item.isString() || !def.choices.contains(item.toString()))
                return wrong(def, u"must only hold: %1"_s.arg(def.choices.join(u", ")));
            if (!seen.contains(item.toString()))
                seen.append(item.toString());
        }
        if (def.required && seen.isEmpty())
            return wrong(def, u"is required"_s);
        return QJsonValue(QJsonArray::fromStringList(seen));
    }
    case FieldType::Checkbox:
        if (!value.isBool())
            return wrong(def, u"must be true or false"_s);
        return value;
    case FieldType::User:
        if (!value.isString() || !PersonId::fromString(value.toString()).isValid())
            return wrong(def, u"must be a person id"_s);
        return QJsonValue(PersonId::fromString(value.toString()).toString());
    }
    return wrong(def, u"has an unknown type"_s);
}

Result<QJsonObject> validateCustomFields(
    const QJsonObject &values, const QList<CustomFieldDef> &definitions, TicketTypeId typeId)
{
    QJsonObject canonical;
    QSet<QString> known;
    for (const CustomFieldDef &def : definitions) {
        if (def.typeId.isValid() && def.typeId != typeId)
            continue;
        const QString key = def.id.toString();
        known.insert(key);
        auto checked = validateCustomFieldValue(def, values.value(key));
        if (!checked)
            return checked.error();
        if (!checked->isNull())
            canonical.insert(key, checked.value());
    }
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (!known.contains(it.key()))
            return Error::invalid(
                u"custom field %1 does not exist for this ticket type"_s.arg(it.key()));
    }
    return canonical;
}

} // namespace Tessera
