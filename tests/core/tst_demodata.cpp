// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demodata.h"
#include "protocol/entityregistry.h"
#include "query/defaultviews.h"
#include "query/viewqueries.h"
#include "store/store.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestDemoData : public QObject
{
    Q_OBJECT

    static DemoOptions options(quint64 seed = 7, int tickets = 300)
    {
        DemoOptions o;
        o.seed = seed;
        o.tickets = tickets;
        o.anchor = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
        return o;
    }

    static QList<QJsonObject> all(const QList<EntityBatch> &batches, EntityKind kind)
    {
        QList<QJsonObject> result;
        for (const EntityBatch &b : batches) {
            if (b.kind == kind)
                result += b.entities;
        }
        return result;
    }

private Q_SLOTS:
    void sameSeedSameData()
    {
        const DemoGenerator a(options());
        const DemoGenerator b(options());
        QCOMPARE(a.workspaceOwner(), b.workspaceOwner());
        const auto refA = a.referenceData();
        const auto refB = b.referenceData();
        QCOMPARE(refA.size(), refB.size());
        for (qsizetype i = 0; i < refA.size(); ++i)
            QCOMPARE(refA.at(i).entities, refB.at(i).entities);
        QCOMPARE(all(a.tickets(0, 300), EntityKind::Message),
            all(b.tickets(0, 300), EntityKind::Message));
        QCOMPARE(
            all(a.tickets(0, 300), EntityKind::Ticket), all(b.tickets(0, 300), EntityKind::Ticket));
    }

    void otherSeedOtherData()
    {
        const DemoGenerator a(options(7));
        const DemoGenerator b(options(8));
        QVERIFY(
            all(a.tickets(0, 50), EntityKind::Ticket) != all(b.tickets(0, 50), EntityKind::Ticket));
    }

    void ticketsDependOnlyOnTheirIndex()
    {
        const DemoGenerator g(options());
        const auto whole = all(g.tickets(0, 40), EntityKind::Ticket);
        const auto slice = all(g.tickets(25, 10), EntityKind::Ticket);
        QCOMPARE(slice, whole.mid(25, 10));
    }

    void everythingIsValidAndRealistic()
    {
        const DemoGenerator g(options());
        QList<EntityBatch> batches = g.referenceData() + g.tickets(0, 300);
        for (const EntityBatch &batch : batches) {
            for (const QJsonObject &entity : batch.entities) {
                const auto canonical = Protocol::canonicalEntity(batch.kind, entity);
                QVERIFY2(canonical.isOk(), qPrintable(canonical.error().message));
                QCOMPARE(canonical.value(), entity);
            }
        }
        const auto tickets = all(batches, EntityKind::Ticket);
        QCOMPARE(tickets.size(), 300);
        const auto messages = all(batches, EntityKind::Message);
        QVERIFY2(messages.size() > 4 * 300 && messages.size() < 6 * 300,
            "about five messages per ticket");

        QString text;
        for (const QJsonObject &t : tickets)
            text += t.value(u"title"_s).toString() + u'\n' + t.value(u"description"_s).toString();
        for (const QJsonObject &m : messages)
            text += m.value(u"body"_s).toString();
        for (const QString &marker : { u"Não consigo"_s, u"Impossibile"_s, u"Cannot"_s, u"```log"_s,
                 u"```json"_s, u"SocketTimeoutException"_s })
            QVERIFY2(text.contains(marker), qPrintable(marker));

        QSet<QString> threadKinds;
        for (const QJsonObject &c : all(batches, EntityKind::Conversation))
            threadKinds.insert(c.value(u"visibility"_s).toString());
        QCOMPARE(threadKinds, QSet<QString>({ u"public"_s, u"internal"_s }));
        QVERIFY(!all(batches, EntityKind::TimeEntry).isEmpty());
        QVERIFY(!all(batches, EntityKind::Activity).isEmpty());

        const auto types = all(batches, EntityKind::TicketType);
        QCOMPARE(types.size(), 3);
        const auto statuses = all(batches, EntityKind::Status);
        for (const QJsonObject &type : types) {
            QSet<QString> categories;
            for (const QJsonObject &s : statuses) {
                if (s.value(u"type_id"_s) == type.value(u"id"_s))
                    categories.insert(s.value(u"category"_s).toString());
            }
            QCOMPARE(categories.size(), 6);
        }
        QSet<QString> priorities;
        QSet<QString> statusIds;
        for (const QJsonObject &t : tickets) {
            priorities.insert(t.value(u"priority"_s).toString());
            statusIds.insert(t.value(u"status_id"_s).toString());
        }
        QCOMPARE(priorities.size(), 4);
        QVERIFY(statusIds.size() >= 15);
    }

    void loadsIntoAStoreAndEveryDefaultViewShowsWork()
    {
        QTemporaryDir dir;
        Store store(dir.filePath(u"demo.sqlite"_s));
        QVERIFY(store.open().isOk());
        QList<int> progress;
        const auto loaded = loadDemoData(
            store, options(3, 500), [&](int done, int) { progress.append(done); }, 200);
        QVERIFY2(loaded.isOk(), qPrintable(loaded.error().message));
        QCOMPARE(progress, QList<int>({ 200, 400, 500 }));

        const DemoGenerator g(options(3, 500));
        QueryContext context;
        context.me = g.workspaceOwner();
        context.myDepartments = store.get<Person>(context.me)->departmentIds;
        context.now = g.options().anchor;
        context.customFields = store.all<CustomFieldDef>();
        const ViewQueries queries(store);
        for (const DefaultView &view : defaultViews()) {
            auto compiled = compileView(view.spec, context);
            QVERIFY2(compiled.isOk(), qPrintable(view.key + u": "_s + compiled.error().message));
            const auto count = queries.count(compiled.value());
            QVERIFY(count.isOk());
            QVERIFY2(count.value() > 0, qPrintable(view.key + u" is empty"_s));
            QVERIFY2(count.value() < 500 || view.key == u"all"_s,
                qPrintable(view.key + u" is everything"_s));
        }
        QCOMPARE(store.all<SavedView>().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
