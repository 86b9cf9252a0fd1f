// SPDX-License-Identifier: GPL-3.0-or-later
// Portal settings (PRODUCT.md F7) over HTTP: whose tickets a customer sees
// (their own or their organization's), whether they may open tickets and
// attach files, and that only admins change these settings.
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

class TestPortalSettings : public QObject
{
    Q_OBJECT

    std::map<QString, std::unique_ptr<Test::DemoServer>> m_servers;
    Server::EmbeddedServer *m_server = nullptr;
    Person m_agent, m_admin;
    Person m_customer, m_colleague, m_stranger;

    Server::Session adminSession() const { return { m_admin.id, Role::Admin, {}, {} }; }

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

    // Writes the settings as `author` would; answers the mutation's result.
    QJsonObject writeSettings(
        ServerClient &c, const Person &author, const WorkspaceSettings &wanted)
    {
        const EntityId id = WorkspaceSettings::wellKnownId().as<EntityId>();
        const auto current
            = m_server->store()->entity(adminSession(), EntityKind::WorkspaceSettings, id);
        QJsonObject changes = Protocol::toJson(wanted);
        changes.remove(u"version"_s);
        changes.remove(u"id"_s);
        const Mutation m = current
            ? Mutation::updating(EntityKind::WorkspaceSettings, id, *current, changes, author.id)
            : Mutation::creating(EntityKind::WorkspaceSettings, wanted, author.id);
        const auto r = c.post(u"/api/v1/mutations"_s, batch({ m }));
        return r.json.value(u"results"_s).toArray().first().toObject();
    }

    void configure(PortalScope scope, bool canCreate, bool attachments)
    {
        auto admin = signIn(m_admin.email, Password);
        WorkspaceSettings settings;
        settings.portalScope = scope;
        settings.portalCanCreate = canCreate;
        settings.portalAttachments = attachments;
        const QJsonObject result = writeSettings(*admin, m_admin, settings);
        QCOMPARE(result.value(u"status"_s).toString(), u"applied"_s);
        const WorkspaceSettings now = m_server->store()->workspaceSettings();
        QCOMPARE(now.portalScope, scope);
        QCOMPARE(now.portalCanCreate, canCreate);
        QCOMPARE(now.portalAttachments, attachments);
    }

    // A ticket requested by `requester`, with a public and an internal thread.
    TicketId ticketFor(const Person &requester, const QString &internalNote = {})
    {
        auto admin = signIn(m_admin.email, Password);
        Ticket t;
        t.id = TicketId::create();
        t.title = u"Invoice export for %1"_s.arg(requester.name);
        t.requesterId = requester.id;
        t.departmentId = m_agent.departmentIds.value(0);
        const Conversation open { ConversationId::create(), t.id, ThreadVisibility::Public, {}, {},
            0 };
        const Conversation hidden { ConversationId::create(), t.id, ThreadVisibility::Internal,
            u"Internal"_s, {}, 0 };
        Message note;
        note.id = MessageId::create();
        note.conversationId = hidden.id;
        note.ticketId = t.id;
        note.authorId = m_admin.id;
        note.body = internalNote.isEmpty() ? u"agents only"_s : internalNote;
        const auto r = admin->post(u"/api/v1/mutations"_s,
            batch({ Mutation::creating(EntityKind::Ticket, t, m_admin.id),
                Mutation::creating(EntityKind::Conversation, open, m_admin.id),
                Mutation::creating(EntityKind::Conversation, hidden, m_admin.id),
                Mutation::creating(EntityKind::Message, note, m_admin.id) }));
        for (const QJsonValue &v : r.json.value(u"results"_s).toArray()) {
            if (v[u"status"_s].toString() != u"applied"_s)
                qWarning() << v;
        }
        return t.id;
    }

    static QStringList listedIds(ServerClient &c)
    {
        QStringList ids;
        const auto r = c.get(u"/api/v1/portal/tickets?limit=500"_s);
        for (const QJsonValue &t : r.json.value(u"tickets"_s).toArray())
            ids.append(t[u"id"_s].toString());
        return ids;
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
        QList<Person> customers;
        const auto page = m_server->store()->changes(adminSession(), 0, 100000);
        QVERIFY(page.isOk());
        for (const Server::FeedEntry &e : page.value().entries) {
            const QJsonObject json = QJsonDocument::fromJson(e.snapshot).object();
            if (e.kind == EntityKind::Person && json.value(u"kind"_s).toString() == u"customer"_s)
                customers.append(Protocol::fromJson<Person>(json).value());
        }
        m_customer = m_colleague = m_stranger = {};
        for (const Person &a : std::as_const(customers)) {
            for (const Person &b : std::as_const(customers)) {
                if (a.id != b.id && a.organizationId.isValid()
                    && a.organizationId == b.organizationId && m_customer.name.isEmpty()) {
                    m_customer = a;
                    m_colleague = b;
                }
            }
        }
        for (const Person &c : std::as_const(customers)) {
            if (c.organizationId.isValid() && c.organizationId != m_customer.organizationId)
                m_stranger = c;
        }
        QVERIFY(!m_customer.email.isEmpty());
        QVERIFY(!m_stranger.email.isEmpty());
        QVERIFY(
            m_server->store()->setCredentials(m_customer.id, m_customer.email, CustomerPassword));
    }

    void cleanup() { configure(PortalScope::Own, true, true); }

    void defaultsWithoutAStoredRecord()
    {
        const WorkspaceSettings defaults;
        QCOMPARE(defaults.portalScope, PortalScope::Own);
        QVERIFY(defaults.portalCanCreate);
        QVERIFY(defaults.portalAttachments);
        QCOMPARE(defaults.id, WorkspaceSettings::wellKnownId());
        QVERIFY(defaults.id.isValid());
    }

    void organizationScopeShowsColleaguesTickets()
    {
        const TicketId mine = ticketFor(m_customer);
        const TicketId colleagues = ticketFor(m_colleague, u"colleague internal note"_s);
        const TicketId strangers = ticketFor(m_stranger);
        auto customer = signIn(m_customer.email, CustomerPassword);

        configure(PortalScope::Own, true, true);
        QStringList ids = listedIds(*customer);
        QVERIFY(ids.contains(mine.toString()));
        QVERIFY(!ids.contains(colleagues.toString()));
        QVERIFY(!ids.contains(strangers.toString()));
        QCOMPARE(customer->get(u"/api/v1/portal/tickets/"_s + colleagues.toString()).status, 404);

        configure(PortalScope::Organization, true, true);
        ids = listedIds(*customer);
        QVERIFY(ids.contains(mine.toString()));
        QVERIFY(ids.contains(colleagues.toString()));
        QVERIFY(!ids.contains(strangers.toString()));
        const auto detail = customer->get(u"/api/v1/portal/tickets/"_s + colleagues.toString());
        QCOMPARE(detail.status, 200);
        // The colleague's internal thread stays with the agents.
        QVERIFY(!detail.body.contains("colleague internal note"));
        QVERIFY(!detail.body.contains("Internal"));
        QCOMPARE(customer->get(u"/api/v1/portal/tickets/"_s + strangers.toString()).status, 404);
        const auto reply
            = customer->post(u"/api/v1/portal/tickets/%1/messages"_s.arg(colleagues.toString()),
                { { u"body"_s, u"Same problem here."_s } });
        QCOMPARE(reply.status, 201);
        QCOMPARE(customer
                     ->post(u"/api/v1/portal/tickets/%1/messages"_s.arg(strangers.toString()),
                         { { u"body"_s, u"Not mine."_s } })
                     .status,
            404);
    }

    void customersOpenTicketsWhenAllowed()
    {
        auto customer = signIn(m_customer.email, CustomerPassword);
        configure(PortalScope::Own, true, true);
        const auto created = customer->post(u"/api/v1/portal/tickets"_s,
            { { u"title"_s, u"Printer on fire"_s }, { u"body"_s, u"Smoke since noon."_s } });
        QCOMPARE(created.status, 201);
        const QString id = created.json.value(u"id"_s).toString();
        const auto stored = m_server->store()->entity(
            adminSession(), EntityKind::Ticket, EntityId::fromString(id));
        QVERIFY(stored);
        QCOMPARE(stored->value(u"requester_id"_s).toString(), m_customer.id.toString());
        QCOMPARE(stored->value(u"channel"_s).toString(), u"portal"_s);
        QVERIFY(!stored->value(u"status_id"_s).toString().isEmpty());
        const auto detail = customer->get(u"/api/v1/portal/tickets/"_s + id);
        QCOMPARE(detail.status, 200);
        const QJsonArray threads = detail.json.value(u"conversations"_s).toArray();
        QCOMPARE(threads.size(), 1);
        QCOMPARE(threads.first()[u"messages"_s][0][u"body"_s].toString(), u"Smoke since noon."_s);

        configure(PortalScope::Own, false, true);
        const auto refused = customer->post(u"/api/v1/portal/tickets"_s,
            { { u"title"_s, u"Another"_s }, { u"body"_s, u"text"_s } });
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.json[u"error"_s][u"message"_s].toString().contains(u"open tickets"_s));
    }

    void malformedTicketsAreRefused()
    {
        auto customer = signIn(m_customer.email, CustomerPassword);
        QCOMPARE(customer->send("POST", u"/api/v1/portal/tickets"_s, "{not json").status, 400);
        QCOMPARE(customer
                     ->post(u"/api/v1/portal/tickets"_s,
                         { { u"title"_s, u"x"_s }, { u"body"_s, u"y"_s }, { u"extra"_s, 1 } })
                     .status,
            400);
        QCOMPARE(
            customer->post(
                        u"/api/v1/portal/tickets"_s, { { u"title"_s, 5 }, { u"body"_s, u"y"_s } })
                .status,
            400);
        QCOMPARE(customer->post(u"/api/v1/portal/tickets"_s, { { u"title"_s, u"only a title"_s } })
                     .status,
            400);
        QCOMPARE(customer
                     ->post(u"/api/v1/portal/tickets"_s,
                         { { u"title"_s, u" "_s }, { u"body"_s, u"y"_s } })
                     .status,
            400);
    }

    void attachmentsFollowTheSetting()
    {
        const TicketId mine = ticketFor(m_customer);
        const TicketId strangers = ticketFor(m_stranger);
        auto customer = signIn(m_customer.email, CustomerPassword);
        configure(PortalScope::Own, true, true);
        const QString path = u"/api/v1/portal/tickets/%1/attachments?file_name=log.txt"_s;
        const auto stored
            = customer->send("POST", path.arg(mine.toString()), "line 1\n", "text/plain");
        QCOMPARE(stored.status, 201);
        QCOMPARE(stored.json.value(u"file_name"_s).toString(), u"log.txt"_s);
        QCOMPARE(stored.json.value(u"size"_s).toInteger(), 7);
        QCOMPARE(
            customer->send("POST", path.arg(strangers.toString()), "x", "text/plain").status, 404);

        configure(PortalScope::Own, true, false);
        const auto refused
            = customer->send("POST", path.arg(mine.toString()), "line 2\n", "text/plain");
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.json[u"error"_s][u"message"_s].toString().contains(u"attach"_s));
    }

    void onlyAdminsChangeTheSettings()
    {
        auto agent = signIn(m_agent.email, Password);
        WorkspaceSettings settings;
        settings.portalScope = PortalScope::Organization;
        const QJsonObject result = writeSettings(*agent, m_agent, settings);
        QCOMPARE(result.value(u"status"_s).toString(), u"rejected"_s);
        QCOMPARE(result[u"error"_s][u"code"_s].toString(), u"forbidden"_s);
        QCOMPARE(m_server->store()->workspaceSettings().portalScope, PortalScope::Own);
        // Agents receive the settings through the feed like other configuration.
        const auto page = m_server->store()->changes(
            Server::Session { m_agent.id, Role::Agent, m_agent.departmentIds, {} }, 0, 100000);
        QVERIFY(page.isOk());
        bool seen = false;
        for (const Server::FeedEntry &e : page.value().entries)
            seen = seen || e.kind == EntityKind::WorkspaceSettings;
        QVERIFY(seen);
    }

    void badSettingsAreRefused()
    {
        auto admin = signIn(m_admin.email, Password);
        QJsonObject json = Protocol::toJson(WorkspaceSettings {});
        json.insert(u"portal_scope"_s, u"everyone"_s);
        QJsonObject m { { u"id"_s, MutationId::create().toString() },
            { u"entity"_s, u"workspace_settings"_s }, { u"op"_s, u"create"_s },
            { u"target_id"_s, WorkspaceSettings::wellKnownId().toString() },
            { u"fields"_s, json } };
        const auto r
            = admin->post(u"/api/v1/mutations"_s, { { u"mutations"_s, QJsonArray { m } } });
        const QJsonObject result = r.json.value(u"results"_s).toArray().first().toObject();
        QVERIFY2(r.status == 400 || result.value(u"status"_s).toString() != u"applied"_s,
            QJsonDocument(r.json).toJson().constData());
    }
};

QTEST_GUILESS_MAIN(TestPortalSettings)
#include "tst_portalsettings.moc"
