// SPDX-License-Identifier: GPL-3.0-or-later
// The conversation view: threads filtered public / internal / all, either
// order, internal notes tinted, long threads paged, code blocks collapsed,
// expanded and copied, and a reply sent "as" a status that moves the
// ticket in the cache together with the message.
#include "conversations/conversationview.h"
#include "demo/demodata.h"
#include "protocol/codecs.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"

#include <QApplication>
#include <QClipboard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextFrame>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Ui::ConversationView;

class TestConversationView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    int m_round = 0;
    Ticket m_ticket;
    PersonId m_agent, m_customer;
    Conversation m_public, m_internal;
    QList<MessageId> m_publicIds, m_internalIds; // oldest first

    Message message(const Conversation &thread, int minute, const QString &body) const
    {
        Message m;
        m.id = MessageId::create();
        m.conversationId = thread.id;
        m.ticketId = m_ticket.id;
        m.authorId
            = thread.visibility == ThreadVisibility::Internal || minute % 2 ? m_agent : m_customer;
        m.body = body;
        m.createdAt
            = QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::UTC).addSecs(60 * minute);
        m.version = 1;
        return m;
    }

    void add(const QList<Message> &messages)
    {
        QList<QJsonObject> json;
        for (const Message &m : messages)
            json.append(Protocol::toJson(m));
        QVERIFY(m_store->importEntities(EntityKind::Message, json).isOk());
    }

    // The background of the frame that holds the text `needle`.
    QColor frameBackground(ConversationView &view, const QString &needle) const
    {
        QTextDocument *document = view.browser()->document();
        const QTextCursor found = document->find(needle);
        if (found.isNull())
            return {};
        return found.currentFrame()->frameFormat().background().color();
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<Store>(m_dir.filePath(u"cache-%1.sqlite"_s.arg(++m_round)));
        QVERIFY(m_store->open().isOk());
        DemoOptions demo;
        demo.tickets = 5;
        demo.messagesPerTicket = 1;
        QVERIFY(loadDemoData(*m_store, demo).isOk());
        m_agent = DemoGenerator(demo).workspaceOwner();
        QSqlQuery q(m_store->connection());
        QVERIFY(q.exec(u"SELECT id FROM tickets ORDER BY number LIMIT 1"_s) && q.next());
        m_ticket = *m_store->get<Ticket>(EntityId::fromString(q.value(0).toString()));
        m_customer = m_ticket.requesterId;
        // A ticket of our own threads only.
        QVERIFY(
            q.exec(u"DELETE FROM messages WHERE ticket_id = '%1'"_s.arg(m_ticket.id.toString())));
        QVERIFY(q.exec(
            u"DELETE FROM conversations WHERE ticket_id = '%1'"_s.arg(m_ticket.id.toString())));
        m_public = { ConversationId::create(), m_ticket.id, ThreadVisibility::Public, u"Export"_s,
            QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::UTC), 1 };
        m_internal = { ConversationId::create(), m_ticket.id, ThreadVisibility::Internal, {},
            QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::UTC), 1 };
        QVERIFY(m_store
                    ->importEntities(EntityKind::Conversation,
                        { Protocol::toJson(m_public), Protocol::toJson(m_internal) })
                    .isOk());
        const QList<Message> messages { message(m_public, 0, u"PUB-A the export fails"_s),
            message(m_internal, 1, u"INT-A checked the logs"_s),
            message(m_public, 2, u"PUB-B please send the log"_s),
            message(m_internal, 3, u"INT-B it is the proxy"_s),
            message(m_public, 4, u"PUB-C here it is"_s) };
        add(messages);
        m_publicIds = { messages[0].id, messages[2].id, messages[4].id };
        m_internalIds = { messages[1].id, messages[3].id };
    }

    void filtersThreads()
    {
        ConversationView view(*m_store);
        view.setTicket(m_ticket.id);
        QCOMPARE(view.shownMessages(), m_publicIds + m_internalIds); // public thread first
        view.setFilter(ConversationView::Filter::Public);
        QCOMPARE(view.shownMessages(), m_publicIds);
        QVERIFY(!view.browser()->toPlainText().contains(u"INT-A"_s));
        view.setFilter(ConversationView::Filter::Internal);
        QCOMPARE(view.shownMessages(), m_internalIds);
        QVERIFY(!view.browser()->toPlainText().contains(u"PUB-A"_s));
    }

    void ordersNewestOrOldestFirst()
    {
        ConversationView view(*m_store);
        view.setFilter(ConversationView::Filter::Public);
        view.setTicket(m_ticket.id);
        QCOMPARE(view.shownMessages(), m_publicIds);
        view.setNewestFirst(true);
        QList<MessageId> reversed = m_publicIds;
        std::reverse(reversed.begin(), reversed.end());
        QCOMPARE(view.shownMessages(), reversed);
        const QString text = view.browser()->toPlainText();
        QVERIFY(text.indexOf(u"PUB-C"_s) < text.indexOf(u"PUB-A"_s));
    }

    void internalNotesAreMarked()
    {
        ConversationView view(*m_store);
        view.setTicket(m_ticket.id);
        const QPalette palette = view.browser()->palette();
        QCOMPARE(frameBackground(view, u"INT-A"_s), Ui::TicketStyle::internalTint(palette));
        QCOMPARE(frameBackground(view, u"PUB-A"_s), palette.color(QPalette::Base));
        QVERIFY(view.browser()->toPlainText().contains(u"Internal notes"_s));
        // The tint keeps the palette's text readable, light and dark.
        for (const QColor &base : { QColor(Qt::white), QColor(0x1e, 0x1e, 0x1e) }) {
            QPalette p = palette;
            p.setColor(QPalette::Base, base);
            p.setColor(
                QPalette::Text, base.lightness() > 128 ? Qt::black : QColor(0xee, 0xee, 0xee));
            QVERIFY(Ui::TicketStyle::contrastRatio(
                        Ui::TicketStyle::internalTint(p), p.color(QPalette::Text))
                >= 7.0);
            QVERIFY(Ui::TicketStyle::internalTint(p) != base);
        }
    }

    void followsTheCache()
    {
        ConversationView view(*m_store);
        view.setTicket(m_ticket.id);
        view.show();
        Message late = message(m_public, 9, u"PUB-LATE a colleague answered"_s);
        QVERIFY(m_store->apply(Mutation::creating(EntityKind::Message, late, m_agent)).isOk());
        QTRY_VERIFY(view.shownMessages().contains(late.id));
    }

    void longThreadsArePaged()
    {
        QList<Message> many;
        for (int i = 0; i < 500; ++i)
            many.append(message(m_public, 10 + i, u"BULK-%1"_s.arg(i)));
        add(many);
        ConversationView view(*m_store);
        view.setFilter(ConversationView::Filter::Public);
        view.setPageSize(50);
        view.setTicket(m_ticket.id);
        QCOMPARE(view.shownMessages().size(), 50);
        QCOMPARE(view.shownMessages().constLast(), many.constLast().id); // the newest are shown
        QVERIFY(view.browser()->toPlainText().contains(u"Show 453 earlier message"_s));
        view.activateLink(QUrl(u"more:"_s + m_public.id.toString()));
        QCOMPARE(view.shownMessages().size(), 250);
        view.setNewestFirst(true);
        QCOMPARE(view.shownMessages().constFirst(), many.constLast().id);
    }

    void codeBlocksCollapseExpandAndCopy()
    {
        QStringList lines;
        for (int i = 1; i <= 30; ++i)
            lines.append(u"    at com.acme.Export.step%1(Export.java:%1)"_s.arg(i));
        const QString code = u"java.lang.IllegalStateException: closed\n"_s + lines.join(u'\n');
        const Message m = message(m_public, 50, u"The trace:\n\n```\n"_s + code + u"\n```\n"_s);
        add({ m });
        ConversationView view(*m_store);
        view.setTicket(m_ticket.id);
        const QString key = m.id.toString() + u"/0"_s;
        QVERIFY(!view.browser()->toPlainText().contains(u"step30("_s));
        QVERIFY(view.browser()->toPlainText().contains(u"Show all 31 lines"_s));
        view.activateLink(QUrl(u"expand:"_s + key));
        QVERIFY(view.browser()->toPlainText().contains(u"step30("_s));
        view.activateLink(QUrl(u"copy:"_s + key));
        QCOMPARE(QGuiApplication::clipboard()->text(), code + u'\n');
        view.activateLink(QUrl(u"collapse:"_s + key));
        QVERIFY(!view.browser()->toPlainText().contains(u"step30("_s));
    }

    void replyLinksAskForTheirThread()
    {
        ConversationView view(*m_store);
        view.setTicket(m_ticket.id);
        QSignalSpy replies(&view, &ConversationView::replyRequested);
        view.activateLink(QUrl(u"reply:"_s + m_internal.id.toString()));
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.at(0).at(0).value<ConversationId>(), m_internal.id);
    }

    void replyWithStatusMovesTheTicketInTheCache()
    {
        Status solved;
        for (const Status &s : m_store->all<Status>()) {
            if (s.typeId == m_ticket.typeId && s.category == StatusCategory::Solved)
                solved = s;
        }
        QVERIFY(solved.id.isValid());
        QVERIFY(solved.id != m_ticket.statusId);
        Message m = message(m_public, 60, u"Fixed in 4.2."_s);
        m.version = 0;
        m.setStatusId = solved.id;
        QSignalSpy changed(m_store.get(), &Store::changed);
        QVERIFY(m_store->apply(Mutation::creating(EntityKind::Message, m, m_agent)).isOk());
        QCOMPARE(m_store->get<Ticket>(m_ticket.id)->statusId, solved.id);
        bool ticketSignalled = false;
        for (const auto &args : changed)
            ticketSignalled |= args.at(0).value<EntityKind>() == EntityKind::Ticket;
        QVERIFY(ticketSignalled);

        // A colleague's edit arrives before the reply is pushed: the reply's
        // status is laid on top again, as the ticket's own edits are.
        QJsonObject snapshot = Protocol::toJson(*m_store->get<Ticket>(m_ticket.id));
        snapshot.insert(u"status_id"_s, m_ticket.statusId.toString());
        snapshot.insert(u"title"_s, u"Renamed by a colleague"_s);
        snapshot.insert(u"version"_s, m_ticket.version + 1);
        QVERIFY(m_store
                    ->applyServerChanges(
                        { { EntityKind::Ticket, m_ticket.id.as<EntityId>(), snapshot, false } })
                    .isOk());
        const Ticket after = *m_store->get<Ticket>(m_ticket.id);
        QCOMPARE(after.title, u"Renamed by a colleague"_s);
        QCOMPARE(after.statusId, solved.id);
    }
};

QTEST_MAIN(TestConversationView)
#include "tst_conversationview.moc"
