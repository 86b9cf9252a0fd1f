// SPDX-License-Identifier: GPL-3.0-or-later
#include "colorscheme.h"
#include "protocol/codecs.h"
#include "ticketlistfixture.h"
#include "tickets/ticketlistmodel.h"
#include "tickets/ticketlistview.h"
#include "tickets/ticketroles.h"
#include "tickets/ticketstyle.h"

#include <QApplication>
#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Tessera::Ui::TicketListModel;
using Tessera::Ui::TicketListView;

class TestTicketListView : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::TicketListFixture> m_demo;
    std::unique_ptr<TicketListModel> m_model;
    std::unique_ptr<TicketListView> m_view;

    void open(const ViewSpec &spec, int pageSize = TicketListModel::DefaultPageSize)
    {
        m_model = std::make_unique<TicketListModel>(m_demo->store.get(), m_demo->context);
        m_model->setPageSize(pageSize);
        m_view = std::make_unique<TicketListView>();
        m_view->resize(1000, 600);
        m_view->setModel(m_model.get());
        m_model->setView(spec);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->setFocus();
    }

    QModelIndex group(int row) const { return m_model->index(row, 0); }
    TicketId ticket(int groupRow, int row) const
    {
        return m_model->ticketId(m_model->index(row, 0, group(groupRow)));
    }
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(m_view.get(), key, modifiers);
    }

private Q_SLOTS:
    void initTestCase() { m_demo = std::make_unique<Test::TicketListFixture>(); }
    void cleanup()
    {
        m_view.reset();
        m_model.reset();
    }

    void groupsOpenAsTheyComeIntoSight()
    {
        open(Test::TicketListFixture::allOpen(u"status"_s), 20);
        QVERIFY(m_model->rowCount() > 4);
        QVERIFY(m_view->isExpanded(group(0)));
        // Groups far below the fold are neither open nor read yet.
        const int last = m_model->rowCount() - 1;
        QVERIFY(!m_view->isExpanded(group(last)));
        QCOMPARE(m_model->rowCount(group(last)), 0);
        // Scrolling to the end opens what comes into sight, a page at a time.
        for (int i = 0; i < 200 && !m_view->isExpanded(group(last)); ++i) {
            m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
            QCoreApplication::processEvents();
        }
        QVERIFY(m_view->isExpanded(group(last)));
        QVERIFY(m_model->rowCount(group(last)) > 0);
    }

    void collapsedGroupsStayCollapsedAcrossReloads()
    {
        open(Test::TicketListFixture::allOpen(u"priority"_s));
        const QModelIndex first = group(0);
        const QVariant key = first.data(Ui::GroupKeyRole);
        QVERIFY(m_view->isExpanded(first));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
            m_view->visualRect(first.siblingAtColumn(1)).center());
        QVERIFY(!m_view->isExpanded(group(0)));
        m_model->setGroupBy(u"status"_s);
        QVERIFY(m_view->isExpanded(group(0)));
        m_model->setGroupBy(u"priority"_s);
        QCOMPARE(group(0).data(Ui::GroupKeyRole), key);
        QVERIFY(!m_view->isExpanded(group(0)));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
            m_view->visualRect(group(0).siblingAtColumn(1)).center());
        QVERIFY(m_view->isExpanded(group(0)));
        m_model->reload();
        QVERIFY(m_view->isExpanded(group(0)));
    }

    void keyboardMovesFromTicketToTicket()
    {
        open(Test::TicketListFixture::allOpen(u"priority"_s), 1000);
        QSignalSpy current(m_view.get(), &TicketListView::currentTicketChanged);
        QSignalSpy open(m_view.get(), &TicketListView::openRequested);

        press(Qt::Key_Down);
        QCOMPARE(m_view->currentTicket(), ticket(0, 0));
        QCOMPARE(current.last().first().value<TicketId>(), ticket(0, 0));
        press(Qt::Key_J);
        QCOMPARE(m_view->currentTicket(), ticket(0, 1));
        press(Qt::Key_J);
        QCOMPARE(m_view->currentTicket(), ticket(0, 2));
        press(Qt::Key_K);
        QCOMPARE(m_view->currentTicket(), ticket(0, 1));
        press(Qt::Key_Up);
        QCOMPARE(m_view->currentTicket(), ticket(0, 0));
        press(Qt::Key_Up); // the first ticket: the header above is skipped, nothing moves
        QCOMPARE(m_view->currentTicket(), ticket(0, 0));

        // Across a group boundary the header is skipped, and the next group
        // opens even if it was below the fold.
        const int lastOfFirst = m_model->rowCount(group(0)) - 1;
        QVERIFY(m_view->setCurrentTicket(ticket(0, lastOfFirst)));
        press(Qt::Key_Down);
        QCOMPARE(m_view->currentTicket(), ticket(1, 0));
        QVERIFY(m_view->selectionModel()->isRowSelected(0, group(1)));
        press(Qt::Key_K);
        QCOMPARE(m_view->currentTicket(), ticket(0, lastOfFirst));

        // A group the agent closed is skipped whole.
        m_view->collapse(group(1));
        press(Qt::Key_J);
        QCOMPARE(m_view->currentTicket(), ticket(2, 0));

        press(Qt::Key_Return);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().value<TicketId>(), ticket(2, 0));
        QVERIFY(current.size() >= 8);
    }

    void extendedSelectionGivesTicketsInOrder()
    {
        open(Test::TicketListFixture::allOpen(u"priority"_s), 1000);
        const int lastOfFirst = m_model->rowCount(group(0)) - 1;
        QVERIFY(m_view->setCurrentTicket(ticket(0, lastOfFirst - 1)));
        press(Qt::Key_Down, Qt::ShiftModifier);
        press(Qt::Key_Down, Qt::ShiftModifier);
        press(Qt::Key_J, Qt::ShiftModifier);
        const QList<TicketId> expected { ticket(0, lastOfFirst - 1), ticket(0, lastOfFirst),
            ticket(1, 0), ticket(1, 1) };
        QCOMPARE(m_view->selectedTicketIds(), expected);
        QCOMPARE(m_view->selectionMode(), QAbstractItemView::ExtendedSelection);
    }

    void liveUpdatesKeepSelectionAndScroll()
    {
        open(Test::TicketListFixture::allOpen(QString()));
        QVERIFY(m_view->setCurrentTicket(m_model->ticketId(m_model->index(12, 0))));
        const TicketId selected = m_view->currentTicket();
        m_view->verticalScrollBar()->setValue(5);
        const int scroll = m_view->verticalScrollBar()->value();
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

        const TicketId other = m_model->ticketId(m_model->index(14, 0));
        QVERIFY(m_demo->edit(other, { { u"title"_s, u"Renamed while watched"_s } }));
        QTRY_COMPARE(m_model->index(14, m_model->columnForField(u"title"_s)).data().toString(),
            u"Renamed while watched"_s);
        // A ticket above the selection leaves the view: the selection follows its row.
        const TicketId leaving = m_model->ticketId(m_model->index(3, 0));
        QVERIFY(m_demo->edit(leaving,
            { { u"status_id"_s, m_demo->statusIn(leaving, StatusCategory::Closed).toString() } }));
        QTRY_VERIFY(!m_model->indexForTicket(leaving).isValid());
        QCOMPARE(reset.size(), 0);
        QCOMPARE(m_view->currentTicket(), selected);
        QCOMPARE(m_view->selectedTicketIds(), QList<TicketId> { selected });
        QCOMPARE(m_view->verticalScrollBar()->value(), scroll);
    }

    void headerClickSorts()
    {
        open(Test::TicketListFixture::allOpen(QString()));
        QHeaderView *header = m_view->header();
        const int number = m_model->columnForField(u"number"_s);
        const QPoint at(header->sectionViewportPosition(number) + 10, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(m_model->sortColumn(), number);
        QCOMPARE(header->sortIndicatorSection(), number);
        const Qt::SortOrder first = m_model->sortOrder();
        const auto numbers = [this] {
            QList<qint64> values;
            for (int row = 0; row < 10; ++row)
                values.append(m_model->index(row, 0).data(Ui::NumberRole).toLongLong());
            return values;
        };
        QList<qint64> sorted = numbers();
        QVERIFY(std::is_sorted(sorted.cbegin(), sorted.cend()) || first == Qt::DescendingOrder);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(m_model->sortOrder() != first);
        QCOMPARE(header->sortIndicatorOrder(), m_model->sortOrder());
        QList<qint64> reversed = numbers();
        if (m_model->sortOrder() == Qt::DescendingOrder)
            std::reverse(reversed.begin(), reversed.end());
        QVERIFY(std::is_sorted(reversed.cbegin(), reversed.cend()));
    }

    void columnsFollowTheViewAndTheHeaderMenu()
    {
        ViewSpec spec = Test::TicketListFixture::allOpen(QString());
        spec.columns = { { u"title"_s, 300 }, { u"number"_s, 70 }, { u"status"_s, 110 } };
        open(spec);
        const QList<ColumnSpec> shown = m_view->visibleColumns();
        QCOMPARE(shown.size(), 3);
        QCOMPARE(shown.at(0), (ColumnSpec { u"title"_s, 300 }));
        QCOMPARE(shown.at(1), (ColumnSpec { u"number"_s, 70 }));
        QCOMPARE(shown.at(2).field, u"status"_s); // the last one stretches

        QSignalSpy changed(m_view.get(), &TicketListView::columnsChanged);
        std::unique_ptr<QMenu> menu(m_view->createColumnsMenu(nullptr));
        QAction *priority = nullptr;
        QAction *title = nullptr;
        for (QAction *action : menu->actions()) {
            if (action->data().toString() == u"priority"_s)
                priority = action;
            if (action->data().toString() == u"title"_s)
                title = action;
        }
        QVERIFY(priority && title);
        QVERIFY(!priority->isChecked());
        QVERIFY(title->isChecked());
        priority->trigger();
        title->trigger();
        QCOMPARE(changed.size(), 2);
        QStringList fields;
        for (const ColumnSpec &column : m_view->visibleColumns())
            fields.append(column.field);
        QCOMPARE(fields, QStringList({ u"number"_s, u"status"_s, u"priority"_s }));
    }

    void columnStateRoundTrips()
    {
        open(Test::TicketListFixture::allOpen(QString()));
        QHeaderView *header = m_view->header();
        header->moveSection(header->visualIndex(m_model->columnForField(u"status"_s)), 0);
        header->setSectionHidden(m_model->columnForField(u"assignee"_s), true);
        header->setSectionHidden(m_model->columnForField(u"project"_s), false);
        header->resizeSection(m_model->columnForField(u"number"_s), 91);
        const QList<ColumnSpec> before = m_view->visibleColumns();
        const QByteArray state = m_view->saveState();

        // A fresh list showing the same view, as after a restart.
        open(Test::TicketListFixture::allOpen(QString()));
        QVERIFY(m_view->visibleColumns() != before);
        QVERIFY(m_view->restoreState(state));
        QCOMPARE(m_view->visibleColumns(), before);
        QCOMPARE(m_view->visibleColumns().first().field, u"status"_s);
        QVERIFY(!m_view->restoreState(QByteArray("not a header state")));
    }

    void aNewCustomFieldComesAsAHiddenColumn()
    {
        open(Test::TicketListFixture::allOpen(QString()));
        const QList<ColumnSpec> before = m_view->visibleColumns();
        const int columns = m_model->columnCount();
        CustomFieldDef field;
        field.id = CustomFieldId::create();
        field.name = u"Contract"_s;
        field.fieldType = FieldType::Text;
        field.position = 99;
        field.version = 1;
        QVERIFY(m_demo->store->importEntities(EntityKind::CustomField, { Protocol::toJson(field) })
                    .isOk());
        QTRY_COMPARE(m_model->columnCount(), columns + 1);
        const int added = m_model->columnForField(u"cf:"_s + field.id.toString());
        QVERIFY(added >= 0);
        QCOMPARE(m_model->headerData(added, Qt::Horizontal).toString(), u"Contract"_s);
        QVERIFY(m_view->header()->isSectionHidden(added));
        QCOMPARE(m_view->visibleColumns().size(), before.size());
    }

    void rowsArePaintedWithTheirTint()
    {
        ViewSpec spec;
        spec.filter = FilterNode::where(u"resolution_due"_s, u"overdue"_s);
        spec.columns = { { u"number"_s, 80 }, { u"title"_s, 600 }, { u"status"_s, 120 } };
        open(spec);
        QVERIFY(m_model->rowCount() > 2);
        const QModelIndex row = m_model->index(1, m_model->columnForField(u"title"_s));
        QCOMPARE(Ui::RowState(row.data(Ui::RowStateRole).toInt()), Ui::RowState::Overdue);
        const QImage image = m_view->viewport()->grab().toImage();
        const QRect cell = m_view->visualRect(row);
        const QColor pixel = image.pixelColor(
            QPoint(cell.right() - 4, cell.center().y()) * image.devicePixelRatio());
        const QColor tint = Ui::TicketStyle::rowTint(m_view->palette(), Ui::RowState::Overdue);
        QCOMPARE(pixel.name(), tint.name());
    }

    void coloursReadInLightAndDarkPalettes_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::newRow("light") << int(Ui::ColorScheme::Light);
        QTest::newRow("dark") << int(Ui::ColorScheme::Dark);
    }

    void coloursReadInLightAndDarkPalettes()
    {
        QFETCH(int, scheme);
        Ui::applyColorScheme(Ui::ColorScheme(scheme));
        const QPalette palette = QApplication::palette();
        QSet<QString> colours;
        for (const Status &status : m_demo->store->all<Status>())
            colours.insert(status.color);
        colours.insert(u"#ffffff"_s);
        colours.insert(u"#000000"_s);
        colours.insert(u"#ffff00"_s);
        for (const QString &name : std::as_const(colours)) {
            const QColor fill = Ui::TicketStyle::bubbleFill(QColor(name), palette);
            QVERIFY2(Ui::TicketStyle::contrastRatio(fill, Ui::TicketStyle::bubbleText(fill)) >= 4.5,
                qPrintable(name));
        }
        const QColor text = palette.color(QPalette::Text);
        for (auto state : { Ui::RowState::Overdue, Ui::RowState::DueToday, Ui::RowState::Solved }) {
            const QColor tint = Ui::TicketStyle::rowTint(palette, state);
            QVERIFY(tint != palette.color(QPalette::Base));
            QVERIFY(Ui::TicketStyle::contrastRatio(tint, text) >= 7.0);
            for (auto state2 :
                { Ui::RowState::Overdue, Ui::RowState::DueToday, Ui::RowState::Solved })
                QVERIFY(state == state2 || tint != Ui::TicketStyle::rowTint(palette, state2));
        }
        for (auto priority : { Priority::High, Priority::Urgent })
            QVERIFY(
                Ui::TicketStyle::contrastRatio(Ui::TicketStyle::priorityColor(priority, palette),
                    palette.color(QPalette::Base))
                >= 4.5);
        for (auto state : { Ui::RowState::Overdue, Ui::RowState::DueToday }) {
            const QColor badge = Ui::TicketStyle::dueBadgeFill(state, palette);
            QVERIFY(
                Ui::TicketStyle::contrastRatio(badge, Ui::TicketStyle::bubbleText(badge)) >= 4.5);
        }
        Ui::applyColorScheme(Ui::ColorScheme::Light);
    }
};

QTEST_MAIN(TestTicketListView)
#include "tst_ticketlistview.moc"
