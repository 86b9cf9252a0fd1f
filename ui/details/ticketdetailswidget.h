// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "domain/ids.h"
#include "query/viewspec.h"

#include <QWidget>

#include <memory>

class QTabWidget;

class QAction;

namespace Tessera {
class Store;
class WorkTimer;
namespace Sync {
class SyncEngine;
}
} // namespace Tessera

namespace Tessera::Ui {

class AttachmentList;
class ConflictBanner;
class PresenceTracker;
class DescriptionEditor;
class PropertiesPanel;
class TicketHeader;

/// Everything about one ticket, editable in place (PRODUCT.md C1–C4): the
/// header, the properties of the type's panel layout, the description and
/// attachments, and the tabs (Conversations, Time, Activity, Subtasks &
/// links, Requester). The same widget serves the Ticket details dock, which
/// follows the list's selection, and the ticket windows. It follows the
/// cache live: a colleague's change shows as soon as it is synced.
class TicketDetailsWidget : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketDetailsWidget)

public:
    /// `settingsKey` keeps this place's splitter and tab apart from the
    /// other places the widget is used ("dock", "window").
    TicketDetailsWidget(
        Store &store, QueryContext context, const QString &settingsKey, QWidget *parent = nullptr);
    ~TicketDetailsWidget() override;

    void setEngine(Sync::SyncEngine *engine);
    /// Enables Start/Stop Work here (the Actions menu and the Time tab).
    void setWorkTimer(WorkTimer *timer);
    /// Start Work on the shown ticket, or Stop Work when it runs on it.
    QAction *startWorkAction() const;
    /// Shows who else is on the shown ticket, and tells them this agent is.
    void setPresence(PresenceTracker *tracker);
    /// Shows a ticket (invalid: the empty state).
    void setTicket(TicketId id);
    TicketId ticket() const;

    TicketHeader *header() const;
    PropertiesPanel *properties() const;
    DescriptionEditor *description() const;
    AttachmentList *attachments() const;
    ConflictBanner *conflicts() const;
    QTabWidget *tabs() const;

    /// What the widget shows, as text: number, title, status, priority and
    /// each property row. Two widgets on the same ticket give the same text.
    QString shownText() const;

    /// Whether the widget lays out side by side (wide) or stacked (narrow).
    bool isWide() const;

Q_SIGNALS:
    /// The agent opened another ticket from here (a link, a subtask, the
    /// requester's history).
    void openTicketRequested(Tessera::TicketId id);
    /// "New Subticket…" / "New Subtask…": the New ticket dialog, preset.
    void createChildRequested(Tessera::TicketId parent, Tessera::TicketKind kind);
    /// The shown ticket's number or title changed (for a window title).
    void titleChanged(const QString &title);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void refresh();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
