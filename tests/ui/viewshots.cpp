// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the view editor and the Views panel over a demo workspace, in the
// light and the dark palette, to PNG files for looking at them:
//   viewshots [output folder]   (QT_QPA_PLATFORM=offscreen works)
#include "colorscheme.h"
#include "demo/demodata.h"
#include "query/defaultviews.h"
#include "shotworkspace.h"
#include "store/store.h"
#include "views/filterbuilder.h"
#include "views/valueeditors.h"
#include "views/vieweditordialog.h"
#include "views/viewlistmodel.h"
#include "views/viewspanel.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QMenu>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace Tessera;

using Tessera::Test::settle;

namespace {

bool save(QWidget *widget, const QString &path)
{
    settle();
    const bool ok = widget->grab().save(path);
    qInfo("%s %s", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

ViewSpec realisticSpec(Store &store)
{
    QString severity;
    for (const CustomFieldDef &def : store.all<CustomFieldDef>()) {
        if (def.name == u"Severity"_s)
            severity = u"cf:"_s + def.id.toString();
    }
    ViewSpec spec;
    spec.filter = FilterNode::all({
        FilterNode::where(
            u"status_category"_s, u"any_of"_s, QJsonArray { u"new"_s, u"open"_s, u"pending"_s }),
        FilterNode::any({
            FilterNode::where(u"assignee"_s, u"is"_s, u"@me"_s),
            FilterNode::all({
                FilterNode::where(u"department"_s, u"is"_s, u"@my_departments"_s),
                FilterNode::where(u"assignee"_s, u"empty"_s),
            }),
        }),
        FilterNode::any({
            FilterNode::where(u"priority"_s, u"gt"_s, u"normal"_s),
            FilterNode::where(u"resolution_due"_s, u"within_next"_s,
                QJsonObject { { u"amount"_s, 2 }, { u"unit"_s, u"days"_s } }),
            FilterNode::where(severity, u"any_of"_s, QJsonArray { u"S1"_s, u"S2"_s }),
        }),
        FilterNode::where(u"title"_s, u"not_contains"_s, u"newsletter"_s),
    });
    spec.sort = { { u"priority"_s, true }, { u"resolution_due"_s, false } };
    spec.groupBy = u"assignee"_s;
    spec.columns = defaultViews().first().spec.columns;
    return spec;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString out = Test::shotFolder(argc, argv, u"viewshots"_s);

    Test::ShotWorkspace workspace;
    Store &store = workspace.store;
    const QueryContext &context = workspace.context;

    bool ok = true;
    for (const auto &[scheme, name] : Test::palettes()) {
        Ui::applyColorScheme(scheme);

        Ui::ViewEditorDialog editor(&store, context);
        editor.setName(u"Hot work for my team"_s);
        editor.setShared(true);
        editor.setSpec(realisticSpec(store));
        editor.resize(900, 640);
        editor.show();
        QSignalSpy counted(&editor, &Ui::ViewEditorDialog::previewCountChanged);
        counted.wait(5000);
        ok &= save(&editor, u"%1/vieweditor-filter-%2.png"_s.arg(out, name));
        auto *tabs = editor.findChild<QTabWidget *>(u"editorTabs"_s);
        tabs->setCurrentIndex(1);
        ok &= save(&editor, u"%1/vieweditor-sorting-%2.png"_s.arg(out, name));
        tabs->setCurrentIndex(2);
        ok &= save(&editor, u"%1/vieweditor-columns-%2.png"_s.arg(out, name));
        tabs->setCurrentIndex(0);
        // An incomplete condition: the error, inline.
        Ui::ConditionRow *row = editor.filterBuilder()->rootGroup()->addCondition();
        row->fieldCombo()->setCurrentIndex(row->fieldCombo()->findData(u"title"_s));
        row->operatorCombo()->setCurrentIndex(row->operatorCombo()->findData(u"contains"_s));
        ok &= save(&editor, u"%1/vieweditor-error-%2.png"_s.arg(out, name));
        // A multi-choice popup, open.
        const auto editors = editor.findChildren<Ui::MultiChoiceEditor *>();
        if (!editors.isEmpty()) {
            editors.first()->showPopup();
            ok &= save(editors.first()->popup(), u"%1/vieweditor-popup-%2.png"_s.arg(out, name));
            editors.first()->popup()->hide();
        }
        editor.hide();

        Ui::ViewListModel model(&store, context);
        Ui::ViewsPanel panel(&model);
        panel.resize(280, 620);
        panel.show();
        QSignalSpy counts(&model, &Ui::ViewListModel::countsUpdated);
        counts.wait(5000);
        panel.selectView(u"my_tickets"_s);
        ok &= save(&panel, u"%1/viewspanel-%2.png"_s.arg(out, name));
        std::unique_ptr<QMenu> menu(panel.createContextMenu(
            model.index(model.rowCount() - 1).data(Ui::ViewListModel::KeyRole).toString()));
        menu->popup(panel.mapToGlobal(QPoint(60, 400)));
        ok &= save(menu.get(), u"%1/viewspanel-menu-%2.png"_s.arg(out, name));
        menu->hide();
        QThreadPool::globalInstance()->waitForDone();
    }
    return ok ? 0 : 1;
}
