// SPDX-License-Identifier: GPL-3.0-or-later
// tessera-crashagent: one agent's desktop for the crash matrix
// (tst_crashmatrix). In `edit` mode it syncs against a server while making
// seeded edits, printing "ack ..." once each is committed to the cache, and
// dies by SIGKILL where its seed says (or the test kills it). In `recover`
// mode it reopens the same cache, syncs until idle and prints a report.
#include "crashplan.h"
#include "domain/entities.h"
#include "net/apiclient.h"
#include "protocol/codecs.h"
#include "store/store.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSqlQuery>
#include <QTimer>

#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Test::CrashPlan;

namespace {

// Unbuffered as far as the test is concerned: a line printed before a
// SIGKILL must reach it.
void say(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

[[noreturn]] void die(const QString &point)
{
    say(u"kill "_s + point);
    std::raise(SIGKILL);
    std::abort(); // not reached
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Script
{
    Store &store;
    quint64 seed;
    PersonId me;
    DepartmentId department;
    QRandomGenerator rng;

    QString marker(int edit) const { return u"crash-%1-%2"_s.arg(seed).arg(edit); }

    // One seeded edit; the "ack" line to print once it is committed, or
    // nothing when it was refused.
    QString edit(int n)
    {
        const QList<QJsonObject> tickets = store.allJson(EntityKind::Ticket);
        QHash<QString, QString> conversationOf; // ticket id → a conversation
        for (const QJsonObject &c : store.allJson(EntityKind::Conversation))
            conversationOf.insert(c[u"ticket_id"_s].toString(), c[u"id"_s].toString());
        QList<QJsonObject> discussed;
        for (const QJsonObject &t : tickets) {
            if (conversationOf.contains(t[u"id"_s].toString()))
                discussed.append(t);
        }

        // Until the first pull has filled the cache, only creating is possible.
        int pick = int(rng.bounded(100));
        if (tickets.isEmpty() || (pick >= 70 && discussed.isEmpty()))
            pick = 0;
        const QString mark = marker(n);
        Mutation m;
        QString ack;
        if (pick < 25) {
            Ticket t;
            t.id = TicketId::create();
            t.title = mark;
            t.description = mark;
            t.departmentId = department;
            m = Mutation::creating(EntityKind::Ticket, t, me);
            ack = u"ack ticket %1 %2"_s.arg(t.id.toString(), mark);
        } else if (pick < 45) {
            const QJsonObject &t = tickets.at(rng.bounded(int(tickets.size())));
            const EntityId id = EntityId::fromString(t[u"id"_s].toString());
            m = Mutation::updating(EntityKind::Ticket, id, t, { { u"title"_s, mark } }, me);
            ack = u"ack title %1 %2"_s.arg(id.toString(), mark);
        } else if (pick < 70) {
            const QJsonObject &t = tickets.at(rng.bounded(int(tickets.size())));
            const EntityId id = EntityId::fromString(t[u"id"_s].toString());
            static const QStringList priorities { u"low"_s, u"normal"_s, u"high"_s, u"urgent"_s };
            QStringList others = priorities;
            others.removeAll(t[u"priority"_s].toString());
            const QString priority = others.at(rng.bounded(int(others.size())));
            m = Mutation::updating(EntityKind::Ticket, id, t, { { u"priority"_s, priority } }, me);
            ack = u"ack priority %1 %2"_s.arg(id.toString(), priority);
        } else if (pick < 85) {
            const QJsonObject &t = discussed.at(rng.bounded(int(discussed.size())));
            Message reply;
            reply.id = MessageId::create();
            reply.ticketId = TicketId::fromString(t[u"id"_s].toString());
            reply.conversationId
                = ConversationId::fromString(conversationOf.value(t[u"id"_s].toString()));
            reply.authorId = me;
            reply.body = mark;
            m = Mutation::creating(EntityKind::Message, reply, me);
            ack = u"ack reply %1 %2"_s.arg(reply.id.toString(), mark);
        } else {
            const QJsonObject &t = discussed.at(rng.bounded(int(discussed.size())));
            TimeEntry entry;
            entry.id = TimeEntryId::create();
            entry.ticketId = TicketId::fromString(t[u"id"_s].toString());
            entry.personId = me;
            entry.date = QDate::currentDate();
            entry.minutes = int(rng.bounded(1, 240));
            entry.note = mark;
            m = Mutation::creating(EntityKind::TimeEntry, entry, me);
            ack = u"ack time %1 %2"_s.arg(entry.id.toString(), mark);
        }
        if (auto done = store.apply(m); !done) {
            std::fprintf(stderr, "edit %d refused: %s\n", n, qPrintable(done.error().message));
            return {};
        }
        return ack;
    }
};

int runEdits(Store &store, Sync::SyncEngine &engine, const QCommandLineParser &args, quint64 seed)
{
    const CrashPlan plan = CrashPlan::forSeed(seed);
    int reached = 0;
    engine.setCheckpointHook([&](const char *name) {
        if (plan.strategy == CrashPlan::Strategy::Checkpoint
            && plan.checkpoint == QLatin1StringView(name) && ++reached == plan.occurrence)
            die(plan.checkpoint);
    });
    engine.start();

    Script script { store, seed, PersonId::fromString(args.value(u"person"_s)),
        DepartmentId::fromString(args.value(u"department"_s)),
        QRandomGenerator(quint32(seed * 2654435761u)) };
    // Past the scripted edits, keep editing so that a checkpoint not yet
    // reached (or the test's timer) still comes; give up eventually.
    const int limit = plan.edits + 40;
    for (int n = 0; n < limit; ++n) {
        const QString ack = script.edit(n);
        if (!ack.isEmpty())
            say(ack);
        if (plan.strategy == CrashPlan::Strategy::AfterCommit && n == plan.killAfterEdit)
            die(u"after-commit"_s); // the edit is in the outbox; its push has not begun
        spin(int(script.rng.bounded(0, 40)));
    }
    say(u"survived"_s);
    return 0;
}

QString integrityCheck(const Store &store)
{
    QSqlQuery q(store.connection());
    if (!q.exec(u"PRAGMA integrity_check"_s))
        return u"cannot run integrity_check"_s;
    QStringList rows;
    while (q.next())
        rows.append(q.value(0).toString());
    return rows.join(u"; "_s);
}

int runRecover(Store &store, Sync::SyncEngine &engine, const QCommandLineParser &args)
{
    engine.start();
    QElapsedTimer clock;
    clock.start();
    while (!(engine.isIdle() && engine.state() == Sync::SyncEngine::State::Online)) {
        if (clock.elapsed() > 30'000) {
            std::fprintf(stderr, "recover: not idle after 30 s\n");
            return 3;
        }
        spin(5);
    }
    engine.stop();

    Test::StateHash hash;
    for (EntityKind kind : allEntityKinds()) {
        for (const QJsonObject &entity : store.allJson(kind))
            hash.add(kind, entity);
    }
    if (args.isSet(u"dump"_s)) {
        QFile dump(args.value(u"dump"_s));
        if (dump.open(QIODevice::WriteOnly | QIODevice::Truncate))
            dump.write(hash.lines().join(u'\n').toUtf8());
    }
    const QJsonObject report { { u"outbox"_s, store.pendingMutations().size() },
        { u"conflicts"_s, store.conflicts().size() }, { u"integrity"_s, integrityCheck(store) },
        { u"hash"_s, hash.hex() }, { u"entities"_s, hash.count() },
        { u"cursor"_s, store.syncCursor() }, { u"ms"_s, clock.elapsed() } };
    say(u"report "_s + QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Compact)));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser args;
    args.addOptions({ { u"server"_s, u"Base URL of the server."_s, u"url"_s },
        { u"token"_s, u"Session token (no login per run)."_s, u"token"_s },
        { u"cache"_s, u"The cache file."_s, u"path"_s },
        { u"seed"_s, u"Seed of the edits and of the kill."_s, u"n"_s },
        { u"mode"_s, u"edit or recover."_s, u"mode"_s },
        { u"person"_s, u"The agent's person id (edit)."_s, u"id"_s },
        { u"department"_s, u"A department of the agent (edit)."_s, u"id"_s },
        { u"dump"_s, u"Write the hashed lines here (recover)."_s, u"path"_s } });
    args.process(app);
    const QString mode = args.value(u"mode"_s);
    if (mode != u"edit"_s && mode != u"recover"_s) {
        std::fprintf(stderr, "--mode must be edit or recover\n");
        return 2;
    }

    Store store(args.value(u"cache"_s));
    if (auto opened = store.open(); !opened) {
        std::fprintf(stderr, "cannot open the cache: %s\n", qPrintable(opened.error().message));
        return 2;
    }
    QNetworkAccessManager network;
    Net::ApiClient api(&network, QUrl(args.value(u"server"_s)));
    api.setToken(args.value(u"token"_s).toUtf8());
    Sync::SyncEngine::Options options;
    options.retryBase = std::chrono::milliseconds(20);
    options.retryCap = std::chrono::milliseconds(200);
    options.pullPage = 200; // a first sync takes several pages: kills land between them
    Sync::SyncEngine engine(store, api, options);

    if (mode == u"edit"_s)
        return runEdits(store, engine, args, args.value(u"seed"_s).toULongLong());
    return runRecover(store, engine, args);
}
