// SPDX-License-Identifier: GPL-3.0-or-later
// The server end to end over HTTP on 127.0.0.1: logins, mutations (merge,
// conflicts, replays), the change feed with evictions, scoped listings,
// access control and hostile input.
#include "backends.h"
#include "demo/demodata.h"
#include "demoserver.h"
#include "embeddedserver.h"
#include "protocol/codecs.h"
#include "protocol/cursorheaders.h"
#include "serverapicases.h"
#include "serverclient.h"
#include "serverstore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Test::ServerClient;

namespace {
const QString Password = u"correct horse battery"_s;
}

class TestServerApi : public QObject
{
    Q_OBJECT

    // Per backend: a demo server, its people and two tickets, as seen by m_agent.
    struct Fixture
    {
        std::unique_ptr<Test::DemoServer> demo;
        Server::EmbeddedServer *server = nullptr;
        QList<Person> agents;
        Person admin, lead, agent;
        QJsonObject inScope, outOfScope;
    };
    std::map<QString, Fixture> m_fixtures;
    // The current backend's fixture, for the tests.
    Server::EmbeddedServer *m_server = nullptr;
    QList<Person> m_agents;
    Person m_admin, m_lead, m_agent;
    QJsonObject m_inScope, m_outOfScope;

    std::unique_ptr<ServerClient> client(const Person &who)
    {
        auto c = std::make_unique<ServerClient>(m_server->baseUrl());
        if (!c->login(who.email, Password))
            qWarning() << "login failed for" << who.email;
        return c;
    }

    static QJsonObject batch(const QList<Mutation> &mutations)
    {
        QJsonArray items;
        for (const Mutation &m : mutations)
            items.append(Protocol::toJson(m));
        return { { u"mutations"_s, items } };
    }

    static QJsonObject result(const ServerClient::Reply &reply, int i = 0)
    {
        return reply.json.value(u"results"_s).toArray().at(i).toObject();
    }

    QJsonObject ticketById(const QString &id)
    {
        return m_server->store()
            ->entity(
                { m_admin.id, Role::Admin, {}, {} }, EntityKind::Ticket, EntityId::fromString(id))
            .value_or(QJsonObject {});
    }

    Mutation update(const QJsonObject &ticket, QJsonObject changes)
    {
        return Mutation::updating(EntityKind::Ticket,
            EntityId::fromString(ticket.value(u"id"_s).toString()), ticket, changes);
    }

    QList<QString> listedIds(ServerClient &c)
    {
        QList<QString> ids;
        for (qint64 offset = 0;; offset += 500) {
            const auto r = c.get(u"/api/v1/tickets?limit=500&offset=%1"_s.arg(offset));
            const QJsonArray tickets = r.json.value(u"tickets"_s).toArray();
            for (const QJsonValue &t : tickets)
                ids.append(t[u"id"_s].toString());
            if (tickets.size() < 500)
                return ids;
        }
    }

    bool setUp(Fixture &f, const QString &databaseUrl)
    {
        f.demo = std::make_unique<Test::DemoServer>();
        if (!f.demo->start(120, Password, databaseUrl))
            return false;
        f.server = m_server = f.demo->server.get();
        f.agents = f.demo->agents;
        f.admin = m_admin = f.demo->first(Role::Admin);
        f.lead = f.demo->first(Role::Lead);
        f.agent = f.demo->first(Role::Agent);
        if (f.admin.name.isEmpty() || f.lead.name.isEmpty() || f.agent.name.isEmpty())
            return false;
        auto lead = client(f.lead);
        for (const QString &id : listedIds(*lead)) {
            const QJsonObject t = ticketById(id);
            const bool mine = t[u"assignee_id"_s].toString() == f.agent.id.toString()
                || f.agent.departmentIds.contains(
                    DepartmentId::fromString(t[u"department_id"_s].toString()));
            if (mine && f.inScope.isEmpty())
                f.inScope = t;
            if (!mine && f.outOfScope.isEmpty())
                f.outOfScope = t;
        }
        return !f.inScope.isEmpty() && !f.outOfScope.isEmpty();
    }

private Q_SLOTS:
    void initTestCase_data() { Test::addBackendRows(); }

    // One demo server per backend, made when the first test of that backend runs.
    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (!m_fixtures.contains(backend)) {
            TESSERA_DATABASE_URL(url);
            Fixture made;
            QVERIFY(setUp(made, url));
            m_fixtures.emplace(backend, std::move(made));
        }
        const Fixture &f = m_fixtures.at(backend);
        m_server = f.server;
        m_agents = f.agents;
        m_admin = f.admin;
        m_lead = f.lead;
        m_agent = f.agent;
        m_inScope = f.inScope;
        m_outOfScope = f.outOfScope;
    }

    void loginAndTokens()
    {
        ServerClient c(m_server->baseUrl());
        QCOMPARE(c.post(u"/api/v1/auth/login"_s,
                      { { u"email"_s, m_agent.email }, { u"password"_s, u"wrong"_s } })
                     .status,
            401);
        QVERIFY(c.login(m_agent.email.toUpper(), Password)); // e-mail is case-insensitive
        QCOMPARE(c.token.size(), 43); // 256 bits, base64url
        QCOMPARE(c.get(u"/api/v1/changes?since=0&limit=1"_s).status, 200);
        QCOMPARE(c.send("POST", u"/api/v1/auth/logout"_s, {}).status, 204);
        QCOMPARE(c.get(u"/api/v1/changes?since=0&limit=1"_s).status, 401); // the token is gone
    }

    void failedLoginsAreRateLimited()
    {
        const Person &victim = m_agents.last();
        ServerClient c(m_server->baseUrl());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(c.post(u"/api/v1/auth/login"_s,
                          { { u"email"_s, victim.email }, { u"password"_s, u"guess%1"_s.arg(i) } })
                         .status,
                401);
        const auto limited = c.post(
            u"/api/v1/auth/login"_s, { { u"email"_s, victim.email }, { u"password"_s, Password } });
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.json[u"error"_s][u"code"_s].toString(), u"rate_limited"_s);
    }

    void pagesRepeatTheirCursorInHeaders()
    {
        auto agent = client(m_agent);
        for (const QString &path :
            { u"/api/v1/changes?since=0&limit=1"_s, u"/api/v1/changes?since=0&limit=5000"_s }) {
            const auto page = agent->get(path);
            QCOMPARE(page.status, 200);
            const auto header = [&](QLatin1StringView name) {
                return QString::fromLatin1(page.headers.value(name));
            };
            using namespace Protocol::CursorHeaders;
            QCOMPARE(header(Next), QString::number(page.json[u"next"_s].toInteger()));
            QCOMPARE(header(Head), QString::number(page.json[u"head"_s].toInteger()));
            QCOMPARE(header(More), page.json[u"more"_s].toBool() ? u"true"_s : u"false"_s);
        }
        // One change per page: more follows, and the next page starts after it.
        const auto first = agent->get(u"/api/v1/changes?since=0&limit=1"_s);
        QCOMPARE(first.headers.value(Protocol::CursorHeaders::More), "true");
        QVERIFY(first.headers.value(Protocol::CursorHeaders::Next).toLongLong() > 0);
    }

    void createUpdateReplayAndFeed()
    {
        auto agent = client(m_agent);
        const qint64 cursor
            = agent->get(u"/api/v1/changes?since=0&limit=1"_s).json[u"next"_s].toInteger();
        const qint64 start = m_server->store()->currentCursor();
        Q_UNUSED(cursor);

        Ticket t;
        t.id = TicketId::create();
        t.title = Test::hostileTitle();
        t.departmentId = m_agent.departmentIds.first();
        const Mutation create = Mutation::creating(EntityKind::Ticket, t, m_agent.id);
        const auto created = agent->post(u"/api/v1/mutations"_s, batch({ create }));
        QCOMPARE(created.status, 200);
        const QJsonObject snapshot = result(created)[u"snapshot"_s].toObject();
        QCOMPARE(result(created)[u"status"_s].toString(), u"applied"_s);
        QCOMPARE(snapshot[u"title"_s].toString(), t.title); // stored verbatim
        QVERIFY(snapshot[u"number"_s].toInteger() > 1000);
        QCOMPARE(snapshot[u"version"_s].toInteger(), 1);
        QVERIFY(!snapshot[u"status_id"_s].isNull()); // the type's default status
        QVERIFY(!snapshot[u"type_id"_s].isNull());
        QCOMPARE(snapshot[u"requester_id"_s].toString(), m_agent.id.toString());

        // A replay answers the stored result and changes nothing.
        const auto replay = agent->post(u"/api/v1/mutations"_s, batch({ create }));
        QCOMPARE(result(replay), result(created));
        QCOMPARE(ticketById(t.id.toString())[u"version"_s].toInteger(), 1);

        // The feed carries it, in order, once; after it, the activity of the
        // shipped round-robin rule that assigned it.
        const auto feed = agent->get(u"/api/v1/changes?since=%1"_s.arg(start));
        const QJsonArray changes = feed.json[u"changes"_s].toArray();
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(0)[u"entity"_s].toString(), u"ticket"_s);
        QCOMPARE(changes.at(0)[u"snapshot"_s][u"id"_s].toString(), t.id.toString());
        QCOMPARE(changes.at(1)[u"entity"_s].toString(), u"activity"_s);
        QCOMPARE(changes.at(1)[u"snapshot"_s][u"field"_s].toString(), u"assignee_id"_s);
        QVERIFY(!changes.at(1)[u"snapshot"_s][u"automation_id"_s].isNull());
        QCOMPARE(feed.json[u"next"_s].toInteger(), changes.at(1)[u"seq"_s].toInteger());

        // Listed through a view compiled by core/query.
        const QString view = QString::fromUtf8(
            QUrl::toPercentEncoding(QString::fromUtf8(Test::titleContainsView(u"Brien's"_s))));
        const auto listed = agent->get(u"/api/v1/tickets?view="_s + view);
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.json[u"total"_s].toInteger(), 1);

        // An update bumps the version and writes activity.
        const auto updated = agent->post(u"/api/v1/mutations"_s,
            batch({ update(snapshot, { { u"priority"_s, u"urgent"_s } }) }));
        QCOMPARE(result(updated)[u"version"_s].toInteger(), 2);
        const QJsonArray after
            = agent->get(u"/api/v1/changes?since=%1"_s.arg(feed.json[u"next"_s].toInteger()))
                  .json[u"changes"_s]
                  .toArray();
        QStringList kinds;
        for (const QJsonValue &c : after)
            kinds.append(c[u"entity"_s].toString());
        QVERIFY2(kinds.contains(u"activity"_s), qPrintable(kinds.join(u',')));
        QVERIFY(kinds.contains(u"ticket"_s));
    }

    void perFieldMergeAndConflict()
    {
        auto agent = client(m_agent);
        auto admin = client(m_admin);
        const QJsonObject seen = ticketById(m_inScope[u"id"_s].toString());
        const QString otherPriority
            = seen[u"priority"_s].toString() == u"urgent"_s ? u"low"_s : u"urgent"_s;
        // A colleague changes the priority…
        QCOMPARE(result(admin->post(u"/api/v1/mutations"_s,
                     batch({ update(seen, { { u"priority"_s, otherPriority } }) })))[u"status"_s]
                     .toString(),
            u"applied"_s);
        // …while the agent, from the same base, changes title and priority.
        const auto reply = agent->post(u"/api/v1/mutations"_s,
            batch({ update(
                seen, { { u"title"_s, u"Agent title"_s }, { u"priority"_s, u"normal"_s } }) }));
        const QJsonObject r = result(reply);
        QCOMPARE(r[u"status"_s].toString(), u"conflict"_s);
        const QJsonArray conflicts = r[u"conflicts"_s].toArray();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.at(0)[u"field"_s].toString(), u"priority"_s);
        QCOMPARE(conflicts.at(0)[u"mine"_s].toString(), u"normal"_s);
        QCOMPARE(conflicts.at(0)[u"theirs"_s].toString(), otherPriority);
        QCOMPARE(conflicts.at(0)[u"base"_s], seen[u"priority"_s]);
        const QJsonObject now = ticketById(seen[u"id"_s].toString());
        QCOMPARE(now[u"title"_s].toString(), u"Agent title"_s); // merged
        QCOMPARE(now[u"priority"_s].toString(), otherPriority); // server kept its value
    }

    void accessControl_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("expected");
        const QStringList roles { u"agent"_s, u"lead"_s, u"admin"_s };
        const QStringList actions { u"see in-scope"_s, u"see out-of-scope"_s, u"edit in-scope"_s,
            u"edit out-of-scope"_s, u"delete ticket"_s, u"create department"_s, u"create agent"_s,
            u"create customer"_s, u"share a view"_s, u"keep a personal view"_s,
            u"hide a default view"_s, u"create automation"_s, u"create SLA policy"_s,
            u"share a canned response"_s, u"keep a personal canned response"_s };
        const QHash<QString, QStringList> expected {
            { u"agent"_s,
                { u"yes"_s, u"no"_s, u"applied"_s, u"forbidden"_s, u"forbidden"_s, u"forbidden"_s,
                    u"forbidden"_s, u"applied"_s, u"forbidden"_s, u"applied"_s, u"forbidden"_s,
                    u"forbidden"_s, u"forbidden"_s, u"forbidden"_s, u"applied"_s } },
            { u"lead"_s,
                { u"yes"_s, u"yes"_s, u"applied"_s, u"applied"_s, u"applied"_s, u"forbidden"_s,
                    u"forbidden"_s, u"applied"_s, u"applied"_s, u"applied"_s, u"applied"_s,
                    u"forbidden"_s, u"forbidden"_s, u"applied"_s, u"applied"_s } },
            { u"admin"_s,
                { u"yes"_s, u"yes"_s, u"applied"_s, u"applied"_s, u"applied"_s, u"applied"_s,
                    u"applied"_s, u"applied"_s, u"applied"_s, u"applied"_s, u"applied"_s,
                    u"applied"_s, u"applied"_s, u"applied"_s, u"applied"_s } },
        };
        for (const QString &role : roles) {
            for (qsizetype i = 0; i < actions.size(); ++i)
                QTest::addRow("%s: %s", qPrintable(role), qPrintable(actions.at(i)))
                    << role << actions.at(i) << expected.value(role).at(i);
        }
    }

    void accessControl()
    {
        QFETCH(QString, who);
        QFETCH(QString, action);
        QFETCH(QString, expected);
        const Person &person = who == u"agent"_s ? m_agent : who == u"lead"_s ? m_lead : m_admin;
        auto c = client(person);
        if (action.startsWith(u"see"_s)) {
            const QJsonObject &ticket = action == u"see in-scope"_s ? m_inScope : m_outOfScope;
            const bool listed = listedIds(*c).contains(ticket[u"id"_s].toString());
            QCOMPARE(listed ? u"yes"_s : u"no"_s, expected);
            return;
        }
        Mutation m;
        if (action.startsWith(u"edit"_s)) {
            const QJsonObject ticket = ticketById(
                (action == u"edit in-scope"_s ? m_inScope : m_outOfScope)[u"id"_s].toString());
            const int percent
                = (ticket[u"percent_complete"_s].toInt() + 10) % 100; // always a change
            m = update(ticket, { { u"percent_complete"_s, percent } });
        } else if (action == u"delete ticket"_s) {
            Ticket t;
            t.id = TicketId::create();
            t.title = u"To delete"_s;
            t.assigneeId = person.id;
            auto admin = client(m_admin);
            admin->post(
                u"/api/v1/mutations"_s, batch({ Mutation::creating(EntityKind::Ticket, t) }));
            m = Mutation::deleting(
                EntityKind::Ticket, t.id.as<EntityId>(), ticketById(t.id.toString()));
        } else if (action == u"create department"_s) {
            m = Mutation::creating(
                EntityKind::Department, Department { DepartmentId::create(), u"Dept "_s + who, 0 });
        } else if (action == u"create agent"_s || action == u"create customer"_s) {
            Person p;
            p.id = PersonId::create();
            p.name = u"New "_s + action;
            p.kind = action == u"create agent"_s ? PersonKind::Agent : PersonKind::Customer;
            m = Mutation::creating(EntityKind::Person, p);
        } else if (action == u"create automation"_s) {
            Automation a;
            a.id = AutomationId::create();
            a.name = u"Rule by "_s + who;
            a.trigger = AutomationTrigger::StatusChanged;
            a.actions = { QJsonObject {
                { u"type"_s, u"set_priority"_s }, { u"priority"_s, u"high"_s } } };
            a.enabled = false;
            m = Mutation::creating(EntityKind::Automation, a);
        } else if (action == u"create SLA policy"_s) {
            SlaPolicy p;
            p.id = SlaPolicyId::create();
            p.name = u"Policy by "_s + who;
            p.enabled = false;
            m = Mutation::creating(EntityKind::SlaPolicy, p);
        } else if (action.endsWith(u"canned response"_s)) {
            m = Mutation::creating(EntityKind::CannedResponse,
                CannedResponse { CannedResponseId::create(), person.id, u"Reply"_s, u"Hello"_s,
                    action == u"share a canned response"_s, 0 });
        } else {
            SavedView v { SavedViewId::create(), person.id, u"View"_s, action == u"share a view"_s,
                false, 0, {}, 0 };
            if (action == u"hide a default view"_s) {
                // Hidden for everyone, and kept personal so only the new rule refuses it.
                v.defaultKey = u"overdue"_s;
                v.hidden = true;
            }
            m = Mutation::creating(EntityKind::SavedView, v);
        }
        const auto reply = c->post(u"/api/v1/mutations"_s, batch({ m }));
        const QJsonObject r = result(reply);
        const QString outcome = r[u"status"_s].toString() == u"rejected"_s
            ? r[u"error"_s][u"code"_s].toString()
            : r[u"status"_s].toString();
        QCOMPARE(outcome, expected);
        QCOMPARE(reply.status, expected == u"forbidden"_s ? 403 : 200);
    }

    void ticketLeavingScopeIsEvicted()
    {
        auto agent = client(m_agent);
        auto admin = client(m_admin);
        const QJsonObject ticket = ticketById(m_inScope[u"id"_s].toString());
        const qint64 cursor = m_server->store()->currentCursor();
        QString elsewhere;
        for (const Person &p : std::as_const(m_agents)) {
            for (const DepartmentId &d : p.departmentIds) {
                if (!m_agent.departmentIds.contains(d))
                    elsewhere = d.toString();
            }
        }
        QJsonObject changes { { u"department_id"_s, elsewhere } };
        if (ticket[u"assignee_id"_s].toString() == m_agent.id.toString())
            changes.insert(u"assignee_id"_s, QJsonValue());
        QCOMPARE(result(admin->post(
                     u"/api/v1/mutations"_s, batch({ update(ticket, changes) })))[u"status"_s]
                     .toString(),
            u"applied"_s);
        const QJsonArray feed
            = agent->get(u"/api/v1/changes?since=%1"_s.arg(cursor)).json[u"changes"_s].toArray();
        bool evicted = false;
        for (const QJsonValue &c : feed) {
            if (c[u"id"_s].toString() == ticket[u"id"_s].toString()) {
                evicted = c[u"evicted"_s].toBool();
                QVERIFY(!c.toObject().contains(u"snapshot"_s));
            }
        }
        QVERIFY(evicted);
        // The lead still gets the snapshot.
        auto lead = client(m_lead);
        const QJsonArray leadFeed
            = lead->get(u"/api/v1/changes?since=%1"_s.arg(cursor)).json[u"changes"_s].toArray();
        QVERIFY(std::any_of(leadFeed.begin(), leadFeed.end(), [&](const QJsonValue &c) {
            return c[u"id"_s].toString() == ticket[u"id"_s].toString()
                && c.toObject().contains(u"snapshot"_s);
        }));
    }

    void adminInvitesAnAgent()
    {
        QFETCH_GLOBAL(QString, backend);
        const QString email = u"invited.%1@example.com"_s.arg(backend);
        const QJsonObject invitation { { u"name"_s, u"Ines Invited"_s }, { u"email"_s, email },
            { u"role"_s, u"lead"_s },
            { u"department_ids"_s, QJsonArray { m_agent.departmentIds.value(0).toString() } } };
        // Only admins invite.
        QCOMPARE(client(m_lead)->post(u"/api/v1/agents/invite"_s, invitation).status, 403);
        QCOMPARE(client(m_agent)->post(u"/api/v1/agents/invite"_s, invitation).status, 403);
        auto admin = client(m_admin);
        // Bad input names what is wrong.
        QCOMPARE(admin->send("POST", u"/api/v1/agents/invite"_s, "{not json").status, 400);
        QJsonObject unknown = invitation;
        unknown.insert(u"password"_s, u"chosen"_s);
        QCOMPARE(admin->post(u"/api/v1/agents/invite"_s, unknown).status, 400);
        QJsonObject wrongType = invitation;
        wrongType.insert(u"department_ids"_s, u"all"_s);
        QCOMPARE(admin->post(u"/api/v1/agents/invite"_s, wrongType).status, 400);
        QJsonObject badRole = invitation;
        badRole.insert(u"role"_s, u"owner"_s);
        QCOMPARE(admin->post(u"/api/v1/agents/invite"_s, badRole).status, 400);

        const qint64 before = m_server->store()->currentCursor();
        const auto invited = admin->post(u"/api/v1/agents/invite"_s, invitation);
        QCOMPARE(invited.status, 201);
        const QJsonObject person = invited.json[u"person"_s].toObject();
        QCOMPARE(person[u"name"_s].toString(), u"Ines Invited"_s);
        QCOMPARE(person[u"email"_s].toString(), email);
        QCOMPARE(person[u"kind"_s].toString(), u"agent"_s);
        QCOMPARE(person[u"role"_s].toString(), u"lead"_s);
        const QString password = invited.json[u"temporary_password"_s].toString();
        QVERIFY(password.size() >= 16);
        for (QChar lookAlike : u"0O1lIo"_s)
            QVERIFY2(!password.contains(lookAlike), qPrintable(password));

        // The new agent reaches everyone through the change feed…
        const auto feed = admin->get(u"/api/v1/changes?since=%1"_s.arg(before));
        QCOMPARE(feed.status, 200);
        bool inFeed = false;
        for (const QJsonValue &change : feed.json[u"changes"_s].toArray())
            inFeed = inFeed || change[u"id"_s].toString() == person[u"id"_s].toString();
        QVERIFY(inFeed);
        // …and signs in with the temporary password (the address in any case).
        ServerClient newcomer(m_server->baseUrl());
        QVERIFY(newcomer.login(email.toUpper(), password));
        QCOMPARE(newcomer.get(u"/api/v1/changes?since=0&limit=1"_s).status, 200);

        // The address is taken now, also by someone who already had it.
        QCOMPARE(admin->post(u"/api/v1/agents/invite"_s, invitation).status, 409);
        QJsonObject existing = invitation;
        existing.insert(u"email"_s, m_agent.email.toUpper());
        QCOMPARE(admin->post(u"/api/v1/agents/invite"_s, existing).status, 409);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("signedIn");
        QTest::addColumn<int>("status");
        for (const Test::BadInput &c : Test::badInputCases())
            QTest::newRow(c.name) << c.verb << c.path << c.body << c.signedIn << c.status;
    }

    void badInput()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(bool, signedIn);
        QFETCH(int, status);
        std::unique_ptr<ServerClient> c
            = signedIn ? client(m_agent) : std::make_unique<ServerClient>(m_server->baseUrl());
        const auto reply = c->send(verb, path, body);
        QCOMPARE(reply.status, status);
        const QJsonObject error = reply.json[u"error"_s].toObject();
        QVERIFY2(
            !error[u"code"_s].toString().isEmpty() && !error[u"message"_s].toString().isEmpty(),
            reply.body.left(300).constData());
        // Still up, and nothing stored is damaged.
        QCOMPARE(c->get(u"/api/v1/health"_s).status, 200);
        QCOMPARE(m_server->store()->integrityCheck(), u"ok"_s);
    }

    void openApiDescribesEveryEndpoint()
    {
        ServerClient c(m_server->baseUrl());
        const auto reply = c.get(u"/api/v1/openapi.json"_s);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json[u"openapi"_s].toString().startsWith(u"3."_s));
        const QJsonObject paths = reply.json[u"paths"_s].toObject();
        for (const QString &path :
            { u"/api/v1/health"_s, u"/api/v1/auth/login"_s, u"/api/v1/auth/logout"_s,
                u"/api/v1/mutations"_s, u"/api/v1/changes"_s, u"/api/v1/tickets"_s,
                u"/api/v1/stream"_s, u"/api/v1/openapi.json"_s, u"/api/v1/portal/tickets"_s,
                u"/api/v1/portal/tickets/{id}/messages"_s, u"/api/v1/agents/invite"_s })
            QVERIFY2(paths.contains(path), qPrintable(path));
        // Every documented route answers (not 404) on the method it documents.
        auto agent = client(m_agent);
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            if (it.key() == u"/api/v1/stream"_s || it.key() == u"/api/v1/auth/logout"_s
                || it.key().contains(u'{'))
                continue;
            const QString method = it.value().toObject().keys().first().toUpper();
            QVERIFY2(
                agent->send(method.toLatin1(), it.key(), "{}").status != 404, qPrintable(it.key()));
        }
    }

    void attachmentsUpAndDown()
    {
        auto agent = client(m_agent);
        Ticket mine;
        mine.id = TicketId::create();
        mine.title = u"Sync keeps failing"_s;
        mine.departmentId = m_agent.departmentIds.first();
        QCOMPARE(agent
                     ->post(u"/api/v1/mutations"_s,
                         batch({ Mutation::creating(EntityKind::Ticket, mine) }))
                     .status,
            200);
        const QByteArray content = QByteArray("2026-11-20 09:14:03 ERROR timeout\n").repeated(1000)
            + QByteArray(1, '\0');
        const QString path
            = u"/api/v1/attachments?ticket_id=%1&file_name=%2"_s.arg(mine.id.toString(),
                QString::fromLatin1(QUrl::toPercentEncoding(u"../../sync log.txt"_s)));
        const auto uploaded = agent->send("POST", path, content, "text/plain");
        QCOMPARE(uploaded.status, 201);
        QCOMPARE(
            uploaded.json[u"file_name"_s].toString(), u"sync log.txt"_s); // a name, never a path
        QCOMPARE(uploaded.json[u"size"_s].toInteger(), content.size());
        QCOMPARE(uploaded.json[u"content_hash"_s].toString(),
            QString::fromLatin1(
                QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));
        const QString id = uploaded.json[u"id"_s].toString();
        const auto downloaded = agent->get(u"/api/v1/attachments/%1/content"_s.arg(id));
        QCOMPARE(downloaded.status, 200);
        QCOMPARE(downloaded.body, content);

        // Out of scope: neither upload nor download.
        const auto outsideUpload = agent->send("POST",
            u"/api/v1/attachments?ticket_id=%1&file_name=x.txt"_s.arg(
                m_outOfScope[u"id"_s].toString()),
            "x");
        QCOMPARE(outsideUpload.status, 404);
        auto admin = client(m_admin);
        const auto adminUpload = admin->send("POST",
            u"/api/v1/attachments?ticket_id=%1&file_name=secret.txt"_s.arg(
                m_outOfScope[u"id"_s].toString()),
            "secret");
        QCOMPARE(adminUpload.status, 201);
        QCOMPARE(
            agent->get(
                     u"/api/v1/attachments/%1/content"_s.arg(adminUpload.json[u"id"_s].toString()))
                .status,
            404);
        // Too large.
        QCOMPARE(agent->send("POST", path, QByteArray(26 * 1024 * 1024, 'x')).status, 413);

        // Attached by mistake: an attachment can be deleted, a message cannot.
        const Attachment attached = Protocol::fromJson<Attachment>(uploaded.json).value();
        const auto removed = agent->post(u"/api/v1/mutations"_s,
            batch({ Mutation::deleting(
                EntityKind::Attachment, attached.id.as<EntityId>(), uploaded.json) }));
        QCOMPARE(result(removed)[u"status"_s].toString(), u"applied"_s);
        QCOMPARE(agent->get(u"/api/v1/attachments/%1/content"_s.arg(id)).status, 404);
        Message message;
        message.id = MessageId::create();
        const auto messageDelete = agent->post(u"/api/v1/mutations"_s,
            batch({ Mutation::deleting(EntityKind::Message, message.id.as<EntityId>(), {}) }));
        QCOMPARE(result(messageDelete)[u"status"_s].toString(), u"rejected"_s);
    }

    void searchFindsTicketsInScope()
    {
        auto agent = client(m_agent);
        auto admin = client(m_admin);
        Ticket mine;
        mine.id = TicketId::create();
        mine.title = u"Kaleidoscope renders upside down"_s;
        mine.description = u"Started after the quasar update"_s;
        mine.departmentId = m_agent.departmentIds.first();
        Ticket hidden;
        hidden.id = TicketId::create();
        hidden.title = u"Kaleidoscope licence renewal"_s;
        hidden.departmentId = DepartmentId::fromString(m_outOfScope[u"department_id"_s].toString());
        QCOMPARE(admin
                     ->post(u"/api/v1/mutations"_s,
                         batch({ Mutation::creating(EntityKind::Ticket, mine),
                             Mutation::creating(EntityKind::Ticket, hidden) }))
                     .status,
            200);
        const auto found = [&](ServerClient &c, const QString &q) {
            const auto r = c.get(
                u"/api/v1/tickets?q=%1"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(q))));
            QStringList ids;
            for (const QJsonValue &t : r.json[u"tickets"_s].toArray())
                ids.append(t[u"id"_s].toString());
            return r.status == 200 ? ids : QStringList { u"status %1"_s.arg(r.status) };
        };
        const QString mineId = mine.id.toString();
        const QString hiddenId = hidden.id.toString();
        QCOMPARE(found(*agent, u"kaleido"_s), QStringList { mineId }); // a prefix; scoped
        QCOMPARE(found(*agent, u"QUASAR"_s), QStringList { mineId }); // the description
        QCOMPARE(found(*agent, u"kaleidoscope quasar"_s), QStringList { mineId });
        QCOMPARE(found(*agent, u"kaleidoscope nebula"_s), QStringList {});
        // Form encoding, as curl --data-urlencode sends it: '+' is a space, %2B a plus.
        const auto formEncoded = agent->get(u"/api/v1/tickets?q=kaleidoscope+quasar&view="_s
            + u"%7B%22filter%22%3A%7B%22field%22%3A%22title%22%2C%22op%22%3A%22contains%22%2C"
              u"%22value%22%3A%22renders+upside%22%7D%7D"_s);
        QCOMPARE(formEncoded.json[u"total"_s].toInteger(), 1);
        QCOMPARE(found(*admin, u"kaleidoscope"_s).size(), 2);
        QVERIFY(found(*admin, u"licence kaleidoscope"_s).contains(hiddenId));
        // Query syntax and SQL in the text are only words.
        QCOMPARE(found(*agent, u"'; DROP TABLE tickets;-- \"kaleido*"_s), QStringList {});
        QCOMPARE(found(*agent, u"kaleidoscope OR NOT x:* & !"_s), QStringList {});
        QCOMPARE(agent->get(u"/api/v1/health"_s).status, 200);
        QCOMPARE(m_server->store()->integrityCheck(), u"ok"_s);
    }

    void oldCursorIsGoneAfterCompaction()
    {
        auto admin = client(m_admin);
        const qint64 before = m_server->store()->currentCursor();
        QVERIFY(before > 0);
        Ticket t;
        t.id = TicketId::create();
        t.title = u"Short-lived"_s;
        admin->post(u"/api/v1/mutations"_s, batch({ Mutation::creating(EntityKind::Ticket, t) }));
        admin->post(u"/api/v1/mutations"_s,
            batch({ Mutation::deleting(
                EntityKind::Ticket, t.id.as<EntityId>(), ticketById(t.id.toString())) }));
        const qint64 cursor = m_server->store()->currentCursor();
        QVERIFY(m_server->store()
                    ->compactChangeLog(QDateTime::currentDateTimeUtc().addSecs(60))
                    .isOk());
        const auto old = admin->get(u"/api/v1/changes?since=%1"_s.arg(before));
        QCOMPARE(old.status, 410);
        QCOMPARE(old.json[u"error"_s][u"code"_s].toString(), u"gone"_s);
        QCOMPARE(admin->get(u"/api/v1/changes?since=%1"_s.arg(cursor)).status, 200);
        // A full resync starts from 0, which is never gone; the deleted
        // ticket's tombstone is no longer needed there.
        const auto full = admin->get(u"/api/v1/changes?since=0&limit=5000"_s);
        QCOMPARE(full.status, 200);
        for (const QJsonValue &c : full.json[u"changes"_s].toArray())
            QVERIFY(c[u"id"_s].toString() != t.id.toString());
    }
};

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_serverapi.moc"
