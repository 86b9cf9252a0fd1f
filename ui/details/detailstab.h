// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "details/detailslookup.h"
#include "domain/enums.h"
#include "domain/ids.h"

#include <QWidget>

class QTreeWidget;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// What the tabs of the ticket details panel share: the ticket they show,
/// lazy loading (nothing is read while the tab is hidden; a change seen
/// meanwhile reloads it when it is shown) and following Store::changed.
class DetailsTab : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsTab)

public:
    ~DetailsTab() override;

    TicketId ticket() const { return m_ticket; }
    /// Shows `id`; read at once when the tab is visible, else when shown.
    void setTicket(TicketId id);
    /// Reads the ticket's data again now, visible or not.
    void refresh();

Q_SIGNALS:
    /// The agent opened another ticket from this tab (double-click, Enter).
    void openTicketRequested(Tessera::TicketId id);

protected:
    DetailsTab(Store &store, QWidget *parent);

    Store &store() const { return m_store; }
    const DetailsLookup &lookup() const { return m_lookup; }

    /// Reads the data of ticket() and fills the widgets.
    virtual void reload() = 0;
    /// Whether a change to entities of `kind` can change what the tab shows.
    virtual bool dependsOn(EntityKind kind) const = 0;

    /// Emits openTicketRequested for the activated rows of `view` that
    /// carry a ticket id in Qt::UserRole (and ignores the others).
    void openFromActivatedRows(QTreeWidget *view);

    void showEvent(QShowEvent *event) override;

private:
    void storeChanged(EntityKind kind);
    void scheduleReload();

    Store &m_store;
    DetailsLookup m_lookup;
    TicketId m_ticket;
    bool m_stale = true;
    bool m_reloadQueued = false;
};

/// The item role of DetailsTab rows that holds the id (as a string) of the
/// ticket the row opens.
inline constexpr int TicketIdItemRole = Qt::UserRole;

} // namespace Tessera::Ui
