// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "query/viewfields.h"
#include "query/viewspec.h"

#include <QHash>
#include <QJsonValue>

#include <optional>

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// One value a field can take, as offered in pickers.
struct ViewChoice
{
    QString label;
    QJsonValue value; // as it goes into the ViewSpec
    friend bool operator==(const ViewChoice &, const ViewChoice &) = default;
};

/// The field catalogue (viewfields.h) with what the view editor offers for
/// each field: read once from the cache when the editor opens.
class ViewCatalogue
{
public:
    /// `store` may be null: fields without cache data (no people, statuses…).
    ViewCatalogue(Store *store, QueryContext context);

    Store *store() const { return m_store; }
    const QueryContext &context() const { return m_context; }
    const QList<ViewField> &fields() const { return m_fields; }
    std::optional<ViewField> field(const QString &name) const;
    /// The choices of an enum, choice, checkbox or reference field (none
    /// for free values and for tickets). People fields start with "@me",
    /// the department field with "@my_departments".
    QList<ViewChoice> choices(const ViewField &field) const;
    /// Fields the ticket list can show as columns.
    QList<ViewField> columnFields() const;

    /// "#123" for a ticket id, and the id of a ticket number (empty if none).
    QString ticketLabel(const QString &id) const;
    QString ticketId(qint64 number) const;

private:
    Store *m_store = nullptr;
    QueryContext m_context;
    QList<ViewField> m_fields;
    mutable QHash<int, QList<ViewChoice>> m_references; // by EntityKind, then agents-only
};

} // namespace Tessera::Ui
