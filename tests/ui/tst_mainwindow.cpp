// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <QAction>
#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace Tessera;

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
        for (const auto &name : { u"actionNewTicket"_s, u"actionSearch"_s }) {
            auto *action = window.findChild<QAction *>(name);
            QVERIFY2(action, qPrintable(name));
            QVERIFY2(!action->shortcut().isEmpty(), qPrintable(name));
        }
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
