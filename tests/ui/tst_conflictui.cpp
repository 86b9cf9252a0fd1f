// SPDX-License-Identifier: GPL-3.0-or-later
// The conflict banner, the conflicts indicator and the presence line against
// a real server with two agents: true field conflicts made offline, their
// resolution from the widgets, a refusal, and colleagues' presence.
#include "demoserver.h"
#include "details/conflictbanner.h"
#include "details/conflictsindicator.h"
#include "details/presencebar.h"
#include "details/presencetracker.h"
#include "sync/syncthread.h"
#include "syncagent.h"

#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Test::SyncAgent;

namespace {
const QString Password = u"conflict ui test password"_s;

QString bannerText(const Ui::ConflictBanner &banner)
{
    QStringList texts;
    const QList<QLabel *> labels = banner.findChildren<QLabel *>(u"conflictText"_s);
    for (const QLabel *label : labels)
        texts.append(label->text());
    return texts.join(u'\n');
}

QPushButton *bannerButton(const Ui::ConflictBanner &banner, const QString &name)
{
    const QList<QPushButton *> buttons = banner.findChildren<QPushButton *>(name);
    return buttons.size() == 1 ? buttons.first() : nullptr;
}
} // namespace

class TestConflictUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::DemoServer> m_demo;
    Person m_agent, m_lead, m_admin;

    Server::ServerStore &server() { return *m_demo->server->store(); }
    QJsonObject onServer(EntityKind kind, const QString &id)
    {
        const Server::Session admin { m_admin.id, Role::Admin, {}, {} };
        return server().entity(admin, kind, EntityId::fromString(id)).value_or(QJsonObject {});
    }

    std::unique_ptr<SyncAgent> signIn(const Person &who)
    {
        auto agent = std::make_unique<SyncAgent>();
        if (!agent->signIn(m_demo->server->baseUrl(), who.email, Password))
            return {};
        return agent;
    }

    QString ticketOf(const SyncAgent &a, int skip = 0)
    {
        const QString department = m_agent.departmentIds.first().toString();
        for (const QJsonObject &t : a.store->allJson(EntityKind::Ticket)) {
            if (t[u"department_id"_s].toString() == department && skip-- == 0)
                return t[u"id"_s].toString();
        }
        return {};
    }

    // Both change `field` of `ticket` offline from the same base; `first`
    // syncs first, so `second` gets the conflict.
    bool makeConflict(SyncAgent &first, SyncAgent &second, const QString &ticket,
        const QString &field, const QJsonValue &firstValue, const QJsonValue &secondValue)
    {
        first.offline = second.offline = true;
        if (!first.edit(EntityKind::Ticket, ticket, { { field, firstValue } })
            || !second.edit(EntityKind::Ticket, ticket, { { field, secondValue } }))
            return false;
        first.offline = false;
        first.engine->syncNow();
        if (!first.settle())
            return false;
        second.offline = false;
        second.engine->syncNow();
        return second.settle() && !second.store->conflicts().isEmpty();
    }

    // Two statuses of the ticket's type other than its current one.
    QList<QJsonObject> otherStatuses(const SyncAgent &a, const QString &ticket)
    {
        const auto t = a.store->entityJson(EntityKind::Ticket, EntityId::fromString(ticket));
        QList<QJsonObject> found;
        for (const QJsonObject &s : a.store->allJson(EntityKind::Status)) {
            if (s[u"type_id"_s] == t->value(u"type_id"_s) && s[u"id"_s] != t->value(u"status_id"_s))
                found.append(s);
        }
        return found;
    }

private Q_SLOTS:
    void init()
    {
        m_demo = std::make_unique<Test::DemoServer>();
        QVERIFY(m_demo->start(60, Password));
        m_agent = m_demo->first(Role::Agent);
        m_lead = m_demo->first(Role::Lead);
        m_admin = m_demo->first(Role::Admin);
    }

    void keepTheirsLeavesTheServersValue()
    {
        auto agent = signIn(m_agent);
        auto lead = signIn(m_lead);
        QVERIFY(agent && lead);
        const QString ticket = ticketOf(*agent);
        const QList<QJsonObject> statuses = otherStatuses(*agent, ticket);
        QVERIFY(statuses.size() >= 2);
        const QJsonObject theirs = statuses.at(0), mine = statuses.at(1);

        Ui::ConflictBanner banner(*lead->store);
        banner.setEngine(lead->engine.get());
        banner.setTicket(TicketId::fromString(ticket));
        Ui::ConflictsIndicator indicator(*lead->store);
        indicator.setEngine(lead->engine.get());
        QVERIFY(banner.isHidden());
        QVERIFY(indicator.isHidden());

        QVERIFY(
            makeConflict(*agent, *lead, ticket, u"status_id"_s, theirs[u"id"_s], mine[u"id"_s]));
        QCOMPARE(lead->store->conflicts().size(), 1);
        const qint64 id = lead->store->conflicts().first().id;

        // The banner names the field and both statuses by name.
        QVERIFY(!banner.isHidden());
        QCOMPARE(banner.shownConflicts(), QList<qint64> { id });
        QVERIFY2(bannerText(banner).contains(u"Status: yours %1, theirs %2"_s.arg(
                     mine[u"name"_s].toString(), theirs[u"name"_s].toString())),
            qPrintable(bannerText(banner)));
        QVERIFY(bannerButton(banner, u"keepTheirs"_s) && bannerButton(banner, u"useMine"_s));
        QVERIFY(!bannerButton(banner, u"discard"_s));

        // Another ticket's banner stays hidden.
        Ui::ConflictBanner elsewhere(*lead->store);
        elsewhere.setTicket(TicketId::fromString(ticketOf(*agent, 1)));
        QVERIFY(elsewhere.isHidden());

        // The indicator counts it and lists it; choosing it opens the ticket.
        QVERIFY(!indicator.isHidden());
        QCOMPARE(indicator.count(), 1);
        QVERIFY(indicator.text().startsWith(u"1 conflict"_s));
        Q_EMIT indicator.conflictsMenu()->aboutToShow();
        const QList<QAction *> items = indicator.conflictsMenu()->actions();
        QCOMPARE(items.size(), 1);
        const qint64 number = onServer(EntityKind::Ticket, ticket)[u"number"_s].toInteger();
        QCOMPARE(items.first()->text(),
            u"#%1 Status — yours %2, theirs %3"_s.arg(
                QString::number(number), mine[u"name"_s].toString(), theirs[u"name"_s].toString()));
        QMenu *submenu = items.first()->menu();
        QVERIFY(submenu);
        QSignalSpy open(&indicator, &Ui::ConflictsIndicator::openTicketRequested);
        submenu->findChild<QAction *>(u"openTicket"_s)->trigger();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().value<TicketId>(), TicketId::fromString(ticket));

        // Keep Theirs: the server's value stays, nothing is queued, the notice goes.
        bannerButton(banner, u"keepTheirs"_s)->click();
        QVERIFY(lead->store->conflicts().isEmpty());
        QVERIFY(lead->store->pendingMutations().isEmpty());
        QCOMPARE(lead->store->entityJson(EntityKind::Ticket, EntityId::fromString(ticket))
                     ->value(u"status_id"_s),
            theirs[u"id"_s]);
        QVERIFY(banner.isHidden());
        QVERIFY(banner.shownConflicts().isEmpty());
        QVERIFY(indicator.isHidden());
        QVERIFY(lead->settle());
        QCOMPARE(onServer(EntityKind::Ticket, ticket)[u"status_id"_s], theirs[u"id"_s]);
    }

    void useMineSendsMyValueAgain()
    {
        auto agent = signIn(m_agent);
        auto lead = signIn(m_lead);
        QVERIFY(agent && lead);
        const QString ticket = ticketOf(*agent, 2);
        Ui::ConflictBanner banner(*lead->store);
        banner.setEngine(lead->engine.get());
        banner.setTicket(TicketId::fromString(ticket));

        QVERIFY(makeConflict(*agent, *lead, ticket, u"priority"_s, u"low"_s, u"urgent"_s));
        QVERIFY2(bannerText(banner).contains(u"Priority: yours Urgent, theirs Low"_s),
            qPrintable(bannerText(banner)));
        QVERIFY(lead->store->pendingMutations().isEmpty());

        QSignalSpy queued(lead->store.get(), &Store::outboxChanged);
        bannerButton(banner, u"useMine"_s)->click();
        QVERIFY(lead->store->conflicts().isEmpty());
        QVERIFY(banner.isHidden());
        QVERIFY(!queued.isEmpty());
        QVERIFY(lead->settle());
        QCOMPARE(onServer(EntityKind::Ticket, ticket)[u"priority"_s].toString(), u"urgent"_s);
        QVERIFY(lead->store->conflicts().isEmpty());
        QVERIFY(banner.isHidden());
    }

    void refusalShowsTheServersReason()
    {
        auto agent = signIn(m_agent);
        QVERIFY(agent);
        const QString ticket = ticketOf(*agent);
        Ui::ConflictBanner banner(*agent->store);
        banner.setEngine(agent->engine.get());
        banner.setTicket(TicketId::fromString(ticket));
        Ui::ConflictsIndicator indicator(*agent->store);
        indicator.setEngine(agent->engine.get());

        // Agents may not delete tickets: the server refuses, the ticket comes back.
        const EntityId target = EntityId::fromString(ticket);
        QVERIFY(agent->store->apply(Mutation::deleting(
            EntityKind::Ticket, target, *agent->store->entityJson(EntityKind::Ticket, target))));
        QVERIFY(agent->settle());
        QCOMPARE(agent->store->conflicts().size(), 1);
        QVERIFY(agent->store->entityJson(EntityKind::Ticket, target));

        QVERIFY(!banner.isHidden());
        QVERIFY2(bannerText(banner).contains(u"only leads and admins delete tickets"_s),
            qPrintable(bannerText(banner)));
        QVERIFY(!bannerButton(banner, u"keepTheirs"_s) && !bannerButton(banner, u"useMine"_s));
        QCOMPARE(indicator.count(), 1);
        Q_EMIT indicator.conflictsMenu()->aboutToShow();
        QVERIFY(indicator.conflictsMenu()->actions().first()->text().endsWith(
            u"— only leads and admins delete tickets"_s));

        bannerButton(banner, u"discard"_s)->click();
        QVERIFY(agent->store->conflicts().isEmpty());
        QVERIFY(agent->store->pendingMutations().isEmpty());
        QVERIFY(banner.isHidden());
        QVERIFY(indicator.isHidden());
    }

    void resolvesThroughAnEngineOnItsOwnThread()
    {
        auto signedIn = signIn(m_agent); // for a token and the expected cache
        QVERIFY(signedIn);
        QTemporaryDir dir;
        Store store(dir.filePath(u"cache.sqlite"_s));
        QVERIFY(store.open());
        Sync::SyncThread sync(store, QUrl(m_demo->server->baseUrl()), signedIn->api->token(),
            SyncAgent::quickRetries());
        sync.start();
        QVERIFY(sync.engine()->thread() != QThread::currentThread());
        QTRY_COMPARE_WITH_TIMEOUT(store.allJson(EntityKind::Ticket).size(),
            signedIn->store->allJson(EntityKind::Ticket).size(), 20'000);

        const QString ticket = ticketOf(*signedIn);
        Ui::ConflictBanner banner(store);
        banner.setEngine(sync.engine());
        banner.setTicket(TicketId::fromString(ticket));
        const EntityId target = EntityId::fromString(ticket);
        QVERIFY(store.apply(Mutation::deleting(
            EntityKind::Ticket, target, *store.entityJson(EntityKind::Ticket, target))));
        QTRY_COMPARE_WITH_TIMEOUT(store.conflicts().size(), 1, 10'000);
        QTRY_VERIFY(!banner.isHidden());

        bannerButton(banner, u"discard"_s)->click();
        QVERIFY(store.conflicts().isEmpty());
        QTRY_VERIFY(banner.isHidden());
    }

    void indicatorListsEveryConflict()
    {
        auto agent = signIn(m_agent);
        auto lead = signIn(m_lead);
        QVERIFY(agent && lead);
        const QString one = ticketOf(*agent, 3), two = ticketOf(*agent, 4);
        Ui::ConflictsIndicator indicator(*lead->store);
        indicator.setEngine(lead->engine.get());
        QVERIFY(
            makeConflict(*agent, *lead, one, u"title"_s, u"Agent's title"_s, u"Lead's title"_s));
        QVERIFY(makeConflict(*agent, *lead, two, u"priority"_s, u"high"_s, u"low"_s));
        QCOMPARE(indicator.count(), 2);
        QVERIFY(indicator.text().startsWith(u"2 conflict"_s));
        Q_EMIT indicator.conflictsMenu()->aboutToShow();
        QStringList lines;
        for (const QAction *a : indicator.conflictsMenu()->actions())
            lines.append(a->text());
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.filter(u"Title — yours Lead's title, theirs Agent's title"_s).size() == 1,
            qPrintable(lines.join(u" | "_s)));
        QVERIFY2(lines.filter(u"Priority — yours Low, theirs High"_s).size() == 1,
            qPrintable(lines.join(u" | "_s)));

        // Resolving from the menu: Use Mine on the title.
        QAction *title = nullptr;
        for (QAction *a : indicator.conflictsMenu()->actions()) {
            if (a->text().contains(u"Title"_s))
                title = a;
        }
        QVERIFY(title && title->menu());
        title->menu()->findChild<QAction *>(u"useMine"_s)->trigger();
        QCOMPARE(indicator.count(), 1);
        QVERIFY(lead->settle());
        QCOMPARE(onServer(EntityKind::Ticket, one)[u"title"_s].toString(), u"Lead's title"_s);
    }

    void colleaguesPresenceReachesTheBar()
    {
        auto agent = signIn(m_agent);
        auto lead = signIn(m_lead);
        QVERIFY(agent && lead);
        const TicketId ticket = TicketId::fromString(ticketOf(*agent));

        Ui::PresenceTracker mine(m_agent.id);
        mine.setEngine(agent->engine.get());
        Ui::PresenceBar bar(mine);
        bar.setTicket(ticket);
        QVERIFY(bar.isHidden());

        Ui::PresenceTracker theirs(m_lead.id);
        theirs.setEngine(lead->engine.get());
        theirs.show(ticket);
        QTRY_COMPARE_WITH_TIMEOUT(bar.text(), u"%1 is viewing"_s.arg(m_lead.name), 10'000);
        QVERIFY(!bar.isHidden());
        theirs.replying(ticket, true);
        QTRY_COMPARE_WITH_TIMEOUT(bar.text(), u"%1 is replying…"_s.arg(m_lead.name), 10'000);
        theirs.hide(ticket);
        QTRY_VERIFY_WITH_TIMEOUT(bar.isHidden(), 10'000);
        QVERIFY(mine.present(ticket).isEmpty());
    }
};

QTEST_MAIN(TestConflictUi)
#include "tst_conflictui.moc"
