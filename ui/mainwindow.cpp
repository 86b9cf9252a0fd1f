// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "details/conflictsindicator.h"
#include "details/presencetracker.h"
#include "details/ticketdetailswidget.h"
#include "details/ticketwindow.h"
#include "settings/settingsdialog.h"
#include "shortcutsdialog.h"
#include "sla/breachwatcher.h"
#include "store/store.h"
#include "sync/syncengine.h"
#include "tickets/bulkeditcommand.h"
#include "tickets/newticketdialog.h"
#include "tickets/ticketlistmodel.h"
#include "tickets/ticketlistview.h"
#include "tickets/ticketstyle.h"
#include "time/duration.h"
#include "time/timerindicator.h"
#include "time/timesheetdialog.h"
#include "time/workflow.h"
#include "time/worktimer.h"
#include "uilogging.h"
#include "views/viewlistmodel.h"
#include "views/viewspanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
constexpr int LayoutVersion = 1; // bump when docks or toolbars change identity
}

struct MainWindow::Private
{
    WorkspaceInfo workspace;
    Store *store = nullptr;
    QueryContext context;
    ViewListModel *views = nullptr;
    ViewsPanel *viewsPanel = nullptr;
    TicketListModel *tickets = nullptr;
    TicketListView *ticketList = nullptr;
    TicketDetailsWidget *details = nullptr;
    QHash<TicketId, QPointer<TicketWindow>> windows;
    PresenceTracker *presence = nullptr;
    ConflictsIndicator *conflicts = nullptr;
    QUndoStack *undo = nullptr;
    QMenu *bulkMenu = nullptr;
    QString viewKey; // the view shown, for its column layout
    QString searchText;
    QDockWidget *viewsDock = nullptr;
    QDockWidget *ticketDock = nullptr;
    QLineEdit *search = nullptr;
    QLabel *syncState = nullptr;
    QProgressBar *syncProgress = nullptr;
    QPointer<Sync::SyncEngine> engine;
    QMenu *accountMenu = nullptr;
    QAction *syncNow = nullptr;
    QLabel *counters = nullptr;
    QAction *newTicket = nullptr;
    QAction *focusSearch = nullptr;
    QAction *quit = nullptr;
    WorkTimer *timer = nullptr;
    QAction *startWork = nullptr;
    QAction *stopWork = nullptr;
    TimerIndicator *toolbarTimer = nullptr;
    TimerIndicator *statusTimer = nullptr;
    BreachWatcher *breaches = nullptr;
    QSystemTrayIcon *tray = nullptr; // made on the first notification
    TicketId notifiedTicket; // what clicking the last notification opens
};

MainWindow::MainWindow(WorkspaceInfo workspace, Store *store, QueryContext context, QWidget *parent)
    : QMainWindow(parent)
    , d(std::make_unique<Private>())
{
    d->workspace = std::move(workspace);
    d->store = store;
    d->views = new ViewListModel(store, context, this);
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("%1 — Tessera").arg(d->workspace.name));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);

    d->context = context;
    d->undo = new QUndoStack(this);
    if (store) {
        d->timer = new WorkTimer(store, context.me, {}, this);
        TimeWorkflow::applySettings(*d->timer);
        d->breaches = new BreachWatcher(store, context.me, {}, this);
        d->breaches->setLeadMinutes(
            QSettings()
                .value(u"Notifications/slaLeadMinutes"_s, BreachWatcher::DefaultLeadMinutes)
                .toInt());
        connect(d->breaches, &BreachWatcher::warning, this,
            [this](TicketId id, BreachWatcher::Target which, const QDateTime &due) {
                notifyBreach(id, false, which == BreachWatcher::Target::FirstResponse, due);
            });
        connect(d->breaches, &BreachWatcher::breached, this,
            [this](TicketId id, BreachWatcher::Target which, const QDateTime &due) {
                notifyBreach(id, true, which == BreachWatcher::Target::FirstResponse, due);
            });
        // Targets already close when the window opens are news too.
        QMetaObject::invokeMethod(d->breaches, &BreachWatcher::check, Qt::QueuedConnection);
    }
    d->tickets = new TicketListModel(store, context, this);
    d->ticketList = new TicketListView(this);
    d->ticketList->setObjectName(u"ticketList"_s);
    d->ticketList->setModel(d->tickets);
    d->ticketList->setContextMenuPolicy(Qt::CustomContextMenu);
    // The list is the work: in a small window the docks give way, not the list.
    d->ticketList->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    setCentralWidget(d->ticketList);

    createDocks();
    createActions();

    d->syncState = new QLabel(this);
    d->syncState->setObjectName(u"syncState"_s);
    d->syncState->setText(d->workspace.local ? tr("Local workspace") : tr("Connecting…"));
    d->syncState->setToolTip(d->workspace.serverUrl);
    d->counters = new QLabel(this);
    d->counters->setObjectName(u"counters"_s);
    d->counters->setTextFormat(Qt::RichText);
    d->counters->setTextInteractionFlags(Qt::LinksAccessibleByMouse);
    connect(d->counters, &QLabel::linkActivated, this,
        [this](const QString &key) { d->viewsPanel->selectView(key); });
    connect(d->views, &ViewListModel::countsUpdated, this, &MainWindow::updateCounters);
    updateCounters();
    d->syncProgress = new QProgressBar(this);
    d->syncProgress->setObjectName(u"syncProgress"_s);
    d->syncProgress->setMaximumWidth(160);
    d->syncProgress->setMaximumHeight(fontMetrics().height());
    d->syncProgress->hide();
    statusBar()->addWidget(d->counters, 1);
    if (d->store) {
        d->conflicts = new ConflictsIndicator(*d->store, this);
        d->conflicts->setObjectName(u"conflictsIndicator"_s);
        connect(d->conflicts, &ConflictsIndicator::openTicketRequested, this,
            &MainWindow::revealTicket);
        statusBar()->addPermanentWidget(d->conflicts);
    }
    if (d->timer) {
        d->statusTimer = new TimerIndicator(*d->timer, *d->store, this);
        d->statusTimer->setObjectName(u"statusTimer"_s);
        connect(d->statusTimer, &TimerIndicator::openTicketRequested, this,
            &MainWindow::openTicketWindow);
        statusBar()->addPermanentWidget(d->statusTimer);
        // Starting on another ticket logs the first one without a dialog: say so.
        connect(d->timer, &WorkTimer::logged, this, [this](const TimeEntry &entry) {
            statusBar()->showMessage(tr("Logged %1 on %2")
                                         .arg(formatMinutes(entry.minutes),
                                             TimeWorkflow::ticketText(*d->store, entry.ticketId)),
                5000);
        });
    }
    statusBar()->addPermanentWidget(d->syncProgress);
    statusBar()->addPermanentWidget(d->syncState);

    if (d->details)
        connect(d->ticketList, &TicketListView::currentTicketChanged, d->details,
            &TicketDetailsWidget::setTicket);
    connect(d->ticketList, &TicketListView::openRequested, this, &MainWindow::openTicketWindow);
    connect(d->ticketList, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        if (!d->ticketList->selectedTicketIds().isEmpty())
            d->bulkMenu->popup(d->ticketList->viewport()->mapToGlobal(at));
    });
    connect(d->viewsPanel, &ViewsPanel::viewActivated, this, &MainWindow::showView);

    restoreLayout();
    const QString lastView = QSettings().value(u"MainWindow/view"_s).toString();
    if (lastView.isEmpty() || !d->viewsPanel->selectView(lastView))
        d->viewsPanel->activateView(0);
}

MainWindow::~MainWindow() = default;

void MainWindow::showView(const ViewSpec &spec, const QString &key)
{
    // Each view keeps its own column layout.
    QSettings settings;
    if (!d->viewKey.isEmpty())
        settings.setValue(u"TicketColumns/"_s + d->viewKey, d->ticketList->saveState());
    d->viewKey = key;
    settings.setValue(u"MainWindow/view"_s, key);
    d->tickets->setSearchText(d->searchText);
    d->tickets->setView(spec);
    // A view never shown here starts from its own columns, not the last one's.
    if (!d->ticketList->restoreState(settings.value(u"TicketColumns/"_s + key).toByteArray()))
        d->ticketList->applyColumns(spec.columns);
}

void MainWindow::revealTicket(TicketId id)
{
    // In the list when it is there, else in a window of its own.
    if (!d->ticketList->setCurrentTicket(id))
        openTicketWindow(id);
    else
        d->ticketDock->show();
}

void MainWindow::notifyBreach(TicketId id, bool missed, bool firstResponse, const QDateTime &due)
{
    const QString ticket = TimeWorkflow::ticketText(*d->store, id);
    const QString time = QLocale().toString(due.toLocalTime().time(), QLocale::ShortFormat);
    QString title;
    if (missed)
        title = firstResponse ? tr("First response overdue") : tr("Resolution overdue");
    else
        title = firstResponse ? tr("First response due at %1").arg(time)
                              : tr("Resolution due at %1").arg(time);
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages()) {
        statusBar()->showMessage(tr("%1: %2").arg(title, ticket));
        return;
    }
    if (!d->tray) {
        QIcon icon = QApplication::windowIcon();
        d->tray = new QSystemTrayIcon(icon.isNull() ? windowIcon() : icon, this);
        d->tray->setToolTip(tr("Tessera"));
        connect(d->tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!d->notifiedTicket.isValid())
                return;
            showNormal();
            raise();
            activateWindow();
            openTicketWindow(d->notifiedTicket);
        });
        d->tray->show();
    }
    d->notifiedTicket = id;
    d->tray->showMessage(
        title, ticket, missed ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
}

TicketWindow *MainWindow::openTicketWindow(TicketId id)
{
    if (!d->store || !id.isValid())
        return nullptr;
    if (TicketWindow *open = d->windows.value(id)) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto *window = new TicketWindow(*d->store, d->context, id, this);
    window->details()->setEngine(d->engine);
    window->details()->setPresence(d->presence);
    window->details()->setWorkTimer(d->timer);
    if (d->timer) {
        // The window's own Ctrl+T: the main window's does not reach it.
        auto *start = new QAction(tr("Start Work"), window);
        start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
        connect(
            start, &QAction::triggered, window->details()->startWorkAction(), &QAction::trigger);
        window->addAction(start);
    }
    connect(window->details(), &TicketDetailsWidget::openTicketRequested, this,
        &MainWindow::openTicketWindow);
    connect(window->details(), &TicketDetailsWidget::createChildRequested, this,
        [this, window](TicketId parent, TicketKind kind) { createTicket(parent, kind, window); });
    // Closed windows leave null pointers behind; drop them as new ones open.
    d->windows.removeIf([](const auto &entry) { return entry.value().isNull(); });
    d->windows.insert(id, window);
    window->show();
    return window;
}

TicketId MainWindow::createTicket(TicketId parent, TicketKind kind, QWidget *over)
{
    if (!d->store)
        return {};
    NewTicketDialog dialog(*d->store, d->context, over);
    if (kind == TicketKind::Task)
        dialog.setKind(kind);
    if (parent.isValid())
        dialog.setParentTicket(parent);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    const TicketId created = dialog.createdTicket();
    // The new ticket is what the agent works on next: show it, even if the view hides it.
    if (!d->ticketList->setCurrentTicket(created) && d->details)
        d->details->setTicket(created);
    d->ticketDock->show();
    if (d->engine)
        QMetaObject::invokeMethod(d->engine, &Sync::SyncEngine::syncNow);
    return created;
}

TicketDetailsWidget *MainWindow::ticketDetails() const
{
    return d->details;
}

void MainWindow::runBulkEdit(
    const QString &text, std::function<QJsonObject(const QJsonObject &)> change)
{
    const QList<TicketId> selected = d->ticketList->selectedTicketIds();
    if (selected.isEmpty() || !d->store)
        return;
    auto *command = new BulkEditCommand(*d->store, selected, std::move(change),
        tr("%1 (%n ticket(s))", nullptr, int(selected.size())).arg(text), d->context.me);
    d->undo->push(command);
    if (!command->failures().isEmpty())
        QMessageBox::warning(this, tr("Some Tickets Were Not Changed"),
            tr("%n ticket(s) could not be changed:", nullptr, int(command->failures().size()))
                + u"\n"_s + command->failures().mid(0, 10).join(u"\n"_s));
}

void MainWindow::fillBulkMenu()
{
    QMenu *menu = d->bulkMenu;
    menu->clear();
    if (!d->store)
        return;
    const auto setter = [this](const QString &key, const QJsonValue &value) {
        return [key, value](const QJsonObject &) {
            return QJsonObject { { key, value } };
        };
    };
    if (d->startWork) {
        menu->addAction(d->startWork);
        menu->addAction(d->stopWork);
        menu->addSeparator();
    }
    QAction *mine = menu->addAction(QIcon::fromTheme(u"user-identity"_s), tr("Assign to &Me"));
    mine->setObjectName(u"actionAssignToMe"_s);
    mine->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    addAction(mine);
    connect(mine, &QAction::triggered, this, [this, setter] {
        runBulkEdit(tr("Assign to me"), setter(u"assignee_id"_s, d->context.me.toString()));
    });

    const QList<Person> people = d->store->all<Person>();
    QMenu *assign = menu->addMenu(tr("&Assign To"));
    for (const Person &p : people) {
        if (p.kind != PersonKind::Agent || !p.active)
            continue;
        connect(assign->addAction(p.name), &QAction::triggered, this, [this, setter, p] {
            runBulkEdit(tr("Assign to %1").arg(p.name), setter(u"assignee_id"_s, p.id.toString()));
        });
    }
    QMenu *status = menu->addMenu(tr("Set &Status"));
    status->setObjectName(u"bulkStatusMenu"_s);
    const QList<TicketType> types = d->store->all<TicketType>();
    QList<Status> statuses = d->store->all<Status>();
    std::stable_sort(statuses.begin(), statuses.end(),
        [](const Status &a, const Status &b) { return a.position < b.position; });
    // One section per type, in its lifecycle's order: a status belongs to one type.
    for (const TicketType &t : types) {
        if (types.size() > 1)
            status->addSection(t.name);
        for (const Status &st : std::as_const(statuses)) {
            if (st.typeId != t.id)
                continue;
            QAction *action = status->addAction(st.name);
            action->setIcon(TicketStyle::statusDot(QColor(st.color), palette()));
            connect(action, &QAction::triggered, this, [this, st] {
                // Tickets of other types keep their status.
                runBulkEdit(tr("Set status %1").arg(st.name), [st](const QJsonObject &ticket) {
                    if (ticket.value(u"type_id"_s).toString() != st.typeId.toString())
                        return QJsonObject {};
                    return QJsonObject { { u"status_id"_s, st.id.toString() } };
                });
            });
        }
    }
    QMenu *priority = menu->addMenu(tr("Set &Priority"));
    const std::pair<const char *, QString> priorities[]
        = { { QT_TR_NOOP("Low"), u"low"_s }, { QT_TR_NOOP("Normal"), u"normal"_s },
              { QT_TR_NOOP("High"), u"high"_s }, { QT_TR_NOOP("Urgent"), u"urgent"_s } };
    for (const auto &[name, wire] : priorities) {
        connect(
            priority->addAction(tr(name)), &QAction::triggered, this, [this, setter, name, wire] {
                runBulkEdit(tr("Set priority %1").arg(tr(name)), setter(u"priority"_s, wire));
            });
    }
    QMenu *type = menu->addMenu(tr("Set &Type"));
    for (const TicketType &t : types) {
        connect(type->addAction(t.name), &QAction::triggered, this, [this, t] {
            // A new type brings its default status.
            runBulkEdit(tr("Set type %1").arg(t.name), [t](const QJsonObject &) {
                return QJsonObject { { u"type_id"_s, t.id.toString() },
                    { u"status_id"_s, t.defaultStatusId.toString() } };
            });
        });
    }
    QMenu *project = menu->addMenu(tr("Move to P&roject"));
    for (const Project &pr : d->store->all<Project>()) {
        connect(project->addAction(pr.name), &QAction::triggered, this, [this, setter, pr] {
            runBulkEdit(tr("Move to %1").arg(pr.name), setter(u"project_id"_s, pr.id.toString()));
        });
    }
    QMenu *follower = menu->addMenu(tr("Add &Follower"));
    for (const Person &p : people) {
        if (p.kind != PersonKind::Agent || !p.active)
            continue;
        connect(follower->addAction(p.name), &QAction::triggered, this, [this, p] {
            runBulkEdit(tr("Add follower %1").arg(p.name), [p](const QJsonObject &ticket) {
                QJsonArray followers = ticket.value(u"follower_ids"_s).toArray();
                if (followers.contains(p.id.toString()))
                    return QJsonObject {};
                followers.append(p.id.toString());
                return QJsonObject { { u"follower_ids"_s, followers } };
            });
        });
    }
}

void MainWindow::createDocks()
{
    d->viewsDock = new QDockWidget(tr("Views"), this);
    d->viewsDock->setObjectName(u"viewsDock"_s);
    d->viewsPanel = new ViewsPanel(d->views, d->viewsDock);
    d->viewsPanel->setObjectName(u"viewsPanel"_s);
    d->viewsDock->setWidget(d->viewsPanel);
    addDockWidget(Qt::LeftDockWidgetArea, d->viewsDock);

    d->ticketDock = new QDockWidget(tr("Ticket"), this);
    d->ticketDock->setObjectName(u"ticketDock"_s);
    if (d->store) {
        d->presence = new PresenceTracker(d->context.me, this);
        d->details = new TicketDetailsWidget(*d->store, d->context, u"dock"_s, d->ticketDock);
        d->details->setPresence(d->presence);
        d->details->setWorkTimer(d->timer);
        d->details->setObjectName(u"ticketDetails"_s);
        connect(d->details, &TicketDetailsWidget::openTicketRequested, this,
            &MainWindow::openTicketWindow);
        connect(d->details, &TicketDetailsWidget::createChildRequested, this,
            [this](TicketId parent, TicketKind kind) { createTicket(parent, kind, this); });
        d->ticketDock->setWidget(d->details);
    } else {
        auto *empty = new QLabel(tr("No workspace is open."), d->ticketDock);
        empty->setAlignment(Qt::AlignCenter);
        d->ticketDock->setWidget(empty);
    }
    addDockWidget(Qt::RightDockWidgetArea, d->ticketDock);
    resizeDocks({ d->viewsDock, d->ticketDock }, { 220, 380 }, Qt::Horizontal);
}

void MainWindow::createActions()
{
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    d->newTicket = fileMenu->addAction(QIcon::fromTheme(u"document-new"_s), tr("&New Ticket…"));
    d->newTicket->setObjectName(u"actionNewTicket"_s);
    d->newTicket->setShortcut(QKeySequence::New);
    d->newTicket->setEnabled(d->store != nullptr);
    connect(d->newTicket, &QAction::triggered, this,
        [this] { createTicket({}, TicketKind::Ticket, this); });
    fileMenu->addSeparator();
    d->syncNow = fileMenu->addAction(QIcon::fromTheme(u"view-refresh"_s), tr("S&ync Now"));
    d->syncNow->setObjectName(u"actionSyncNow"_s);
    d->syncNow->setShortcut(QKeySequence::Refresh);
    d->syncNow->setEnabled(false);
    connect(d->syncNow, &QAction::triggered, this, [this] {
        if (d->engine)
            QMetaObject::invokeMethod(d->engine, &Sync::SyncEngine::syncNow);
    });
    d->accountMenu = fileMenu->addMenu(QIcon::fromTheme(u"system-users"_s), tr("&Account"));
    d->accountMenu->setObjectName(u"accountMenu"_s);
    fileMenu->addSeparator();
    d->quit = fileMenu->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"));
    d->quit->setShortcut(QKeySequence::Quit);
    d->quit->setMenuRole(QAction::QuitRole);
    connect(d->quit, &QAction::triggered, this, &QWidget::close);

    auto *editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = d->undo->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(u"actionUndo"_s);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = d->undo->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(u"actionRedo"_s);
    redo->setShortcut(QKeySequence::Redo);
    editMenu->addAction(undo);
    editMenu->addAction(redo);
    editMenu->addSeparator();
    QAction *settings = editMenu->addAction(QIcon::fromTheme(u"configure"_s), tr("&Settings…"));
    settings->setObjectName(u"actionSettings"_s);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    settings->setEnabled(d->store != nullptr);
    connect(settings, &QAction::triggered, this, [this] {
        SettingsDialog dialog(*d->store, d->context, this);
        dialog.setSyncEngine(d->engine);
        dialog.exec();
    });

    if (d->timer) {
        d->startWork
            = new QAction(QIcon::fromTheme(u"media-playback-start"_s), tr("Start &Work"), this);
        d->startWork->setObjectName(u"actionStartWork"_s);
        d->startWork->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
        d->startWork->setToolTip(tr("Start the timer on the current ticket (Ctrl+T)"));
        addAction(d->startWork);
        connect(d->startWork, &QAction::triggered, this, [this] {
            TicketId ticket = d->ticketList->currentTicket();
            if (!ticket.isValid() && d->details)
                ticket = d->details->ticket();
            TimeWorkflow::startWork(*d->timer, ticket, this);
        });
        d->stopWork
            = new QAction(QIcon::fromTheme(u"media-playback-stop"_s), tr("St&op Work…"), this);
        d->stopWork->setObjectName(u"actionStopWork"_s);
        d->stopWork->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
        d->stopWork->setToolTip(tr("Stop the timer and log the time (Ctrl+Shift+T)"));
        addAction(d->stopWork);
        connect(d->stopWork, &QAction::triggered, this,
            [this] { TimeWorkflow::stopWork(*d->timer, *d->store, this); });
        const auto update = [this] {
            d->stopWork->setEnabled(d->timer->running().has_value());
        };
        connect(d->timer, &WorkTimer::runningChanged, this, update);
        update();
    }

    d->bulkMenu = menuBar()->addMenu(tr("&Tickets"));
    d->bulkMenu->setObjectName(u"bulkMenu"_s);
    fillBulkMenu();
    if (d->store) {
        // New statuses, agents and projects show up without a restart.
        connect(d->store, &Store::changed, this, [this](EntityKind kind) {
            if (kind == EntityKind::Person || kind == EntityKind::Status
                || kind == EntityKind::TicketType || kind == EntityKind::Project)
                fillBulkMenu();
        });
    }

    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    d->focusSearch = viewMenu->addAction(QIcon::fromTheme(u"edit-find"_s), tr("&Search Tickets"));
    d->focusSearch->setObjectName(u"actionSearch"_s);
    d->focusSearch->setShortcut(QKeySequence::Find);
    viewMenu->addSeparator();
    QAction *toggleViews = d->viewsDock->toggleViewAction();
    toggleViews->setObjectName(u"actionToggleViews"_s);
    toggleViews->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    viewMenu->addAction(toggleViews);
    QAction *toggleTicket = d->ticketDock->toggleViewAction();
    toggleTicket->setObjectName(u"actionToggleTicket"_s);
    toggleTicket->setText(tr("Ticket &Details"));
    toggleTicket->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    viewMenu->addAction(toggleTicket);
    viewMenu->addSeparator();
    QMenu *goTo = viewMenu->addMenu(tr("&Go to View"));
    for (int i = 0; i < 9; ++i) {
        QAction *go = goTo->addAction(tr("View %1").arg(i + 1));
        go->setObjectName(u"actionView%1"_s.arg(i + 1));
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(go, &QAction::triggered, this, [this, i] { d->viewsPanel->activateView(i); });
    }
    viewMenu->addSeparator();
    for (QAction *action : d->viewsPanel->viewActions())
        viewMenu->addAction(action);

    auto *toolsMenu = menuBar()->addMenu(tr("T&ools"));
    toolsMenu->setObjectName(u"toolsMenu"_s);
    QAction *timesheet
        = toolsMenu->addAction(QIcon::fromTheme(u"view-calendar-week"_s), tr("&Timesheet…"));
    timesheet->setObjectName(u"actionTimesheet"_s);
    timesheet->setEnabled(d->store != nullptr);
    connect(timesheet, &QAction::triggered, this, [this] {
        TimesheetDialog dialog(*d->store, d->context.me, this);
        connect(
            &dialog, &TimesheetDialog::openTicketRequested, this, &MainWindow::openTicketWindow);
        dialog.exec();
    });
    toolsMenu->addSeparator();
    QAction *assignOnStart = toolsMenu->addAction(tr("&Assign Tickets When Starting Work"));
    assignOnStart->setObjectName(u"actionAssignOnStart"_s);
    assignOnStart->setCheckable(true);
    assignOnStart->setChecked(TimeWorkflow::assignOnStart());
    connect(assignOnStart, &QAction::toggled, this, [this](bool on) {
        TimeWorkflow::setAssignOnStart(on);
        if (d->timer)
            d->timer->setAssignOnStart(on);
    });
    QAction *billable = toolsMenu->addAction(tr("Log Time as &Billable by Default"));
    billable->setObjectName(u"actionBillableByDefault"_s);
    billable->setCheckable(true);
    billable->setChecked(TimeWorkflow::billableByDefault());
    connect(billable, &QAction::toggled, this, [this](bool on) {
        TimeWorkflow::setBillableByDefault(on);
        if (d->timer)
            d->timer->setBillableByDefault(on);
    });

    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = helpMenu->addAction(tr("&Keyboard Shortcuts"));
    shortcuts->setObjectName(u"actionShortcuts"_s);
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(shortcuts, &QAction::triggered, this, [this] {
        ShortcutsDialog dialog(this, this);
        dialog.exec();
    });
    QAction *about = helpMenu->addAction(tr("&About Tessera"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Tessera"),
            tr("<h3>Tessera %1</h3><p>A native desktop helpdesk that keeps working offline.</p>")
                .arg(QStringLiteral(TESSERA_VERSION)));
    });

    auto *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(d->newTicket);
    d->search = new QLineEdit(toolBar);
    d->search->setObjectName(u"searchField"_s);
    d->search->setPlaceholderText(tr("Search tickets (Ctrl+F)"));
    d->search->setClearButtonEnabled(true);
    d->search->setMaximumWidth(360);
    toolBar->addWidget(d->search);
    auto *bulkButton = new QToolButton(toolBar);
    bulkButton->setObjectName(u"bulkButton"_s);
    bulkButton->setText(tr("Bulk Edit"));
    bulkButton->setIcon(QIcon::fromTheme(u"document-edit"_s));
    bulkButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bulkButton->setPopupMode(QToolButton::InstantPopup);
    bulkButton->setMenu(d->bulkMenu);
    toolBar->addWidget(bulkButton);
    toolBar->addAction(d->syncNow);
    if (d->timer) {
        toolBar->addSeparator();
        d->toolbarTimer = new TimerIndicator(*d->timer, *d->store, toolBar);
        d->toolbarTimer->setObjectName(u"toolbarTimer"_s);
        connect(d->toolbarTimer, &TimerIndicator::openTicketRequested, this,
            &MainWindow::openTicketWindow);
        toolBar->addWidget(d->toolbarTimer);
        toolBar->addAction(d->startWork);
        toolBar->addAction(d->stopWork);
    }
    // Full-text results are a temporary view: the current one, narrowed.
    connect(d->search, &QLineEdit::returnPressed, this, [this] {
        d->searchText = d->search->text().trimmed();
        d->tickets->setSearchText(d->searchText);
    });
    connect(d->search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && !d->searchText.isEmpty()) {
            d->searchText.clear();
            d->tickets->setSearchText({});
        }
    });
    connect(d->focusSearch, &QAction::triggered, d->search, [this] {
        d->search->setFocus(Qt::ShortcutFocusReason);
        d->search->selectAll();
    });
}

void MainWindow::setSyncEngine(Sync::SyncEngine *engine)
{
    d->engine = engine;
    d->syncNow->setEnabled(engine != nullptr);
    if (d->details)
        d->details->setEngine(engine);
    if (d->presence)
        d->presence->setEngine(engine);
    if (d->conflicts)
        d->conflicts->setEngine(engine);
    for (TicketWindow *window : std::as_const(d->windows)) {
        if (window)
            window->details()->setEngine(engine);
    }
    if (!engine)
        return;
    using Sync::SyncEngine;
    connect(engine, &SyncEngine::stateChanged, this, [this](SyncEngine::State state) {
        switch (state) {
        case SyncEngine::State::Offline:
            d->syncState->setText(tr("Offline — changes are kept and sent later"));
            d->syncProgress->hide();
            break;
        case SyncEngine::State::Syncing:
            d->syncState->setText(tr("Syncing…"));
            break;
        case SyncEngine::State::Online:
            d->syncState->setText(d->workspace.local ? tr("Local workspace") : tr("Online"));
            d->syncProgress->hide();
            break;
        }
    });
    connect(engine, &SyncEngine::progress, this, [this](qint64 done, qint64 total) {
        // Only a long pull (a first sync, a return after days away) is worth a bar.
        if (total < 5000 || done >= total) {
            d->syncProgress->hide();
            return;
        }
        d->syncProgress->setRange(0, 1000);
        d->syncProgress->setValue(int(1000 * done / total));
        d->syncProgress->setFormat(tr("%p %"));
        d->syncProgress->setToolTip(
            tr("%1 of %2 changes").arg(QLocale().toString(done), QLocale().toString(total)));
        d->syncProgress->show();
        d->syncState->setText(
            tr("Syncing %1 of %2…").arg(QLocale().toString(done), QLocale().toString(total)));
    });
}

void MainWindow::setAccounts(const QList<Account> &accounts, const QString &current)
{
    d->accountMenu->clear();
    auto *group = new QActionGroup(d->accountMenu);
    for (const Account &account : accounts) {
        QAction *action = d->accountMenu->addAction(account.name);
        action->setCheckable(true);
        action->setChecked(account.key == current);
        action->setActionGroup(group);
        connect(action, &QAction::triggered, this, [this, key = account.key, current] {
            if (key != current)
                Q_EMIT switchAccountRequested(key);
        });
    }
    d->accountMenu->addSeparator();
    QAction *connectTeam = d->accountMenu->addAction(tr("&Connect to a Team Server…"));
    connectTeam->setObjectName(u"actionConnectAccount"_s);
    connect(connectTeam, &QAction::triggered, this, &MainWindow::connectAccountRequested);
    QAction *signOut = d->accountMenu->addAction(tr("Sign &Out"));
    signOut->setEnabled(current != Account::local().key);
    connect(signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
}

void MainWindow::updateCounters()
{
    const auto countOf = [this](const QString &key) -> QString {
        for (int row = 0; row < d->views->rowCount(); ++row) {
            const QModelIndex index = d->views->index(row);
            if (index.data(ViewListModel::KeyRole).toString() == key) {
                const qint64 count = index.data(ViewListModel::CountRole).toLongLong();
                return count < 0 ? tr("…") : QLocale().toString(count);
            }
        }
        return tr("…");
    };
    const auto link = [&](const QString &key, const QString &text) {
        return u"<a href=\"%1\">%2</a>"_s.arg(key, text.arg(countOf(key)).toHtmlEscaped());
    };
    d->counters->setText(link(u"my_tickets"_s, tr("Waiting for me: %1")) + u"&nbsp;&nbsp; "_s
        + link(u"due_today"_s, tr("Due today: %1")) + u"&nbsp;&nbsp; "_s
        + link(u"overdue"_s, tr("Overdue: %1")));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(u"MainWindow"_s);
    if (!restoreGeometry(settings.value(u"geometry"_s).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(u"state"_s).toByteArray(), LayoutVersion);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(u"MainWindow"_s);
    settings.setValue(u"geometry"_s, saveGeometry());
    settings.setValue(u"state"_s, saveState(LayoutVersion));
    settings.endGroup();
    if (!d->viewKey.isEmpty())
        settings.setValue(u"TicketColumns/"_s + d->viewKey, d->ticketList->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
    if (event->isAccepted())
        Q_EMIT closed();
}

} // namespace Tessera::Ui
