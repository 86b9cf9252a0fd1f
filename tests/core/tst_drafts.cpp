// SPDX-License-Identifier: GPL-3.0-or-later
// Drafts in the cache: one per ticket, files kept whole, an empty draft is
// no draft, and they survive closing and reopening the file.
#include "store/drafts.h"
#include "store/schema.h"
#include "store/store.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestDrafts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_round = 0;
    QString m_path;
    std::unique_ptr<Store> m_store;

    static Draft draft(TicketId ticket, const QString &body)
    {
        Draft d;
        d.ticketId = ticket;
        d.body = body;
        return d;
    }

    int fileRows() const
    {
        QSqlQuery q(m_store->connection());
        return q.exec(u"SELECT count(*) FROM draft_attachments"_s) && q.next() ? q.value(0).toInt()
                                                                               : -1;
    }

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(u"cache-%1.sqlite"_s.arg(++m_round));
        m_store = std::make_unique<Store>(m_path);
        QVERIFY(m_store->open().isOk());
    }

    void roundTripsAcrossReopening()
    {
        const TicketId ticket = TicketId::create();
        Draft d = draft(ticket, u"Hello **there**"_s);
        d.visibility = ThreadVisibility::Internal;
        d.conversationId = ConversationId::create();
        d.attachments = { { u"a"_s, u"trace.log"_s, u"text/plain"_s, "line 1\n" },
            { u"b"_s, u"pasted-image-1.png"_s, u"image/png"_s, QByteArray("\x89PNG\0\1", 6) } };
        d.updatedAt = QDateTime(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::UTC);
        QVERIFY(Drafts(*m_store).save(d).isOk());

        m_store.reset();
        m_store = std::make_unique<Store>(m_path);
        QVERIFY(m_store->open().isOk());
        const auto loaded = Drafts(*m_store).load(ticket);
        QVERIFY(loaded);
        QCOMPARE(*loaded, d);
    }

    void filesAreWrittenOnceAndFollowTheList()
    {
        const TicketId ticket = TicketId::create();
        Drafts drafts(*m_store);
        Draft d = draft(ticket, u"text"_s);
        d.attachments = { { u"a"_s, u"one.txt"_s, u"text/plain"_s, "1" },
            { u"b"_s, u"two.txt"_s, u"text/plain"_s, "2" } };
        QVERIFY(drafts.save(d).isOk());
        QCOMPARE(fileRows(), 2);
        // Reordered and one removed: the rows follow.
        d.attachments = { { u"c"_s, u"three.txt"_s, u"text/plain"_s, "3" }, d.attachments.at(1) };
        QVERIFY(drafts.save(d).isOk());
        QCOMPARE(fileRows(), 2);
        QCOMPARE(drafts.load(ticket)->attachments, d.attachments);
    }

    void anEmptyDraftIsRemoved()
    {
        const TicketId ticket = TicketId::create();
        Drafts drafts(*m_store);
        Draft d = draft(ticket, u"text"_s);
        d.attachments = { { u"a"_s, u"one.txt"_s, u"text/plain"_s, "1" } };
        QVERIFY(drafts.save(d).isOk());
        d.body = u"   \n"_s;
        QVERIFY(drafts.save(d).isOk()); // the file alone is worth keeping
        QVERIFY(drafts.load(ticket));
        d.attachments.clear();
        QVERIFY(drafts.save(d).isOk());
        QVERIFY(!drafts.load(ticket));
        QCOMPARE(fileRows(), 0);
    }

    void onePerTicket()
    {
        Drafts drafts(*m_store);
        const TicketId first = TicketId::create(), second = TicketId::create();
        Draft a = draft(first, u"first"_s);
        a.updatedAt = QDateTime(QDate(2026, 12, 1), QTime(9, 0), QTimeZone::UTC);
        Draft b = draft(second, u"second"_s);
        b.updatedAt = a.updatedAt.addSecs(60);
        QVERIFY(drafts.save(a).isOk());
        QVERIFY(drafts.save(b).isOk());
        QCOMPARE(drafts.tickets(), (QList<TicketId> { second, first }));
        a.body = u"first, edited"_s;
        QVERIFY(drafts.save(a).isOk());
        QCOMPARE(drafts.load(first)->body, u"first, edited"_s);
        QCOMPARE(drafts.load(second)->body, u"second"_s);
        QVERIFY(drafts.remove(first).isOk());
        QVERIFY(!drafts.load(first));
        QVERIFY(drafts.load(second));
    }

    void theTableComesWithTheLatestSchema()
    {
        QVERIFY(m_store->connection().tables().contains(u"drafts"_s));
        QVERIFY(m_store->connection().tables().contains(u"draft_attachments"_s));
        QVERIFY(Sql::latestSchemaVersion() >= 7);
    }
};

QTEST_GUILESS_MAIN(TestDrafts)
#include "tst_drafts.moc"
