// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "query/viewspec.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// The ticket's properties as an editable form. Which rows show, and in
/// which order, is the ticket type's panel layout (TicketType::panelLayout,
/// set by admins): the keys of the view catalogue ("status", "assignee",
/// "resolution_due", "cf:<uuid>"…). Each edit becomes one mutation at once;
/// a refusal shows under the row it concerns.
class PropertiesPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PropertiesPanel)

public:
    PropertiesPanel(Store &store, QueryContext context, QWidget *parent = nullptr);
    ~PropertiesPanel() override;

    /// Shows `ticket` (its JSON form from the cache). The rows are rebuilt
    /// only when the type or its layout changed; otherwise values update in
    /// place, and a row being edited keeps the agent's input.
    void setTicket(const QJsonObject &ticket);
    /// Definitions (types, statuses, people, fields…) changed: read them again.
    void reloadDefinitions();

    /// The property keys shown, in order.
    QStringList shownKeys() const;
    /// The editor of a row (for tests and keyboard focus), or nullptr.
    QWidget *editor(const QString &key) const;
    /// The inline error under a row ("" when none).
    QString errorText(const QString &key) const;

    /// The layout used when a type defines none: every standard property,
    /// then the type's custom fields.
    static QStringList defaultLayout(const QList<CustomFieldDef> &fields);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
