// SPDX-License-Identifier: GPL-3.0-or-later
#include "query/defaultviews.h"
#include "query/viewqueries.h"
#include "views/savedviews.h"
#include "views/vieweditordialog.h"
#include "views/viewlistmodel.h"
#include "views/viewspanel.h"
#include "views/viewtreemodel.h"
#include "viewtesthelpers.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace Tessera;
using namespace Tessera::Test;
using Tessera::Ui::SavedViews;
using Tessera::Ui::ViewListModel;
using Tessera::Ui::ViewsPanel;
using Tessera::Ui::ViewTreeModel;
using Section = Tessera::Ui::ViewListModel::Section;

namespace {

QStringList keysOf(const ViewTreeModel *tree, Section section)
{
    QStringList keys;
    const QModelIndex parent = tree->sectionIndex(section);
    for (int row = 0; row < tree->rowCount(parent); ++row)
        keys.append(tree->index(row, 0, parent).data(ViewListModel::KeyRole).toString());
    return keys;
}

QAction *actionIn(QMenu *menu, const QString &name)
{
    for (QAction *action : menu->actions()) {
        if (action->objectName() == name)
            return action;
        if (action->menu()) {
            if (QAction *inner = actionIn(action->menu(), name))
                return inner;
        }
    }
    return nullptr;
}

QString defaultTitle(const QString &key)
{
    for (const DefaultView &view : defaultViews()) {
        if (view.key == key)
            return QCoreApplication::translate("DefaultViews", view.title);
    }
    return {};
}

} // namespace

class TestViewsPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DemoWorkspace> m_ws;

    /// A panel over its own model, as the main window sets it up; both
    /// models are checked by a QAbstractItemModelTester all along.
    struct Panel
    {
        std::unique_ptr<ViewListModel> model;
        std::unique_ptr<ViewsPanel> panel;
        std::unique_ptr<QAbstractItemModelTester> listTester;
        std::unique_ptr<QAbstractItemModelTester> treeTester;
        Panel(Store *store, const QueryContext &context)
            : model(std::make_unique<ViewListModel>(store, context))
            , panel(std::make_unique<ViewsPanel>(model.get()))
            , listTester(std::make_unique<QAbstractItemModelTester>(
                  model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest))
            , treeTester(std::make_unique<QAbstractItemModelTester>(
                  panel->treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest))
        { }
        ~Panel()
        {
            treeTester.reset();
            listTester.reset();
            panel.reset();
        }
        Panel(Panel &&) = default;
        ViewTreeModel *tree() const { return panel->treeModel(); }
    };

    Panel panel() const { return Panel(m_ws->store.get(), m_ws->context); }

    SavedView savedNamed(const QString &name) const
    {
        for (const SavedView &view : m_ws->store->all<SavedView>()) {
            if (view.name == name)
                return view;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"TesseraTest"_s);
        QCoreApplication::setApplicationName(u"tst_viewspanel"_s);
        QSettings().clear();
    }

    void init() { m_ws = std::make_unique<DemoWorkspace>(250); }

    void cleanup()
    {
        QThreadPool::globalInstance()->waitForDone();
        m_ws.reset();
        QSettings().clear();
    }

    void sectionsWithLiveCounts()
    {
        Panel p = panel();
        ViewTreeModel *tree = p.tree();
        QCOMPARE(tree->rowCount(), 3);
        QCOMPARE(tree->sectionIndex(Section::Default).data().toString(), u"Default Views"_s);
        QCOMPARE(tree->sectionIndex(Section::Personal).data().toString(), u"My Views"_s);
        QCOMPARE(tree->sectionIndex(Section::Shared).data().toString(), u"Shared Views"_s);
        // The admin's own demo view, and the lead's shared one.
        QCOMPARE(keysOf(tree, Section::Default).size(), defaultViews().size());
        QCOMPARE(keysOf(tree, Section::Personal),
            QStringList { savedNamed(u"My departments, unassigned"_s).id.toString() });
        QCOMPARE(keysOf(tree, Section::Shared),
            QStringList { savedNamed(u"Urgent incidents"_s).id.toString() });
        QCOMPARE(p.panel->viewCount(), defaultViews().size() + 2);
        QCOMPARE(p.panel->viewAt(0), defaultViews().first().key);
        QCOMPARE(p.panel->viewAt(p.panel->viewCount() - 1),
            savedNamed(u"Urgent incidents"_s).id.toString());
        QVERIFY(p.panel->viewAt(p.panel->viewCount()).isEmpty());

        QSignalSpy counted(p.model.get(), &ViewListModel::countsUpdated);
        QVERIFY(counted.wait(10000));
        QueryContext context = m_ws->context;
        context.now = QDateTime::currentDateTimeUtc();
        context.customFields = m_ws->store->all<CustomFieldDef>();
        for (int s = 0; s < ViewTreeModel::SectionCount; ++s) {
            const QModelIndex parent = tree->sectionIndex(Section(s));
            for (int row = 0; row < tree->rowCount(parent); ++row) {
                const QModelIndex index = tree->index(row, 0, parent);
                const ViewSpec spec = p.model->specAt(tree->sourceRow(index));
                const qint64 expected
                    = ViewQueries(*m_ws->store).count(compileView(spec, context).value()).value();
                QCOMPARE(index.data(ViewListModel::CountRole).toLongLong(), expected);
            }
        }
        // A new urgent ticket moves the count of "Urgent" without a reset.
        const QModelIndex urgent = tree->fromSourceRow(p.model->rowOf(u"urgent"_s));
        const qint64 before = urgent.data(ViewListModel::CountRole).toLongLong();
        QSignalSpy resets(tree, &QAbstractItemModel::modelReset);
        Ticket t;
        t.id = TicketId::create();
        t.title = u"Fresh urgent ticket"_s;
        t.priority = Priority::Urgent;
        t.typeId = m_ws->store->all<TicketType>().first().id;
        t.statusId = m_ws->store->all<Status>().first().id;
        QVERIFY(m_ws->store->apply(Mutation::creating(EntityKind::Ticket, t)).isOk());
        QTRY_COMPARE_WITH_TIMEOUT(
            urgent.data(ViewListModel::CountRole).toLongLong(), before + 1, 10000);
        QCOMPARE(resets.size(), 0);
    }

    void activatesViews()
    {
        Panel p = panel();
        QSignalSpy activated(p.panel.get(), &ViewsPanel::viewActivated);
        QVERIFY(p.panel->activateView(1));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(1).toString(), defaultViews().at(1).key);
        QCOMPARE(activated.at(0).at(0).value<ViewSpec>(), defaultViews().at(1).spec);
        QCOMPARE(p.panel->currentKey(), defaultViews().at(1).key);

        // Keyboard: down to the next view activates it.
        p.panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(p.panel.get()));
        QTest::keyClick(p.panel->view(), Qt::Key_Down);
        QCOMPARE(activated.size(), 2);
        QCOMPARE(p.panel->currentKey(), defaultViews().at(2).key);

        // The current view edited elsewhere (sync, the editor): the list follows.
        const SavedView mine = savedNamed(u"My departments, unassigned"_s);
        QVERIFY(p.panel->selectView(mine.id.toString()));
        QCOMPARE(activated.size(), 3);
        ViewSpec changed = ViewSpec::fromJson(mine.spec).value();
        changed.groupBy = u"priority"_s;
        QVERIFY(SavedViews(m_ws->store.get(), m_ws->context.me)
                    .update(mine.id, mine.name, changed, false)
                    .isOk());
        QCOMPARE(activated.size(), 4);
        QCOMPARE(activated.constLast().at(0).value<ViewSpec>(), changed);
        QCOMPARE(p.panel->currentKey(), mine.id.toString());

        // …and when it goes, the first view takes its place.
        QVERIFY(SavedViews(m_ws->store.get(), m_ws->context.me).remove(mine.id).isOk());
        QCOMPARE(activated.size(), 5);
        QCOMPARE(p.panel->currentKey(), defaultViews().first().key);
    }

    void contextMenuDuplicatesSharesAndDeletes()
    {
        Panel p = panel();
        const SavedView mine = savedNamed(u"My departments, unassigned"_s);

        // A default view: duplicate and hide, nothing to delete or share.
        std::unique_ptr<QMenu> menu(p.panel->createContextMenu(u"overdue"_s));
        QVERIFY(actionIn(menu.get(), u"actionEditView"_s));
        QVERIFY(actionIn(menu.get(), u"actionHideView"_s));
        QVERIFY(!actionIn(menu.get(), u"actionDeleteView"_s));
        QVERIFY(!actionIn(menu.get(), u"actionShareView"_s));
        menu.reset();

        // Duplicate: a personal copy, selected.
        menu.reset(p.panel->createContextMenu(mine.id.toString()));
        for (const QString &name : { u"actionEditView"_s, u"actionDuplicateView"_s,
                 u"actionDeleteView"_s, u"actionShareView"_s }) {
            QAction *action = actionIn(menu.get(), name);
            QVERIFY2(action && action->isEnabled(), qPrintable(name));
        }
        QVERIFY(!actionIn(menu.get(), u"actionShareView"_s)->isChecked());
        const qsizetype before = m_ws->store->all<SavedView>().size();
        actionIn(menu.get(), u"actionDuplicateView"_s)->trigger();
        menu.reset();
        QCOMPARE(m_ws->store->all<SavedView>().size(), before + 1);
        const SavedView copy = savedNamed(u"My departments, unassigned (copy)"_s);
        QVERIFY(copy.id.isValid());
        QCOMPARE(copy.spec, mine.spec);
        QCOMPARE(copy.ownerId, m_ws->context.me);
        QVERIFY(!copy.shared);
        QCOMPARE(p.panel->currentKey(), copy.id.toString());
        QCOMPARE(keysOf(p.tree(), Section::Personal),
            (QStringList { mine.id.toString(), copy.id.toString() }));

        // Share it: it moves to the shared section.
        menu.reset(p.panel->createContextMenu(copy.id.toString()));
        actionIn(menu.get(), u"actionShareView"_s)->trigger();
        menu.reset();
        QVERIFY(m_ws->store->get<SavedView>(copy.id)->shared);
        QVERIFY(keysOf(p.tree(), Section::Shared).contains(copy.id.toString()));
        QVERIFY(!keysOf(p.tree(), Section::Personal).contains(copy.id.toString()));
        // The change is queued for the server.
        const auto pending = m_ws->store->pendingMutations();
        QCOMPARE(pending.constLast().mutation.entity, EntityKind::SavedView);
        QCOMPARE(pending.constLast().mutation.fields.value(u"shared"_s).toBool(), true);

        // …and unshare it again.
        menu.reset(p.panel->createContextMenu(copy.id.toString()));
        QVERIFY(actionIn(menu.get(), u"actionShareView"_s)->isChecked());
        actionIn(menu.get(), u"actionShareView"_s)->trigger();
        menu.reset();
        QVERIFY(!m_ws->store->get<SavedView>(copy.id)->shared);

        // Delete, once confirmed.
        menu.reset(p.panel->createContextMenu(copy.id.toString()));
        confirmDeletion();
        actionIn(menu.get(), u"actionDeleteView"_s)->trigger();
        menu.reset();
        QVERIFY(!m_ws->store->get<SavedView>(copy.id));
        QCOMPARE(m_ws->store->all<SavedView>().size(), before);
        QVERIFY(!keysOf(p.tree(), Section::Personal).contains(copy.id.toString()));
    }

    void agentsCannotShareOrHide()
    {
        const Person agent = m_ws->signInAs(Role::Agent);
        Panel p = panel();
        const SavedView shared = savedNamed(u"Urgent incidents"_s);
        QVERIFY(!p.model->canReorder(Section::Shared));
        std::unique_ptr<QMenu> menu(p.panel->createContextMenu(shared.id.toString()));
        QVERIFY(!actionIn(menu.get(), u"actionShareView"_s));
        QVERIFY(!actionIn(menu.get(), u"actionDeleteView"_s)->isEnabled());
        QVERIFY(actionIn(menu.get(), u"actionDuplicateView"_s)->isEnabled());
        menu.reset(p.panel->createContextMenu(u"overdue"_s));
        QVERIFY(!actionIn(menu.get(), u"actionHideView"_s));
        menu.reset();

        // Asked directly, the rules hold too, and nothing reaches the outbox.
        SavedViews views(m_ws->store.get(), agent.id);
        const qsizetype queued = m_ws->store->pendingMutations().size();
        QCOMPARE(views.hideDefault(u"overdue"_s).error().code, Error::Code::Forbidden);
        QCOMPARE(views.setShared(shared.id, false).error().code, Error::Code::Forbidden);
        QCOMPARE(views.remove(shared.id).error().code, Error::Code::Forbidden);
        QCOMPARE(views.create(u"Mine, shared"_s, {}, true).error().code, Error::Code::Forbidden);
        QCOMPARE(m_ws->store->pendingMutations().size(), queued);
        // Their own views are theirs to keep.
        QVERIFY(views.create(u"Mine"_s, {}, false).isOk());
    }

    void reorderPersistsAcrossPanels()
    {
        SavedViews views(m_ws->store.get(), m_ws->context.me);
        const SavedView demo = savedNamed(u"My departments, unassigned"_s);
        const QString a = views.create(u"A"_s, {}, false).value().toString();
        const QString b = views.create(u"B"_s, {}, false).value().toString();
        {
            Panel p = panel();
            QCOMPARE(
                keysOf(p.tree(), Section::Personal), (QStringList { demo.id.toString(), a, b }));
            // Drag B to the top of the personal views.
            const QModelIndex personal = p.tree()->sectionIndex(Section::Personal);
            std::unique_ptr<QMimeData> dragged(
                p.tree()->mimeData({ p.tree()->index(2, 0, personal) }));
            QVERIFY(p.tree()->canDropMimeData(dragged.get(), Qt::MoveAction, 0, 0, personal));
            // Not into another section.
            QVERIFY(!p.tree()->canDropMimeData(
                dragged.get(), Qt::MoveAction, 0, 0, p.tree()->sectionIndex(Section::Default)));
            QVERIFY(p.tree()->dropMimeData(dragged.get(), Qt::MoveAction, 0, 0, personal));
            QCOMPARE(
                keysOf(p.tree(), Section::Personal), (QStringList { b, demo.id.toString(), a }));
            // Keyboard: Alt+Down moves the current view one place down.
            QVERIFY(p.panel->selectView(b));
            p.panel->show();
            QVERIFY(QTest::qWaitForWindowExposed(p.panel.get()));
            p.panel->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(p.panel.get()));
            p.panel->view()->setFocus();
            QTest::keyClick(p.panel->view(), Qt::Key_Down, Qt::AltModifier);
            QCOMPARE(
                keysOf(p.tree(), Section::Personal), (QStringList { demo.id.toString(), b, a }));
            QCOMPARE(p.panel->currentKey(), b);

            // Default views reorder per agent: "Overdue" first.
            const QModelIndex defaults = p.tree()->sectionIndex(Section::Default);
            const int overdue = int(keysOf(p.tree(), Section::Default).indexOf(u"overdue"_s));
            QVERIFY(p.tree()->moveRows(defaults, overdue, 1, defaults, 0));
            QCOMPARE(keysOf(p.tree(), Section::Default).first(), u"overdue"_s);
        }
        // The positions are in the synced views; the default order in the agent's settings.
        QCOMPARE(m_ws->store->get<SavedView>(SavedViewId::fromString(b))->position, 1);
        Panel again = panel();
        QCOMPARE(
            keysOf(again.tree(), Section::Personal), (QStringList { demo.id.toString(), b, a }));
        QCOMPARE(keysOf(again.tree(), Section::Default).first(), u"overdue"_s);
        QCOMPARE(again.panel->viewAt(0), u"overdue"_s);

        // Another agent keeps the usual order.
        m_ws->signInAs(Role::Lead);
        Panel lead = panel();
        QCOMPARE(keysOf(lead.tree(), Section::Default).first(), defaultViews().first().key);
    }

    void hidingADefaultViewHidesItForEveryone()
    {
        Panel admin = panel();
        std::unique_ptr<QMenu> menu(admin.panel->createContextMenu(u"overdue"_s));
        actionIn(menu.get(), u"actionHideView"_s)->trigger();
        menu.reset();
        QVERIFY(!keysOf(admin.tree(), Section::Default).contains(u"overdue"_s));
        QCOMPARE(keysOf(admin.tree(), Section::Default).size(), defaultViews().size() - 1);
        // The record that hides it is shared and queued for the server.
        const auto pending = m_ws->store->pendingMutations();
        const QJsonObject record = pending.constLast().mutation.fields;
        QCOMPARE(record.value(u"default_key"_s).toString(), u"overdue"_s);
        QVERIFY(record.value(u"hidden"_s).toBool());
        QVERIFY(record.value(u"shared"_s).toBool());

        // An agent on the same workspace no longer sees it either.
        m_ws->signInAs(Role::Agent);
        Panel agent = panel();
        QVERIFY(!keysOf(agent.tree(), Section::Default).contains(u"overdue"_s));
        QVERIFY(keysOf(agent.tree(), Section::Default).contains(u"due_today"_s));
        // The record itself is no view of its own.
        QCOMPARE(keysOf(agent.tree(), Section::Shared).size(), 1);

        // The admin shows it again from the panel's menu.
        menu.reset(admin.panel->createContextMenu({}));
        QAction *show = actionIn(menu.get(), u"show_overdue"_s);
        QVERIFY(show);
        QCOMPARE(show->text(), defaultTitle(u"overdue"_s));
        show->trigger();
        menu.reset();
        QVERIFY(keysOf(admin.tree(), Section::Default).contains(u"overdue"_s));
        QVERIFY(keysOf(agent.tree(), Section::Default).contains(u"overdue"_s));
        QVERIFY(SavedViews(m_ws->store.get(), m_ws->context.me).hiddenDefaults().isEmpty());
    }

    void editOpensTheEditor()
    {
        Panel p = panel();
        QSignalSpy requested(p.panel.get(), &ViewsPanel::editRequested);
        const SavedView mine = savedNamed(u"My departments, unassigned"_s);
        p.panel->editView(mine.id.toString());
        QCOMPARE(requested.size(), 1);
        auto *dialog = p.panel->findChild<Ui::ViewEditorDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->savedViewId(), mine.id);
        QCOMPARE(dialog->spec().toJson(), mine.spec);
        dialog->reject();
        QTRY_VERIFY(!p.panel->findChild<Ui::ViewEditorDialog *>());

        // A default view is a starting point for a new view.
        p.panel->editView(u"urgent"_s);
        dialog = p.panel->findChild<Ui::ViewEditorDialog *>();
        QVERIFY(dialog);
        QVERIFY(!dialog->savedViewId().isValid());
        QCOMPARE(dialog->spec(), p.model->specAt(p.model->rowOf(u"urgent"_s)));
        QVERIFY(!dialog->deleteButton()->isVisibleTo(dialog));
        dialog->setName(u"My urgent"_s);
        dialog->save();
        const SavedView saved = savedNamed(u"My urgent"_s);
        QVERIFY(saved.id.isValid());
        QCOMPARE(p.panel->currentKey(), saved.id.toString()); // the new view opens
        QTRY_VERIFY(!p.panel->findChild<Ui::ViewEditorDialog *>());

        // Left to the main window when it wants to.
        p.panel->setOpensEditor(false);
        p.panel->editView(u"urgent"_s);
        QCOMPARE(requested.size(), 3);
        QCOMPARE(requested.constLast().at(0).toString(), u"urgent"_s);
        QVERIFY(!p.panel->findChild<Ui::ViewEditorDialog *>());
    }
};

QTEST_MAIN(TestViewsPanel)
#include "tst_viewspanel.moc"
