// SPDX-License-Identifier: GPL-3.0-or-later
#include "query/defaultviews.h"
#include "query/viewqueries.h"
#include "views/filterbuilder.h"
#include "views/sortandcolumns.h"
#include "views/vieweditordialog.h"
#include "viewtesthelpers.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QThreadPool>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Tessera;
using namespace Tessera::Test;
using Tessera::Ui::ConditionRow;
using Tessera::Ui::FilterGroupWidget;
using Tessera::Ui::MultiChoiceEditor;
using Tessera::Ui::ViewEditorDialog;

namespace {

QByteArray compact(const ViewSpec &spec)
{
    return QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact);
}

/// The JSON example of docs/views.md, the reference document of the format.
QJsonObject docsExample()
{
    QFile file(QStringLiteral(TESSERA_DOCS_DIR "/views.md"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read docs/views.md");
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype start = text.indexOf(u"```json"_s) + 7;
    const qsizetype end = text.indexOf(u"```"_s, start);
    return QJsonDocument::fromJson(text.mid(start, end - start).toUtf8()).object();
}

ViewSpec specOf(const QJsonObject &json)
{
    auto spec = ViewSpec::fromJson(json);
    if (!spec)
        qFatal("bad spec: %s", qPrintable(spec.error().message));
    return spec.value();
}

ConditionRow *addCondition(FilterGroupWidget *group)
{
    reveal(group);
    QTest::mouseClick(group->addConditionButton(), Qt::LeftButton);
    return group->conditionAt(int(group->entries().size()) - 1);
}

/// A nested group comes with its first condition row.
FilterGroupWidget *addGroup(FilterGroupWidget *group)
{
    reveal(group);
    QTest::mouseClick(group->addGroupButton(), Qt::LeftButton);
    return group->groupAt(int(group->entries().size()) - 1);
}

bool setCondition(ConditionRow *row, const QString &field, const QString &op)
{
    return row && choose(row->fieldCombo(), field) && choose(row->operatorCombo(), op);
}

template<typename W>
W *valueWidget(ConditionRow *row, const QString &name)
{
    return row && row->valueEditor() ? row->valueEditor()->findChild<W *>(name) : nullptr;
}

bool typeInto(QWidget *widget, const QString &text)
{
    if (!widget)
        return false;
    reveal(widget);
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(widget, text);
    return true;
}

bool pickValue(ConditionRow *row, const QString &label)
{
    return choose(valueWidget<QComboBox>(row, u"valueChoice"_s), label);
}

bool tickValues(ConditionRow *row, const QStringList &labels)
{
    return row && tick(qobject_cast<MultiChoiceEditor *>(row->valueEditor()), labels);
}

bool addSortKey(Ui::SortKeysEditor *sort, const QString &field, const QString &direction)
{
    reveal(sort);
    QTest::mouseClick(sort->addButton(), Qt::LeftButton);
    return choose(sort->fieldCombo(sort->count() - 1), field)
        && choose(sort->directionCombo(sort->count() - 1), direction);
}

bool showColumn(Ui::ColumnsEditor *columns, const QString &label)
{
    QTreeWidget *list = columns->list();
    if (!goToRow(list, label))
        return false;
    const bool before = list->currentItem()->checkState(0) == Qt::Checked;
    QTest::keyClick(list, Qt::Key_Space);
    return (list->currentItem()->checkState(0) == Qt::Checked) != before;
}

bool setColumnWidth(Ui::ColumnsEditor *columns, const QString &label, int width)
{
    QTreeWidget *list = columns->list();
    if (!goToRow(list, label))
        return false;
    list->setCurrentIndex(list->currentIndex().siblingAtColumn(1));
    QTest::keyClick(list, Qt::Key_F2);
    auto *spin = list->viewport()->findChild<QSpinBox *>();
    if (!spin)
        return false;
    typeInto(spin, QString::number(width));
    QTest::keyClick(spin, Qt::Key_Enter);
    QCoreApplication::processEvents(); // the delegate commits on the next turn of the loop
    return list->currentItem()->data(1, Qt::EditRole).toInt() == width;
}

// A step of a drive: says which one failed.
#define STEP(condition)                                                                            \
    if (!(condition)) {                                                                            \
        qWarning("step failed: %s", #condition);                                                   \
        return false;                                                                              \
    }

struct Case
{
    const char *name;
    std::function<bool(ViewEditorDialog &, DemoWorkspace &)> drive;
    std::function<ViewSpec(DemoWorkspace &)> expected;
    bool shared = false;
};

QList<Case> cases()
{
    return {
        { "empty filter", [](ViewEditorDialog &, DemoWorkspace &) { return true; },
            [](DemoWorkspace &) {
                return ViewSpec();
            } },
        { "the docs example",
            [](ViewEditorDialog &dialog, DemoWorkspace &) {
                FilterGroupWidget *root = dialog.filterBuilder()->rootGroup();
                ConditionRow *category = addCondition(root);
                FilterGroupWidget *mine = addGroup(root);
                ConditionRow *assignee = mine->conditionAt(0);
                ConditionRow *department = addCondition(mine);
                Ui::SortKeysEditor *sort = dialog.sortKeysEditor();
                return setCondition(category, u"Status category"_s, u"is any of"_s)
                    && tickValues(category, { u"New"_s, u"Open"_s, u"Pending"_s, u"On hold"_s })
                    && mine->kind() == FilterNode::Kind::Any
                    && setCondition(assignee, u"Assignee"_s, u"is"_s)
                    && pickValue(assignee, u"Me"_s)
                    && setCondition(department, u"Department"_s, u"is"_s)
                    && pickValue(department, u"My departments"_s)
                    && addSortKey(sort, u"Priority"_s, u"descending"_s)
                    && addSortKey(sort, u"Due"_s, u"ascending"_s)
                    && choose(dialog.groupByCombo(), u"Status"_s)
                    && showColumn(dialog.columnsEditor(), u"Number"_s)
                    && showColumn(dialog.columnsEditor(), u"Title"_s)
                    && setColumnWidth(dialog.columnsEditor(), u"Number"_s, 70);
            },
            [](DemoWorkspace &) {
                return specOf(docsExample());
            } },
        { "relative and absolute dates",
            [](ViewEditorDialog &dialog, DemoWorkspace &) {
                FilterGroupWidget *root = dialog.filterBuilder()->rootGroup();
                ConditionRow *created = addCondition(root);
                ConditionRow *due = addCondition(root);
                ConditionRow *solved = addCondition(root);
                ConditionRow *updated = addCondition(root);
                STEP(setCondition(created, u"Created"_s, u"is in the last"_s));
                STEP(typeInto(valueWidget<QSpinBox>(created, u"valueAmount"_s), u"14"_s));
                STEP(choose(valueWidget<QComboBox>(created, u"valueUnit"_s), u"days"_s));
                STEP(setCondition(due, u"Due"_s, u"is before"_s));
                STEP(setCondition(solved, u"Solved"_s, u"is empty"_s));
                STEP(!solved->valueEditor());
                STEP(setCondition(updated, u"Updated"_s, u"is after"_s));
                auto *dueDate = valueWidget<QDateTimeEdit>(due, u"valueDate"_s);
                auto *withTime = valueWidget<QCheckBox>(updated, u"valueWithTime"_s);
                auto *updatedAt = valueWidget<QDateTimeEdit>(updated, u"valueDate"_s);
                STEP(dueDate && withTime && updatedAt);
                dueDate->setDate(QDate(2026, 11, 23));
                QTest::mouseClick(withTime, Qt::LeftButton, {}, QPoint(4, withTime->height() / 2));
                STEP(withTime->isChecked());
                updatedAt->setDateTime(QDateTime(QDate(2026, 3, 1), QTime(9, 30), QTimeZone::UTC));
                STEP(choose(dialog.groupByCombo(), u"Due date"_s));
                return true;
            },
            [](DemoWorkspace &) {
                ViewSpec spec;
                spec.filter = FilterNode::all({
                    FilterNode::where(u"created_at"_s, u"within_last"_s,
                        QJsonObject { { u"amount"_s, 14 }, { u"unit"_s, u"days"_s } }),
                    FilterNode::where(u"resolution_due"_s, u"before"_s, u"2026-11-23"_s),
                    FilterNode::where(u"solved_at"_s, u"empty"_s),
                    FilterNode::where(u"updated_at"_s, u"after"_s, u"2026-03-01T09:30:00Z"_s),
                });
                spec.groupBy = u"due_bucket"_s;
                return spec;
            } },
        { "text and numbers, any of them",
            [](ViewEditorDialog &dialog, DemoWorkspace &) {
                FilterGroupWidget *root = dialog.filterBuilder()->rootGroup();
                ConditionRow *title = addCondition(root);
                ConditionRow *number = addCondition(root);
                ConditionRow *percent = addCondition(root);
                return choose(root->matchCombo(), u"any"_s)
                    && setCondition(title, u"Title"_s, u"contains"_s)
                    && typeInto(valueWidget<QLineEdit>(title, u"valueText"_s), u"printer"_s)
                    && setCondition(number, u"Number"_s, u"is any of"_s)
                    && typeInto(valueWidget<QLineEdit>(number, u"valueList"_s), u"12, 40"_s)
                    && setCondition(percent, u"Percent complete"_s, u"is more than"_s)
                    && typeInto(valueWidget<QDoubleSpinBox>(percent, u"valueNumber"_s), u"50"_s);
            },
            [](DemoWorkspace &) {
                ViewSpec spec;
                spec.filter = FilterNode::any({
                    FilterNode::where(u"title"_s, u"contains"_s, u"printer"_s),
                    FilterNode::where(u"number"_s, u"any_of"_s, QJsonArray { 12, 40 }),
                    FilterNode::where(u"percent_complete"_s, u"gt"_s, 50),
                });
                return spec;
            } },
        { "custom fields",
            [](ViewEditorDialog &dialog, DemoWorkspace &) {
                FilterGroupWidget *root = dialog.filterBuilder()->rootGroup();
                ConditionRow *severity = addCondition(root);
                ConditionRow *environment = addCondition(root);
                ConditionRow *vendor = addCondition(root);
                ConditionRow *estimate = addCondition(root);
                return setCondition(severity, u"Severity"_s, u"is"_s)
                    && pickValue(severity, u"S2"_s)
                    && setCondition(environment, u"Environment"_s, u"includes any of"_s)
                    && tickValues(environment, { u"Staging"_s, u"Production"_s })
                    && setCondition(vendor, u"Vendor case opened"_s, u"is"_s)
                    && pickValue(vendor, u"Checked"_s)
                    && setCondition(estimate, u"Estimate (h)"_s, u"is less than"_s)
                    && typeInto(valueWidget<QDoubleSpinBox>(estimate, u"valueNumber"_s), u"4.5"_s)
                    && addSortKey(dialog.sortKeysEditor(), u"Severity"_s, u"ascending"_s);
            },
            [](DemoWorkspace &ws) {
                const QString cf = u"cf:"_s;
                ViewSpec spec;
                spec.filter = FilterNode::all({
                    FilterNode::where(
                        cf + ws.customField(u"Severity"_s).id.toString(), u"is"_s, u"S2"_s),
                    FilterNode::where(cf + ws.customField(u"Environment"_s).id.toString(),
                        u"any_of"_s, QJsonArray { u"Staging"_s, u"Production"_s }),
                    FilterNode::where(
                        cf + ws.customField(u"Vendor case opened"_s).id.toString(), u"is"_s, true),
                    FilterNode::where(
                        cf + ws.customField(u"Estimate (h)"_s).id.toString(), u"lt"_s, 4.5),
                });
                spec.sort = { { cf + ws.customField(u"Severity"_s).id.toString(), false } };
                return spec;
            } },
        { "people and followers, shared",
            [](ViewEditorDialog &dialog, DemoWorkspace &ws) {
                FilterGroupWidget *root = dialog.filterBuilder()->rootGroup();
                ConditionRow *follower = addCondition(root);
                ConditionRow *requester = addCondition(root);
                ConditionRow *assignee = addCondition(root);
                QTest::mouseClick(dialog.sharedCheck(), Qt::LeftButton, {},
                    QPoint(4, dialog.sharedCheck()->height() / 2));
                return setCondition(follower, u"Followers"_s, u"includes"_s)
                    && pickValue(follower, u"Me"_s)
                    && setCondition(requester, u"Requester"_s, u"is not"_s)
                    && pickValue(requester, u"Me"_s)
                    && setCondition(assignee, u"Assignee"_s, u"is none of"_s)
                    && tickValues(assignee, { ws.agents.at(5).name, ws.agents.at(2).name });
            },
            [](DemoWorkspace &ws) {
                ViewSpec spec;
                spec.filter = FilterNode::all({
                    FilterNode::where(u"follower"_s, u"is"_s, u"@me"_s),
                    FilterNode::where(u"requester"_s, u"is_not"_s, u"@me"_s),
                    FilterNode::where(u"assignee"_s, u"none_of"_s,
                        QJsonArray {
                            ws.agents.at(5).id.toString(), ws.agents.at(2).id.toString() }),
                });
                return spec;
            },
            true },
        { "nested groups, one condition removed",
            [](ViewEditorDialog &dialog, DemoWorkspace &) {
                FilterGroupWidget *root = dialog.filterBuilder()->rootGroup();
                ConditionRow *priority = addCondition(root);
                ConditionRow *doomed = addCondition(root);
                FilterGroupWidget *either = addGroup(root);
                FilterGroupWidget *both = addGroup(either);
                ConditionRow *visibility = addCondition(both);
                if (!setCondition(priority, u"Priority"_s, u"is"_s)
                    || !pickValue(priority, u"Urgent"_s)
                    || !setCondition(doomed, u"Title"_s, u"is empty"_s)
                    || !setCondition(either->conditionAt(0), u"Kind"_s, u"is"_s)
                    || !pickValue(either->conditionAt(0), u"Task"_s)
                    || !setCondition(both->conditionAt(0), u"Channel"_s, u"is any of"_s)
                    || !tickValues(both->conditionAt(0), { u"Email"_s, u"Phone"_s })
                    || !setCondition(visibility, u"Visibility"_s, u"is"_s)
                    || !pickValue(visibility, u"Internal"_s))
                    return false;
                QTest::mouseClick(doomed->removeButton(), Qt::LeftButton);
                return either->kind() == FilterNode::Kind::Any
                    && both->kind() == FilterNode::Kind::All && root->entries().size() == 2;
            },
            [](DemoWorkspace &) {
                ViewSpec spec;
                spec.filter = FilterNode::all({
                    FilterNode::where(u"priority"_s, u"is"_s, u"urgent"_s),
                    FilterNode::any({ FilterNode::where(u"kind"_s, u"is"_s, u"task"_s),
                        FilterNode::all({ FilterNode::where(u"channel"_s, u"any_of"_s,
                                              QJsonArray { u"email"_s, u"phone"_s }),
                            FilterNode::where(u"visibility"_s, u"is"_s, u"internal"_s) }) }),
                });
                return spec;
            } },
        { "sort keys and columns, reordered",
            [](ViewEditorDialog &dialog, DemoWorkspace &) {
                Ui::SortKeysEditor *sort = dialog.sortKeysEditor();
                Ui::ColumnsEditor *columns = dialog.columnsEditor();
                if (!addSortKey(sort, u"Priority"_s, u"descending"_s)
                    || !addSortKey(sort, u"Created"_s, u"ascending"_s)
                    || !addSortKey(sort, u"Title"_s, u"ascending"_s))
                    return false;
                const auto up = sort->findChildren<QToolButton *>(u"moveSortUp"_s);
                QToolButton *titleUp = nullptr;
                for (QToolButton *button : up) {
                    if (button->parentWidget()->isAncestorOf(sort->fieldCombo(2)))
                        titleUp = button;
                }
                if (!titleUp)
                    return false;
                QTest::mouseClick(titleUp, Qt::LeftButton);
                if (!showColumn(columns, u"Number"_s) || !showColumn(columns, u"Title"_s)
                    || !showColumn(columns, u"Priority"_s)
                    || !goToRow(columns->list(), u"Priority"_s))
                    return false;
                // Priority sits below Kind, Type, Status…: up past them and Title.
                const int from = columns->rowOf(u"priority"_s);
                for (int i = 0; i < from - 1; ++i)
                    QTest::mouseClick(
                        columns->findChild<QToolButton *>(u"moveColumnUp"_s), Qt::LeftButton);
                return setColumnWidth(columns, u"Number"_s, 90)
                    && choose(dialog.groupByCombo(), u"Organization"_s);
            },
            [](DemoWorkspace &) {
                ViewSpec spec;
                spec.sort = { { u"priority"_s, true }, { u"title"_s, false },
                    { u"created_at"_s, false } };
                spec.groupBy = u"organization"_s;
                spec.columns = { { u"number"_s, 90 }, { u"priority"_s, 0 }, { u"title"_s, 0 } };
                return spec;
            } },
    };
}

} // namespace

class TestViewEditor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DemoWorkspace> m_ws;

    qint64 countOf(const ViewSpec &spec) const
    {
        QueryContext context = m_ws->context;
        context.now = QDateTime::currentDateTimeUtc();
        context.customFields = m_ws->store->all<CustomFieldDef>();
        return ViewQueries(*m_ws->store).count(compileView(spec, context).value()).value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_ws = std::make_unique<DemoWorkspace>(300);
    }

    void cleanup()
    {
        QThreadPool::globalInstance()->waitForDone();
        m_ws->signInAs(Role::Admin);
    }

    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        m_ws.reset();
    }

    void producesTheSpec_data()
    {
        QTest::addColumn<int>("index");
        const QList<Case> all = cases();
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(all.at(i).name) << i;
    }

    void producesTheSpec()
    {
        QFETCH(int, index);
        const Case c = cases().at(index);
        ViewEditorDialog dialog(m_ws->store.get(), m_ws->context);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.nameEdit(), QString::fromLatin1(c.name));
        QVERIFY(c.drive(dialog, *m_ws));

        const ViewSpec expected = c.expected(*m_ws);
        QCOMPARE(compact(dialog.spec()), compact(expected));
        QCOMPARE(dialog.spec(), expected);
        QCOMPARE(dialog.isShared(), c.shared);
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        QVERIFY(dialog.saveButton()->isEnabled());

        // …and shows the same spec again when given it.
        ViewEditorDialog again(m_ws->store.get(), m_ws->context);
        again.setSpec(expected);
        QCOMPARE(compact(again.spec()), compact(expected));
        QCOMPARE(again.spec(), expected);
    }

    void roundTripsEveryKnownView_data()
    {
        QTest::addColumn<QJsonObject>("json");
        for (const DefaultView &view : defaultViews())
            QTest::newRow(qPrintable(u"default "_s + view.key)) << view.spec.toJson();
        for (const SavedView &view : m_ws->store->all<SavedView>())
            QTest::newRow(qPrintable(u"demo "_s + view.name)) << view.spec;
        QTest::newRow("docs example") << docsExample();
        QTest::newRow("a bare condition") << QJsonObject { { u"filter"_s,
            QJsonObject { { u"field"_s, u"title"_s }, { u"op"_s, u"starts_with"_s },
                { u"value"_s, u"Re:"_s } } } };
        QTest::newRow("the due alias") << QJsonObject {
            { u"filter"_s,
                QJsonObject { { u"field"_s, u"due"_s }, { u"op"_s, u"is"_s },
                    { u"value"_s, u"2026-11-23"_s } } },
            { u"sort"_s,
                QJsonArray { QJsonObject { { u"field"_s, u"due"_s }, { u"dir"_s, u"desc"_s } } } }
        };
        QTest::newRow("an empty any")
            << QJsonObject { { u"filter"_s, QJsonObject { { u"any"_s, QJsonArray() } } } };
        QTest::newRow("an exact time elsewhere") << QJsonObject { { u"filter"_s,
            QJsonObject { { u"field"_s, u"created_at"_s }, { u"op"_s, u"before"_s },
                { u"value"_s, u"2026-01-05T10:00:00+02:00"_s } } } };
        QTest::newRow("an unknown agent kept") << QJsonObject { { u"filter"_s,
            QJsonObject { { u"field"_s, u"assignee"_s }, { u"op"_s, u"any_of"_s },
                { u"value"_s,
                    QJsonArray { u"@me"_s, u"0b0e7a9e-5d2c-4d1e-9d65-3c0f6f6f7a11"_s } } } } };
    }

    void roundTripsEveryKnownView()
    {
        QFETCH(QJsonObject, json);
        const ViewSpec spec = specOf(json);
        ViewEditorDialog dialog(m_ws->store.get(), m_ws->context);
        dialog.setSpec(spec);
        QCOMPARE(dialog.spec().toJson(), json);
        QCOMPARE(dialog.spec(), spec);
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
    }

    void unknownFieldShowsTheCompilerError()
    {
        const QJsonObject json { { u"filter"_s,
            QJsonObject { { u"all"_s,
                QJsonArray { QJsonObject { { u"field"_s, u"colour"_s }, { u"op"_s, u"is"_s },
                    { u"value"_s, u"red"_s } } } } } } };
        ViewEditorDialog dialog(m_ws->store.get(), m_ws->context);
        dialog.setName(u"Colours"_s);
        dialog.setSpec(specOf(json));
        QCOMPARE(dialog.spec().toJson(), json); // kept as it was
        QCOMPARE(dialog.errorText(), u"view.filter.all[0]: unknown field \"colour\""_s);
        QVERIFY(!dialog.saveButton()->isEnabled());
    }

    void invalidFilterDisablesSave()
    {
        ViewEditorDialog dialog(m_ws->store.get(), m_ws->context);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.nameEdit(), u"Printers"_s);
        QVERIFY(dialog.saveButton()->isEnabled());

        FilterGroupWidget *root = dialog.filterBuilder()->rootGroup();
        addCondition(root);
        FilterGroupWidget *group = addGroup(root);
        ConditionRow *title = group->conditionAt(0);
        QVERIFY(setCondition(title, u"Title"_s, u"contains"_s));
        // No text yet: the compiler's message, inline, and no saving.
        QCOMPARE(dialog.errorText(),
            u"view.filter.all[1].any[0].value must be non-empty text of at most 1000 characters"_s);
        QVERIFY(!dialog.saveButton()->isEnabled());
        QVERIFY(!dialog.saveAsButton()->isEnabled());
        auto *label = dialog.findChild<QLabel *>(u"errorLabel"_s);
        QVERIFY(label->isVisible());
        QCOMPARE(label->text(), dialog.errorText());
        // (Rows added to a showing dialog appear on the next turn of the event loop.)
        QVERIFY(title->findChild<QLabel *>(u"errorIcon"_s)->isVisibleTo(&dialog));
        QVERIFY(!root->conditionAt(0)->findChild<QLabel *>(u"errorIcon"_s)->isVisibleTo(&dialog));
        QCOMPARE(dialog.previewCount(), -1);

        QTest::keyClicks(valueWidget<QLineEdit>(title, u"valueText"_s), u"printer"_s);
        QVERIFY(dialog.errorText().isEmpty());
        QVERIFY(!label->isVisible());
        QVERIFY(!title->findChild<QLabel *>(u"errorIcon"_s)->isVisibleTo(&dialog));
        QVERIFY(dialog.saveButton()->isEnabled());

        // Without a name there is nothing to save under.
        dialog.nameEdit()->clear();
        QVERIFY(!dialog.saveButton()->isEnabled());
    }

    void countPreviewMatchesViewQueries()
    {
        ViewEditorDialog dialog(m_ws->store.get(), m_ws->context);
        QSignalSpy counted(&dialog, &ViewEditorDialog::previewCountChanged);
        const ViewSpec example = specOf(docsExample());
        dialog.setSpec(example);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.previewCount() >= 0, 10000);
        QCOMPARE(dialog.previewCount(), countOf(example));
        QVERIFY(countOf(example) > 0);
        auto *label = dialog.findChild<QLabel *>(u"countPreview"_s);
        QVERIFY2(label->text().contains(QLocale().toString(dialog.previewCount())),
            qPrintable(label->text()));

        // A narrower filter recounts.
        FilterGroupWidget *root = dialog.filterBuilder()->rootGroup();
        ConditionRow *urgent = addCondition(root);
        QVERIFY(setCondition(urgent, u"Priority"_s, u"is"_s));
        QVERIFY(pickValue(urgent, u"Urgent"_s));
        const ViewSpec narrower = dialog.spec();
        QCOMPARE(narrower.filter.children.size(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.previewCount(), countOf(narrower), 10000);
        QVERIFY(countOf(narrower) < countOf(example));
        QCOMPARE(counted.constLast().at(0).toLongLong(), countOf(narrower));
    }

    void saveWritesTheStore()
    {
        ViewEditorDialog dialog(m_ws->store.get(), m_ws->context);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.nameEdit(), u"Urgent for me"_s);
        ConditionRow *urgent = addCondition(dialog.filterBuilder()->rootGroup());
        QVERIFY(setCondition(urgent, u"Priority"_s, u"is"_s));
        QVERIFY(pickValue(urgent, u"Urgent"_s));
        QVERIFY(!dialog.deleteButton()->isVisible()); // nothing saved yet
        QSignalSpy saved(&dialog, &ViewEditorDialog::saved);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QCOMPARE(saved.size(), 1);
        QVERIFY(!dialog.isVisible());

        const auto view = m_ws->store->get<SavedView>(dialog.savedViewId());
        QVERIFY(view);
        QCOMPARE(view->name, u"Urgent for me"_s);
        QCOMPARE(view->ownerId, m_ws->context.me);
        QVERIFY(!view->shared);
        QCOMPARE(view->spec, dialog.spec().toJson());

        // Editing it: Save changes the same view, shared this time.
        ViewEditorDialog edit(m_ws->store.get(), m_ws->context);
        edit.setSavedView(*view);
        edit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&edit));
        QCOMPARE(edit.name(), view->name);
        QCOMPARE(edit.spec().toJson(), view->spec);
        QVERIFY(edit.deleteButton()->isVisible());
        QVERIFY(choose(edit.groupByCombo(), u"Assignee"_s));
        QTest::mouseClick(
            edit.sharedCheck(), Qt::LeftButton, {}, QPoint(4, edit.sharedCheck()->height() / 2));
        edit.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&edit));
        QTest::keyClick(&edit, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!edit.isVisible()); // a shortcut clicks the button visibly, after a moment
        const auto changed = m_ws->store->get<SavedView>(view->id);
        QVERIFY(changed->shared);
        QCOMPARE(changed->spec.value(u"group_by"_s).toString(), u"assignee"_s);
        const qsizetype views = m_ws->store->all<SavedView>().size();

        // Save As: a copy under a new name; the original stays.
        ViewEditorDialog copy(m_ws->store.get(), m_ws->context);
        copy.setSavedView(*changed);
        answerModal(u"saveAsDialog"_s, [](QWidget *modal) {
            auto *input = static_cast<QInputDialog *>(modal);
            input->setTextValue(u"Urgent, my copy"_s);
            input->accept();
        });
        copy.saveAs();
        QCOMPARE(m_ws->store->all<SavedView>().size(), views + 1);
        QVERIFY(copy.savedViewId() != view->id);
        const auto copied = m_ws->store->get<SavedView>(copy.savedViewId());
        QCOMPARE(copied->name, u"Urgent, my copy"_s);
        QCOMPARE(copied->spec, changed->spec);
        QCOMPARE(m_ws->store->get<SavedView>(view->id)->name, u"Urgent for me"_s);

        // Delete, confirmed.
        ViewEditorDialog remove(m_ws->store.get(), m_ws->context);
        remove.setSavedView(*copied);
        QSignalSpy deleted(&remove, &ViewEditorDialog::deleted);
        confirmDeletion();
        remove.deleteView();
        QCOMPARE(deleted.size(), 1);
        QVERIFY(!m_ws->store->get<SavedView>(copied->id));
        QCOMPARE(m_ws->store->all<SavedView>().size(), views);
    }

    void agentsKeepViewsPersonal()
    {
        m_ws->signInAs(Role::Agent);
        ViewEditorDialog dialog(m_ws->store.get(), m_ws->context);
        QVERIFY(!dialog.sharedCheck()->isEnabled());

        // A lead's shared view: an agent may copy it but not change or delete it.
        SavedView shared;
        for (const SavedView &view : m_ws->store->all<SavedView>()) {
            if (view.shared && view.ownerId != m_ws->context.me)
                shared = view;
        }
        QVERIFY(shared.id.isValid());
        dialog.setSavedView(shared);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.saveButton()->isEnabled());
        QVERIFY(dialog.saveAsButton()->isEnabled());
        QVERIFY(!dialog.deleteButton()->isVisible());
    }

    void multiChoicePopupIsAModelOfChoices()
    {
        ViewEditorDialog dialog(m_ws->store.get(), m_ws->context);
        ConditionRow *row = addCondition(dialog.filterBuilder()->rootGroup());
        QVERIFY(setCondition(row, u"Status"_s, u"is any of"_s));
        auto *editor = qobject_cast<MultiChoiceEditor *>(row->valueEditor());
        QVERIFY(editor);
        QAbstractItemModelTester tester(
            editor->list()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Statuses that share a name across types name their type.
        QCOMPARE(editor->list()->model()->rowCount(), m_ws->store->all<Status>().size());
        // Changing the operator to "is" keeps the first chosen value.
        QVERIFY(tick(editor, { editor->list()->model()->index(2, 0).data().toString() }));
        const QJsonValue chosen = row->condition().value.toArray().first();
        QVERIFY(choose(row->operatorCombo(), u"is"_s));
        QCOMPARE(row->condition().value, chosen);
    }
};

QTEST_MAIN(TestViewEditor)
#include "tst_vieweditor.moc"
