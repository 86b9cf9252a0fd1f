// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/validation.h"

#include "domain/customfields.h"
#include "protocol/entityregistry.h"
#include "store/database.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Tessera::Sql {

Result<QList<CustomFieldDef>> customFieldDefinitions(const Database &db)
{
    QSqlQuery &query = db.prepared(u"SELECT data FROM custom_fields ORDER BY position, seq"_s);
    if (auto done = db.exec(query); !done)
        return done.error();
    QList<CustomFieldDef> definitions;
    while (query.next()) {
        const QJsonObject json
            = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
        if (auto def = Protocol::fromJson<CustomFieldDef>(json))
            definitions.append(def.value());
    }
    return definitions;
}

Result<QJsonObject> validateEntity(const Database &db, EntityKind kind, const QJsonObject &entity)
{
    auto canonical = Protocol::canonicalEntity(kind, entity);
    if (!canonical || kind != EntityKind::Ticket)
        return canonical;
    auto definitions = customFieldDefinitions(db);
    if (!definitions)
        return definitions.error();
    auto fields = validateCustomFields(canonical->value(u"custom_fields"_s).toObject(),
        definitions.value(), TicketTypeId::fromString(canonical->value(u"type_id"_s).toString()));
    if (!fields)
        return fields.error();
    QJsonObject result = canonical.value();
    result.insert(u"custom_fields"_s, fields.value());
    return result;
}

} // namespace Tessera::Sql
