// SPDX-License-Identifier: GPL-3.0-or-later
// The "Start work" timer offline: started and stopped without a network, it
// reaches the server as the right time entry once the network is back, and
// the ticket's totals come back into the cache.
#include "demoserver.h"
#include "syncagent.h"
#include "time/worktimer.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Test::SyncAgent;

namespace {
const QString Password = u"sync test password"_s;
}

class TestTimeSync : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::DemoServer> m_demo;
    Person m_agent, m_admin;

    Server::Session adminSession() const { return { m_admin.id, Role::Admin, {}, {} }; }

    QList<QJsonObject> onServer(EntityKind kind, const QString &key, const QString &value)
    {
        QList<QJsonObject> found;
        auto page = m_demo->server->store()->changes(adminSession(), 0, 5000);
        for (;;) {
            for (const QJsonValue &c : page->changes()) {
                if (c[u"entity"_s].toString() == toWireName(kind)
                    && c[u"snapshot"_s][key].toString() == value)
                    found.append(c[u"snapshot"_s].toObject());
            }
            if (!page->more)
                return found;
            page = m_demo->server->store()->changes(adminSession(), page->next, 5000);
        }
    }

    TicketId ticketOf(const SyncAgent &a)
    {
        const QString department = m_agent.departmentIds.first().toString();
        for (const QJsonObject &t : a.store->allJson(EntityKind::Ticket)) {
            if (t[u"department_id"_s].toString() == department)
                return TicketId::fromString(t[u"id"_s].toString());
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        m_demo = std::make_unique<Test::DemoServer>();
        QVERIFY(m_demo->start(30, Password));
        m_agent = m_demo->first(Role::Agent);
        m_admin = m_demo->first(Role::Admin);
    }

    void offlineTimerSyncsAsItsEntry()
    {
        SyncAgent agent;
        QVERIFY(agent.signIn(m_demo->server->baseUrl(), m_agent.email, Password));
        const TicketId ticket = ticketOf(agent);
        QVERIFY(ticket.isValid());
        const auto before = agent.store->get<Ticket>(ticket);
        const int spentBefore = before->timeSpentMinutes;

        agent.offline = true;
        QDateTime now(QDate(2026, 11, 24), QTime(8, 30), QTimeZone::UTC);
        WorkTimer timer(agent.store.get(), m_agent.id, [&] { return now; });
        QVERIFY(timer.start(ticket));
        now = now.addSecs(50 * 60);
        TimeEntryDraft entry = *timer.draft();
        QCOMPARE(entry.minutes, 50);
        entry.note = u"Written on the train"_s;
        entry.billable = true;
        const auto logged = timer.stop(entry);
        QVERIFY(logged);
        QTRY_COMPARE_WITH_TIMEOUT(agent.engine->state(), Sync::SyncEngine::State::Offline, 5000);
        QVERIFY(!agent.store->pendingMutations().isEmpty());
        QVERIFY(onServer(EntityKind::TimeEntry, u"id"_s, logged->id.toString()).isEmpty());

        agent.offline = false;
        agent.engine->syncNow();
        QVERIFY(agent.settle());
        QCOMPARE(agent.store->pendingMutations().size(), 0);
        QCOMPARE(agent.store->conflicts().size(), 0);

        const auto entries = onServer(EntityKind::TimeEntry, u"id"_s, logged->id.toString());
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first()[u"minutes"_s].toInt(), 50);
        QCOMPARE(entries.first()[u"person_id"_s].toString(), m_agent.id.toString());
        QCOMPARE(entries.first()[u"note"_s].toString(), u"Written on the train"_s);
        QCOMPARE(entries.first()[u"date"_s].toString(), u"2026-11-24"_s);
        // No timer is left running on the server.
        QVERIFY(
            onServer(EntityKind::RunningTimer, u"person_id"_s, m_agent.id.toString()).isEmpty());
        // The server's totals reach the cache.
        QTRY_COMPARE_WITH_TIMEOUT(
            agent.store->get<Ticket>(ticket)->timeSpentMinutes, spentBefore + 50, 5000);
    }

    void aTimerStartedOfflineRunsOnTheServerAfterwards()
    {
        SyncAgent agent;
        QVERIFY(agent.signIn(m_demo->server->baseUrl(), m_agent.email, Password));
        const TicketId ticket = ticketOf(agent);
        agent.offline = true;
        const QDateTime start(QDate(2026, 11, 24), QTime(13, 0), QTimeZone::UTC);
        WorkTimer timer(agent.store.get(), m_agent.id, [&] { return start; });
        const auto started = timer.start(ticket);
        QVERIFY(started);
        QTRY_COMPARE_WITH_TIMEOUT(agent.engine->state(), Sync::SyncEngine::State::Offline, 5000);

        agent.offline = false;
        agent.engine->syncNow();
        QVERIFY(agent.settle());
        const auto timers
            = onServer(EntityKind::RunningTimer, u"person_id"_s, m_agent.id.toString());
        QCOMPARE(timers.size(), 1);
        QCOMPARE(timers.first()[u"ticket_id"_s].toString(), ticket.toString());
        QCOMPARE(
            QDateTime::fromString(timers.first()[u"started_at"_s].toString(), Qt::ISODateWithMs),
            start);
    }
};

QTEST_GUILESS_MAIN(TestTimeSync)
#include "tst_timesync.moc"
