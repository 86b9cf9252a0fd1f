// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "accounts/accounts.h"
#include "query/viewspec.h"

#include <QJsonObject>
#include <QMainWindow>

#include <functional>
#include <memory>

namespace Tessera {
class Store;
namespace Sync {
class SyncEngine;
}
} // namespace Tessera

namespace Tessera::Ui {

class TicketDetailsWidget;
class TicketWindow;

/// What the main window is connected to, shown in its title and status bar.
struct WorkspaceInfo
{
    QString name; // "Local workspace", or the team server's name
    QString serverUrl; // where the sync engine talks to
    bool local = true; // backed by the embedded server
};

/// The agent's main window: Views dock on the left, the ticket list in the
/// centre, the Ticket details dock on the right. Window, dock and column
/// layout persist across restarts.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// `store` is the local cache (may be null: an empty window); `context`
    /// says who the agent is, for views such as "My tickets".
    explicit MainWindow(WorkspaceInfo workspace, Store *store = nullptr, QueryContext context = {},
        QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Shows the engine's state and first-sync progress in the status bar;
    /// F5 asks it to sync now. The engine may live on another thread.
    void setSyncEngine(Sync::SyncEngine *engine);
    /// Opens a ticket in its own window, or raises the window it has.
    TicketWindow *openTicketWindow(TicketId id);
    /// The New ticket dialog (Ctrl+N); with a parent, for a subticket or
    /// subtask. Returns the created ticket, shown in the details dock.
    TicketId createTicket(TicketId parent, TicketKind kind, QWidget *over);
    /// The Ticket details dock's content (null without a store).
    TicketDetailsWidget *ticketDetails() const;
    /// Fills the Account menu: the remembered accounts, `current` checked.
    void setAccounts(const QList<Account> &accounts, const QString &current);

Q_SIGNALS:
    void switchAccountRequested(const QString &key);
    void connectAccountRequested();
    void signOutRequested();
    /// The window was closed (the application quits).
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showView(const ViewSpec &spec, const QString &key);
    /// Selects a ticket in the list when it is there, else opens its window.
    void revealTicket(TicketId id);
    /// A desktop notification about an SLA target of one of the agent's tickets.
    void notifyBreach(TicketId id, bool missed, bool firstResponse, const QDateTime &due);

    void fillBulkMenu();
    void runBulkEdit(const QString &text, std::function<QJsonObject(const QJsonObject &)> change);
    void createActions();
    void createDocks();
    void updateCounters();
    void restoreLayout();
    void saveLayout() const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
