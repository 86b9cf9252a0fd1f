// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "domain/enums.h"
#include "domain/ids.h"

#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QIcon>
#include <QString>
#include <QUuid>

#include <optional>

class QSqlQuery;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// What the details tabs show of another ticket, read from its narrow row.
struct TicketSummary
{
    TicketId id;
    qint64 number = 0;
    QString title;
    TicketKind kind = TicketKind::Ticket;
    TicketTypeId typeId;
    StatusId statusId;
    PersonId requesterId;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool isValid() const { return id.isValid(); }
};

/// Names and colours for the ids the details tabs show, read one id at a
/// time from the cache and remembered until the kind changes (forget()).
/// Reference tables are small, but the panel needs only a handful of them.
class DetailsLookup
{
public:
    explicit DetailsLookup(const Store &store);

    /// Drops what is remembered of `kind` (after Store::changed).
    void forget(EntityKind kind);

    std::optional<Person> person(PersonId id) const;
    /// The person's name; "Unknown person" for an id the cache lacks.
    QString personName(PersonId id) const;
    std::optional<Status> status(StatusId id) const;
    QColor statusColor(StatusId id) const;
    std::optional<TicketType> type(TicketTypeId id) const;
    QIcon typeIcon(TicketTypeId id) const;
    std::optional<Organization> organization(OrganizationId id) const;
    std::optional<CustomFieldDef> customField(CustomFieldId id) const;
    /// Departments, organizations and projects by name; empty when unknown.
    QString name(EntityKind kind, const QUuid &id) const;

    /// The columns summary() reads, for queries on the tickets table.
    static QString summaryColumns();
    /// A row of summaryColumns() starting at `first`.
    static TicketSummary summary(const QSqlQuery &query, int first = 0);
    /// One ticket's summary; invalid when the cache lacks it.
    TicketSummary ticket(TicketId id) const;

private:
    std::optional<QJsonObject> json(EntityKind kind, const QUuid &id) const;

    const Store &m_store;
    mutable QHash<EntityKind, QHash<QUuid, std::optional<QJsonObject>>> m_cache;
};

} // namespace Tessera::Ui
