// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticketlistfixture.h"
#include "tickets/ticketlistmodel.h"
#include "tickets/ticketroles.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Tessera::Ui::TicketListModel;

namespace {

// Every signal a live update could send, so a test can say which it expects.
struct ModelSpies
{
    explicit ModelSpies(QAbstractItemModel *model)
        : dataChanged(model, &QAbstractItemModel::dataChanged)
        , reset(model, &QAbstractItemModel::modelReset)
        , layout(model, &QAbstractItemModel::layoutChanged)
        , inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , moved(model, &QAbstractItemModel::rowsMoved)
    { }
    QSignalSpy dataChanged, reset, layout, inserted, removed, moved;
};

QModelIndex groupWithKey(const QAbstractItemModel &model, const QVariant &key)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (index.data(Ui::GroupKeyRole) == key)
            return index;
    }
    return {};
}

} // namespace

class TestTicketListModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::TicketListFixture> m_demo;

    // Reads the whole view as the model shows it: group keys with their rows.
    static void fetchAll(TicketListModel &model)
    {
        while (model.canFetchMore({}))
            model.fetchMore({});
        for (int row = 0; model.isGrouped() && row < model.rowCount(); ++row) {
            const QModelIndex group = model.index(row, 0);
            while (model.canFetchMore(group))
                model.fetchMore(group);
        }
    }

    // The model's loaded rows agree with the view read afresh from the store.
    void checkAgainstStore(const TicketListModel &model)
    {
        auto compiled = compileView(model.view(), m_demo->compileContext());
        QVERIFY(compiled.isOk());
        const ViewQueries queries(*m_demo->store);
        if (!model.isGrouped()) {
            const int loaded = model.rowCount();
            auto rows = queries.rows(compiled.value(), std::nullopt, 0, loaded);
            QVERIFY(rows.isOk());
            QCOMPARE(rows->size(), loaded);
            for (int i = 0; i < loaded; ++i)
                QCOMPARE(model.ticketId(model.index(i, 0)), rows->at(i).id);
            return;
        }
        auto groups = queries.groups(compiled.value());
        QVERIFY(groups.isOk());
        QCOMPARE(model.rowCount(), groups->size());
        for (int g = 0; g < groups->size(); ++g) {
            const QModelIndex header = model.index(g, 0);
            QCOMPARE(header.data(Ui::GroupKeyRole), groups->at(g).key);
            QCOMPARE(header.data(Ui::GroupCountRole).toLongLong(), groups->at(g).count);
            const int loaded = model.rowCount(header);
            auto rows = queries.rows(compiled.value(), groups->at(g).key, 0, loaded);
            QVERIFY(rows.isOk());
            QCOMPARE(rows->size(), loaded);
            for (int i = 0; i < loaded; ++i)
                QCOMPARE(model.ticketId(model.index(i, 0, header)), rows->at(i).id);
        }
    }

private Q_SLOTS:
    void init() { m_demo = std::make_unique<Test::TicketListFixture>(); }
    void cleanup() { m_demo.reset(); }

    void testerUngroupedWithPages()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(40);
        ViewSpec spec = Test::TicketListFixture::allOpen(QString());
        spec.sort = { { u"number"_s, false } };
        model.setView(spec);
        QVERIFY(model.errorString().isEmpty());
        QVERIFY(!model.isGrouped());
        QCOMPARE(model.rowCount(), 40);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 80);
        fetchAll(model);
        QVERIFY(!model.canFetchMore({}));

        auto compiled = compileView(spec, m_demo->compileContext());
        QVERIFY(compiled.isOk());
        const qint64 total = ViewQueries(*m_demo->store).count(compiled.value()).value();
        QCOMPARE(model.rowCount(), total);
        QCOMPARE(model.totalCount(), total);
        qint64 previous = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const qint64 number = model.index(row, 0).data(Ui::NumberRole).toLongLong();
            QVERIFY(number > previous);
            previous = number;
            QVERIFY(!model.hasChildren(model.index(row, 0)));
        }
        checkAgainstStore(model);
    }

    void testerGroupedWithPagesPerGroup()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(25);
        model.setView(Test::TicketListFixture::allOpen(u"status"_s));
        QVERIFY(model.isGrouped());
        QVERIFY(model.rowCount() > 2);
        // The first page goes to the first groups only.
        int loaded = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            loaded += model.rowCount(model.index(row, 0));
        QCOMPARE(loaded, 25);
        const QModelIndex last = model.index(model.rowCount() - 1, 0);
        QCOMPARE(model.rowCount(last), 0);
        QVERIFY(model.hasChildren(last));
        QVERIFY(model.canFetchMore(last));
        QVERIFY(!model.canFetchMore({}));
        QVERIFY(last.data(Ui::IsGroupRole).toBool());
        QVERIFY(!(model.flags(last) & Qt::ItemIsSelectable));

        model.fetchMore(last);
        QCOMPARE(
            model.rowCount(last), std::min<qint64>(25, last.data(Ui::GroupCountRole).toLongLong()));
        const QModelIndex child = model.index(0, 0, last);
        QCOMPARE(child.parent(), last);
        QCOMPARE(child.data(Ui::GroupKeyRole), last.data(Ui::GroupKeyRole));
        QVERIFY(model.ticketId(child).isValid());
        QVERIFY(model.flags(child) & Qt::ItemIsSelectable);

        fetchAll(model);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex group = model.index(row, 0);
            QCOMPARE(model.rowCount(group), group.data(Ui::GroupCountRole).toLongLong());
            QVERIFY(!model.canFetchMore(group));
        }
        checkAgainstStore(model);
    }

    void pausedFetchingFetchesNothing()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        model.setPageSize(10);
        model.setView(Test::TicketListFixture::allOpen(QString()));
        model.setFetchPaused(true);
        QVERIFY(!model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 10);
        model.setFetchPaused(false);
        QVERIFY(model.canFetchMore({}));
    }

    void displaysNamesNotIds()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        model.setView(Test::TicketListFixture::allOpen(QString()));
        const QModelIndex first = model.index(0, 0);
        const auto ticket = m_demo->store->get<Ticket>(model.ticketId(first));
        QVERIFY(ticket);
        const auto cell = [&](const QString &field) {
            return model.index(0, model.columnForField(field)).data().toString();
        };
        QCOMPARE(cell(u"title"_s), ticket->title);
        QCOMPARE(cell(u"number"_s), QString::number(ticket->number));
        QCOMPARE(cell(u"status"_s), m_demo->store->get<Status>(ticket->statusId)->name);
        QCOMPARE(cell(u"type"_s), m_demo->store->get<TicketType>(ticket->typeId)->name);
        if (ticket->assigneeId.isValid())
            QCOMPARE(cell(u"assignee"_s), m_demo->store->get<Person>(ticket->assigneeId)->name);
        QCOMPARE(model.headerData(model.columnForField(u"title"_s), Qt::Horizontal).toString(),
            u"Title"_s);
        QCOMPARE(model.columnForField(u"due"_s), model.columnForField(u"resolution_due"_s));
        QCOMPARE(model.fieldForColumn(model.columnForField(u"status"_s)), u"status"_s);
        QVERIFY(model.index(0, model.columnForField(u"status"_s))
                    .data(Ui::StatusColorRole)
                    .value<QColor>()
                    .isValid());
    }

    void rowStatesFollowDueDatesAndStatus()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        ViewSpec spec;
        spec.sort = { { u"number"_s, false } };
        model.setView(spec);
        while (model.canFetchMore({}))
            model.fetchMore({});
        const QDateTime now = m_demo->context.now;
        QSet<int> seen;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            const auto ticket = m_demo->store->get<Ticket>(model.ticketId(index));
            const auto category = m_demo->store->get<Status>(ticket->statusId)->category;
            const bool open
                = category != StatusCategory::Solved && category != StatusCategory::Closed;
            Ui::RowState expected = Ui::RowState::Normal;
            if (!open)
                expected = Ui::RowState::Solved;
            else if (ticket->resolutionDue.isValid() && ticket->resolutionDue < now)
                expected = Ui::RowState::Overdue;
            else if (ticket->resolutionDue.isValid()
                && ticket->resolutionDue.toUTC().date() == now.toUTC().date())
                expected = Ui::RowState::DueToday;
            QCOMPARE(Ui::RowState(index.data(Ui::RowStateRole).toInt()), expected);
            seen.insert(int(expected));
        }
        QVERIFY2(
            seen.contains(int(Ui::RowState::Overdue)) && seen.contains(int(Ui::RowState::Solved)),
            "the demo data has overdue and solved tickets");
    }

    void liveTitleEditChangesOnlyThatRow_data()
    {
        QTest::addColumn<QString>("groupBy");
        QTest::newRow("ungrouped") << QString();
        QTest::newRow("grouped by status") << u"status"_s;
    }

    void liveTitleEditChangesOnlyThatRow()
    {
        QFETCH(QString, groupBy);
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setView(Test::TicketListFixture::allOpen(groupBy));
        const QModelIndex parent = model.isGrouped() ? model.index(0, 0) : QModelIndex();
        QVERIFY(model.rowCount(parent) > 5);
        const QPersistentModelIndex target = model.index(5, 0, parent);
        const TicketId id = model.ticketId(target);
        const int countBefore = parent.data(Ui::GroupCountRole).toInt();

        ModelSpies spies(&model);
        QVERIFY(m_demo->edit(id, { { u"title"_s, u"Printer on fire, again"_s } }));
        QVERIFY(spies.dataChanged.wait(2000));
        QTest::qWait(20); // nothing else follows
        QCOMPARE(spies.dataChanged.size(), 1);
        const auto topLeft = spies.dataChanged.first().at(0).value<QModelIndex>();
        const auto bottomRight = spies.dataChanged.first().at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), 5);
        QCOMPARE(bottomRight.row(), 5);
        QCOMPARE(topLeft.parent(), QModelIndex(parent));
        QCOMPARE(bottomRight.parent(), QModelIndex(parent));
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(spies.layout.size(), 0);
        QCOMPARE(spies.inserted.size(), 0);
        QCOMPARE(spies.removed.size(), 0);
        QCOMPARE(spies.moved.size(), 0);
        QCOMPARE(target.row(), 5);
        QCOMPARE(model.index(5, model.columnForField(u"title"_s), parent).data().toString(),
            u"Printer on fire, again"_s);
        QCOMPARE(parent.data(Ui::GroupCountRole).toInt(), countBefore);
    }

    void ticketLeavingTheViewIsRemoved()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setView(Test::TicketListFixture::allOpen(u"status"_s));
        const QPersistentModelIndex group = model.index(0, 0);
        const int loaded = model.rowCount(group);
        const qint64 count = group.data(Ui::GroupCountRole).toLongLong();
        QVERIFY(loaded > 3);
        const TicketId id = model.ticketId(model.index(2, 0, group));
        const TicketId next = model.ticketId(model.index(3, 0, group));

        ModelSpies spies(&model);
        QVERIFY(m_demo->edit(
            id, { { u"status_id"_s, m_demo->statusIn(id, StatusCategory::Solved).toString() } }));
        QTRY_COMPARE(spies.removed.size(), 1);
        QTest::qWait(20);
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(spies.layout.size(), 0);
        const QList<QVariant> removal = spies.removed.first();
        QCOMPARE(removal.at(0).value<QModelIndex>(), QModelIndex(group));
        QCOMPARE(removal.at(1).toInt(), 2);
        QCOMPARE(removal.at(2).toInt(), 2);
        QCOMPARE(group.data(Ui::GroupCountRole).toLongLong(), count - 1);
        QVERIFY(!model.indexForTicket(id).isValid());
        QCOMPARE(model.ticketId(model.index(2, 0, group)), next);
        // The header row announced its new count.
        bool headerChanged = false;
        for (const QList<QVariant> &signal : std::as_const(spies.dataChanged)) {
            const auto index = signal.at(0).value<QModelIndex>();
            headerChanged
                = headerChanged || (!index.parent().isValid() && index.row() == group.row());
        }
        QVERIFY(headerChanged);
        checkAgainstStore(model);
    }

    void lastTicketOfAGroupTakesTheGroupAlong()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ViewSpec spec = Test::TicketListFixture::allOpen(u"assignee"_s);
        spec.filter = FilterNode::all(
            { spec.filter, FilterNode::where(u"priority"_s, u"is"_s, u"urgent"_s) });
        model.setView(spec);
        fetchAll(model);
        int single = -1;
        for (int row = 0; row < model.rowCount() && single < 0; ++row) {
            if (model.index(row, 0).data(Ui::GroupCountRole).toLongLong() == 1)
                single = row;
        }
        if (single < 0)
            QSKIP("no assignee with exactly one urgent ticket");
        const int groups = model.rowCount();
        const TicketId id = model.ticketId(model.index(0, 0, model.index(single, 0)));

        ModelSpies spies(&model);
        QVERIFY(m_demo->edit(
            id, { { u"status_id"_s, m_demo->statusIn(id, StatusCategory::Solved).toString() } }));
        QTRY_COMPARE(model.rowCount(), groups - 1);
        QCOMPARE(spies.reset.size(), 0);
        const QList<QVariant> last = spies.removed.last();
        QVERIFY(!last.at(0).value<QModelIndex>().isValid());
        QCOMPARE(last.at(1).toInt(), single);
        checkAgainstStore(model);
    }

    void ticketEnteringTheViewIsInsertedInPlace()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ViewSpec spec;
        spec.filter = FilterNode::where(u"priority"_s, u"is"_s, u"urgent"_s);
        spec.sort = { { u"number"_s, false } };
        model.setView(spec);
        const int before = model.rowCount();
        QVERIFY(before > 3);
        // A ticket whose number falls between the first two urgent ones.
        const qint64 first = model.index(0, 0).data(Ui::NumberRole).toLongLong();
        const qint64 second = model.index(1, 0).data(Ui::NumberRole).toLongLong();
        TicketId newcomer;
        for (const Ticket &t : m_demo->store->all<Ticket>()) {
            if (t.number > first && t.number < second && t.priority != Priority::Urgent)
                newcomer = t.id;
        }
        if (!newcomer.isValid())
            QSKIP("no ticket number between the first two urgent ones");

        ModelSpies spies(&model);
        QVERIFY(m_demo->edit(newcomer, { { u"priority"_s, u"urgent"_s } }));
        QTRY_COMPARE(spies.inserted.size(), 1);
        QTest::qWait(20);
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(spies.removed.size(), 0);
        QCOMPARE(spies.inserted.first().at(1).toInt(), 1);
        QCOMPARE(model.rowCount(), before + 1);
        QCOMPARE(model.ticketId(model.index(1, 0)), newcomer);
        checkAgainstStore(model);
    }

    void ticketChangingGroupMovesBetweenGroups()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(1000);
        model.setView(Test::TicketListFixture::allOpen(u"priority"_s));
        fetchAll(model);
        const QModelIndex urgent = groupWithKey(model, 3);
        const QModelIndex low = groupWithKey(model, 0);
        QVERIFY(urgent.isValid() && low.isValid());
        const qint64 urgentCount = urgent.data(Ui::GroupCountRole).toLongLong();
        const qint64 lowCount = low.data(Ui::GroupCountRole).toLongLong();
        const TicketId id = model.ticketId(model.index(0, 0, low));

        ModelSpies spies(&model);
        QVERIFY(m_demo->edit(id, { { u"priority"_s, u"urgent"_s } }));
        QTRY_COMPARE(spies.inserted.size(), 1);
        QCOMPARE(spies.removed.size(), 1);
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(groupWithKey(model, 3).data(Ui::GroupCountRole).toLongLong(), urgentCount + 1);
        QCOMPARE(groupWithKey(model, 0).data(Ui::GroupCountRole).toLongLong(), lowCount - 1);
        QCOMPARE(model.indexForTicket(id).parent(), groupWithKey(model, 3));
        checkAgainstStore(model);
    }

    void randomEditsKeepTheModelTrue_data()
    {
        QTest::addColumn<QString>("groupBy");
        QTest::newRow("ungrouped") << QString();
        QTest::newRow("status") << u"status"_s;
        QTest::newRow("assignee") << u"assignee"_s;
    }

    // Whatever the edits, the loaded rows stay the true prefix of each
    // group, the counts stay right, and nothing resets.
    void randomEditsKeepTheModelTrue()
    {
        QFETCH(QString, groupBy);
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(30);
        model.setView(Test::TicketListFixture::allOpen(groupBy));
        if (model.isGrouped()) {
            for (int row = 0; row < model.rowCount(); row += 2)
                model.fetchMore(model.index(row, 0));
        } else {
            for (int page = 0; page < 3; ++page)
                model.fetchMore({});
        }
        ModelSpies spies(&model);
        const QList<Ticket> tickets = m_demo->store->all<Ticket>();
        const QList<Person> people = m_demo->store->all<Person>();
        QList<PersonId> agents;
        for (const Person &p : people) {
            if (p.kind == PersonKind::Agent)
                agents.append(p.id);
        }
        QRandomGenerator random(7);
        const QStringList priorities { u"low"_s, u"normal"_s, u"high"_s, u"urgent"_s };
        for (int round = 0; round < 40; ++round) {
            // Mostly tickets on screen, sometimes any ticket.
            TicketId id;
            if (random.bounded(3) > 0 && model.rowCount() > 0) {
                QModelIndex parent;
                if (model.isGrouped()) {
                    parent = model.index(random.bounded(model.rowCount()), 0);
                    if (model.rowCount(parent) == 0)
                        continue;
                }
                id = model.ticketId(model.index(random.bounded(model.rowCount(parent)), 0, parent));
            } else {
                id = tickets.at(random.bounded(int(tickets.size()))).id;
            }
            QJsonObject changes;
            switch (random.bounded(4)) {
            case 0:
                changes.insert(u"priority"_s, priorities.at(random.bounded(4)));
                break;
            case 1:
                changes.insert(u"status_id"_s,
                    m_demo->statusIn(id, StatusCategory(random.bounded(6))).toString());
                break;
            case 2:
                changes.insert(
                    u"assignee_id"_s, agents.at(random.bounded(int(agents.size()))).toString());
                break;
            default:
                changes.insert(u"title"_s, u"Edited %1"_s.arg(round));
                break;
            }
            QVERIFY(m_demo->edit(id, changes));
            QTest::qWait(1);
            checkAgainstStore(model);
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(spies.layout.size(), 0);
        // The edits did move rows around, in and out of the list.
        QVERIFY(spies.removed.size() > 0);
        QVERIFY(spies.inserted.size() > 0);
        QVERIFY(spies.moved.size() > 0);
    }

    void aLargeChangeReloads()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setView(Test::TicketListFixture::allOpen(u"status"_s));
        QList<QJsonObject> batch;
        for (const QJsonObject &ticket : m_demo->store->allJson(EntityKind::Ticket)) {
            QJsonObject changed = ticket;
            changed.insert(u"title"_s, u"Synced again"_s);
            changed.insert(u"version"_s, ticket.value(u"version"_s).toInteger() + 1);
            batch.append(changed);
        }
        QVERIFY(batch.size() > TicketListModel::LargeChange);
        ModelSpies spies(&model);
        QVERIFY(m_demo->store->importEntities(EntityKind::Ticket, batch).isOk());
        QTRY_COMPARE(spies.reset.size(), 1);
        QCOMPARE(spies.dataChanged.size(), 0);
        QCOMPARE(
            model.index(0, model.columnForField(u"title"_s), model.index(0, 0)).data().toString(),
            u"Synced again"_s);
        checkAgainstStore(model);
    }

    void sortingReorders()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy viewChanged(&model, &TicketListModel::viewChanged);
        model.setView(Test::TicketListFixture::allOpen(QString()));
        const int number = model.columnForField(u"number"_s);
        model.sort(number, Qt::DescendingOrder);
        QCOMPARE(model.sortColumn(), number);
        QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
        QCOMPARE(model.view().sort.first(), (SortKey { u"number"_s, true }));
        QCOMPARE(model.view().sort.size(), 3); // the view's keys follow as tie-breaks
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1, 0).data(Ui::NumberRole).toLongLong()
                > model.index(row, 0).data(Ui::NumberRole).toLongLong());
        const TicketId highest = model.ticketId(model.index(0, 0));

        model.sort(number, Qt::AscendingOrder);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1, 0).data(Ui::NumberRole).toLongLong()
                < model.index(row, 0).data(Ui::NumberRole).toLongLong());
        QVERIFY(model.ticketId(model.index(0, 0)) != highest);

        const int title = model.columnForField(u"title"_s);
        model.sort(title, Qt::AscendingOrder);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1, title)
                        .data()
                        .toString()
                        .compare(model.index(row, title).data().toString(), Qt::CaseInsensitive)
                <= 0);
        QCOMPARE(viewChanged.size(), 4);
        checkAgainstStore(model);
    }

    void groupBySwitchCountsMatchTheQueries()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setView(Test::TicketListFixture::allOpen(QString()));
        const ViewQueries queries(*m_demo->store);
        for (const QString &grouping : { u"status"_s, u"assignee"_s, u"priority"_s, u"due_bucket"_s,
                 u"department"_s, QString() }) {
            model.setGroupBy(grouping);
            QCOMPARE(model.view().groupBy, grouping);
            auto compiled = compileView(model.view(), m_demo->compileContext());
            QVERIFY(compiled.isOk());
            const qint64 total = queries.count(compiled.value()).value();
            if (grouping.isEmpty()) {
                QVERIFY(!model.isGrouped());
                QCOMPARE(model.rowCount(), std::min<qint64>(total, model.pageSize()));
                continue;
            }
            auto groups = queries.groups(compiled.value());
            QVERIFY(groups.isOk());
            QCOMPARE(model.rowCount(), groups->size());
            qint64 sum = 0;
            for (int row = 0; row < model.rowCount(); ++row) {
                const QModelIndex header = model.index(row, 0);
                QCOMPARE(header.data(Ui::GroupCountRole).toLongLong(), groups->at(row).count);
                QVERIFY(!header.data(Ui::GroupLabelRole).toString().isEmpty());
                sum += header.data(Ui::GroupCountRole).toLongLong();
                if (grouping == u"due_bucket"_s)
                    continue;
                // Each group's count is the count of the view narrowed to it.
                const QVariant key = header.data(Ui::GroupKeyRole);
                ViewSpec narrowed = model.view();
                narrowed.groupBy.clear();
                FilterNode only = key.isNull() ? FilterNode::where(grouping, u"empty"_s)
                    : grouping == u"priority"_s
                    ? FilterNode::where(grouping, u"is"_s, toWireName(Priority(key.toInt())))
                    : FilterNode::where(grouping, u"is"_s, key.toString());
                narrowed.filter = FilterNode::all({ narrowed.filter, only });
                auto narrowedView = compileView(narrowed, m_demo->compileContext());
                QVERIFY(narrowedView.isOk());
                QCOMPARE(header.data(Ui::GroupCountRole).toLongLong(),
                    queries.count(narrowedView.value()).value());
            }
            QCOMPARE(sum, total);
            QCOMPARE(model.totalCount(), total);
        }
    }

    void groupLabelsAreReadable()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        model.setView(Test::TicketListFixture::allOpen(u"priority"_s));
        QCOMPARE(model.index(0, 0).data(Ui::GroupLabelRole).toString(), u"Urgent"_s);
        model.setGroupBy(u"assignee"_s);
        QStringList labels;
        for (int row = 0; row < model.rowCount(); ++row)
            labels.append(model.index(row, 0).data(Ui::GroupLabelRole).toString());
        QVERIFY(labels.contains(m_demo->store->get<Person>(m_demo->owner)->name));
        model.setGroupBy(u"status"_s);
        // Two ticket types both have a "New" status: the type tells them apart.
        QStringList statusLabels;
        for (int row = 0; row < model.rowCount(); ++row)
            statusLabels.append(model.index(row, 0).data(Ui::GroupLabelRole).toString());
        QCOMPARE(
            QSet<QString>(statusLabels.cbegin(), statusLabels.cend()).size(), statusLabels.size());
    }

    void invalidViewReportsAndStaysEmpty()
    {
        TicketListModel model(m_demo->store.get(), m_demo->context);
        QSignalSpy failed(&model, &TicketListModel::queryFailed);
        ViewSpec spec;
        spec.filter = FilterNode::where(u"colour"_s, u"is"_s, u"red"_s);
        model.setView(spec);
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(u"colour"_s));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
    }
};

QTEST_MAIN(TestTicketListModel)
#include "tst_ticketlistmodel.moc"
