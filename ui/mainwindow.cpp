// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "sync/syncengine.h"
#include "uilogging.h"
#include "views/viewlistmodel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QSettings>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
constexpr int LayoutVersion = 1; // bump when docks or toolbars change identity
}

struct MainWindow::Private
{
    WorkspaceInfo workspace;
    Store *store = nullptr;
    ViewListModel *views = nullptr;
    QTreeView *ticketList = nullptr;
    QTreeView *viewList = nullptr;
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
};

MainWindow::MainWindow(WorkspaceInfo workspace, Store *store, QueryContext context, QWidget *parent)
    : QMainWindow(parent)
    , d(std::make_unique<Private>())
{
    d->workspace = std::move(workspace);
    d->store = store;
    d->views = new ViewListModel(store, std::move(context), this);
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("%1 — Tessera").arg(d->workspace.name));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);

    d->ticketList = new QTreeView(this);
    d->ticketList->setObjectName(u"ticketList"_s);
    d->ticketList->setRootIsDecorated(true);
    d->ticketList->setUniformRowHeights(true);
    d->ticketList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    d->ticketList->setAlternatingRowColors(true);
    d->ticketList->setSortingEnabled(false);
    auto *placeholderModel = new QStandardItemModel(0, 6, d->ticketList);
    placeholderModel->setHorizontalHeaderLabels(
        { tr("Number"), tr("Title"), tr("Status"), tr("Priority"), tr("Assignee"), tr("Due") });
    d->ticketList->setModel(placeholderModel);
    d->ticketList->header()->setStretchLastSection(false);
    d->ticketList->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    setCentralWidget(d->ticketList);

    createDocks();
    createActions();

    d->syncState = new QLabel(this);
    d->syncState->setObjectName(u"syncState"_s);
    d->syncState->setText(d->workspace.local ? tr("Local workspace") : tr("Connecting…"));
    d->syncState->setToolTip(d->workspace.serverUrl);
    d->counters = new QLabel(this);
    d->counters->setObjectName(u"counters"_s);
    connect(d->views, &ViewListModel::countsUpdated, this, &MainWindow::updateCounters);
    updateCounters();
    d->syncProgress = new QProgressBar(this);
    d->syncProgress->setObjectName(u"syncProgress"_s);
    d->syncProgress->setMaximumWidth(160);
    d->syncProgress->setMaximumHeight(fontMetrics().height());
    d->syncProgress->hide();
    statusBar()->addWidget(d->counters, 1);
    statusBar()->addPermanentWidget(d->syncProgress);
    statusBar()->addPermanentWidget(d->syncState);

    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    d->viewsDock = new QDockWidget(tr("Views"), this);
    d->viewsDock->setObjectName(u"viewsDock"_s);
    d->viewList = new QTreeView(d->viewsDock);
    d->viewList->setObjectName(u"viewList"_s);
    d->viewList->setHeaderHidden(true);
    d->viewList->setRootIsDecorated(false);
    d->viewList->setModel(d->views);
    d->viewsDock->setWidget(d->viewList);
    addDockWidget(Qt::LeftDockWidgetArea, d->viewsDock);

    d->ticketDock = new QDockWidget(tr("Ticket"), this);
    d->ticketDock->setObjectName(u"ticketDock"_s);
    auto *empty = new QLabel(tr("Select a ticket to see its details here."), d->ticketDock);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false);
    d->ticketDock->setWidget(empty);
    addDockWidget(Qt::RightDockWidgetArea, d->ticketDock);
    resizeDocks({ d->viewsDock, d->ticketDock }, { 220, 380 }, Qt::Horizontal);
}

void MainWindow::createActions()
{
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    d->newTicket = fileMenu->addAction(QIcon::fromTheme(u"document-new"_s), tr("&New Ticket…"));
    d->newTicket->setObjectName(u"actionNewTicket"_s);
    d->newTicket->setShortcut(QKeySequence::New);
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

    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    d->focusSearch = viewMenu->addAction(QIcon::fromTheme(u"edit-find"_s), tr("&Search Tickets"));
    d->focusSearch->setObjectName(u"actionSearch"_s);
    d->focusSearch->setShortcut(QKeySequence::Find);
    viewMenu->addSeparator();
    QAction *toggleViews = d->viewsDock->toggleViewAction();
    toggleViews->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    viewMenu->addAction(toggleViews);
    QAction *toggleTicket = d->ticketDock->toggleViewAction();
    toggleTicket->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    viewMenu->addAction(toggleTicket);

    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
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
    connect(d->focusSearch, &QAction::triggered, d->search, [this] {
        d->search->setFocus(Qt::ShortcutFocusReason);
        d->search->selectAll();
    });
}

void MainWindow::setSyncEngine(Sync::SyncEngine *engine)
{
    d->engine = engine;
    d->syncNow->setEnabled(engine != nullptr);
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
    d->counters->setText(
        tr("Waiting for me: %1   Due today: %2   Overdue: %3")
            .arg(countOf(u"my_tickets"_s), countOf(u"due_today"_s), countOf(u"overdue"_s)));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(u"MainWindow"_s);
    if (!restoreGeometry(settings.value(u"geometry"_s).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(u"state"_s).toByteArray(), LayoutVersion);
    d->ticketList->header()->restoreState(settings.value(u"ticketColumns"_s).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(u"MainWindow"_s);
    settings.setValue(u"geometry"_s, saveGeometry());
    settings.setValue(u"state"_s, saveState(LayoutVersion));
    settings.setValue(u"ticketColumns"_s, d->ticketList->header()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
    if (event->isAccepted())
        Q_EMIT closed();
}

} // namespace Tessera::Ui
