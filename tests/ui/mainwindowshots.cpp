// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the main window over a demo workspace with three tickets selected
// and the bulk action menu open on its Status submenu, in the light and the
// dark palette, to PNG files for looking at them:
//   mainwindow-shots [output folder]   (best under Xvfb: real menus, real fonts)
#include "colorscheme.h"
#include "demo/demodata.h"
#include "mainwindow.h"
#include "shotworkspace.h"
#include "store/store.h"
#include "tickets/ticketlistview.h"
#include "views/viewlistmodel.h"
#include "views/viewspanel.h"

#include <QApplication>
#include <QDir>
#include <QItemSelectionModel>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Tessera;

using Tessera::Test::composite;
using Tessera::Test::settle;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString out = Test::shotFolder(argc, argv, u"mainwindow-shots"_s);

    Test::ShotWorkspace workspace;
    Store &store = workspace.store;
    const QueryContext &context = workspace.context;

    bool ok = true;
    for (const auto &[scheme, name] : Test::palettes()) {
        Ui::applyColorScheme(scheme);
        Ui::MainWindow window({ u"Local workspace"_s, {}, true }, &store, context);
        window.resize(1280, 800);
        window.show();
        auto *views = window.findChild<Ui::ViewListModel *>();
        QSignalSpy counted(views, &Ui::ViewListModel::countsUpdated);
        counted.wait(5000);
        window.findChild<Ui::ViewsPanel *>()->selectView(u"all_open"_s);
        settle(300);

        auto *list = window.findChild<Ui::TicketListView *>(u"ticketList"_s);
        QAbstractItemModel *model = list->model();
        const QModelIndex group = model->index(0, 0);
        list->selectionModel()->setCurrentIndex(
            model->index(4, 0, group), QItemSelectionModel::NoUpdate);
        for (int row : { 1, 2, 4 })
            list->selectionModel()->select(model->index(row, 0, group),
                QItemSelectionModel::Select | QItemSelectionModel::Rows);
        settle();

        // The context menu, as a right-click on the selection opens it.
        auto *menu = window.findChild<QMenu *>(u"bulkMenu"_s);
        const QRect row = list->visualRect(model->index(2, 1, group));
        menu->popup(list->viewport()->mapToGlobal(row.center()));
        settle();
        QMenu *status = nullptr;
        for (QAction *action : menu->actions()) {
            if (action->menu() && action->menu()->objectName() == u"bulkStatusMenu"_s)
                status = action->menu();
        }
        if (status) {
            menu->setActiveAction(status->menuAction());
            status->popup(menu->mapToGlobal(menu->actionGeometry(status->menuAction()).topRight()));
        }
        settle();
        const QString file = u"%1/bulkmenu-%2.png"_s.arg(out, name);
        const bool saved = composite(&window, { menu, status }).save(file);
        qInfo("%s %s", saved ? "wrote" : "could not write", qPrintable(file));
        ok &= saved && status;
        if (status)
            status->hide();
        menu->hide();
        window.close();
        QThreadPool::globalInstance()->waitForDone();
    }
    return ok ? 0 : 1;
}
