// SPDX-License-Identifier: GPL-3.0-or-later
// The reply editor: "Send as <status>" with the type's statuses, internal
// notes (Ctrl+Shift+J) in internal threads without a status, new
// conversations, Ctrl+Return, drafts kept per ticket across a restart,
// canned responses by "::" and their placeholders, files pasted and
// attached, and the rule that only admins and leads share responses.
#include "conversations/cannedpicker.h"
#include "conversations/placeholders.h"
#include "conversations/replyeditor.h"
#include "conversations/savecanneddialog.h"
#include "demo/demodata.h"
#include "demoserver.h"
#include "details/attachmentlist.h"
#include "details/cacherows.h"
#include "protocol/codecs.h"
#include "store/drafts.h"
#include "store/store.h"
#include "syncagent.h"
#include "tickets/ticketstyle.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Ui::ReplyEditor;

namespace {
const QString Password = u"reply editor test password"_s;
}

class TestReplyEditor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Store> m_store;
    int m_round = 0;
    QueryContext m_context;
    Ticket m_ticket, m_other;
    Conversation m_public;

    QList<Message> messages(TicketId ticket) const
    {
        return Ui::rowsOf<Message>(*m_store,
            u"SELECT d.data FROM messages m JOIN message_documents d ON d.id = m.id"
            u" WHERE m.ticket_id = ? ORDER BY m.seq"_s,
            ticket.uuid());
    }
    QList<Conversation> threads(TicketId ticket) const
    {
        return Ui::rowsOf<Conversation>(*m_store,
            u"SELECT data FROM conversations WHERE ticket_id = ? ORDER BY seq"_s, ticket.uuid());
    }
    QList<Status> statusesOf(TicketTypeId type) const
    {
        return Ui::rowsOf<Status>(*m_store,
            u"SELECT data FROM statuses WHERE type_id = ? ORDER BY position"_s, type.uuid());
    }
    Status statusNamed(TicketTypeId type, const QString &name) const
    {
        for (const Status &s : statusesOf(type)) {
            if (s.name == name)
                return s;
        }
        return {};
    }
    TicketType typeNamed(const QString &name) const
    {
        for (const TicketType &t : m_store->all<TicketType>()) {
            if (t.name == name)
                return t;
        }
        return {};
    }
    // The ticket becomes of `type`, in its first status.
    void retype(const TicketType &type)
    {
        Ticket t = *m_store->get<Ticket>(m_ticket.id);
        t.typeId = type.id;
        t.statusId = statusesOf(type.id).constFirst().id;
        QVERIFY(m_store->importEntities(EntityKind::Ticket, { Protocol::toJson(t) }).isOk());
        m_ticket = t;
    }
    std::unique_ptr<ReplyEditor> makeEditor(bool shown = false)
    {
        auto editor = std::make_unique<ReplyEditor>(*m_store, m_context);
        editor->resize(640, 360);
        if (shown) {
            editor->show();
            editor->activateWindow();
            if (!QTest::qWaitForWindowActive(editor.get()))
                qWarning("the editor did not become active");
            editor->textEdit()->setFocus();
        }
        return editor;
    }
    static QStringList menuTexts(const QMenu *menu)
    {
        QStringList texts;
        for (const QAction *a : menu->actions())
            texts.append(a->isSeparator() ? u"--"_s : a->text());
        return texts;
    }
    static QAction *menuAction(const QMenu *menu, const QString &text)
    {
        for (QAction *a : menu->actions()) {
            if (a->text() == text)
                return a;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(u"TesseraTests"_s);
        QCoreApplication::setApplicationName(u"tst_replyeditor"_s);
    }

    void init()
    {
        m_path = m_dir.filePath(u"cache-%1.sqlite"_s.arg(++m_round));
        m_store = std::make_unique<Store>(m_path);
        QVERIFY(m_store->open().isOk());
        DemoOptions demo;
        demo.tickets = 5;
        demo.messagesPerTicket = 1;
        QVERIFY(loadDemoData(*m_store, demo).isOk());
        m_context = {};
        m_context.me = DemoGenerator(demo).workspaceOwner();
        QSqlQuery q(m_store->connection());
        QVERIFY(q.exec(u"SELECT id FROM tickets ORDER BY number LIMIT 2"_s) && q.next());
        m_ticket = *m_store->get<Ticket>(EntityId::fromString(q.value(0).toString()));
        QVERIFY(q.next());
        m_other = *m_store->get<Ticket>(EntityId::fromString(q.value(0).toString()));
        // The ticket has one public thread of our own and no internal one.
        for (const QString &table : { u"messages"_s, u"conversations"_s })
            QVERIFY(q.exec(
                u"DELETE FROM %1 WHERE ticket_id = '%2'"_s.arg(table, m_ticket.id.toString())));
        m_public = { ConversationId::create(), m_ticket.id, ThreadVisibility::Public, u"Export"_s,
            QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::UTC), 1 };
        QVERIFY(m_store->importEntities(EntityKind::Conversation, { Protocol::toJson(m_public) })
                    .isOk());
        retype(typeNamed(u"Question"_s));
    }

    void cleanup() { m_store.reset(); }

    void sendsAPublicReplyAsPending()
    {
        auto editor = makeEditor();
        editor->setTicket(m_ticket.id);
        const Status pending = statusNamed(m_ticket.typeId, u"Waiting on customer"_s);
        QCOMPARE(editor->defaultStatus(), pending.id);
        QCOMPARE(editor->sendButton()->text(), u"Send as Waiting on customer"_s);
        QCOMPARE(editor->sendButton()->popupMode(), QToolButton::MenuButtonPopup);
        QVERIFY(editor->targetLabel()->text().contains(
            m_store->get<Person>(m_ticket.requesterId)->name));
        QSignalSpy sent(editor.get(), &ReplyEditor::sent);
        editor->setText(u"We are looking into it."_s);
        editor->sendButton()->click();
        QCOMPARE(sent.size(), 1);

        const QList<Message> all = messages(m_ticket.id);
        QCOMPARE(all.size(), 1);
        const Message &m = all.constFirst();
        QCOMPARE(m.body, u"We are looking into it."_s);
        QCOMPARE(m.setStatusId, pending.id);
        QCOMPARE(m.conversationId, m_public.id); // the ticket's public thread
        QCOMPARE(m.authorId, m_context.me);
        QCOMPARE(m.via, Channel::Agent);
        QCOMPARE(m_store->get<Ticket>(m_ticket.id)->statusId, pending.id);
        // Cleared, and no draft left behind.
        QVERIFY(editor->text().isEmpty());
        QVERIFY(!Drafts(*m_store).load(m_ticket.id));
        QVERIFY(!editor->sendButton()->isEnabled());
    }

    void statusMenuFollowsTheType_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("defaultText");
        QTest::addColumn<QStringList>("menu");
        QTest::addColumn<QString>("solved");
        QTest::newRow("question") << u"Question"_s << u"Send as Waiting on customer"_s
                                  << QStringList { u"Send as Open"_s, u"Send as On hold"_s,
                                         u"Send as Solved"_s, u"--"_s,
                                         u"Send without changing status"_s }
                                  << u"Solved"_s;
        QTest::newRow("incident") << u"Incident"_s << u"Send as Waiting on customer"_s
                                  << QStringList { u"Send as Investigating"_s,
                                         u"Send as Waiting on vendor"_s, u"Send as Resolved"_s,
                                         u"--"_s, u"Send without changing status"_s }
                                  << u"Resolved"_s;
        QTest::newRow("task") << u"Task"_s << u"Send as Waiting for review"_s
                              << QStringList { u"Send as In progress"_s, u"Send as Blocked"_s,
                                     u"Send as Done"_s, u"--"_s, u"Send without changing status"_s }
                              << u"Done"_s;
    }

    void statusMenuFollowsTheType()
    {
        QFETCH(QString, type);
        QFETCH(QString, defaultText);
        QFETCH(QStringList, menu);
        QFETCH(QString, solved);
        retype(typeNamed(type));
        auto editor = makeEditor();
        editor->setTicket(m_ticket.id);
        QCOMPARE(editor->sendButton()->text(), defaultText);
        QCOMPARE(menuTexts(editor->statusMenu()), menu);

        editor->setText(u"Fixed in the last release."_s);
        QAction *asSolved = menuAction(editor->statusMenu(), u"Send as "_s + solved);
        QVERIFY(asSolved);
        asSolved->trigger();
        const Status status = statusNamed(m_ticket.typeId, solved);
        QCOMPARE(messages(m_ticket.id).constLast().setStatusId, status.id);
        QCOMPARE(m_store->get<Ticket>(m_ticket.id)->statusId, status.id);
    }

    void sendsWithoutChangingTheStatus()
    {
        const Status open = statusNamed(m_ticket.typeId, u"Open"_s);
        Ticket t = m_ticket;
        t.statusId = open.id;
        QVERIFY(m_store->importEntities(EntityKind::Ticket, { Protocol::toJson(t) }).isOk());
        auto editor = makeEditor();
        editor->setTicket(m_ticket.id);
        editor->setText(u"A quick update."_s);
        QAction *keep = menuAction(editor->statusMenu(), u"Send without changing status"_s);
        QVERIFY(keep);
        keep->trigger();
        // The current status, sent explicitly, so the server's Pending default does not apply.
        QCOMPARE(messages(m_ticket.id).constLast().setStatusId, open.id);
        QCOMPARE(m_store->get<Ticket>(m_ticket.id)->statusId, open.id);
    }

    void internalNoteByShortcut()
    {
        auto editor = makeEditor(true);
        editor->setTicket(m_ticket.id);
        const StatusId before = m_store->get<Ticket>(m_ticket.id)->statusId;
        QTest::keyClick(editor->textEdit(), Qt::Key_J, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(editor->visibility(), ThreadVisibility::Internal);
        QVERIFY(editor->internalAction()->isChecked());
        QCOMPARE(editor->sendButton()->text(), u"Add Note"_s);
        QVERIFY(!editor->sendButton()->menu());
        QVERIFY(editor->targetLabel()->text().startsWith(u"Internal note"_s));
        QCOMPARE(editor->textEdit()->palette().color(QPalette::Base),
            Ui::TicketStyle::internalTint(editor->palette()));
        QVERIFY(editor->startsNewConversation()); // the ticket has no internal thread yet

        QTest::keyClicks(editor->textEdit(), u"Checked the proxy logs."_s);
        QVERIFY(editor->send().isValid());
        const Message note = messages(m_ticket.id).constLast();
        QVERIFY(!note.setStatusId.isValid());
        const auto thread = m_store->get<Conversation>(note.conversationId);
        QVERIFY(thread);
        QCOMPARE(thread->visibility, ThreadVisibility::Internal);
        QCOMPARE(m_store->get<Ticket>(m_ticket.id)->statusId, before);

        // The next note goes to that internal thread; toggling back replies in public.
        editor->setText(u"Second note."_s);
        QVERIFY(editor->send().isValid());
        QCOMPARE(messages(m_ticket.id).constLast().conversationId, thread->id);
        QTest::keyClick(editor->textEdit(), Qt::Key_J, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(editor->visibility(), ThreadVisibility::Public);
        QCOMPARE(editor->targetConversation(), m_public.id);
        QVERIFY(editor->textEdit()->palette().color(QPalette::Base)
            != Ui::TicketStyle::internalTint(editor->palette()));
    }

    void replyIntoAChosenThread()
    {
        const Conversation internal { ConversationId::create(), m_ticket.id,
            ThreadVisibility::Internal, {}, m_public.createdAt, 1 };
        QVERIFY(m_store->importEntities(EntityKind::Conversation, { Protocol::toJson(internal) })
                    .isOk());
        auto editor = makeEditor();
        editor->setTicket(m_ticket.id);
        editor->setConversation(internal.id);
        QCOMPARE(editor->visibility(), ThreadVisibility::Internal);
        editor->setText(u"For the team."_s);
        QVERIFY(editor->send().isValid());
        QCOMPARE(messages(m_ticket.id).constLast().conversationId, internal.id);
    }

    void startsANewConversation()
    {
        auto editor = makeEditor();
        editor->setTicket(m_ticket.id);
        editor->startNewConversation(ThreadVisibility::Public);
        QVERIFY(editor->startsNewConversation());
        QVERIFY(editor->targetLabel()->text().startsWith(u"New conversation"_s));
        editor->setText(u"About your other question:"_s);
        QSignalSpy sent(editor.get(), &ReplyEditor::sent);
        const MessageId id = editor->send();
        QVERIFY(id.isValid());
        const QList<Conversation> all = threads(m_ticket.id);
        QCOMPARE(all.size(), 2);
        const Conversation &made = all.constLast();
        QCOMPARE(made.visibility, ThreadVisibility::Public);
        QCOMPARE(m_store->get<Message>(id)->conversationId, made.id);
        QCOMPARE(sent.constFirst().at(1).value<ConversationId>(), made.id);
        // Both went to the outbox: the conversation first.
        const QList<PendingMutation> pending = m_store->pendingMutations();
        QCOMPARE(pending.size(), 2);
        QCOMPARE(pending.at(0).mutation.entity, EntityKind::Conversation);
        QCOMPARE(pending.at(1).mutation.entity, EntityKind::Message);
        // The next reply continues that thread.
        QVERIFY(!editor->startsNewConversation());
        QCOMPARE(editor->targetConversation(), made.id);
    }

    void controlReturnSends()
    {
        auto editor = makeEditor(true);
        editor->setTicket(m_ticket.id);
        QTest::keyClicks(editor->textEdit(), u"First"_s);
        QTest::keyClick(editor->textEdit(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(messages(m_ticket.id).size(), 1);
        QCOMPARE(messages(m_ticket.id).constLast().body, u"First"_s);
        QTest::keyClicks(editor->textEdit(), u"Second"_s);
        QTest::keyClick(
            editor->textEdit(), Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
        QCOMPARE(messages(m_ticket.id).size(), 2);
        // A plain Return is a new line.
        QTest::keyClicks(editor->textEdit(), u"Third"_s);
        QTest::keyClick(editor->textEdit(), Qt::Key_Return);
        QCOMPARE(messages(m_ticket.id).size(), 2);
        QCOMPARE(editor->text(), u"Third\n"_s);
    }

    void emptyTextCannotBeSent()
    {
        auto editor = makeEditor(true);
        editor->setTicket(m_ticket.id);
        QVERIFY(!editor->sendButton()->isEnabled());
        editor->setText(u"  \n\t"_s);
        QVERIFY(!editor->sendButton()->isEnabled());
        QVERIFY(!editor->sendAction()->isEnabled());
        QVERIFY(!editor->send().isValid());
        QTest::keyClick(editor->textEdit(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(messages(m_ticket.id).isEmpty());
        editor->setText(u"x"_s);
        QVERIFY(editor->sendButton()->isEnabled());
    }

    void draftIsSavedWhileTyping()
    {
        auto editor = makeEditor(true);
        editor->setTicket(m_ticket.id);
        QTest::keyClicks(editor->textEdit(), u"Half a sentence"_s);
        // Saved after a pause, without closing anything.
        QTRY_COMPARE(
            Drafts(*m_store).load(m_ticket.id).value_or(Draft {}).body, u"Half a sentence"_s);
    }

    void draftSurvivesARestart()
    {
        {
            auto editor = makeEditor();
            editor->setTicket(m_ticket.id);
            editor->setVisibility(ThreadVisibility::Internal);
            editor->setText(u"Unfinished **note**"_s);
            editor->attachData(u"trace.log"_s, u"text/plain"_s, "stack\n");
            editor->attachData(u"pasted-image-1.png"_s, u"image/png"_s, "PNGDATA");
        } // destroyed: the draft is written now, not after the pause
        m_store.reset();
        m_store = std::make_unique<Store>(m_path);
        QVERIFY(m_store->open().isOk());

        auto editor = makeEditor();
        editor->setTicket(m_ticket.id);
        QCOMPARE(editor->text(), u"Unfinished **note**"_s);
        QCOMPARE(editor->visibility(), ThreadVisibility::Internal);
        QVERIFY(editor->internalAction()->isChecked());
        QCOMPARE(
            editor->attachmentNames(), (QStringList { u"trace.log"_s, u"pasted-image-1.png"_s }));
        // Sent with the files, whose content was kept.
        const MessageId id = editor->send();
        QVERIFY(id.isValid());
        const Message m = *m_store->get<Message>(id);
        QCOMPARE(m.attachmentIds.size(), 2);
        const QList<Attachment> uploads = m_store->pendingUploads();
        QStringList names;
        for (const Attachment &a : uploads) {
            QVERIFY(m.attachmentIds.contains(a.id));
            names.append(a.fileName);
            if (a.fileName == u"trace.log"_s)
                QCOMPARE(a.size, 6);
        }
        QCOMPARE(names.size(), 2);
        QVERIFY(!Drafts(*m_store).load(m_ticket.id));
    }

    void eachTicketKeepsItsDraft()
    {
        auto editor = makeEditor();
        editor->setTicket(m_ticket.id);
        editor->setText(u"Reply to the first"_s);
        editor->setTicket(m_other.id);
        QVERIFY(editor->text().isEmpty());
        QCOMPARE(editor->visibility(), ThreadVisibility::Public);
        editor->startNewConversation(ThreadVisibility::Internal);
        editor->setText(u"Note on the second"_s);
        editor->setTicket(m_ticket.id);
        QCOMPARE(editor->text(), u"Reply to the first"_s);
        QCOMPARE(editor->visibility(), ThreadVisibility::Public);
        editor->setTicket(m_other.id);
        QCOMPARE(editor->text(), u"Note on the second"_s);
        QCOMPARE(editor->visibility(), ThreadVisibility::Internal);
        QVERIFY(editor->startsNewConversation());
        QCOMPARE(Drafts(*m_store).tickets().size(), 2);
    }

    void previewRendersTheMarkdown()
    {
        auto editor = makeEditor();
        editor->setTicket(m_ticket.id);
        QString rendered;
        editor->setPreviewRenderer([&rendered](QTextDocument *document, const QString &markdown) {
            rendered = markdown;
            document->setPlainText(u"RENDERED "_s + markdown);
        });
        editor->setText(u"# Title"_s);
        editor->modeTabs()->setCurrentIndex(1);
        QCOMPARE(rendered, u"# Title"_s);
        QVERIFY(editor->preview()->isVisibleTo(editor.get()));
        QCOMPARE(editor->preview()->toPlainText(), u"RENDERED # Title"_s);
    }

    void placeholdersAreFilled_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString today = QLocale().toString(QDate(2026, 12, 6), QLocale::LongFormat);
        QTest::newRow("requester name") << u"Hi {{requester.name}}"_s << u"Hi Maria Rossi"_s;
        QTest::newRow("first name") << u"Hi {{requester.first_name}},"_s << u"Hi Maria,"_s;
        QTest::newRow("email") << u"<{{requester.email}}>"_s << u"<maria@acme.example>"_s;
        QTest::newRow("number") << u"#{{ticket.number}}"_s << u"#4711"_s;
        QTest::newRow("title") << u"{{ticket.title}}"_s << u"Printer offline"_s;
        QTest::newRow("status") << u"{{ticket.status}}"_s << u"Open"_s;
        QTest::newRow("agent") << u"{{agent.name}} / {{agent.first_name}}"_s
                               << u"Ana Souza / Ana"_s;
        QTest::newRow("organization") << u"{{organization.name}}"_s << u"Acme"_s;
        QTest::newRow("today") << u"{{today}}"_s << today;
        QTest::newRow("spaces") << u"{{ requester.first_name }}"_s << u"Maria"_s;
        QTest::newRow("unknown") << u"{{ticket.priority}} {{nope}}"_s
                                 << u"{{ticket.priority}} {{nope}}"_s;
        QTest::newRow("several")
            << u"{{agent.first_name}} → {{requester.first_name}} #{{ticket.number}}"_s
            << u"Ana → Maria #4711"_s;
        QTest::newRow("no placeholder") << u"plain {text}"_s << u"plain {text}"_s;
    }

    void placeholdersAreFilled()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        Ui::PlaceholderValues values;
        values.ticket = Ticket {};
        values.ticket->number = 4711;
        values.ticket->title = u"Printer offline"_s;
        values.status = Status {};
        values.status->name = u"Open"_s;
        values.requester = Person {};
        values.requester->name = u"Maria Rossi"_s;
        values.requester->email = u"maria@acme.example"_s;
        values.agent = Person {};
        values.agent->name = u"Ana Souza"_s;
        values.organization = Organization {};
        values.organization->name = u"Acme"_s;
        values.today = QDate(2026, 12, 6);
        QCOMPARE(Ui::fillPlaceholders(text, values), expected);
    }

    void placeholdersWithoutValuesStay()
    {
        Ui::PlaceholderValues values;
        values.ticket = Ticket {}; // not numbered by the server yet
        QCOMPARE(Ui::fillPlaceholders(u"#{{ticket.number}} {{requester.name}}"_s, values),
            u"#{{ticket.number}} {{requester.name}}"_s);
    }

    void doubleColonOpensThePicker()
    {
        auto editor = makeEditor(true);
        editor->setTicket(m_ticket.id);
        Ui::CannedPicker *picker = editor->cannedPicker();
        QTest::keyClicks(editor->textEdit(), u"Hi team::"_s); // not at a word start
        QVERIFY(!picker->isVisible());
        editor->setText(QString());
        QTest::keyClicks(editor->textEdit(), u"Thanks! ::"_s);
        QVERIFY(picker->isVisible());
        QVERIFY(picker->searchField()->text().isEmpty());
        QTest::keyClicks(picker->searchField(), u"reset"_s);
        QCOMPARE(picker->list()->count(), 1);
        QTest::keyClick(picker->searchField(), Qt::Key_Return);
        QVERIFY(!picker->isVisible());

        const Person requester = *m_store->get<Person>(m_ticket.requesterId);
        const QString text = editor->text();
        QVERIFY2(text.startsWith(u"Thanks! Hello "_s + requester.name.section(u' ', 0, 0) + u','),
            qPrintable(text));
        QVERIFY(text.contains(requester.email));
        QVERIFY(text.contains(u"Ana Souza"_s));
        QVERIFY(!text.contains(u"::"_s));
        QVERIFY(!text.contains(u"{{"_s));
    }

    void doubleColonSeedsTheSearch()
    {
        auto editor = makeEditor(true);
        editor->setTicket(m_ticket.id);
        Ui::CannedPicker *picker = editor->cannedPicker();
        // Typed while the picker was closed: the text after "::" is the search.
        QTest::keyClicks(editor->textEdit(), u"::"_s);
        QVERIFY(picker->isVisible());
        QTest::keyClick(picker->searchField(), Qt::Key_Escape);
        QVERIFY(!picker->isVisible());
        QTest::keyClicks(editor->textEdit(), u"esc"_s); // the dismissed "::" stays closed
        QVERIFY(!picker->isVisible());
        editor->setText(u"Note "_s);
        QTest::keyClicks(editor->textEdit(), u":"_s);
        editor->textEdit()->insertPlainText(u":escal"_s);
        QVERIFY(picker->isVisible());
        QCOMPARE(picker->searchField()->text(), u"escal"_s);
        QCOMPARE(picker->list()->count(), 1);
        picker->pickCurrent();
        QVERIFY(editor->text().startsWith(u"Note Hello "_s));
        QVERIFY(editor->text().contains(m_ticket.title));
        QVERIFY(!editor->text().contains(u"escal"_s));
    }

    void pickerSearchesAndNavigates()
    {
        Ui::CannedPicker picker(*m_store, m_context.me);
        picker.popup(QRect(0, 0, 1, 16));
        const QList<CannedResponse> all = m_store->all<CannedResponse>();
        int visible = 0;
        for (const CannedResponse &r : all)
            visible += r.shared || r.ownerId == m_context.me;
        QCOMPARE(picker.shownResponses().size(), visible);
        QVERIFY(visible < all.size()); // a colleague's personal response is not offered
        // Personal ones are marked.
        bool sawPersonal = false;
        for (int row = 0; row < picker.list()->count(); ++row)
            sawPersonal |= picker.list()->item(row)->data(Ui::CannedPicker::KindRole).toString()
                == u"Personal"_s;
        QVERIFY(sawPersonal);

        QTest::keyClicks(picker.searchField(), u"LOG"_s); // names and bodies, any case
        for (const CannedResponseId &id : picker.shownResponses()) {
            const CannedResponse r = *m_store->get<CannedResponse>(id);
            QVERIFY(r.name.contains(u"log"_s, Qt::CaseInsensitive)
                || r.body.contains(u"log"_s, Qt::CaseInsensitive));
        }
        QVERIFY(picker.shownResponses().size() >= 3);
        QVERIFY(picker.shownResponses().size() < visible);
        QCOMPARE(picker.list()->currentRow(), 0);
        QTest::keyClick(picker.searchField(), Qt::Key_Down);
        QTest::keyClick(picker.searchField(), Qt::Key_Down);
        QCOMPARE(picker.list()->currentRow(), 2);
        QTest::keyClick(picker.searchField(), Qt::Key_Up);
        QCOMPARE(picker.list()->currentRow(), 1);
        QSignalSpy picked(&picker, &Ui::CannedPicker::picked);
        QTest::keyClick(picker.searchField(), Qt::Key_Enter);
        QCOMPARE(picked.size(), 1);
        QCOMPARE(
            picked.constFirst().at(0).value<CannedResponse>().id, picker.shownResponses().at(1));

        picker.popup(QRect(0, 0, 1, 16), u"no such response"_s);
        QCOMPARE(picker.list()->count(), 0);
    }

    void cannedShortcutOpensThePicker()
    {
        auto editor = makeEditor(true);
        editor->setTicket(m_ticket.id);
        editor->setText(u"Before "_s);
        QTest::keyClick(editor->textEdit(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(editor->cannedPicker()->isVisible());
        QTest::keyClicks(editor->cannedPicker()->searchField(), u"signature"_s);
        QTest::keyClick(editor->cannedPicker()->searchField(), Qt::Key_Return);
        QCOMPARE(editor->text(), u"Before Best regards,\nAna\nSupport · +49 30 1234 5678"_s);
    }

    void onlyAdminsAndLeadsSaveShared()
    {
        PersonId agent, lead;
        for (const Person &p : m_store->all<Person>()) {
            if (p.kind != PersonKind::Agent)
                continue;
            if (p.role == Role::Agent && !agent.isValid())
                agent = p.id;
            if (p.role == Role::Lead && !lead.isValid())
                lead = p.id;
        }
        QVERIFY(agent.isValid() && lead.isValid());
        QVERIFY(!Ui::SaveCannedDialog::maySaveShared(*m_store, agent));
        QVERIFY(Ui::SaveCannedDialog::maySaveShared(*m_store, lead));
        QVERIFY(Ui::SaveCannedDialog::maySaveShared(*m_store, m_context.me)); // the admin

        Ui::SaveCannedDialog mine(*m_store, agent, u"Hello {{requester.first_name}}"_s);
        QVERIFY(!mine.sharedBox()->isEnabled());
        mine.nameField()->setText(u"Greeting"_s);
        mine.sharedBox()->setChecked(true); // forced: still personal
        mine.accept();
        const auto saved = m_store->get<CannedResponse>(mine.saved());
        QVERIFY(saved);
        QVERIFY(!saved->shared);
        QCOMPARE(saved->ownerId, agent);
        QCOMPARE(saved->body, u"Hello {{requester.first_name}}"_s);

        Ui::SaveCannedDialog team(*m_store, lead, u"For everyone"_s);
        QVERIFY(team.sharedBox()->isEnabled());
        team.nameField()->setText(u"Team answer"_s);
        team.sharedBox()->setChecked(true);
        team.accept();
        QVERIFY(m_store->get<CannedResponse>(team.saved())->shared);

        Ui::SaveCannedDialog unnamed(*m_store, lead, u"text"_s);
        unnamed.accept();
        QVERIFY(!unnamed.saved().isValid());
        QVERIFY(!unnamed.errorText().isEmpty());
    }

    void savesTheTextAsACannedResponse()
    {
        auto editor = makeEditor();
        editor->setTicket(m_ticket.id);
        QVERIFY(!editor->saveCannedAction()->isEnabled());
        editor->setText(u"Hello {{requester.first_name}}, one moment please."_s);
        QVERIFY(editor->saveCannedAction()->isEnabled());
        editor->saveCannedAction()->trigger();
        auto *dialog = editor->findChild<Ui::SaveCannedDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->bodyField()->toPlainText(), editor->text());
        QVERIFY(dialog->sharedBox()->isEnabled()); // the workspace owner is an admin
        dialog->nameField()->setText(u"One moment"_s);
        dialog->sharedBox()->setChecked(true);
        const QPointer<Ui::SaveCannedDialog> guard(dialog);
        dialog->accept();
        QTRY_VERIFY(!guard); // closed and gone
        bool found = false;
        for (const CannedResponse &r : m_store->all<CannedResponse>()) {
            if (r.name == u"One moment"_s) {
                found = true;
                QVERIFY(r.shared);
                QCOMPARE(r.ownerId, m_context.me);
            }
        }
        QVERIFY(found);
        QCOMPARE(
            m_store->pendingMutations().constLast().mutation.entity, EntityKind::CannedResponse);
    }

    void pastedImagesBecomeAttachments()
    {
        auto editor = makeEditor(true);
        editor->setTicket(m_ticket.id);
        QImage image(40, 30, QImage::Format_RGB32);
        image.fill(Qt::red);
        for (int i = 0; i < 2; ++i) {
            auto *mime = new QMimeData;
            mime->setImageData(image);
            QApplication::clipboard()->setMimeData(mime);
            editor->textEdit()->paste();
        }
        QCOMPARE(editor->attachmentNames(),
            (QStringList { u"pasted-image-1.png"_s, u"pasted-image-2.png"_s }));
        QVERIFY(editor->text().isEmpty()); // not pasted as text
        // Kept in the draft at once.
        QCOMPARE(Drafts(*m_store).load(m_ticket.id)->attachments.size(), 2);
        QImage back;
        QVERIFY(back.loadFromData(
            Drafts(*m_store).load(m_ticket.id)->attachments.at(0).content, "PNG"));
        QCOMPARE(back.size(), image.size());

        editor->removeAttachment(0);
        QCOMPARE(editor->attachmentNames(), (QStringList { u"pasted-image-2.png"_s }));
        editor->setText(u"See the screenshot."_s);
        const MessageId id = editor->send();
        const Message m = *m_store->get<Message>(id);
        QCOMPARE(m.attachmentIds.size(), 1);
        const Attachment a = *m_store->get<Attachment>(m.attachmentIds.constFirst());
        QCOMPARE(a.fileName, u"pasted-image-2.png"_s);
        QCOMPARE(a.mimeType, u"image/png"_s);
        QCOMPARE(a.messageId, id);
        QVERIFY(editor->attachmentNames().isEmpty());
    }

    void droppedAndAttachedFiles()
    {
        QTemporaryDir files;
        const QString small = files.filePath(u"notes.txt"_s);
        const QString huge = files.filePath(u"dump.bin"_s);
        {
            QFile f(small);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("hello");
            QFile g(huge);
            QVERIFY(g.open(QIODevice::WriteOnly));
            QVERIFY(g.resize(Ui::AttachmentList::MaxFileBytes + 1)); // over the server's limit
        }
        auto editor = makeEditor(true);
        editor->setTicket(m_ticket.id);
        const QString error = editor->attachFiles({ huge });
        QVERIFY(error.contains(u"dump.bin"_s));
        QVERIFY(editor->attachmentNames().isEmpty());
        QCOMPARE(editor->errorText(), error);

        // Files dropped on the text are attachments, not text.
        auto *mime = new QMimeData;
        mime->setUrls({ QUrl::fromLocalFile(small) });
        QWidget *target = editor->textEdit()->viewport();
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDragMoveEvent move(QPoint(12, 12), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &move);
        QDropEvent drop(QPointF(12, 12), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
        QCOMPARE(editor->attachmentNames(), QStringList { u"notes.txt"_s });
        QVERIFY(editor->text().isEmpty());
        // And on the rest of the editor (its tool bar, the files already there).
        QDragEnterEvent enterEditor(
            QPoint(5, 5), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(editor.get(), &enterEditor);
        QVERIFY(enterEditor.isAccepted());
        QDropEvent dropOnEditor(
            QPointF(5, 5), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(editor.get(), &dropOnEditor);
        QCOMPARE(editor->attachmentNames(), (QStringList { u"notes.txt"_s, u"notes.txt"_s }));
        delete mime;
    }

    // Written offline, then synced with a real server: the new thread, the
    // reply with its file and the status it set all arrive, without conflicts.
    void aReplyWrittenOfflineReachesTheServer()
    {
        Test::DemoServer demo;
        QVERIFY(demo.start(40, Password));
        const Person me = demo.first(Role::Agent);
        Test::SyncAgent agent;
        QVERIFY(agent.signIn(demo.server->baseUrl(), me.email, Password));
        QueryContext context;
        context.me = me.id;
        context.myDepartments = me.departmentIds;
        std::optional<Ticket> ticket;
        for (const Ticket &t : agent.store->all<Ticket>()) {
            if (!ticket && t.kind == TicketKind::Ticket && t.requesterId.isValid())
                ticket = t;
        }
        QVERIFY(ticket);
        Status solved;
        for (const Status &s : agent.store->all<Status>()) {
            if (s.typeId == ticket->typeId && s.category == StatusCategory::Solved)
                solved = s;
        }
        QVERIFY(solved.id.isValid());

        agent.offline = true;
        ReplyEditor editor(*agent.store, context);
        editor.setTicket(ticket->id);
        editor.startNewConversation(ThreadVisibility::Public);
        editor.setText(u"Fixed; see the attached log."_s);
        editor.attachData(u"fix.log"_s, u"text/plain"_s, "applied patch 4711\n");
        const MessageId reply = editor.sendAs(solved.id);
        QVERIFY(reply.isValid());
        editor.setVisibility(ThreadVisibility::Internal);
        editor.setText(u"Patch applied on the customer's tenant."_s);
        const MessageId note = editor.send();
        QVERIFY(note.isValid());

        agent.offline = false;
        agent.engine->syncNow();
        QVERIFY(agent.settle());
        QCOMPARE(agent.store->pendingMutations().size(), 0);
        QCOMPARE(agent.store->pendingUploads().size(), 0);
        QVERIFY(agent.store->conflicts().isEmpty());
        QCOMPARE(agent.store->get<Ticket>(ticket->id)->statusId, solved.id);
        const auto sent = agent.store->get<Message>(reply);
        QVERIFY(sent && sent->version > 0); // the server's copy
        QCOMPARE(sent->attachmentIds.size(), 1);
        QVERIFY(agent.store->get<Attachment>(sent->attachmentIds.constFirst()));
        const auto thread = agent.store->get<Conversation>(sent->conversationId);
        QVERIFY(thread && thread->version > 0);
        QCOMPARE(thread->visibility, ThreadVisibility::Public);
        const auto internal
            = agent.store->get<Conversation>(agent.store->get<Message>(note)->conversationId);
        QVERIFY(internal);
        QCOMPARE(internal->visibility, ThreadVisibility::Internal);
    }
};

QTEST_MAIN(TestReplyEditor)
#include "tst_replyeditor.moc"
