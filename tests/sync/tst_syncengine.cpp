// SPDX-License-Identifier: GPL-3.0-or-later
// The sync engine against a real server on 127.0.0.1: first sync, live
// propagation, offline edits, two agents on one ticket, conflicts and their
// resolution, refusals, lost cursors and access changes.
#include "demoserver.h"
#include "net/tokenstore.h"
#include "sync/syncthread.h"
#include "syncagent.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Test::SyncAgent;

namespace {
const QString Password = u"sync test password"_s;
}

class TestSyncEngine : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::DemoServer> m_demo;
    Person m_agent, m_lead, m_admin;

    Server::ServerStore &server() { return *m_demo->server->store(); }
    Server::Session adminSession() const { return { m_admin.id, Role::Admin, {}, {} }; }

    QJsonObject onServer(EntityKind kind, const QString &id)
    {
        return server()
            .entity(adminSession(), kind, EntityId::fromString(id))
            .value_or(QJsonObject {});
    }

    std::unique_ptr<SyncAgent> signIn(const Person &who)
    {
        auto agent = std::make_unique<SyncAgent>();
        if (!agent->signIn(m_demo->server->baseUrl(), who.email, Password))
            return {};
        return agent;
    }

    // The ids of the tickets a session may see, as the server lists them.
    QSet<QString> visibleOnServer(const Server::Session &session)
    {
        QSet<QString> ids;
        for (qint64 offset = 0;; offset += 500) {
            const auto page = server().listTickets(session, {}, {}, offset, 500);
            const QJsonArray tickets = page->value(u"tickets"_s).toArray();
            for (const QJsonValue &t : tickets)
                ids.insert(t[u"id"_s].toString());
            if (tickets.size() < 500)
                return ids;
        }
    }

    static QSet<QString> cachedTickets(const SyncAgent &a)
    {
        QSet<QString> ids;
        for (const QJsonObject &t : a.store->allJson(EntityKind::Ticket))
            ids.insert(t[u"id"_s].toString());
        return ids;
    }

    // A ticket the agent may see (in one of their departments).
    QString ticketOf(const SyncAgent &a, int skip = 0)
    {
        const QString department = m_agent.departmentIds.first().toString();
        for (const QJsonObject &t : a.store->allJson(EntityKind::Ticket)) {
            if (t[u"department_id"_s].toString() == department && skip-- == 0)
                return t[u"id"_s].toString();
        }
        return {};
    }

    QJsonObject reply(const SyncAgent &a, const QString &ticketId, const QString &body)
    {
        QString conversation;
        for (const QJsonObject &c : a.store->allJson(EntityKind::Conversation)) {
            if (c[u"ticket_id"_s].toString() == ticketId)
                conversation = c[u"id"_s].toString();
        }
        Message m;
        m.id = MessageId::create();
        m.conversationId = ConversationId::fromString(conversation);
        m.ticketId = TicketId::fromString(ticketId);
        m.authorId = PersonId::fromString(a.user[u"id"_s].toString());
        m.body = body;
        const Mutation mutation = Mutation::creating(EntityKind::Message, m);
        return a.store->apply(mutation) ? Protocol::toJson(m) : QJsonObject {};
    }

    int messagesOnServer(const QString &ticketId, const QString &body)
    {
        int n = 0;
        auto page = server().changes(adminSession(), 0, 5000);
        for (;;) {
            for (const QJsonValue &c : page->changes()) {
                if (c[u"entity"_s].toString() == u"message"_s
                    && c[u"snapshot"_s][u"ticket_id"_s].toString() == ticketId
                    && c[u"snapshot"_s][u"body"_s].toString() == body)
                    ++n;
            }
            if (!page->more)
                return n;
            page = server().changes(adminSession(), page->next, 5000);
        }
    }

private Q_SLOTS:
    void init()
    {
        m_demo = std::make_unique<Test::DemoServer>();
        QVERIFY(m_demo->start(80, Password));
        m_agent = m_demo->first(Role::Agent);
        m_lead = m_demo->first(Role::Lead);
        m_admin = m_demo->first(Role::Admin);
    }

    void firstSyncBringsExactlyTheAgentsScope()
    {
        auto agent = signIn(m_agent);
        QVERIFY(agent);
        const Server::Session session { m_agent.id, Role::Agent, m_agent.departmentIds, {} };
        const QSet<QString> expected = visibleOnServer(session);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(cachedTickets(*agent), expected);
        QCOMPARE(agent->store->syncCursor(), server().currentCursor());
        // The first sync's progress went forward, page by page, to n of n.
        const auto &progress = agent->progress;
        const auto complete = std::find_if(progress.cbegin(), progress.cend(),
            [](const auto &p) { return p.first == p.second && p.second > 0; });
        QVERIFY(complete != progress.cend());
        QCOMPARE(complete->second, server().currentCursor());
        for (auto it = progress.cbegin(); it != complete; ++it)
            QVERIFY(it->first <= std::next(it)->first && it->second == complete->second);
        // Loaded in bulk, indexed once at the end: every ticket and message is searchable.
        QSqlQuery q(agent->store->connection());
        QVERIFY(
            q.exec(
                u"SELECT (SELECT COUNT(*) FROM ticket_fts), (SELECT COUNT(*) FROM tickets),"
                u" (SELECT COUNT(*) FROM message_fts), (SELECT COUNT(*) FROM messages),"
                u" (SELECT COUNT(*) FROM sqlite_master WHERE name = 'tickets_category_status')"_s)
            && q.next());
        QCOMPARE(q.value(0).toLongLong(), q.value(1).toLongLong());
        QCOMPARE(q.value(2).toLongLong(), q.value(3).toLongLong());
        QVERIFY(q.value(3).toLongLong() > 0);
        QCOMPARE(q.value(4).toInt(), 1);
        q.finish();
        auto lead = signIn(m_lead);
        QVERIFY(lead);
        QCOMPARE(cachedTickets(*lead), visibleOnServer(adminSession()));
        QVERIFY(cachedTickets(*lead).size() > expected.size());
    }

    void signInIsRememberedUntilLogout()
    {
        QTemporaryDir dir;
        Net::TokenStore tokens(u"Tessera tests"_s, dir.path());
        tokens.setKeychainEnabled(false); // no keychain service on a headless machine
        QNetworkAccessManager network;
        const auto call = [](const std::function<void(Net::ApiClient::Callback)> &request) {
            std::optional<Net::ApiReply> answer;
            request([&](const Net::ApiReply &r) { answer = r; });
            QTest::qWaitFor([&] { return answer.has_value(); }, 15'000);
            return answer.value_or(Net::ApiReply {});
        };
        Net::ApiClient first(&network, QUrl(m_demo->server->baseUrl()));
        first.setTokenStore(&tokens);
        QVERIFY(call([&](auto done) { first.login(m_agent.email, Password, done); }).isOk());
        const QString file = tokens.fallbackFilePath(first.account(m_agent.email));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 5000);

        // The next start of the app: no password needed.
        Net::ApiClient second(&network, QUrl(m_demo->server->baseUrl()));
        second.setTokenStore(&tokens);
        std::optional<bool> found;
        second.restoreSession(m_agent.email.toUpper(), [&](bool f) { found = f; });
        QTRY_VERIFY_WITH_TIMEOUT(found.has_value(), 5000);
        QVERIFY(*found);
        QCOMPARE(second.token(), first.token());
        QCOMPARE(call([&](auto done) { second.changes(0, 1, done); }).status, 200);

        QCOMPARE(call([&](auto done) { second.logout(done); }).status, 204);
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(file), 5000);
        Net::ApiClient third(&network, QUrl(m_demo->server->baseUrl()));
        third.setTokenStore(&tokens);
        found.reset();
        third.restoreSession(m_agent.email, [&](bool f) { found = f; });
        QTRY_VERIFY_WITH_TIMEOUT(found.has_value(), 5000);
        QVERIFY(!*found);
    }

    void editsReachColleaguesWhileOnline()
    {
        auto agent = signIn(m_agent);
        auto lead = signIn(m_lead);
        QVERIFY(agent && lead);
        const QString ticket = ticketOf(*agent);
        QVERIFY(agent->edit(EntityKind::Ticket, ticket, { { u"title"_s, u"Live title"_s } }));
        // The stream tells the lead's engine, which pulls.
        QTRY_COMPARE_WITH_TIMEOUT(
            lead->store->entityJson(EntityKind::Ticket, EntityId::fromString(ticket))
                ->value(u"title"_s)
                .toString(),
            u"Live title"_s, 10'000);
        QCOMPARE(onServer(EntityKind::Ticket, ticket)[u"title"_s].toString(), u"Live title"_s);
    }

    void firstSyncTakesTicketsChangedAfterTheirThreads()
    {
        // The edit moves the ticket after its conversation and messages in
        // the change feed; a new cache must take them all the same.
        auto agent = signIn(m_agent);
        QVERIFY(agent);
        const QString ticket = ticketOf(*agent);
        QVERIFY(agent->edit(EntityKind::Ticket, ticket, { { u"title"_s, u"Edited later"_s } }));
        QVERIFY(agent->settle());
        auto fresh = signIn(m_agent);
        QVERIFY(fresh);
        QCOMPARE(cachedTickets(*fresh), cachedTickets(*agent));
        QCOMPARE(fresh->store->allJson(EntityKind::Message).size(),
            agent->store->allJson(EntityKind::Message).size());
        QCOMPARE(fresh->store->entityJson(EntityKind::Ticket, EntityId::fromString(ticket))
                     ->value(u"title"_s)
                     .toString(),
            u"Edited later"_s);
    }

    void pollingStandsInWithoutTheStream()
    {
        auto agent = signIn(m_agent);
        QVERIFY(agent);
        SyncAgent laptop; // the same agent on a second machine, without the stream
        laptop.options.useStream = false;
        laptop.options.pollWithoutStream = std::chrono::milliseconds(300);
        QVERIFY(laptop.signIn(m_demo->server->baseUrl(), agent->api->token(), agent->user));
        const QString ticket = ticketOf(*agent);
        QVERIFY(agent->edit(EntityKind::Ticket, ticket, { { u"title"_s, u"Seen by polling"_s } }));
        QTRY_COMPARE_WITH_TIMEOUT(
            laptop.store->entityJson(EntityKind::Ticket, EntityId::fromString(ticket))
                ->value(u"title"_s)
                .toString(),
            u"Seen by polling"_s, 10'000);
    }

    void offlineEditsArriveWhenTheNetworkReturns()
    {
        auto agent = signIn(m_agent);
        QVERIFY(agent);
        agent->offline = true;
        const QString ticket = ticketOf(*agent);
        QVERIFY(agent->edit(EntityKind::Ticket, ticket, { { u"priority"_s, u"urgent"_s } }));
        QVERIFY(!reply(*agent, ticket, u"Written on the train"_s).isEmpty());
        Ticket created;
        created.id = TicketId::create();
        created.title = u"Opened offline"_s;
        created.departmentId = m_agent.departmentIds.first();
        QVERIFY(agent->store->apply(Mutation::creating(EntityKind::Ticket, created)));
        QTRY_COMPARE_WITH_TIMEOUT(agent->engine->state(), Sync::SyncEngine::State::Offline, 5000);
        QCOMPARE(agent->store->pendingMutations().size(), 3);
        // The agent keeps working from the cache meanwhile.
        QCOMPARE(agent->store->entityJson(EntityKind::Ticket, created.id.as<EntityId>())
                     ->value(u"title"_s)
                     .toString(),
            u"Opened offline"_s);

        agent->offline = false;
        agent->engine->syncNow();
        QVERIFY(agent->settle());
        QCOMPARE(agent->store->pendingMutations().size(), 0);
        QCOMPARE(onServer(EntityKind::Ticket, ticket)[u"priority"_s].toString(), u"urgent"_s);
        QCOMPARE(messagesOnServer(ticket, u"Written on the train"_s), 1);
        const QJsonObject server = onServer(EntityKind::Ticket, created.id.toString());
        QCOMPARE(server[u"title"_s].toString(), u"Opened offline"_s);
        // The server's number and version are in the cache now.
        const auto cached = agent->store->entityJson(EntityKind::Ticket, created.id.as<EntityId>());
        QVERIFY(server[u"number"_s].toInteger() > 0);
        QCOMPARE(cached->value(u"number"_s), server[u"number"_s]);
        QCOMPARE(cached->value(u"version"_s), server[u"version"_s]);
    }

    void twoAgentsOfflineOnOneTicket()
    {
        auto agent = signIn(m_agent);
        auto lead = signIn(m_lead);
        QVERIFY(agent && lead);
        const QString ticket = ticketOf(*agent);
        const QString before = onServer(EntityKind::Ticket, ticket)[u"title"_s].toString();

        // Different fields: both survive.
        agent->offline = lead->offline = true;
        QVERIFY(agent->edit(EntityKind::Ticket, ticket, { { u"title"_s, u"Agent's title"_s } }));
        QVERIFY(lead->edit(EntityKind::Ticket, ticket, { { u"priority"_s, u"low"_s } }));
        QVERIFY(!reply(*agent, ticket, u"Reply from the agent"_s).isEmpty());
        QVERIFY(!reply(*lead, ticket, u"Reply from the lead"_s).isEmpty());
        agent->offline = lead->offline = false;
        agent->engine->syncNow();
        QVERIFY(agent->settle());
        lead->engine->syncNow();
        QVERIFY(lead->settle());
        QVERIFY(agent->settle());
        const QJsonObject merged = onServer(EntityKind::Ticket, ticket);
        QCOMPARE(merged[u"title"_s].toString(), u"Agent's title"_s);
        QCOMPARE(merged[u"priority"_s].toString(), u"low"_s);
        QCOMPARE(messagesOnServer(ticket, u"Reply from the agent"_s), 1);
        QCOMPARE(messagesOnServer(ticket, u"Reply from the lead"_s), 1);
        QVERIFY(agent->store->conflicts().isEmpty() && lead->store->conflicts().isEmpty());
        for (SyncAgent *a : { agent.get(), lead.get() })
            QCOMPARE(a->store->entityJson(EntityKind::Ticket, EntityId::fromString(ticket)),
                std::optional(merged));

        // The same field: the second to arrive gets a conflict, nothing is
        // silently overwritten, and the agent chooses.
        agent->offline = lead->offline = true;
        QVERIFY(agent->edit(EntityKind::Ticket, ticket, { { u"title"_s, u"Title A"_s } }));
        QVERIFY(lead->edit(EntityKind::Ticket, ticket, { { u"title"_s, u"Title B"_s } }));
        agent->offline = false;
        agent->engine->syncNow();
        QVERIFY(agent->settle());
        QSignalSpy arrived(lead->engine.get(), &Sync::SyncEngine::conflictsArrived);
        lead->offline = false;
        lead->engine->syncNow();
        QVERIFY(lead->settle());
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(onServer(EntityKind::Ticket, ticket)[u"title"_s].toString(), u"Title A"_s);
        const QList<SyncConflict> conflicts = lead->store->conflicts();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().status, u"conflict"_s);
        const QJsonObject field = conflicts.first().fields.first().toObject();
        QCOMPARE(field[u"field"_s].toString(), u"title"_s);
        QCOMPARE(field[u"mine"_s].toString(), u"Title B"_s);
        QCOMPARE(field[u"theirs"_s].toString(), u"Title A"_s);
        // The cache shows the server's value until the lead decides.
        QCOMPARE(lead->store->entityJson(EntityKind::Ticket, EntityId::fromString(ticket))
                     ->value(u"title"_s)
                     .toString(),
            u"Title A"_s);
        QVERIFY(lead->engine->reapplyMine(conflicts.first().id));
        QVERIFY(lead->settle());
        QVERIFY(lead->store->conflicts().isEmpty());
        QCOMPARE(onServer(EntityKind::Ticket, ticket)[u"title"_s].toString(), u"Title B"_s);
        QVERIFY(before != u"Title B"_s);
    }

    void refusedEditIsUndoneAndKept()
    {
        auto agent = signIn(m_agent);
        QVERIFY(agent);
        const QJsonObject type = agent->store->allJson(EntityKind::TicketType).first();
        const QString before = type[u"name"_s].toString();
        QVERIFY(agent->edit(EntityKind::TicketType, type[u"id"_s].toString(),
            { { u"name"_s, u"Renamed by an agent"_s } }));
        QVERIFY(agent->settle());
        const QList<SyncConflict> conflicts = agent->store->conflicts();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().status, u"rejected"_s);
        QCOMPARE(conflicts.first().error[u"code"_s].toString(), u"forbidden"_s);
        QCOMPARE(
            agent->store
                ->entityJson(EntityKind::TicketType, EntityId::fromString(type[u"id"_s].toString()))
                ->value(u"name"_s)
                .toString(),
            before);
        QVERIFY(agent->engine->keepServerValue(conflicts.first().id));
        QVERIFY(agent->store->conflicts().isEmpty());
    }

    void lostCursorResyncsAndKeepsPendingEdits()
    {
        auto agent = signIn(m_agent);
        QVERIFY(agent);
        agent->offline = true;
        const QString ticket = ticketOf(*agent);
        QVERIFY(
            agent->edit(EntityKind::Ticket, ticket, { { u"title"_s, u"Kept across a resync"_s } }));
        // Meanwhile a ticket is deleted and the server forgets old tombstones.
        const QString doomed = ticketOf(*agent, 1);
        QVERIFY(server()
                    .applyMutations(adminSession(),
                        { Mutation::deleting(EntityKind::Ticket, EntityId::fromString(doomed),
                            onServer(EntityKind::Ticket, doomed)) })
                    .isOk());
        QVERIFY(server().compactChangeLog(QDateTime::currentDateTimeUtc().addSecs(60)).isOk());
        agent->offline = false;
        agent->engine->syncNow();
        QVERIFY(agent->settle());
        QCOMPARE(
            onServer(EntityKind::Ticket, ticket)[u"title"_s].toString(), u"Kept across a resync"_s);
        QVERIFY(!agent->store->entityJson(EntityKind::Ticket, EntityId::fromString(doomed)));
        const Server::Session session { m_agent.id, Role::Agent, m_agent.departmentIds, {} };
        QCOMPARE(cachedTickets(*agent), visibleOnServer(session));
    }

    // A first sync stores its pages from their text; if the server forgets
    // the agent's position halfway, the resync that follows must still know
    // what it saw, or it would drop the rest of the cache.
    void lostCursorDuringAFirstSyncResyncs()
    {
        const Server::Session session { m_agent.id, Role::Agent, m_agent.departmentIds, {} };
        const QString doomed = *visibleOnServer(session).cbegin();
        SyncAgent agent;
        agent.options.pullPage = 40;
        bool forgotten = false;
        agent.checkpointHook = [&](const char *checkpoint) {
            if (forgotten || qstrcmp(checkpoint, "pull-stored") != 0)
                return;
            forgotten = true;
            const bool deleted
                = server()
                      .applyMutations(adminSession(),
                          { Mutation::deleting(EntityKind::Ticket, EntityId::fromString(doomed),
                              onServer(EntityKind::Ticket, doomed)) })
                      .isOk();
            const bool compacted
                = server().compactChangeLog(QDateTime::currentDateTimeUtc().addSecs(60)).isOk();
            if (!deleted || !compacted)
                qWarning("could not make the server forget the cursor");
        };
        QVERIFY(agent.signIn(m_demo->server->baseUrl(), m_agent.email, Password));
        QVERIFY(forgotten);
        QCOMPARE(cachedTickets(agent), visibleOnServer(session));
        QVERIFY(!agent.store->all<Conversation>().isEmpty());
    }

    void attachmentsQueueOfflineAndDownloadOnDemand()
    {
        auto agent = signIn(m_agent);
        auto lead = signIn(m_lead);
        QVERIFY(agent && lead);
        const QString ticket = ticketOf(*agent);
        agent->offline = true;
        const QByteArray content
            = QByteArray("2026-11-23 10:02 printer spooler stalled\n").repeated(50);
        Attachment a;
        a.id = AttachmentId::create();
        a.ticketId = TicketId::fromString(ticket);
        a.fileName = u"spooler.log"_s;
        a.mimeType = u"text/plain"_s;
        QVERIFY(agent->store->queueUpload(a, content));
        // In the cache at once, waiting in the queue.
        QVERIFY(agent->store->get<Attachment>(a.id));
        QCOMPARE(agent->store->pendingUploads().size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(agent->engine->state(), Sync::SyncEngine::State::Offline, 5000);

        agent->offline = false;
        agent->engine->syncNow();
        QVERIFY(agent->settle());
        QCOMPARE(agent->store->pendingUploads().size(), 0);
        const QJsonObject stored = onServer(EntityKind::Attachment, a.id.toString());
        QCOMPARE(stored[u"file_name"_s].toString(), u"spooler.log"_s);
        QCOMPARE(stored[u"size"_s].toInteger(), content.size());
        QCOMPARE(agent->store->entityJson(EntityKind::Attachment, a.id.as<EntityId>()),
            std::optional(stored));

        // A colleague fetches it when needed, then has it offline too.
        QVERIFY(lead->settle());
        QTRY_VERIFY_WITH_TIMEOUT(lead->store->get<Attachment>(a.id).has_value(), 10'000);
        const auto fetch = [](SyncAgent &who, AttachmentId id) {
            std::optional<Result<QString>> answer;
            who.engine->fetchAttachment(id, [&](Result<QString> r) { answer = std::move(r); });
            QTest::qWaitFor([&] { return answer.has_value(); }, 10'000);
            return answer.value_or(Error { Error::Code::Internal, u"no answer"_s });
        };
        const auto path = fetch(*lead, a.id);
        QVERIFY2(path.isOk(), qPrintable(path.isOk() ? QString() : path.error().message));
        QFile file(path.value());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
        lead->offline = true;
        QCOMPARE(fetch(*lead, a.id).value(), path.value());
        lead->offline = false;

        // An upload to a ticket the agent may no longer see is refused and kept.
        const Server::Session outsider { m_agent.id, Role::Agent, m_agent.departmentIds, {} };
        QString hidden;
        for (const QString &id : visibleOnServer(adminSession()) - visibleOnServer(outsider)) {
            hidden = id;
            break;
        }
        Attachment lost;
        lost.id = AttachmentId::create();
        lost.ticketId = TicketId::fromString(hidden);
        lost.fileName = u"elsewhere.txt"_s;
        // The cache cannot hold it for a ticket it does not have: refused locally.
        QVERIFY(!agent->store->queueUpload(lost, "x"));
    }

    void presenceReachesColleagues()
    {
        auto agent = signIn(m_agent);
        auto lead = signIn(m_lead);
        QVERIFY(agent && lead);
        const QString ticket = ticketOf(*agent);
        QSignalSpy seen(lead->engine.get(), &Sync::SyncEngine::presenceChanged);
        agent->engine->announcePresence(TicketId::fromString(ticket), u"replying"_s);
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, 10'000);
        QCOMPARE(seen.first().at(0).value<TicketId>().toString(), ticket);
        QCOMPARE(seen.first().at(1).value<PersonId>(), m_agent.id);
        QCOMPARE(seen.first().at(3).toString(), u"replying"_s);
    }

    void runsOnItsOwnThread()
    {
        auto signedIn = signIn(m_agent); // for a token
        QVERIFY(signedIn);
        QTemporaryDir dir;
        Store store(dir.filePath(u"cache.sqlite"_s));
        QVERIFY(store.open());
        QList<QThread *> emitters;
        connect(
            &store, &Store::changed, this, [&] { emitters.append(QThread::currentThread()); },
            Qt::DirectConnection);
        Sync::SyncThread sync(store, QUrl(m_demo->server->baseUrl()), signedIn->api->token());
        sync.start();
        QVERIFY(sync.engine()->thread() == sync.thread());
        QVERIFY(sync.thread() != QThread::currentThread());
        // The first sync writes on the worker thread while this one stays free.
        const Server::Session session { m_agent.id, Role::Agent, m_agent.departmentIds, {} };
        const QSet<QString> expected = visibleOnServer(session);
        QTRY_COMPARE_WITH_TIMEOUT(
            store.allJson(EntityKind::Ticket).size(), expected.size(), 20'000);
        QVERIFY(!emitters.isEmpty());
        QVERIFY(std::all_of(
            emitters.cbegin(), emitters.cend(), [&](QThread *t) { return t == sync.thread(); }));
        // A local edit on this thread goes out through the worker.
        const QJsonObject first = store.allJson(EntityKind::Ticket).first();
        QVERIFY(store.apply(
            Mutation::updating(EntityKind::Ticket, EntityId::fromString(first[u"id"_s].toString()),
                first, { { u"title"_s, u"Edited beside a worker"_s } })));
        QTRY_COMPARE_WITH_TIMEOUT(
            onServer(EntityKind::Ticket, first[u"id"_s].toString())[u"title"_s].toString(),
            u"Edited beside a worker"_s, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(store.pendingMutations().isEmpty(), 10'000);
    }

    void ticketBackInScopeComesWithItsThreads()
    {
        auto agent = signIn(m_agent);
        QVERIFY(agent);
        QString ticket;
        for (const QJsonObject &m : agent->store->allJson(EntityKind::Message)) {
            const auto t = agent->store->entityJson(
                EntityKind::Ticket, EntityId::fromString(m[u"ticket_id"_s].toString()));
            if (t && t->value(u"assignee_id"_s).toString() != m_agent.id.toString()) {
                ticket = t->value(u"id"_s).toString();
                break;
            }
        }
        QVERIFY(!ticket.isEmpty());
        const auto messagesOf = [&](const SyncAgent &a) {
            int n = 0;
            for (const QJsonObject &m : a.store->allJson(EntityKind::Message))
                n += m[u"ticket_id"_s].toString() == ticket;
            return n;
        };
        const int before = messagesOf(*agent);
        QVERIFY(before > 0);
        const QString home = onServer(EntityKind::Ticket, ticket)[u"department_id"_s].toString();
        QString elsewhere;
        for (const QJsonObject &d : agent->store->allJson(EntityKind::Department)) {
            if (!m_agent.departmentIds.contains(DepartmentId::fromString(d[u"id"_s].toString())))
                elsewhere = d[u"id"_s].toString();
        }
        const auto move = [&](const QString &department) {
            const QJsonObject current = onServer(EntityKind::Ticket, ticket);
            return server()
                .applyMutations(adminSession(),
                    { Mutation::updating(EntityKind::Ticket, EntityId::fromString(ticket), current,
                        { { u"department_id"_s, department } }) })
                .isOk();
        };
        QVERIFY(move(elsewhere));
        agent->engine->syncNow();
        QVERIFY(agent->settle());
        QVERIFY(!agent->store->entityJson(EntityKind::Ticket, EntityId::fromString(ticket)));
        QCOMPARE(messagesOf(*agent), 0);
        QVERIFY(move(home));
        agent->engine->syncNow();
        QVERIFY(agent->settle());
        QVERIFY(agent->store->entityJson(EntityKind::Ticket, EntityId::fromString(ticket)));
        QCOMPARE(messagesOf(*agent), before);
    }

    void agentLeavingADepartmentLosesItsTickets()
    {
        auto agent = signIn(m_agent);
        QVERIFY(agent);
        const QString department = m_agent.departmentIds.first().toString();
        const auto inDepartment = [&] {
            int n = 0;
            for (const QJsonObject &t : agent->store->allJson(EntityKind::Ticket))
                n += t[u"department_id"_s].toString() == department
                    && t[u"assignee_id"_s].toString() != m_agent.id.toString();
            return n;
        };
        QVERIFY(inDepartment() > 0);
        const QJsonObject person = onServer(EntityKind::Person, m_agent.id.toString());
        QVERIFY(server()
                    .applyMutations(adminSession(),
                        { Mutation::updating(EntityKind::Person, m_agent.id.as<EntityId>(), person,
                            { { u"department_ids"_s, QJsonArray {} } }) })
                    .value()
                    .first()[u"status"_s]
                    .toString()
            == u"applied"_s);
        agent->engine->syncNow(); // one pull
        QVERIFY(agent->settle());
        QCOMPARE(inDepartment(), 0);
        const Server::Session session { m_agent.id, Role::Agent, {}, {} };
        QCOMPARE(cachedTickets(*agent), visibleOnServer(session));
    }

    void firstSyncInSmallPagesSurvivesAFailedPage()
    {
        // Many pages, each asked for while the one before is stored; one page
        // fails to store, so the page already asked for after it must be
        // dropped and the pull resumed from the cursor.
        QTemporaryDir dir;
        Store store(dir.filePath(u"cache.sqlite"_s));
        QVERIFY(store.open());
        int cursorWrites = 0;
        store.setFaultInjector([&](const QString &sql) {
            return sql.startsWith(u"INSERT INTO sync_state"_s) && ++cursorWrites == 5;
        });
        QNetworkAccessManager network;
        Net::ApiClient api(&network, QUrl(m_demo->server->baseUrl()));
        std::optional<Net::ApiReply> login;
        api.login(m_lead.email, Password, [&](const Net::ApiReply &reply) { login = reply; });
        QTRY_VERIFY_WITH_TIMEOUT(login.has_value(), 15'000);
        QVERIFY(login->isOk());
        Sync::SyncEngine::Options options;
        options.pullPage = 7;
        options.retryBase = std::chrono::milliseconds(20);
        options.retryCap = std::chrono::milliseconds(200);
        Sync::SyncEngine engine(store, api, options);
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            engine.isIdle() && engine.state() == Sync::SyncEngine::State::Online, 60'000);
        QVERIFY(cursorWrites > 5);
        QCOMPARE(store.syncCursor(), server().currentCursor());

        // The cache holds exactly what the server has, as the server has it.
        QHash<QString, QJsonObject> expected;
        for (qint64 since = 0;;) {
            const auto page = server().changes(adminSession(), since, 5000);
            QVERIFY(page);
            for (const QJsonValue &c : page->changes())
                expected.insert(c[u"entity"_s].toString() + u'/' + c[u"id"_s].toString(),
                    c[u"snapshot"_s].toObject());
            since = page->next;
            if (!page->more)
                break;
        }
        QHash<QString, QJsonObject> cached;
        for (EntityKind kind : allEntityKinds()) {
            for (const QJsonObject &json : store.allJson(kind))
                cached.insert(toWireName(kind) + u'/' + json[u"id"_s].toString(), json);
        }
        QCOMPARE(cached.size(), expected.size());
        QVERIFY(cached == expected);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
