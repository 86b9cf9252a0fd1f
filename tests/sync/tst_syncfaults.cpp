// SPDX-License-Identifier: GPL-3.0-or-later
// Faults between the desktop and the server, and inside the desktop: after
// each, once healed, the cache equals the server's view of the agent, every
// acknowledged edit arrived once, and the outbox is empty.
//  - a loopback proxy drops requests, drops answers after the server
//    committed, hangs, cuts, delays, or cuts the network;
//  - sweeps in the ownCloud style fail the Nth database statement, or the
//    Nth HTTP request, for N = 0, 1, 2… until a run sees no fault.
#include "demoserver.h"
#include "faultproxy.h"
#include "statehash.h"
#include "syncagent.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Test::FaultProxy;
using Test::SyncAgent;

namespace {
const QString Password = u"fault test password"_s;
}

class TestSyncFaults : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::DemoServer> m_demo;
    std::unique_ptr<FaultProxy> m_proxy;
    Person m_agent;
    QByteArray m_token;
    QJsonObject m_user;
    int m_script = 0;

    Server::ServerStore &server() { return *m_demo->server->store(); }
    Server::Session agentSession() const
    {
        // Read from the server: a test may change the agent's departments.
        return { m_agent.id, Role::Agent, m_agent.departmentIds, {} };
    }

    // The edits of one script, with markers that must arrive exactly once.
    struct Script
    {
        QString ticketTitle;
        QString replyBody;
        QString editedTicket;
        QString priority;
    };

    // A ticket, an update and a reply, as the agent would make them. A
    // failed local commit is reported to the agent, who tries again.
    // `arm` runs once the agent has read what it edits.
    Script edit(SyncAgent &a, const std::function<void()> &arm = {})
    {
        const int n = ++m_script;
        Script s { u"Fault script %1 ticket"_s.arg(n), u"Fault script %1 reply"_s.arg(n), {},
            n % 2 ? u"high"_s : u"low"_s };
        const QString department = m_agent.departmentIds.first().toString();
        QString conversation;
        for (const QJsonObject &t : a.store->allJson(EntityKind::Ticket)) {
            if (t[u"department_id"_s].toString() == department) {
                s.editedTicket = t[u"id"_s].toString();
                break;
            }
        }
        for (const QJsonObject &c : a.store->allJson(EntityKind::Conversation)) {
            if (c[u"ticket_id"_s].toString() == s.editedTicket)
                conversation = c[u"id"_s].toString();
        }
        Ticket t;
        t.id = TicketId::create();
        t.title = s.ticketTitle;
        t.departmentId = m_agent.departmentIds.first();
        Message m;
        m.id = MessageId::create();
        m.ticketId = TicketId::fromString(s.editedTicket);
        m.conversationId = ConversationId::fromString(conversation);
        m.authorId = m_agent.id;
        m.body = s.replyBody;
        const auto current
            = a.store->entityJson(EntityKind::Ticket, EntityId::fromString(s.editedTicket));
        if (arm)
            arm();
        const auto attempt = [&](const std::function<Result<void>()> &apply) {
            QString why;
            for (int tries = 0; tries < 3; ++tries) {
                const auto done = apply();
                if (done)
                    return;
                why = done.error().message;
            }
            qWarning() << "a local edit failed three times:" << why;
        };
        attempt([&] { return a.store->apply(Mutation::creating(EntityKind::Ticket, t)); });
        attempt([&] {
            return a.store->apply(
                Mutation::updating(EntityKind::Ticket, EntityId::fromString(s.editedTicket),
                    current.value_or(QJsonObject {}), { { u"priority"_s, s.priority } }));
        });
        attempt([&] { return a.store->apply(Mutation::creating(EntityKind::Message, m)); });
        return s;
    }

    int countOnServer(const QString &kind, const QString &key, const QString &value)
    {
        int n = 0;
        const Server::Session admin { PersonId(), Role::Admin, {}, {} };
        for (const auto &[k, json] : Test::serverState(server(), admin)) {
            if (k.startsWith(kind + u'|')
                && QJsonDocument::fromJson(json).object().value(key).toString() == value)
                ++n;
        }
        return n;
    }

    // Everything arrived once, and the cache equals the server's view.
    void verify(SyncAgent &a, const Script &s)
    {
        QVERIFY(a.settle());
        QCOMPARE(a.store->pendingMutations().size(), 0);
        QCOMPARE(countOnServer(u"ticket"_s, u"title"_s, s.ticketTitle), 1);
        QCOMPARE(countOnServer(u"message"_s, u"body"_s, s.replyBody), 1);
        QCOMPARE(
            server()
                .entity(agentSession(), EntityKind::Ticket, EntityId::fromString(s.editedTicket))
                ->value(u"priority"_s)
                .toString(),
            s.priority);
        const auto client = Test::clientState(*a.store);
        const auto mirror = Test::serverState(server(), agentSession());
        QVERIFY2(Test::stateHash(client) == Test::stateHash(mirror),
            qPrintable(Test::stateDifferences(client, mirror).mid(0, 5).join(u"; ")));
        QCOMPARE(server().integrityCheck(), u"ok"_s);
    }

    std::unique_ptr<SyncAgent> agent()
    {
        auto a = std::make_unique<SyncAgent>();
        if (!a->signIn(m_proxy->baseUrl(), m_token, m_user))
            return {};
        return a;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_demo = std::make_unique<Test::DemoServer>();
        QVERIFY(m_demo->start(40, Password));
        m_agent = m_demo->first(Role::Agent);
        m_proxy = std::make_unique<FaultProxy>(u"127.0.0.1"_s, m_demo->server->port());
        QVERIFY(m_proxy->start());
        SyncAgent first;
        QVERIFY(first.signIn(m_proxy->baseUrl(), m_agent.email, Password));
        m_token = first.api->token();
        m_user = first.user;
    }

    void networkFaults_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("count");
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<int>("delayMs");
        QTest::addColumn<QString>("path");
        const int drop = int(FaultProxy::Fault::DropRequest);
        const int lost = int(FaultProxy::Fault::DropResponse);
        const int hang = int(FaultProxy::Fault::Hang);
        const int cut = int(FaultProxy::Fault::CutAfterBytes);
        const int delay = int(FaultProxy::Fault::Delay);
        const QString push = u"/api/v1/mutations"_s;
        const QString pull = u"/api/v1/changes"_s;
        // Qt resends a request once when a connection closes before any
        // answer, so two drops make one failure the engine sees.
        QTest::newRow("push dropped") << drop << 2 << qint64(0) << 0 << push;
        QTest::newRow("push answer lost after commit") << lost << 2 << qint64(0) << 0 << push;
        QTest::newRow("push hangs") << hang << 1 << qint64(0) << 0 << push;
        QTest::newRow("push answer cut") << cut << 1 << qint64(120) << 0 << push;
        QTest::newRow("pull dropped") << drop << 2 << qint64(0) << 0 << pull;
        QTest::newRow("pull answer cut") << cut << 1 << qint64(300) << 0 << pull;
        QTest::newRow("pull hangs") << hang << 1 << qint64(0) << 0 << pull;
        QTest::newRow("everything delayed") << delay << 6 << qint64(0) << 300 << QString();
    }

    void networkFaults()
    {
        QFETCH(int, fault);
        QFETCH(int, count);
        QFETCH(qint64, bytes);
        QFETCH(int, delayMs);
        QFETCH(QString, path);
        auto a = agent();
        QVERIFY(a);
        const int firedBefore = m_proxy->firedCount();
        m_proxy->arm(FaultProxy::Fault(fault), count, bytes, delayMs, path);
        const Script s = edit(*a);
        QTRY_VERIFY_WITH_TIMEOUT(m_proxy->firedCount() > firedBefore, 10'000);
        QVERIFY(a->settle());
        m_proxy->heal();
        verify(*a, s);
    }

    void networkCut()
    {
        auto a = agent();
        QVERIFY(a);
        m_proxy->setOffline(true);
        const Script s = edit(*a);
        QTRY_COMPARE_WITH_TIMEOUT(a->engine->state(), Sync::SyncEngine::State::Offline, 10'000);
        QCOMPARE(a->store->pendingMutations().size(), 3);
        m_proxy->setOffline(false);
        a->engine->syncNow();
        verify(*a, s);
    }

    void nthDatabaseFailure()
    {
        int failedRuns = 0;
        for (int n = 0;; ++n) {
            auto a = agent();
            QVERIFY(a);
            int statements = 0;
            bool fired = false;
            const Script s = edit(*a, [&] {
                a->store->setFaultInjector([&](const QString &) {
                    if (statements++ != n)
                        return false;
                    fired = true;
                    return true;
                });
            });
            // The engine retries on its own; once it is idle, the fault has
            // fired or never will, and the checks below read without it.
            a->engine->syncNow();
            QVERIFY(a->settle());
            a->store->setFaultInjector({});
            verify(*a, s);
            if (QTest::currentTestFailed()) {
                qWarning() << "failed with statement" << n << "failing";
                return;
            }
            if (!fired) {
                qInfo() << "database sweep:" << n << "runs, each with one failed statement;"
                        << failedRuns << "recovered";
                QVERIFY(n > 20);
                return;
            }
            ++failedRuns;
        }
    }

    void nthRequestFailure()
    {
        for (int n = 0;; ++n) {
            auto a = agent();
            QVERIFY(a);
            int requests = 0;
            bool fired = false;
            a->httpFault = [&](const QString &) {
                if (requests++ != n)
                    return false;
                fired = true;
                return true;
            };
            const Script s = edit(*a);
            QVERIFY(a->settle());
            a->httpFault = {};
            verify(*a, s);
            if (QTest::currentTestFailed()) {
                qWarning() << "failed with request" << n << "failing";
                return;
            }
            if (!fired) {
                qInfo() << "request sweep:" << n << "runs, each with one failed request";
                QVERIFY(n >= 2);
                return;
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_syncfaults.moc"
