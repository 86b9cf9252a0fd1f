// SPDX-License-Identifier: GPL-3.0-or-later
// Logged time on the server (PRODUCT.md E1–E2), over HTTP: a ticket's
// totals and billable split follow its time entries in the same change,
// clients cannot write them, agents log and correct only their own time
// while leads correct anyone's, and an agent has one running timer.
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
} // namespace

class TestTimeRules : public QObject
{
    Q_OBJECT

    std::map<QString, std::unique_ptr<Test::DemoServer>> m_servers;
    Server::EmbeddedServer *m_server = nullptr;
    Person m_agent, m_colleague, m_lead, m_admin;

    Server::Session adminSession() const { return { m_admin.id, Role::Admin, {}, {} }; }

    std::optional<QJsonObject> stored(EntityKind kind, EntityId id) const
    {
        return m_server->store()->entity(adminSession(), kind, id);
    }

    std::unique_ptr<ServerClient> signIn(const Person &person) const
    {
        auto c = std::make_unique<ServerClient>(m_server->baseUrl());
        if (!c->login(person.email, Password))
            qWarning() << "login failed for" << person.email;
        return c;
    }

    QJsonArray push(ServerClient &c, const QList<Mutation> &mutations) const
    {
        QJsonArray items;
        for (const Mutation &m : mutations)
            items.append(Protocol::toJson(m));
        const auto r = c.post(u"/api/v1/mutations"_s, { { u"mutations"_s, items } });
        if (r.status != 200 && r.status != 422) // 422: every mutation refused
            qWarning() << r.status << r.json;
        return r.json.value(u"results"_s).toArray();
    }

    static QString statusOf(const QJsonArray &results, int i = 0)
    {
        return results.at(i)[u"status"_s].toString();
    }

    Ticket freshTicket(ServerClient &agent) const
    {
        Ticket t;
        t.id = TicketId::create();
        t.title = u"Invoices print without a logo"_s;
        t.departmentId = m_agent.departmentIds.value(0);
        t.timeSpentMinutes = 500; // a client's claim the server ignores
        t.billableMinutes = 400;
        const QJsonArray results
            = push(agent, { Mutation::creating(EntityKind::Ticket, t, m_agent.id) });
        if (statusOf(results) != u"applied"_s)
            qWarning() << results;
        return Protocol::fromJson<Ticket>(*stored(EntityKind::Ticket, t.id.as<EntityId>())).value();
    }

    static TimeEntry entry(const Ticket &t, const Person &who, int minutes, bool billable)
    {
        return { TimeEntryId::create(), t.id, who.id, QDate(2026, 11, 23), minutes, billable,
            u"Reproduced the report"_s, 0 };
    }

    static std::pair<qint64, qint64> spent(qint64 minutes, qint64 billable)
    {
        return { minutes, billable };
    }

    std::pair<qint64, qint64> totals(const Ticket &t) const
    {
        const auto json = stored(EntityKind::Ticket, t.id.as<EntityId>());
        return { json->value(u"time_spent_minutes"_s).toInteger(),
            json->value(u"billable_minutes"_s).toInteger() };
    }

    static Mutation changing(const TimeEntry &e, const QJsonObject &changes, PersonId author)
    {
        return Mutation::updating(
            EntityKind::TimeEntry, e.id.as<EntityId>(), Protocol::toJson(e), changes, author);
    }

private Q_SLOTS:
    void initTestCase_data() { Test::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (!m_servers.contains(backend)) {
            TESSERA_DATABASE_URL(url);
            auto demo = std::make_unique<Test::DemoServer>();
            QVERIFY(demo->start(20, Password, url));
            m_servers.emplace(backend, std::move(demo));
        }
        Test::DemoServer &demo = *m_servers.at(backend);
        m_server = demo.server.get();
        m_agent = demo.first(Role::Agent);
        m_lead = demo.first(Role::Lead);
        m_admin = demo.first(Role::Admin);
        m_colleague = {};
        for (const Person &p : std::as_const(demo.agents)) {
            if (p.role == Role::Agent && p.id != m_agent.id
                && p.departmentIds.contains(m_agent.departmentIds.value(0)))
                m_colleague = p;
        }
        QVERIFY(m_agent.id.isValid());
        QVERIFY(m_lead.id.isValid());
        QVERIFY2(m_colleague.id.isValid(), "no second agent in the first agent's department");
    }

    void totalsFollowEntries()
    {
        auto agent = signIn(m_agent);
        const Ticket t = freshTicket(*agent);
        QCOMPARE(t.timeSpentMinutes, 0);
        QCOMPARE(t.billableMinutes, 0);
        const qint64 versionBefore = t.version;

        TimeEntry a = entry(t, m_agent, 60, true);
        const TimeEntry b = entry(t, m_agent, 30, false);
        const TimeEntry c = entry(t, m_agent, 15, true);
        const qint64 cursor = m_server->store()->currentCursor();
        const QJsonArray created = push(*agent,
            { Mutation::creating(EntityKind::TimeEntry, a, m_agent.id),
                Mutation::creating(EntityKind::TimeEntry, b, m_agent.id),
                Mutation::creating(EntityKind::TimeEntry, c, m_agent.id) });
        for (int i = 0; i < 3; ++i)
            QCOMPARE(statusOf(created, i), u"applied"_s);
        QCOMPARE(totals(t), spent(105, 75));

        // The ticket's new snapshot is in the feed, with a new version.
        const auto page = m_server->store()->changes(adminSession(), cursor, 1000);
        QVERIFY(page.isOk());
        std::optional<QJsonObject> fed;
        for (const Server::FeedEntry &e : page.value().entries) {
            if (e.kind == EntityKind::Ticket && e.id == t.id.toString())
                fed = QJsonDocument::fromJson(e.snapshot).object();
        }
        QVERIFY(fed);
        QCOMPARE(fed->value(u"time_spent_minutes"_s).toInteger(), 105);
        QCOMPARE(fed->value(u"billable_minutes"_s).toInteger(), 75);
        QVERIFY(fed->value(u"version"_s).toInteger() > versionBefore);

        // Longer and non-billable: both totals move.
        QCOMPARE(
            statusOf(push(*agent,
                { changing(a, { { u"minutes"_s, 90 }, { u"billable"_s, false } }, m_agent.id) })),
            u"applied"_s);
        a.minutes = 90;
        a.billable = false;
        QCOMPARE(totals(t), spent(135, 15));

        QCOMPARE(statusOf(push(*agent,
                     { Mutation::deleting(EntityKind::TimeEntry, c.id.as<EntityId>(),
                         Protocol::toJson(c), m_agent.id) })),
            u"applied"_s);
        QCOMPARE(totals(t), spent(120, 0));

        // Moved to another ticket: both tickets are recounted.
        const Ticket other = freshTicket(*agent);
        QCOMPARE(statusOf(push(*agent,
                     { changing(a, { { u"ticket_id"_s, other.id.toString() } }, m_agent.id) })),
            u"applied"_s);
        QCOMPARE(totals(t), spent(30, 0));
        QCOMPARE(totals(other), spent(90, 0));
    }

    void clientsCannotWriteTotals()
    {
        auto agent = signIn(m_agent);
        const Ticket t = freshTicket(*agent);
        const QJsonArray results = push(*agent,
            { Mutation::updating(EntityKind::Ticket, t.id.as<EntityId>(), Protocol::toJson(t),
                { { u"time_spent_minutes"_s, 999 } }, m_agent.id) });
        QCOMPARE(statusOf(results), u"rejected"_s);
        QCOMPARE(results[0][u"error"_s][u"field"_s].toString(), u"time_spent_minutes"_s);
        QCOMPARE(totals(t), spent(0, 0));

        // An ordinary edit keeps the totals the entries made.
        QCOMPARE(statusOf(push(*agent,
                     { Mutation::creating(
                         EntityKind::TimeEntry, entry(t, m_agent, 20, true), m_agent.id) })),
            u"applied"_s);
        QCOMPARE(
            statusOf(push(*agent,
                { Mutation::updating(EntityKind::Ticket, t.id.as<EntityId>(), Protocol::toJson(t),
                    { { u"title"_s, u"Logo missing on invoices"_s } }, m_agent.id) })),
            u"applied"_s);
        QCOMPARE(totals(t), spent(20, 20));
    }

    void agentsEditOnlyTheirOwnTime()
    {
        auto agent = signIn(m_agent);
        auto colleague = signIn(m_colleague);
        auto lead = signIn(m_lead);
        const Ticket t = freshTicket(*agent);
        TimeEntry mine = entry(t, m_agent, 45, true);
        QCOMPARE(
            statusOf(push(*agent, { Mutation::creating(EntityKind::TimeEntry, mine, m_agent.id) })),
            u"applied"_s);

        // A colleague who sees the ticket may neither change, take over nor delete it…
        QJsonArray refused
            = push(*colleague, { changing(mine, { { u"minutes"_s, 5 } }, m_colleague.id) });
        QCOMPARE(statusOf(refused), u"rejected"_s);
        QCOMPARE(refused[0][u"error"_s][u"code"_s].toString(), u"forbidden"_s);
        refused = push(*colleague,
            { changing(mine, { { u"person_id"_s, m_colleague.id.toString() } }, m_colleague.id) });
        QCOMPARE(statusOf(refused), u"rejected"_s);
        refused = push(*colleague,
            { Mutation::deleting(EntityKind::TimeEntry, mine.id.as<EntityId>(),
                Protocol::toJson(mine), m_colleague.id) });
        QCOMPARE(statusOf(refused), u"rejected"_s);
        // …nor log time in the agent's name.
        refused = push(*colleague,
            { Mutation::creating(
                EntityKind::TimeEntry, entry(t, m_agent, 10, true), m_colleague.id) });
        QCOMPARE(statusOf(refused), u"rejected"_s);
        const auto kept = stored(EntityKind::TimeEntry, mine.id.as<EntityId>());
        QVERIFY(kept);
        QCOMPARE(kept->value(u"minutes"_s).toInt(), 45);
        QCOMPARE(kept->value(u"person_id"_s).toString(), m_agent.id.toString());
        QCOMPARE(totals(t), spent(45, 45));

        // A lead corrects it.
        QCOMPARE(statusOf(push(*lead, { changing(mine, { { u"minutes"_s, 30 } }, m_lead.id) })),
            u"applied"_s);
        QCOMPARE(
            stored(EntityKind::TimeEntry, mine.id.as<EntityId>())->value(u"minutes"_s).toInt(), 30);
        QCOMPARE(totals(t), spent(30, 30));
        mine.minutes = 30;
        QCOMPARE(statusOf(push(*lead,
                     { Mutation::deleting(EntityKind::TimeEntry, mine.id.as<EntityId>(),
                         Protocol::toJson(mine), m_lead.id) })),
            u"applied"_s);
        QCOMPARE(totals(t), spent(0, 0));
    }

    void oneRunningTimerPerAgent()
    {
        auto agent = signIn(m_agent);
        const Ticket first = freshTicket(*agent);
        const Ticket second = freshTicket(*agent);
        const RunningTimer a { RunningTimerId::create(), m_agent.id, first.id,
            QDateTime(QDate(2026, 11, 23), QTime(9, 0), QTimeZone::UTC), 0 };
        const RunningTimer b { RunningTimerId::create(), m_agent.id, second.id,
            QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC), 0 };
        QCOMPARE(
            statusOf(push(*agent, { Mutation::creating(EntityKind::RunningTimer, a, m_agent.id) })),
            u"applied"_s);
        const qint64 cursor = m_server->store()->currentCursor();
        QCOMPARE(
            statusOf(push(*agent, { Mutation::creating(EntityKind::RunningTimer, b, m_agent.id) })),
            u"applied"_s);
        QVERIFY(!stored(EntityKind::RunningTimer, a.id.as<EntityId>()));
        QVERIFY(stored(EntityKind::RunningTimer, b.id.as<EntityId>()));
        // The agent's other devices learn that the first one stopped.
        const auto page = m_server->store()->changes(adminSession(), cursor, 1000);
        bool firstGone = false;
        for (const Server::FeedEntry &e : page.value().entries)
            firstGone = firstGone || (e.id == a.id.toString() && e.snapshot.isEmpty());
        QVERIFY(firstGone);

        // Nobody else starts a timer in the agent's name.
        auto colleague = signIn(m_colleague);
        const RunningTimer c { RunningTimerId::create(), m_agent.id, first.id,
            QDateTime(QDate(2026, 11, 23), QTime(11, 0), QTimeZone::UTC), 0 };
        QCOMPARE(statusOf(push(*colleague,
                     { Mutation::creating(EntityKind::RunningTimer, c, m_colleague.id) })),
            u"rejected"_s);
        QVERIFY(stored(EntityKind::RunningTimer, b.id.as<EntityId>()));
    }
};

QTEST_GUILESS_MAIN(TestTimeRules)
#include "tst_timerules.moc"
