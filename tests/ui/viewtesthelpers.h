// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demodata.h"
#include "store/store.h"
#include "views/valueeditors.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QListView>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace Tessera::Test {

/// A demo workspace in a temporary folder, and the context of one of its agents.
struct DemoWorkspace
{
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    QList<Person> agents; // agents[0] is the admin, 1–3 leads, the rest agents
    QueryContext context;

    explicit DemoWorkspace(int tickets = 300)
    {
        store = std::make_unique<Store>(dir.filePath(QStringLiteral("cache.sqlite")));
        if (!store->open())
            qFatal("cannot open the demo store");
        DemoOptions options;
        options.tickets = tickets;
        if (!loadDemoData(*store, options))
            qFatal("cannot load the demo data");
        agents = DemoGenerator(options).agents();
        signInAs(Role::Admin);
    }

    /// Signs in as the first demo agent with this role.
    Person signInAs(Role role)
    {
        for (const Person &agent : std::as_const(agents)) {
            if (agent.role == role) {
                context.me = agent.id;
                context.myDepartments = agent.departmentIds;
                context.timeZone = QTimeZone::UTC;
                return agent;
            }
        }
        qFatal("no demo agent with that role");
        return {};
    }

    CustomFieldDef customField(const QString &name) const
    {
        for (const CustomFieldDef &def : store->all<CustomFieldDef>()) {
            if (def.name == name)
                return def;
        }
        qFatal("no custom field %s", qPrintable(name));
        return {};
    }
};

/// Brings the tab page holding `widget` to the front, as an agent would.
inline void reveal(QWidget *widget)
{
    for (QWidget *page = widget; page && page->parentWidget(); page = page->parentWidget()) {
        QWidget *stack = page->parentWidget();
        if (auto *tabs = qobject_cast<QTabWidget *>(stack->parentWidget());
            tabs && qobject_cast<QStackedWidget *>(stack))
            tabs->setCurrentWidget(page);
    }
}

/// Picks an item of a combo box with the keyboard: Home, then Down until it shows.
inline bool choose(QComboBox *combo, const QString &text)
{
    if (!combo || combo->findText(text) < 0)
        return false;
    reveal(combo);
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i <= combo->count() && combo->currentText() != text; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    return combo->currentText() == text;
}

/// Moves an item view's current row to the row showing `text` with the keyboard.
inline bool goToRow(QAbstractItemView *view, const QString &text, int column = 0)
{
    reveal(view);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Home);
    const int rows = view->model()->rowCount();
    for (int i = 0; i <= rows && view->currentIndex().siblingAtColumn(column).data() != text; ++i)
        QTest::keyClick(view, Qt::Key_Down);
    return view->currentIndex().siblingAtColumn(column).data() == text;
}

/// Ticks choices in a multi-choice editor's popup with the keyboard (Space).
inline bool tick(Ui::MultiChoiceEditor *editor, const QStringList &labels)
{
    if (!editor)
        return false;
    editor->showPopup();
    QListView *list = editor->list();
    for (const QString &label : labels) {
        if (!goToRow(list, label))
            return false;
        QTest::keyClick(list, Qt::Key_Space);
    }
    QTest::keyClick(editor->popup(), Qt::Key_Escape);
    return !editor->popup()->isVisible();
}

/// Runs `answer` on the next modal dialog once it is showing (QMessageBox,
/// QInputDialog opened by exec()).
inline void answerModal(const QString &objectName, std::function<void(QWidget *)> answer)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, objectName, answer] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || modal->objectName() != objectName || !modal->isVisible())
            return;
        timer->stop();
        timer->deleteLater();
        answer(modal);
    });
    timer->start();
}

/// Confirms the next "confirmDelete" question.
inline void confirmDeletion()
{
    answerModal(QStringLiteral("confirmDelete"), [](QWidget *modal) {
        auto *box = static_cast<QMessageBox *>(modal);
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                button->click();
        }
    });
}

} // namespace Tessera::Test
