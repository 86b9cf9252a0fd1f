// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile views: SQL metacharacters in values are bound (stored and matched
// verbatim, never executed); anything that would reach SQL as text — field
// names, operators, group-by, sort fields — is checked against a whitelist.
#include "query/viewqueries.h"
#include "viewdataset.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestViewInjection : public QObject
{
    Q_OBJECT

    Test::ViewDataset m_data;

    Result<QList<qint64>> run(const QString &viewJson, const QString &search = {})
    {
        QJsonParseError parseError;
        const QJsonDocument doc
            = QJsonDocument::fromJson(m_data.expand(viewJson).toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return Error::invalid(parseError.errorString());
        auto spec = ViewSpec::fromJson(doc.object());
        if (!spec)
            return spec.error();
        QueryContext context = m_data.context();
        context.search = search;
        auto compiled = compileView(spec.value(), context);
        if (!compiled)
            return compiled.error();
        auto rows = ViewQueries(*m_data.store).rows(compiled.value(), std::nullopt, 0, 100);
        if (!rows)
            return rows.error();
        QList<qint64> numbers;
        for (const TicketRow &r : rows.value())
            numbers.append(r.number);
        std::sort(numbers.begin(), numbers.end());
        return numbers;
    }

    qint64 ticketCount()
    {
        QSqlQuery q(m_data.store->connection());
        return q.exec(u"SELECT COUNT(*) FROM tickets"_s) && q.next() ? q.value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_data.build();
        Ticket bobby = m_data.ticket(77, u"Robert'); DROP TABLE tickets;-- \"quoted\" %_\\"_s);
        QVERIFY(m_data.store->apply(Mutation::creating(EntityKind::Ticket, bobby)).isOk());
    }

    void valuesAreBoundVerbatim_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addRow("quote and ;--")
            << QString::fromUtf8("{\"filter\": {\"field\": \"title\", \"op\": \"contains\", "
                                 "\"value\": \"'); DROP TABLE tickets;--\"}}");
        QTest::addRow("double quotes")
            << QString::fromUtf8("{\"filter\": {\"field\": \"title\", \"op\": \"contains\", "
                                 "\"value\": \"\\\"quoted\\\"\"}}");
        QTest::addRow("LIKE wildcards") << QString::fromUtf8(
            "{\"filter\": {\"field\": \"title\", \"op\": \"contains\", \"value\": \"%_\\\\\"}}");
        QTest::addRow("exact title")
            << QString::fromUtf8("{\"filter\": {\"field\": \"title\", \"op\": \"is\", \"value\": "
                                 "\"Robert'); DROP TABLE tickets;-- \\\"quoted\\\" %_\\\\\"}}");
        QTest::addRow("OR 1=1") << QString::fromUtf8(
            "{\"filter\": {\"any\": [{\"field\": \"title\", \"op\": \"is\", \"value\": \"x' OR "
            "'1'='1\"}, {\"field\": \"number\", \"op\": \"is\", \"value\": 77}]}}");
    }

    void valuesAreBoundVerbatim()
    {
        QFETCH(QString, view);
        const auto result = run(view);
        QVERIFY2(result.isOk(), qPrintable(result.error().message));
        QCOMPARE(result.value(), QList<qint64>({ 77 }));
        QCOMPARE(ticketCount(), 7);
    }

    void rejectedWithAClearError_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("error");
        QTest::addRow("unknown field") << QString::fromUtf8(
            "{\"filter\": {\"field\": \"title; DROP TABLE tickets\", \"op\": \"is\", \"value\": "
            "1}}") << u"view.filter: unknown field \"title; DROP TABLE tickets\""_s;
        QTest::addRow("custom field that is not one")
            << QString::fromUtf8("{\"filter\": {\"field\": \"cf:' OR 1=1 --\", \"op\": \"empty\"}}")
            << u"view.filter: unknown field \"cf:' OR 1=1 --\""_s;
        QTest::addRow("operator as SQL")
            << QString::fromUtf8(
                   "{\"filter\": {\"field\": \"number\", \"op\": \"= 1 OR 1=1\", \"value\": 1}}")
            << u"view.filter: operator \"= 1 OR 1=1\" is not valid for number (use one of: is, is_not, any_of, none_of, empty, not_empty, lt, gt)"_s;
        QTest::addRow("text operator on priority")
            << QString::fromUtf8("{\"filter\": {\"field\": \"priority\", \"op\": \"contains\", "
                                 "\"value\": \"urg\"}}")
            << u"view.filter: operator \"contains\" is not valid for priority (use one of: is, is_not, any_of, none_of, empty, not_empty, lt, gt)"_s;
        QTest::addRow("lt on text")
            << QString::fromUtf8(
                   "{\"filter\": {\"field\": \"title\", \"op\": \"lt\", \"value\": \"b\"}}")
            << u"view.filter: operator \"lt\" is not valid for title (use one of: is, is_not, any_of, none_of, empty, not_empty, contains, not_contains, starts_with)"_s;
        QTest::addRow("list operator on a date")
            << QString::fromUtf8("{\"filter\": {\"all\": [{\"field\": \"created_at\", \"op\": "
                                 "\"any_of\", \"value\": []}]}}")
            << u"view.filter.all[0]: operator \"any_of\" is not valid for created_at (use one of: is, is_not, empty, not_empty, before, after, within_last, within_next, today, overdue)"_s;
        QTest::addRow("number given as text") << QString::fromUtf8(
            "{\"filter\": {\"field\": \"number\", \"op\": \"is\", \"value\": \"1; DELETE FROM "
            "tickets\"}}") << u"view.filter.value must be a number"_s;
        QTest::addRow("unknown enum value")
            << QString::fromUtf8("{\"filter\": {\"field\": \"priority\", \"op\": \"is\", "
                                 "\"value\": \"critical\"}}")
            << u"view.filter.value must be one of: low, normal, high, urgent"_s;
        QTest::addRow("id that is not a UUID") << QString::fromUtf8(
            "{\"filter\": {\"field\": \"assignee\", \"op\": \"is\", "
            "\"value\": \"1' OR '1'='1\"}}") << u"view.filter.value must be an id (UUID) or @me"_s;
        QTest::addRow("@me on a department") << QString::fromUtf8(
            "{\"filter\": {\"field\": \"department\", \"op\": \"is\", \"value\": \"@me\"}}")
                                             << u"view.filter.value @me only applies to people"_s;
        QTest::addRow("bad relative amount")
            << QString::fromUtf8(
                   "{\"filter\": {\"field\": \"created_at\", \"op\": \"within_last\", \"value\": "
                   "{\"amount\": \"7; DROP\", \"unit\": \"days\"}}}")
            << u"view.filter.value must be {\"amount\": 1…3650, \"unit\": \"days\" or \"hours\"}"_s;
        QTest::addRow("group by SQL")
            << QString::fromUtf8("{\"group_by\": \"status; DROP TABLE tickets\"}")
            << u"view.group_by: unknown field \"status; DROP TABLE tickets\""_s;
        QTest::addRow("group by a set") << QString::fromUtf8("{\"group_by\": \"follower\"}")
                                        << u"view.group_by: cannot group by follower"_s;
        QTest::addRow("sort by SQL")
            << QString::fromUtf8("{\"sort\": [{\"field\": \"number DESC; --\"}]}")
            << u"view.sort: unknown field \"number DESC; --\""_s;
        QTest::addRow("sort direction") << QString::fromUtf8(
            "{\"sort\": [{\"field\": \"number\", \"dir\": \"desc; DROP TABLE tickets\"}]}")
                                        << u"view.sort[0].dir must be \"asc\" or \"desc\""_s;
        QTest::addRow("unknown top-level key")
            << QString::fromUtf8("{\"where\": \"1=1\"}") << u"view.where is not a known field"_s;
        QTest::addRow("filter not an object")
            << QString::fromUtf8("{\"filter\": [\"all\"]}") << u"view.filter must be an object"_s;
        QTest::addRow("all not a list")
            << QString::fromUtf8("{\"filter\": {\"all\": {\"field\": \"number\"}}}")
            << u"view.filter.all must be an array"_s;
        QTest::addRow("mixed node")
            << QString::fromUtf8("{\"filter\": {\"all\": [], \"field\": \"number\"}}")
            << u"view.filter mixes \"all\" with other keys"_s;
        QTest::addRow("unknown condition key") << QString::fromUtf8(
            "{\"filter\": {\"field\": \"number\", \"op\": \"is\", \"value\": 1, \"sql\": \"1=1\"}}")
                                               << u"view.filter.sql is not a known field"_s;
        QTest::addRow("too deep") << QString::fromUtf8(
            "{\"filter\": {\"all\": [{\"all\": [{\"all\": [{\"all\": [{\"all\": [{\"all\": "
            "[{\"all\": [{\"all\": [{\"all\": [{\"all\": []}]}]}]}]}]}]}]}]}]}}")
                                  << u"view.filter is nested deeper than 8 levels"_s;
    }

    void rejectedWithAClearError()
    {
        QFETCH(QString, view);
        QFETCH(QString, error);
        const auto result = run(view);
        QVERIFY(!result.isOk());
        QCOMPARE(result.error().code, Error::Code::Invalid);
        QCOMPARE(result.error().message, error);
        QCOMPARE(ticketCount(), 7);
    }

    void searchTextIsNeverSyntax_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::addRow("SQL in search") << u"'); DROP TABLE tickets;--"_s << QList<qint64> { 4, 77 };
        QTest::addRow("FTS operators") << u"robert OR NOT NEAR(x y) *"_s << QList<qint64> {};
        QTest::addRow("column filter syntax") << u"title:robert"_s << QList<qint64> {};
        QTest::addRow("only punctuation") << u"\"* ( ) :"_s << QList<qint64> {};
    }

    void searchTextIsNeverSyntax()
    {
        QFETCH(QString, search);
        QFETCH(QList<qint64>, expected);
        const auto result = run(u"{}"_s, search);
        QVERIFY2(result.isOk(), qPrintable(result.error().message));
        QCOMPARE(result.value(), expected);
        QCOMPARE(ticketCount(), 7);
    }
};

QTEST_GUILESS_MAIN(TestViewInjection)
#include "tst_viewinjection.moc"
