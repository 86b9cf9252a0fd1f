// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demodata.h"
#include "details/ticketdetailswidget.h"
#include "details/ticketwindow.h"
#include "mainwindow.h"
#include "query/viewqueries.h"
#include "store/store.h"
#include "tickets/ticketlistview.h"
#include "views/viewlistmodel.h"
#include "views/viewspanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimeZone>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {

// A cache filled with demo data, and the workspace owner's query context.
struct DemoCache
{
    QTemporaryDir dir;
    Store store { dir.filePath(u"cache.sqlite"_s) };
    QueryContext context;
    bool ok = false;

    explicit DemoCache(int tickets)
    {
        DemoOptions options;
        options.tickets = tickets;
        if (!store.open() || !loadDemoData(store, options))
            return;
        context.me = DemoGenerator(options).workspaceOwner();
        context.myDepartments = store.get<Person>(context.me)->departmentIds;
        ok = true;
    }
};

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"TesseraTest"_s);
        QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
        QSettings().clear();
    }

    void hasTheDocksAndList()
    {
        Ui::MainWindow window({ u"Local workspace"_s, u"http://127.0.0.1:1"_s, true });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto *views = window.findChild<QDockWidget *>(u"viewsDock"_s);
        auto *ticket = window.findChild<QDockWidget *>(u"ticketDock"_s);
        QVERIFY(views);
        QVERIFY(ticket);
        QCOMPARE(window.dockWidgetArea(views), Qt::LeftDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(ticket), Qt::RightDockWidgetArea);
        QVERIFY(views->isVisible());
        QVERIFY(ticket->isVisible());
        QVERIFY(qobject_cast<QTreeView *>(window.centralWidget()));
        QVERIFY(window.windowTitle().contains(u"Local workspace"_s));
    }

    void frequentActionsHaveShortcuts()
    {
        Ui::MainWindow window({ u"Local workspace"_s, {}, true });
        for (const auto &name : { u"actionNewTicket"_s, u"actionSearch"_s, u"actionSettings"_s }) {
            auto *action = window.findChild<QAction *>(name);
            QVERIFY2(action, qPrintable(name));
            QVERIFY2(!action->shortcut().isEmpty(), qPrintable(name));
        }
        QCOMPARE(window.findChild<QAction *>(u"actionSettings"_s)->shortcut(),
            QKeySequence(Qt::CTRL | Qt::Key_Comma));
    }

    // Ctrl+T starts work on the current ticket; the toolbar and the status
    // bar show it; no other action of the window has its keys.
    void startWorkFromTheKeyboard()
    {
        DemoCache demo(60);
        QVERIFY(demo.ok);
        {
            Ui::MainWindow window({ u"Local workspace"_s, {}, true }, &demo.store, demo.context);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            // The timer's keys belong to its actions alone.
            for (const QKeySequence key : { QKeySequence(Qt::CTRL | Qt::Key_T),
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T) }) {
                QStringList owners;
                for (const QAction *action : window.findChildren<QAction *>()) {
                    if (action->shortcuts().contains(key))
                        owners.append(action->objectName());
                }
                QCOMPARE(owners.size(), 1);
            }
            auto *start = window.findChild<QAction *>(u"actionStartWork"_s);
            QVERIFY(start);
            QCOMPARE(start->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
            QVERIFY(!window.findChild<QAction *>(u"actionStopWork"_s)->isEnabled());

            auto *list = window.findChild<Ui::TicketListView *>(u"ticketList"_s);
            QTRY_VERIFY_WITH_TIMEOUT(list->model()->rowCount() > 0, 10000);
            const QModelIndex first = list->model()->index(0, 0, list->model()->index(0, 0));
            list->setCurrentIndex(first);
            const TicketId current = list->currentTicket();
            QVERIFY(current.isValid());
            list->setFocus();
            QTest::keyClick(list, Qt::Key_T, Qt::ControlModifier);
            QList<RunningTimer> timers = demo.store.all<RunningTimer>();
            QCOMPARE(timers.size(), 1);
            QCOMPARE(timers.first().ticketId, current);
            QVERIFY(window.findChild<QAction *>(u"actionStopWork"_s)->isEnabled());
            const QString number = u"#%1"_s.arg(demo.store.get<Ticket>(current)->number);
            for (const QString &name : { u"toolbarTimer"_s, u"statusTimer"_s }) {
                auto *indicator = window.findChild<QToolButton *>(name);
                QVERIFY2(indicator, qPrintable(name));
                QVERIFY2(indicator->text().startsWith(number), qPrintable(indicator->text()));
            }
            // A click on the running timer opens its ticket.
            QTest::mouseClick(window.findChild<QToolButton *>(u"statusTimer"_s), Qt::LeftButton);
            bool opened = false;
            for (const Ui::TicketWindow *w : window.findChildren<Ui::TicketWindow *>())
                opened = opened || w->details()->ticket() == current;
            QVERIFY(opened);
        }
        QThreadPool::globalInstance()->waitForDone();
    }

    void viewsPanelCountsFromTheCache()
    {
        DemoCache demo(200);
        QVERIFY(demo.ok);
        Store &store = demo.store;
        QueryContext context = demo.context;
        {
            Ui::MainWindow window({ u"Local workspace"_s, {}, true }, &store, context);
            QAbstractItemModel *model = window.findChild<Ui::ViewListModel *>();
            QVERIFY(model);
            QAbstractItemModelTester tester(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            // 11 default views, the shared saved view, and the owner's personal one.
            QCOMPARE(model->rowCount(), 13);
            auto *counters = window.findChild<QLabel *>(u"counters"_s);
            QTRY_VERIFY_WITH_TIMEOUT(!counters->text().contains(u"…"_s), 10000);

            context.now = QDateTime::currentDateTimeUtc();
            context.customFields = store.all<CustomFieldDef>();
            const auto countOf = [&](int row) {
                const auto spec = ViewSpec::fromJson(
                    model->index(row, 0).data(Ui::ViewListModel::SpecRole).toJsonObject());
                return ViewQueries(store).count(compileView(spec.value(), context).value()).value();
            };
            for (int row = 0; row < model->rowCount(); ++row)
                QCOMPARE(model->index(row, 0).data(Ui::ViewListModel::CountRole).toLongLong(),
                    countOf(row));
            QVERIFY(counters->text().contains(
                QString::number(countOf(1)))); // waiting for me = My tickets

            // A new urgent ticket updates the counts without a reload.
            const qint64 urgentBefore
                = model->index(4, 0).data(Ui::ViewListModel::CountRole).toLongLong();
            Ticket t;
            t.id = TicketId::create();
            t.title = u"Fresh urgent ticket"_s;
            t.priority = Priority::Urgent;
            t.typeId = store.all<TicketType>().first().id;
            t.statusId = store.all<Status>().first().id;
            QVERIFY(store.apply(Mutation::creating(EntityKind::Ticket, t)).isOk());
            QTRY_COMPARE_WITH_TIMEOUT(
                model->index(4, 0).data(Ui::ViewListModel::CountRole).toLongLong(),
                urgentBefore + 1, 10000);
        }
        QThreadPool::globalInstance()->waitForDone();
    }

    // Each view keeps its own columns; the layout and the view shown come
    // back with the next start.
    void columnLayoutPersistsPerView()
    {
        DemoCache demo(60);
        QVERIFY(demo.ok);
        Store &store = demo.store;
        const QueryContext &context = demo.context;

        int hiddenSection = -1;
        int widenedSection = -1;
        int widenedTo = 0;
        {
            Ui::MainWindow window({ u"Local workspace"_s, {}, true }, &store, context);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *panel = window.findChild<Ui::ViewsPanel *>();
            auto *list = window.findChild<Ui::TicketListView *>(u"ticketList"_s);
            QVERIFY(panel);
            QVERIFY(list);
            QVERIFY(panel->selectView(u"all_open"_s));
            QHeaderView *header = list->header();
            QVERIFY(header->count() > 3);
            hiddenSection = header->logicalIndex(2);
            widenedSection = header->logicalIndex(1);
            header->setSectionHidden(hiddenSection, true);
            widenedTo = header->sectionSize(widenedSection) + 77;
            header->resizeSection(widenedSection, widenedTo);

            // Another view does not inherit them.
            QVERIFY(panel->selectView(u"my_tickets"_s));
            QVERIFY(!list->header()->isSectionHidden(hiddenSection));
            QVERIFY(list->header()->sectionSize(widenedSection) != widenedTo);
            QVERIFY(panel->selectView(u"all_open"_s));
            QVERIFY(list->header()->isSectionHidden(hiddenSection));
            window.close();
        }
        QThreadPool::globalInstance()->waitForDone();
        {
            Ui::MainWindow reopened({ u"Local workspace"_s, {}, true }, &store, context);
            reopened.show();
            QVERIFY(QTest::qWaitForWindowExposed(&reopened));
            auto *list = reopened.findChild<Ui::TicketListView *>(u"ticketList"_s);
            // The view shown at the close is shown again, with its columns.
            QVERIFY(list->header()->isSectionHidden(hiddenSection));
            QCOMPARE(list->header()->sectionSize(widenedSection), widenedTo);
            auto *panel = reopened.findChild<Ui::ViewsPanel *>();
            QVERIFY(panel->selectView(u"my_tickets"_s));
            QVERIFY(!list->header()->isSectionHidden(hiddenSection));
        }
        QThreadPool::globalInstance()->waitForDone();
        QSettings().clear();
    }

    void dockLayoutPersists()
    {
        {
            Ui::MainWindow window({ u"Local workspace"_s, {}, true });
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *ticket = window.findChild<QDockWidget *>(u"ticketDock"_s);
            window.addDockWidget(Qt::LeftDockWidgetArea, ticket);
            window.findChild<QDockWidget *>(u"viewsDock"_s)->hide();
            window.close();
        }
        Ui::MainWindow reopened({ u"Local workspace"_s, {}, true });
        reopened.show();
        QVERIFY(QTest::qWaitForWindowExposed(&reopened));
        QCOMPARE(reopened.dockWidgetArea(reopened.findChild<QDockWidget *>(u"ticketDock"_s)),
            Qt::LeftDockWidgetArea);
        QVERIFY(!reopened.findChild<QDockWidget *>(u"viewsDock"_s)->isVisible());
        QSettings().clear();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
