// SPDX-License-Identifier: GPL-3.0-or-later
// What messages do to their ticket on the server (PRODUCT.md D1–D3), over
// HTTP: a reply and its status apply together or not at all, the first
// public agent reply stamps first_responded_at, the default statuses, the
// outbound mail queue, and the portal that never shows internal threads.
#include "backends.h"
#include "demoserver.h"
#include "protocol/codecs.h"
#include "serverclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Test::ServerClient;

namespace {
const QString Password = u"correct horse battery"_s;
const QString CustomerPassword = u"customer staple battery"_s;
} // namespace

class TestConversationRules : public QObject
{
    Q_OBJECT

    std::map<QString, std::unique_ptr<Test::DemoServer>> m_servers;
    Server::EmbeddedServer *m_server = nullptr;
    Person m_agent, m_admin;
    Person m_customer;
    QList<Status> m_statuses;

    Server::Session adminSession() const { return { m_admin.id, Role::Admin, {}, {} }; }

    std::optional<QJsonObject> stored(EntityKind kind, const QString &id) const
    {
        return m_server->store()->entity(adminSession(), kind, EntityId::fromString(id));
    }

    std::unique_ptr<ServerClient> signIn(const QString &email, const QString &password) const
    {
        auto c = std::make_unique<ServerClient>(m_server->baseUrl());
        if (!c->login(email, password))
            qWarning() << "login failed for" << email;
        return c;
    }

    static QJsonObject batch(const QList<Mutation> &mutations)
    {
        QJsonArray items;
        for (const Mutation &m : mutations)
            items.append(Protocol::toJson(m));
        return { { u"mutations"_s, items } };
    }

    QJsonArray push(ServerClient &c, const QList<Mutation> &mutations) const
    {
        const auto r = c.post(u"/api/v1/mutations"_s, batch(mutations));
        if (r.status != 200)
            qWarning() << r.status << r.json;
        return r.json.value(u"results"_s).toArray();
    }

    Status statusOf(TicketTypeId type, StatusCategory category) const
    {
        for (const Status &s : m_statuses) {
            if (s.typeId == type && s.category == category)
                return s;
        }
        return {};
    }

    // A new ticket in the agent's department, requested by m_customer,
    // with a public and an internal thread.
    struct Fresh
    {
        Ticket ticket;
        Conversation publicThread, internalThread;
    };
    Fresh freshTicket(ServerClient &agent)
    {
        Fresh f;
        f.ticket.id = TicketId::create();
        f.ticket.title = u"Export fails with a timeout"_s;
        f.ticket.description = u"Since Monday every export stops."_s;
        f.ticket.requesterId = m_customer.id;
        f.ticket.departmentId = m_agent.departmentIds.value(0);
        f.publicThread
            = { ConversationId::create(), f.ticket.id, ThreadVisibility::Public, {}, {}, 0 };
        f.internalThread
            = { ConversationId::create(), f.ticket.id, ThreadVisibility::Internal, {}, {}, 0 };
        const QJsonArray results = push(agent,
            { Mutation::creating(EntityKind::Ticket, f.ticket, m_agent.id),
                Mutation::creating(EntityKind::Conversation, f.publicThread, m_agent.id),
                Mutation::creating(EntityKind::Conversation, f.internalThread, m_agent.id) });
        for (const QJsonValue &r : results) {
            if (r[u"status"_s].toString() != u"applied"_s)
                qWarning() << r;
        }
        auto ticket
            = Protocol::fromJson<Ticket>(*stored(EntityKind::Ticket, f.ticket.id.toString()));
        f.ticket = ticket.value();
        return f;
    }

    Mutation reply(
        const Fresh &f, const Conversation &thread, const QString &body, StatusId status = {}) const
    {
        Message m;
        m.id = MessageId::create();
        m.conversationId = thread.id;
        m.ticketId = f.ticket.id;
        m.authorId = m_agent.id;
        m.body = body;
        m.setStatusId = status;
        return Mutation::creating(EntityKind::Message, m, m_agent.id);
    }

    QString ticketField(const Fresh &f, const QString &key) const
    {
        return stored(EntityKind::Ticket, f.ticket.id.toString())->value(key).toString();
    }

    StatusCategory categoryNow(const Fresh &f) const
    {
        const QString statusId = ticketField(f, u"status_id"_s);
        for (const Status &s : m_statuses) {
            if (s.id.toString() == statusId)
                return s.category;
        }
        return StatusCategory::Closed;
    }

private Q_SLOTS:
    void initTestCase_data() { Test::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (!m_servers.contains(backend)) {
            TESSERA_DATABASE_URL(url);
            auto demo = std::make_unique<Test::DemoServer>();
            QVERIFY(demo->start(40, Password, url));
            m_servers.emplace(backend, std::move(demo));
        }
        Test::DemoServer &demo = *m_servers.at(backend);
        m_server = demo.server.get();
        m_agent = demo.first(Role::Agent);
        m_admin = demo.first(Role::Admin);
        m_statuses.clear();
        // Statuses and a customer, read through the change feed an admin sees.
        const auto page = m_server->store()->changes(adminSession(), 0, 100000);
        QVERIFY(page.isOk());
        for (const Server::FeedEntry &e : page.value().entries) {
            const QJsonObject json = QJsonDocument::fromJson(e.snapshot).object();
            if (e.kind == EntityKind::Status)
                m_statuses.append(Protocol::fromJson<Status>(json).value());
            if (e.kind == EntityKind::Person && m_customer.name.isEmpty()
                && json.value(u"kind"_s).toString() == u"customer"_s)
                m_customer = Protocol::fromJson<Person>(json).value();
        }
        QVERIFY(!m_customer.email.isEmpty());
        QVERIFY(
            m_server->store()->setCredentials(m_customer.id, m_customer.email, CustomerPassword));
    }

    void replyWithStatusIsOneAtomicChange()
    {
        auto agent = signIn(m_agent.email, Password);
        const Fresh f = freshTicket(*agent);
        const Status solved = statusOf(f.ticket.typeId, StatusCategory::Solved);
        QVERIFY(solved.id.isValid());
        const qint64 before = m_server->store()->currentCursor();

        const Mutation sent
            = reply(f, f.publicThread, u"Fixed in 4.2, please update."_s, solved.id);
        const QJsonArray results = push(*agent, { sent });
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0][u"status"_s].toString(), u"applied"_s);
        QCOMPARE(ticketField(f, u"status_id"_s), solved.id.toString());
        QVERIFY(!ticketField(f, u"solved_at"_s).isEmpty());
        QCOMPARE(stored(EntityKind::Message, sent.targetId.toString())
                     ->value(u"set_status_id"_s)
                     .toString(),
            solved.id.toString());
        // Both changes are in the feed after the cursor the push started from.
        const auto page = m_server->store()->changes(adminSession(), before, 1000);
        QSet<EntityKind> kinds;
        for (const auto &e : page.value().entries)
            kinds.insert(e.kind);
        QVERIFY(kinds.contains(EntityKind::Message));
        QVERIFY(kinds.contains(EntityKind::Ticket));

        // A status of another type: neither the message nor a status change lands.
        Status foreign;
        for (const Status &s : std::as_const(m_statuses)) {
            if (s.typeId != f.ticket.typeId)
                foreign = s;
        }
        QVERIFY(foreign.id.isValid());
        const Mutation refused = reply(f, f.publicThread, u"This should not land."_s, foreign.id);
        const QJsonArray second = push(*agent, { refused });
        QCOMPARE(second[0][u"status"_s].toString(), u"rejected"_s);
        QCOMPARE(second[0][u"error"_s][u"field"_s].toString(), u"set_status_id"_s);
        QVERIFY(!stored(EntityKind::Message, refused.targetId.toString()));
        QCOMPARE(ticketField(f, u"status_id"_s), solved.id.toString());
    }

    void defaultStatusesFollowWhoReplied()
    {
        auto agent = signIn(m_agent.email, Password);
        const Fresh f = freshTicket(*agent);
        QCOMPARE(categoryNow(f), StatusCategory::New);

        QCOMPARE(
            push(*agent, { reply(f, f.internalThread, u"Checking the logs."_s) })[0][u"status"_s]
                .toString(),
            u"applied"_s);
        QCOMPARE(categoryNow(f), StatusCategory::New); // a note moves nothing

        QCOMPARE(
            push(*agent, { reply(f, f.publicThread, u"Could you send the log?"_s) })[0][u"status"_s]
                .toString(),
            u"applied"_s);
        QCOMPARE(categoryNow(f), StatusCategory::Pending);

        auto customer = signIn(m_customer.email, CustomerPassword);
        const auto r
            = customer->post(u"/api/v1/portal/tickets/%1/messages"_s.arg(f.ticket.id.toString()),
                QJsonObject { { u"body"_s, u"Here it is."_s } });
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json[u"via"_s].toString(), u"portal"_s);
        QCOMPARE(categoryNow(f), StatusCategory::Open);
        const auto message = stored(EntityKind::Message, r.json[u"id"_s].toString());
        QVERIFY(message);
        QCOMPARE(message->value(u"author_id"_s).toString(), m_customer.id.toString());
        QCOMPARE(message->value(u"conversation_id"_s).toString(), f.publicThread.id.toString());
    }

    void firstResponseIsStampedOnceByAPublicAgentReply()
    {
        auto agent = signIn(m_agent.email, Password);
        const Fresh f = freshTicket(*agent);
        QVERIFY(ticketField(f, u"first_responded_at"_s).isEmpty());

        push(*agent, { reply(f, f.internalThread, u"Internal first."_s) });
        QVERIFY(ticketField(f, u"first_responded_at"_s).isEmpty());

        auto customer = signIn(m_customer.email, CustomerPassword);
        QCOMPARE(customer
                     ->post(u"/api/v1/portal/tickets/%1/messages"_s.arg(f.ticket.id.toString()),
                         QJsonObject { { u"body"_s, u"Any news?"_s } })
                     .status,
            201);
        QVERIFY(ticketField(f, u"first_responded_at"_s).isEmpty());

        const Mutation first = reply(f, f.publicThread, u"On it."_s);
        push(*agent, { first });
        const QString stamped = ticketField(f, u"first_responded_at"_s);
        QVERIFY(!stamped.isEmpty());
        QCOMPARE(stamped,
            stored(EntityKind::Message, first.targetId.toString())
                ->value(u"created_at"_s)
                .toString());

        QTest::qWait(5); // a later reply has a later clock
        push(*agent, { reply(f, f.publicThread, u"Still on it."_s) });
        QCOMPARE(ticketField(f, u"first_responded_at"_s), stamped);
    }

    void publicAgentRepliesAreQueuedForTheRequester()
    {
        auto agent = signIn(m_agent.email, Password);
        const Fresh f = freshTicket(*agent);
        const Mutation note = reply(f, f.internalThread, u"Never mailed."_s);
        const Mutation answer = reply(f, f.publicThread, u"Mailed."_s);
        push(*agent, { note, answer });
        QList<Server::QueuedMail> mine;
        for (const Server::QueuedMail &mail : m_server->store()->pendingMail()) {
            if (mail.ticketId == f.ticket.id)
                mine.append(mail);
        }
        QCOMPARE(mine.size(), 1);
        QCOMPARE(mine[0].messageId.toString(), answer.targetId.toString());
        QCOMPARE(mine[0].recipients, QStringList { m_customer.email });
    }

    void portalNeverShowsInternalMessages()
    {
        auto agent = signIn(m_agent.email, Password);
        const Fresh f = freshTicket(*agent);
        push(*agent,
            { reply(f, f.publicThread, u"PUBLIC-ANSWER"_s),
                reply(f, f.internalThread, u"INTERNAL-SECRET"_s) });

        auto customer = signIn(m_customer.email, CustomerPassword);
        const auto shown
            = customer->get(u"/api/v1/portal/tickets/%1"_s.arg(f.ticket.id.toString()));
        QCOMPARE(shown.status, 200);
        const QByteArray text = QJsonDocument(shown.json).toJson();
        QVERIFY(text.contains("PUBLIC-ANSWER"));
        QVERIFY(!text.contains("INTERNAL-SECRET"));
        QVERIFY(!text.contains(f.internalThread.id.toString().toUtf8()));
        QVERIFY(!shown.json.contains(u"assignee_id"_s));
        QCOMPARE(shown.json[u"conversations"_s].toArray().size(), 1);
        // The customer reads the status's name and who answered, not their ids.
        QVERIFY(!shown.json[u"status"_s][u"name"_s].toString().isEmpty());
        const QJsonArray messages = shown.json[u"conversations"_s][0][u"messages"_s].toArray();
        QVERIFY(!messages.isEmpty());
        QCOMPARE(messages.last()[u"author"_s][u"name"_s].toString(), m_agent.name);
        QVERIFY(!text.contains(m_agent.email.toUtf8()));

        const auto listed = customer->get(u"/api/v1/portal/tickets?limit=500"_s);
        QCOMPARE(listed.status, 200);
        bool found = false;
        for (const QJsonValue &t : listed.json[u"tickets"_s].toArray()) {
            const auto ticket = stored(EntityKind::Ticket, t[u"id"_s].toString());
            QCOMPARE(ticket->value(u"requester_id"_s).toString(), m_customer.id.toString());
            found = found || t[u"id"_s].toString() == f.ticket.id.toString();
        }
        QVERIFY(found);

        // An internal note cannot be slipped in by a customer either.
        Message sneaky;
        sneaky.id = MessageId::create();
        sneaky.conversationId = f.internalThread.id;
        sneaky.ticketId = f.ticket.id;
        sneaky.authorId = m_customer.id;
        sneaky.body = u"let me in"_s;
        QCOMPARE(customer
                     ->post(u"/api/v1/mutations"_s,
                         batch({ Mutation::creating(EntityKind::Message, sneaky) }))
                     .status,
            401); // customers' tokens do not open the agent endpoints
        QCOMPARE(customer->get(u"/api/v1/changes?since=0"_s).status, 401);
        // … and agents do not use the portal.
        QCOMPARE(agent->get(u"/api/v1/portal/tickets"_s).status, 403);
        // Someone else's ticket is not found.
        QCOMPARE(
            customer->get(u"/api/v1/portal/tickets/%1"_s.arg(TicketId::create().toString())).status,
            404);
        QCOMPARE(customer
                     ->post(u"/api/v1/portal/tickets/%1/messages"_s.arg(f.ticket.id.toString()),
                         QJsonObject { { u"body"_s, 42 } })
                     .status,
            400);
        QCOMPARE(customer
                     ->post(u"/api/v1/portal/tickets/%1/messages"_s.arg(f.ticket.id.toString()),
                         QJsonObject { { u"body"_s, u"hi"_s }, { u"extra"_s, 1 } })
                     .status,
            400);
    }
};

QTEST_GUILESS_MAIN(TestConversationRules)
#include "tst_conversationrules.moc"
