// SPDX-License-Identifier: GPL-3.0-or-later
// Every operator and every group-by over a hand-made dataset whose answers
// were worked out by hand (see viewdataset.h).
#include "query/viewqueries.h"
#include "viewdataset.h"

using namespace Qt::StringLiterals;
using namespace Tessera;

using Numbers = QList<qint64>;

class TestViewOperators : public QObject
{
    Q_OBJECT

    Test::ViewDataset m_data;

    Result<Numbers> numbers(const QString &filter)
    {
        auto spec = ViewSpec::fromJson(
            m_data.json(u"{\"filter\": %1, \"sort\": [{\"field\": \"number\"}]}"_s.arg(filter)));
        if (!spec)
            return spec.error();
        auto compiled = compileView(spec.value(), m_data.context());
        if (!compiled)
            return compiled.error();
        auto rows = ViewQueries(*m_data.store).rows(compiled.value(), std::nullopt, 0, 1000);
        if (!rows)
            return rows.error();
        Numbers result;
        for (const TicketRow &row : rows.value())
            result.append(row.number);
        return result;
    }

private Q_SLOTS:
    void initTestCase() { m_data.build(); }

    void filters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<Numbers>("expected");
        const auto row = [](const char *name, const char *filter, Numbers expected) {
            QTest::newRow(name) << QString::fromUtf8(filter) << expected;
        };
        row("empty filter", "{\"all\": []}", { 1, 2, 3, 4, 5, 6 });
        row("empty any", "{\"any\": []}", {});
        row("number is", R"({"field": "number", "op": "is", "value": 3})", { 3 });
        row("number is_not", R"({"field": "number", "op": "is_not", "value": 3})",
            { 1, 2, 4, 5, 6 });
        row("number lt", R"({"field": "number", "op": "lt", "value": 3})", { 1, 2 });
        row("number gt", R"({"field": "number", "op": "gt", "value": 4})", { 5, 6 });
        row("number any_of", R"({"field": "number", "op": "any_of", "value": [1, 6]})", { 1, 6 });
        row("number none_of", R"({"field": "number", "op": "none_of", "value": [1, 6]})",
            { 2, 3, 4, 5 });
        row("number any_of nothing", R"({"field": "number", "op": "any_of", "value": []})", {});
        row("title contains, ASCII case-insensitive",
            R"({"field": "title", "op": "contains", "value": "drop"})", { 2, 4 });
        row("title contains a literal %",
            R"({"field": "title", "op": "contains", "value": "100%"})", { 3 });
        row("title contains a literal _", R"({"field": "title", "op": "contains", "value": "g_t"})",
            { 3 });
        row("title contains quotes and ;--",
            R"({"field": "title", "op": "contains", "value": "tickets;--"})", { 4 });
        row("title not_contains", R"({"field": "title", "op": "not_contains", "value": "jam"})",
            { 2, 3, 4, 5, 6 });
        row("title starts_with", R"({"field": "title", "op": "starts_with", "value": "senha"})",
            { 5 });
        row("title is", R"({"field": "title", "op": "is", "value": "VPN drops every hour"})",
            { 2 });
        row("title is_not",
            R"({"field": "title", "op": "is_not", "value": "VPN drops every hour"})",
            { 1, 3, 4, 5, 6 });
        row("title any_of",
            R"({"field": "title", "op": "any_of", "value": ["Closed long ago", "nope"]})", { 6 });
        row("title none_of", R"({"field": "title", "op": "none_of", "value": ["Closed long ago"]})",
            { 1, 2, 3, 4, 5 });
        row("description empty", R"({"field": "description", "op": "empty"})", { 6 });
        row("description not_empty", R"({"field": "description", "op": "not_empty"})",
            { 1, 2, 3, 4, 5 });
        row("description contains",
            R"({"field": "description", "op": "contains", "value": "ticket 4"})", { 4 });
        row("status_category is", R"({"field": "status_category", "op": "is", "value": "new"})",
            { 2 });
        row("status_category any_of",
            R"({"field": "status_category", "op": "any_of", "value": ["new", "open"]})", { 1, 2 });
        row("status_category none_of",
            R"({"field": "status_category", "op": "none_of", "value": ["solved", "closed"]})",
            { 1, 2, 4, 5 });
        row("status is", R"({"field": "status", "op": "is", "value": "$STATUS_OPEN"})", { 1 });
        row("type is", R"({"field": "type", "op": "is", "value": "$TYPE1"})", { 2, 4, 6 });
        row("type is_not", R"({"field": "type", "op": "is_not", "value": "$TYPE1"})", { 1, 3, 5 });
        row("priority is", R"({"field": "priority", "op": "is", "value": "urgent"})", { 2 });
        row("priority gt", R"({"field": "priority", "op": "gt", "value": "normal"})", { 1, 2, 6 });
        row("priority lt", R"({"field": "priority", "op": "lt", "value": "normal"})", { 3 });
        row("priority any_of",
            R"({"field": "priority", "op": "any_of", "value": ["low", "urgent"]})", { 2, 3 });
        row("assignee is @me", R"({"field": "assignee", "op": "is", "value": "@me"})", { 1, 4 });
        row("assignee is_not @me keeps unassigned",
            R"({"field": "assignee", "op": "is_not", "value": "@me"})", { 2, 3, 5, 6 });
        row("assignee empty", R"({"field": "assignee", "op": "empty"})", { 2 });
        row("assignee not_empty", R"({"field": "assignee", "op": "not_empty"})", { 1, 3, 4, 5, 6 });
        row("assignee any_of",
            R"({"field": "assignee", "op": "any_of", "value": ["@me", "$AGENT1"]})", { 1, 4, 5 });
        row("assignee none_of",
            R"({"field": "assignee", "op": "none_of", "value": ["@me", "$AGENT1"]})", { 2, 3, 6 });
        row("requester is", R"({"field": "requester", "op": "is", "value": "$CUSTOMER0"})",
            { 1, 5 });
        row("follower is", R"({"field": "follower", "op": "is", "value": "$AGENT1"})", { 1 });
        row("follower is @me", R"({"field": "follower", "op": "is", "value": "@me"})", { 5 });
        row("follower is_not", R"({"field": "follower", "op": "is_not", "value": "$AGENT2"})",
            { 1, 2, 3, 4, 6 });
        row("follower any_of",
            R"({"field": "follower", "op": "any_of", "value": ["$AGENT0", "$AGENT1"]})", { 1, 5 });
        row("follower none_of",
            R"({"field": "follower", "op": "none_of", "value": ["$AGENT0", "$AGENT1"]})",
            { 2, 3, 4, 6 });
        row("follower empty", R"({"field": "follower", "op": "empty"})", { 2, 3, 4, 6 });
        row("follower not_empty", R"({"field": "follower", "op": "not_empty"})", { 1, 5 });
        row("department is @my_departments",
            R"({"field": "department", "op": "is", "value": "@my_departments"})", { 1, 4 });
        row("department any_of @my_departments",
            R"({"field": "department", "op": "any_of", "value": ["@my_departments"]})", { 1, 4 });
        row("department none_of @my_departments",
            R"({"field": "department", "op": "none_of", "value": "@my_departments"})",
            { 2, 3, 5, 6 });
        row("organization is", R"({"field": "organization", "op": "is", "value": "$ORG0"})",
            { 1, 4, 5 });
        row("project empty", R"({"field": "project", "op": "empty"})", { 2, 5, 6 });
        row("project is", R"({"field": "project", "op": "is", "value": "$PROJECT0"})", { 1, 4 });
        row("channel any_of", R"({"field": "channel", "op": "any_of", "value": ["email"]})",
            { 1, 5 });
        row("visibility is", R"({"field": "visibility", "op": "is", "value": "internal"})", { 2 });
        row("kind is", R"({"field": "kind", "op": "is", "value": "ticket"})", { 1, 2, 3, 4, 5, 6 });
        row("percent gt", R"({"field": "percent_complete", "op": "gt", "value": 20})", { 3, 4 });
        row("percent lt", R"({"field": "percent_complete", "op": "lt", "value": 10})", { 2, 5, 6 });
        row("created within_last days",
            R"({"field": "created_at", "op": "within_last", "value": {"amount": 2, "unit": "days"}})",
            { 1, 2, 5 });
        row("created within_last hours",
            R"({"field": "created_at", "op": "within_last", "value": {"amount": 4, "unit": "hours"}})",
            { 2 });
        row("created before a local day",
            R"({"field": "created_at", "op": "before", "value": "2026-11-01"})", { 4, 6 });
        row("created after a local day",
            R"({"field": "created_at", "op": "after", "value": "2026-11-20"})", { 1, 2, 5 });
        row("created after an instant",
            R"({"field": "created_at", "op": "after", "value": "2026-11-23T06:00:00Z"})", { 2 });
        row("created is a local day",
            R"({"field": "created_at", "op": "is", "value": "2026-11-22"})", { 5 });
        row("created is_not a local day",
            R"({"field": "created_at", "op": "is_not", "value": "2026-11-22"})", { 1, 2, 3, 4, 6 });
        row("due today (local)", R"({"field": "resolution_due", "op": "today"})", { 1, 2 });
        row("due overdue skips closed", R"({"field": "resolution_due", "op": "overdue"})", { 1 });
        row("due within_next",
            R"({"field": "due", "op": "within_next", "value": {"amount": 2, "unit": "days"}})",
            { 2, 5 });
        row("due empty", R"({"field": "resolution_due", "op": "empty"})", { 3 });
        row("solved within_last",
            R"({"field": "solved_at", "op": "within_last", "value": {"amount": 7, "unit": "days"}})",
            { 3 });
        row("first response empty", R"({"field": "first_responded_at", "op": "empty"})", { 2, 5 });
        row("cf choice is", R"({"field": "$CF_AREA", "op": "is", "value": "Billing"})", { 1 });
        row("cf choice any_of",
            R"({"field": "$CF_AREA", "op": "any_of", "value": ["Billing", "Reports"]})", { 1, 3 });
        row("cf choice empty", R"({"field": "$CF_AREA", "op": "empty"})", { 2, 4, 6 });
        row("cf number gt", R"({"field": "$CF_SEVERITY", "op": "gt", "value": 2})", { 4 });
        row("cf number lt", R"({"field": "$CF_SEVERITY", "op": "lt", "value": 3})", { 2 });
        row("cf text contains", R"({"field": "$CF_VERSION", "op": "contains", "value": "BETA"})",
            { 4 });
        row("cf text starts_with",
            R"({"field": "$CF_VERSION", "op": "starts_with", "value": "4."})", { 1 });
        row("cf multi is", R"({"field": "$CF_ENV", "op": "is", "value": "prod"})", { 1 });
        row("cf multi any_of", R"({"field": "$CF_ENV", "op": "any_of", "value": ["staging"]})",
            { 2 });
        row("cf multi none_of",
            R"({"field": "$CF_ENV", "op": "none_of", "value": ["prod", "dev"]})", { 3, 4, 5, 6 });
        row("cf multi empty", R"({"field": "$CF_ENV", "op": "empty"})", { 3, 4, 5, 6 });
        row("cf checkbox is true", R"({"field": "$CF_VENDOR", "op": "is", "value": true})", { 1 });
        row("cf checkbox is false", R"({"field": "$CF_VENDOR", "op": "is", "value": false})",
            { 2 });
        row("cf checkbox is_not true", R"({"field": "$CF_VENDOR", "op": "is_not", "value": true})",
            { 2, 3, 4, 5, 6 });
        row("cf checkbox empty", R"({"field": "$CF_VENDOR", "op": "empty"})", { 3, 4, 5, 6 });
        row("cf date today", R"({"field": "$CF_TARGET", "op": "today"})", { 1 });
        row("cf date after", R"({"field": "$CF_TARGET", "op": "after", "value": "2026-11-25"})",
            { 2 });
        row("cf date before", R"({"field": "$CF_TARGET", "op": "before", "value": "2026-11-23"})",
            { 4 });
        row("cf date within_next",
            R"({"field": "$CF_TARGET", "op": "within_next", "value": {"amount": 10, "unit": "days"}})",
            { 1, 2 });
        row("cf date overdue", R"({"field": "$CF_TARGET", "op": "overdue"})", { 4 });
        row("cf user is @me", R"({"field": "$CF_REVIEWER", "op": "is", "value": "@me"})", { 4 });
        row("cf user is", R"({"field": "$CF_REVIEWER", "op": "is", "value": "$AGENT1"})", { 1 });
        row("nested any/all", R"({"any": [{"field": "priority", "op": "is", "value": "urgent"},
                                          {"all": [{"field": "assignee", "op": "is", "value": "@me"},
                                                   {"field": "status_category", "op": "is", "value": "on_hold"}]}]})",
            { 2, 4 });
    }

    void filters()
    {
        QFETCH(QString, filter);
        QFETCH(Numbers, expected);
        const auto result = numbers(filter);
        QVERIFY2(result.isOk(), qPrintable(result.error().message));
        QCOMPARE(result.value(), expected);
    }

    void groups_data()
    {
        QTest::addColumn<QString>("groupBy");
        QTest::addColumn<QStringList>("expected"); // "label=count", in display order
        QTest::newRow("status") << u"status"_s
                                << QStringList { u"New (I)=1"_s, u"Open=1"_s, u"Pending=1"_s,
                                       u"On hold (I)=1"_s, u"Solved=1"_s, u"Closed (I)=1"_s };
        QTest::newRow("status_category") << u"status_category"_s
                                         << QStringList { u"new=1"_s, u"open=1"_s, u"pending=1"_s,
                                                u"on_hold=1"_s, u"solved=1"_s, u"closed=1"_s };
        QTest::newRow("priority") << u"priority"_s
                                  << QStringList { u"urgent=1"_s, u"high=2"_s, u"normal=2"_s,
                                         u"low=1"_s };
        QTest::newRow("assignee") << u"assignee"_s
                                  << QStringList { u"Ana=1"_s, u"Bruno=1"_s, u"carla=2"_s,
                                         u"Dario=1"_s, u"=1"_s };
        QTest::newRow("type") << u"type"_s << QStringList { u"Incident=3"_s, u"Question=3"_s };
        QTest::newRow("department")
            << u"department"_s << QStringList { u"billing=2"_s, u"Operations=2"_s, u"Support=2"_s };
        QTest::newRow("organization")
            << u"organization"_s
            << QStringList { u"acme S.r.l.=2"_s, u"Zeta Ltd=3"_s, u"Árvore Ltda=1"_s };
        QTest::newRow("project") << u"project"_s
                                 << QStringList { u"erp=1"_s, u"Website=2"_s, u"=3"_s };
        QTest::newRow("requester")
            << u"requester"_s
            << QStringList { u"maria=2"_s, u"Paulo=1"_s, u"Xavier=2"_s, u"Élodie=1"_s };
        QTest::newRow("due bucket") << u"due_bucket"_s
                                    << QStringList { u"overdue=2"_s, u"today=1"_s, u"tomorrow=1"_s,
                                           u"this_week=1"_s, u"none=1"_s };
        QTest::newRow("custom choice")
            << u"$CF_AREA"_s
            << QStringList { u"Accounts=1"_s, u"Billing=1"_s, u"Reports=1"_s, u"=3"_s };
        QTest::newRow("custom checkbox")
            << u"$CF_VENDOR"_s << QStringList { u"0=1"_s, u"1=1"_s, u"=4"_s };
    }

    void groups()
    {
        QFETCH(QString, groupBy);
        QFETCH(QStringList, expected);
        ViewSpec spec;
        spec.groupBy = m_data.expand(groupBy);
        spec.sort = { { u"number"_s, false } };
        auto compiled = compileView(spec, m_data.context());
        QVERIFY2(compiled.isOk(), qPrintable(compiled.error().message));
        const ViewQueries queries(*m_data.store);
        auto groups = queries.groups(compiled.value());
        QVERIFY2(groups.isOk(), qPrintable(groups.error().message));
        QStringList actual;
        qint64 total = 0;
        for (const GroupRow &g : groups.value()) {
            actual.append(u"%1=%2"_s.arg(g.label).arg(g.count));
            total += g.count;
            // Rows of one group are exactly that group's tickets.
            auto rows = queries.rows(compiled.value(), g.key, 0, 100);
            QVERIFY(rows.isOk());
            QCOMPARE(rows->size(), g.count);
        }
        QCOMPARE(actual, expected);
        QCOMPARE(total, 6);
        // The first page follows the same group order.
        auto page = queries.firstPage(compiled.value(), groups.value(), 100);
        QVERIFY(page.isOk());
        QCOMPARE(page->size(), 6);
        auto all = queries.rows(compiled.value(), std::nullopt, 0, 100);
        QVERIFY(all.isOk());
        for (qsizetype i = 0; i < page->size(); ++i)
            QCOMPARE(page->at(i).number, all->at(i).number);
    }

    void sortsWithNullsLast()
    {
        auto spec = ViewSpec::fromJson(m_data.json(QString::fromUtf8(
            R"({"sort": [{"field": "resolution_due", "dir": "desc"}, {"field": "number", "dir": "asc"}]})")));
        QVERIFY(spec.isOk());
        auto compiled = compileView(spec.value(), m_data.context());
        QVERIFY(compiled.isOk());
        auto rows = ViewQueries(*m_data.store).rows(compiled.value(), std::nullopt, 0, 100);
        QVERIFY(rows.isOk());
        Numbers order;
        for (const TicketRow &r : rows.value())
            order.append(r.number);
        QCOMPARE(order, Numbers({ 4, 5, 2, 1, 6, 3 }));
    }

    void pagesWithOffset()
    {
        ViewSpec spec;
        spec.sort = { { u"number"_s, true } };
        auto compiled = compileView(spec, m_data.context());
        QVERIFY(compiled.isOk());
        auto rows = ViewQueries(*m_data.store).rows(compiled.value(), std::nullopt, 2, 3);
        QVERIFY(rows.isOk());
        QCOMPARE(rows->size(), 3);
        QCOMPARE(rows->first().number, 4);
        QCOMPARE(ViewQueries(*m_data.store).count(compiled.value()).value(), 6);
    }

    void rowsOfAnswersOnlyTheTicketsTheViewShows()
    {
        ViewSpec spec;
        spec.filter = FilterNode::where(u"number"_s, u"lt"_s, 4);
        spec.groupBy = u"priority"_s;
        auto compiled = compileView(spec, m_data.context());
        QVERIFY(compiled.isOk());
        const ViewQueries queries(*m_data.store);
        QList<TicketId> ids;
        for (const Ticket &t : std::as_const(m_data.tickets))
            ids.append(t.id);
        ids.append(TicketId::create()); // unknown ids are simply absent
        auto found = queries.rowsOf(compiled.value(), ids);
        QVERIFY2(found.isOk(), qPrintable(found.error().message));
        auto all = queries.rows(compiled.value(), std::nullopt, 0, 100);
        QVERIFY(all.isOk());
        QHash<TicketId, QVariant> expected;
        for (const TicketRow &r : all.value())
            expected.insert(r.id, r.groupKey);
        QCOMPARE(found->size(), 3);
        for (const TicketRow &r : found.value()) {
            QVERIFY(r.number < 4);
            QCOMPARE(r.groupKey, expected.value(r.id));
        }
        auto none = queries.rowsOf(compiled.value(), {});
        QVERIFY(none.isOk());
        QVERIFY(none->isEmpty());
    }

    void searchFindsTitlesDescriptionsAndMessages()
    {
        const Conversation c { ConversationId::create(), m_data.tickets.at(2).id,
            ThreadVisibility::Public, {}, {}, 1 };
        m_data.import(EntityKind::Conversation, QList<Conversation> { c });
        const Message m { MessageId::create(), c.id, m_data.tickets.at(2).id, {},
            u"Stack: java.net.SocketTimeoutException: Read timed out"_s, {}, Channel::Agent, {}, {},
            1 };
        m_data.import(EntityKind::Message, QList<Message> { m });
        const auto search = [&](const QString &text) {
            QueryContext context = m_data.context();
            context.search = text;
            auto compiled = compileView(ViewSpec {}, context);
            Numbers found;
            if (!compiled)
                return Numbers { -1 };
            const auto rows
                = ViewQueries(*m_data.store).rows(compiled.value(), std::nullopt, 0, 100);
            if (!rows)
                return Numbers { -2 };
            for (const TicketRow &r : rows.value())
                found.append(r.number);
            std::sort(found.begin(), found.end());
            return found;
        };
        QCOMPARE(search(u"printer"_s), Numbers({ 1 })); // title
        QCOMPARE(search(u"description ticket 5"_s), Numbers({ 5 })); // description, every word
        QCOMPARE(search(u"SocketTimeout"_s), Numbers({ 3 })); // message body, prefix
        QCOMPARE(search(u"arvore"_s), Numbers({ 4 })); // diacritics folded
        QCOMPARE(search(u"#4"_s), Numbers({ 4 })); // number
        QCOMPARE(search(u"\"unbalanced OR NOT *"_s), Numbers({})); // FTS syntax is literal text
    }
};

QTEST_GUILESS_MAIN(TestViewOperators)
#include "tst_viewoperators.moc"
