// SPDX-License-Identifier: GPL-3.0-or-later
// /api/v1/stream: cursor pushes only to agents who may see the change, and
// presence relayed to the agents who may see the ticket.
#include "backends.h"
#include "demo/demodata.h"
#include "demoserver.h"
#include "embeddedserver.h"
#include "protocol/codecs.h"
#include "serverclient.h"
#include "serverstore.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {
const QString Password = u"correct horse battery"_s;

// A signed-in agent with an open stream, collecting what it receives.
struct Listener
{
    Test::ServerClient http;
    QWebSocket socket;
    QList<QJsonObject> received;

    Listener(const QString &base, const QString &email)
        : http(base)
    {
        http.login(email, Password);
        QObject::connect(
            &socket, &QWebSocket::textMessageReceived, &socket, [this](const QString &m) {
                received.append(QJsonDocument::fromJson(m.toUtf8()).object());
            });
    }

    bool open(const QString &base)
    {
        QUrl url(base + u"/api/v1/stream?token="_s + QString::fromLatin1(http.token));
        url.setScheme(u"ws"_s);
        socket.open(url);
        QSignalSpy connected(&socket, &QWebSocket::connected);
        return connected.wait(10'000)
            && QTest::qWaitFor([&] { return !received.isEmpty(); }, 10'000);
    }

    // The next message, waiting for it.
    QJsonObject next()
    {
        QTest::qWaitFor([&] { return !received.isEmpty(); }, 10'000);
        return received.isEmpty() ? QJsonObject {} : received.takeFirst();
    }
};
} // namespace

class TestStream : public QObject
{
    Q_OBJECT

    std::map<QString, std::unique_ptr<Test::DemoServer>> m_demos; // per backend
    Server::EmbeddedServer *m_server = nullptr;
    Person m_lead;
    QList<Person> m_agents;

    Person agentIn(DepartmentId department, bool member) const
    {
        for (const Person &p : m_agents) {
            if (p.role == Role::Agent && p.departmentIds.contains(department) == member
                && p.departmentIds.size() == 1)
                return p;
        }
        return {};
    }

    qint64 createTicket(Test::ServerClient &as, DepartmentId department)
    {
        Ticket t;
        t.id = TicketId::create();
        t.title = u"Stream test"_s;
        t.departmentId = department;
        const auto r = as.post(u"/api/v1/mutations"_s,
            { { u"mutations"_s,
                QJsonArray { Protocol::toJson(Mutation::creating(EntityKind::Ticket, t)) } } });
        m_lastTicket = t.id.toString();
        return r.json[u"cursor"_s].toInteger();
    }
    QString m_lastTicket; // the ticket createTicket() made last

private Q_SLOTS:
    void initTestCase_data() { Test::addBackendRows(); }

    // One demo server per backend, made when the first test of that backend runs.
    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (!m_demos.contains(backend)) {
            TESSERA_DATABASE_URL(url);
            auto demo = std::make_unique<Test::DemoServer>();
            QVERIFY(demo->start(30, Password, url));
            m_demos.emplace(backend, std::move(demo));
        }
        const Test::DemoServer &demo = *m_demos.at(backend);
        m_server = demo.server.get();
        m_agents = demo.agents;
        m_lead = demo.first(Role::Lead);
    }

    void refusesABadToken()
    {
        QWebSocket socket;
        QUrl url(m_server->baseUrl() + u"/api/v1/stream?token=forged"_s);
        url.setScheme(u"ws"_s);
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy failed(&socket, &QWebSocket::errorOccurred);
        socket.open(url);
        QVERIFY(failed.wait(10'000));
        QCOMPARE(connected.size(), 0);
    }

    void cursorGoesToThoseWhoMaySee()
    {
        const DepartmentId department = m_agents.at(4).departmentIds.first();
        const Person inside = agentIn(department, true);
        const Person outside = agentIn(department, false);
        QVERIFY(!inside.name.isEmpty() && !outside.name.isEmpty());
        Listener in(m_server->baseUrl(), inside.email);
        Listener out(m_server->baseUrl(), outside.email);
        QVERIFY(in.open(m_server->baseUrl()));
        QVERIFY(out.open(m_server->baseUrl()));
        in.received.clear();
        out.received.clear();

        // A change in the department reaches the insider only…
        const qint64 first = createTicket(in.http, department);
        QCOMPARE(in.next().value(u"cursor"_s).toInteger(), first);
        // …so the outsider's next message is about a change they may see.
        const qint64 second = createTicket(out.http, outside.departmentIds.first());
        QCOMPARE(out.next().value(u"cursor"_s).toInteger(), second);
        QVERIFY(second > first);
    }

    void presenceIsRelayedWithinScope()
    {
        const DepartmentId department = m_agents.at(4).departmentIds.first();
        const Person inside = agentIn(department, true);
        const Person outside = agentIn(department, false);
        Listener agent(m_server->baseUrl(), inside.email);
        Listener lead(m_server->baseUrl(), m_lead.email);
        Listener stranger(m_server->baseUrl(), outside.email);
        QVERIFY(agent.open(m_server->baseUrl()));
        QVERIFY(lead.open(m_server->baseUrl()));
        QVERIFY(stranger.open(m_server->baseUrl()));
        createTicket(agent.http, department);
        // Not the feed's last change: rules write activity after the ticket.
        const QString ticket = m_lastTicket;
        agent.received.clear();
        lead.received.clear();
        stranger.received.clear();

        agent.socket.sendTextMessage(QString::fromLatin1(
            "{\"type\":\"presence\",\"ticket_id\":\"%1\",\"state\":\"replying\"}")
                                         .arg(ticket));
        QJsonObject seen = lead.next();
        if (seen.contains(u"cursor"_s))
            seen = lead.next();
        QCOMPARE(seen[u"type"_s].toString(), u"presence"_s);
        QCOMPARE(seen[u"ticket_id"_s].toString(), ticket);
        QCOMPARE(seen[u"state"_s].toString(), u"replying"_s);
        QCOMPARE(seen[u"person_id"_s].toString(), inside.id.toString());
        QCOMPARE(seen[u"name"_s].toString(), inside.name);

        // The stranger cannot see the ticket: their next message is their own change.
        const qint64 own = createTicket(stranger.http, outside.departmentIds.first());
        QCOMPARE(stranger.next().value(u"cursor"_s).toInteger(), own);

        // Leaving is relayed when the socket closes.
        lead.received.clear();
        agent.socket.close();
        QJsonObject left = lead.next();
        QCOMPARE(left[u"state"_s].toString(), u"left"_s);
        QCOMPARE(left[u"ticket_id"_s].toString(), ticket);
    }

    void malformedPresenceGetsAnError()
    {
        Listener agent(m_server->baseUrl(), m_agents.at(5).email);
        QVERIFY(agent.open(m_server->baseUrl()));
        agent.received.clear();
        agent.socket.sendTextMessage(u"{not json"_s);
        QCOMPARE(agent.next()[u"type"_s].toString(), u"error"_s);
        QCOMPARE(agent.http.get(u"/api/v1/health"_s).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestStream)
#include "tst_stream.moc"
