// SPDX-License-Identifier: GPL-3.0-or-later
// The crash matrix: tessera-crashagent edits against a real server and dies
// by SIGKILL at seeded points (between a local commit and its push, after
// the server committed a push but before its answer is stored, in the middle
// of a pull, at random moments). After each restart and sync no acknowledged
// edit is lost or applied twice, the outbox is empty, the cache hashes equal
// to what the server shows the agent, and the cache passes integrity_check.
//
// TESSERA_CRASH_RUNS (default 200) and TESSERA_CRASH_SEED (default 1) change
// the number of runs and the first seed.
#include "crashplan.h"
#include "demo/demodata.h"
#include "embeddedserver.h"
#include "protocol/codecs.h"
#include "serverstore.h"
#include "serverthread.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Test::CrashPlan;

namespace {

const QString Password = u"crash matrix password"_s;
constexpr int ChainLength = 5; // runs sharing one cache before a fresh one
constexpr int DemoTickets = 40;

int fromEnvironment(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

struct Ack
{
    int run = 0;
    QString kind; // ticket, title, priority, reply, time
    QString id; // the entity (for title and priority: the ticket)
    QString value; // the marker (for priority: the value set)
};

struct AgentExit
{
    bool started = false;
    bool timedOut = false;
    bool crashed = false;
    int code = 0; // the exit code, or the signal when crashed
    QStringList lines;
    QString errors;
};

// What the server holds of the agents' edits, found by marker.
struct ServerMarkers
{
    QHash<QString, QStringList> ids; // "kind:marker" → entities carrying it
    QSet<QString> priorities; // "ticket|value" the agent set, from the activity log
};

} // namespace

class TestCrashMatrix : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Server::ServerThread> m_server;
    Person m_agent;
    Person m_admin;
    QByteArray m_token;
    Server::Session m_session;

    Server::Session adminSession() const { return { m_admin.id, Role::Admin, {}, {} }; }

    // The store belongs to the server's thread.
    void onServer(const std::function<void(Server::ServerStore &)> &task)
    {
        m_server->run([&](Server::EmbeddedServer &server) { task(*server.store()); });
    }

    // Every live entity a session may see: the change feed from 0, once per
    // entity (a ticket can also come ahead of its own place).
    template<typename F>
    bool everything(const Server::Session &session, F visit)
    {
        bool ok = true;
        QHash<std::pair<EntityKind, QString>, QJsonObject> entities;
        onServer([&](Server::ServerStore &store) {
            qint64 since = 0;
            for (;;) {
                auto page = store.changes(session, since, 5000);
                if (!page) {
                    ok = false;
                    return;
                }
                for (const QJsonValue &change : page->changes()) {
                    const auto kind = fromWireName<EntityKind>(change[u"entity"_s].toString());
                    if (kind && change[u"snapshot"_s].isObject())
                        entities.insert({ *kind, change[u"id"_s].toString() },
                            change[u"snapshot"_s].toObject());
                }
                if (!page->more)
                    return;
                since = page->next;
            }
        });
        for (auto it = entities.cbegin(); it != entities.cend(); ++it)
            visit(it.key().first, it.value());
        return ok;
    }

    ServerMarkers markersOnServer()
    {
        ServerMarkers found;
        const auto marked = [](const QJsonValue &v) {
            return v.toString().startsWith(u"crash-"_s);
        };
        everything(adminSession(), [&](EntityKind kind, const QJsonObject &e) {
            const QString id = e[u"id"_s].toString();
            if (kind == EntityKind::Ticket && marked(e[u"description"_s]))
                found.ids[u"ticket:"_s + e[u"description"_s].toString()].append(id);
            else if (kind == EntityKind::Message && marked(e[u"body"_s]))
                found.ids[u"reply:"_s + e[u"body"_s].toString()].append(id);
            else if (kind == EntityKind::TimeEntry && marked(e[u"note"_s]))
                found.ids[u"time:"_s + e[u"note"_s].toString()].append(id);
            else if (kind == EntityKind::Activity && e[u"field"_s].toString() == u"title"_s
                && marked(e[u"new_value"_s]))
                found.ids[u"title:"_s + e[u"new_value"_s].toString()].append(
                    e[u"ticket_id"_s].toString());
            else if (kind == EntityKind::Activity && e[u"field"_s].toString() == u"priority"_s
                && e[u"actor_id"_s].toString() == m_agent.id.toString())
                found.priorities.insert(
                    e[u"ticket_id"_s].toString() + u'|' + e[u"new_value"_s].toString());
        });
        return found;
    }

    // Lost: the server has no trace of an acknowledged edit. Duplicated: it
    // has the edit's effect more than once. A priority carries no marker, so
    // it can only be found (in the activity log), not counted.
    static std::pair<int, int> check(const Ack &ack, const ServerMarkers &server)
    {
        if (ack.kind == u"priority"_s)
            return { server.priorities.contains(ack.id + u'|' + ack.value) ? 0 : 1, 0 };
        const QStringList ids = server.ids.value(ack.kind + u':' + ack.value);
        return { ids.contains(ack.id) ? 0 : 1, ids.size() > 1 ? 1 : 0 };
    }

    Test::StateHash serverState()
    {
        Test::StateHash hash;
        everything(m_session, [&](EntityKind kind, const QJsonObject &e) { hash.add(kind, e); });
        return hash;
    }

    // Runs the agent to its end while this thread's event loop keeps going;
    // `killAfterMs` >= 0: SIGKILL it after that long.
    static AgentExit runAgent(const QStringList &arguments, int killAfterMs)
    {
        AgentExit result;
        QProcess process;
        process.setProgram(QString::fromUtf8(TESSERA_CRASHAGENT));
        process.setArguments(arguments);
        QEventLoop loop;
        QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer killer;
        killer.setSingleShot(true);
        QObject::connect(&killer, &QTimer::timeout, &process, [&process] { process.kill(); });
        QTimer limit;
        limit.setSingleShot(true);
        QObject::connect(&limit, &QTimer::timeout, &process, [&] {
            result.timedOut = true;
            process.kill();
        });
        process.start();
        result.started = process.waitForStarted(10'000);
        if (!result.started)
            return result;
        if (killAfterMs >= 0)
            killer.start(killAfterMs);
        limit.start(60'000);
        if (process.state() != QProcess::NotRunning)
            loop.exec();
        result.crashed = process.exitStatus() == QProcess::CrashExit;
        result.code = process.exitCode();
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        result.lines = out.split(u'\n', Qt::SkipEmptyParts);
        result.errors = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Server::ServerConfig config;
        config.dataDirectory = m_dir.path();
        m_server = std::make_unique<Server::ServerThread>(config);
        QVERIFY(m_server->start());
        DemoOptions options;
        options.tickets = DemoTickets;
        options.anchor = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
        bool seeded = false;
        onServer(
            [&](Server::ServerStore &store) { seeded = store.seedDemo(options, Password).isOk(); });
        QVERIFY(seeded);
        for (const Person &person : DemoGenerator(options).agents()) {
            if (person.role == Role::Agent && person.departmentIds.size() == 1
                && !m_agent.id.isValid())
                m_agent = person;
            if (person.role == Role::Admin && !m_admin.id.isValid())
                m_admin = person;
        }
        QVERIFY(m_agent.id.isValid() && m_admin.id.isValid());
        // One login for all runs: argon2 is slow on purpose.
        std::optional<Server::Session> session;
        onServer([&](Server::ServerStore &store) {
            if (auto login = store.login(m_agent.email, Password, u"127.0.0.1"_s)) {
                m_token = login->token;
                session = store.authenticate(m_token);
            }
        });
        QVERIFY(session);
        m_session = *session;
    }

    void seededKills()
    {
        const int runs = fromEnvironment("TESSERA_CRASH_RUNS", 200);
        const int firstSeed = fromEnvironment("TESSERA_CRASH_SEED", 1);
        qInfo("crash matrix: %d runs, seeds %d..%d", runs, firstSeed, firstSeed + runs - 1);

        QElapsedTimer clock;
        clock.start();
        QList<Ack> acks;
        QMap<QString, int> kills; // where the agent died
        QMap<QString, int> acked; // by kind
        int survived = 0;
        int hashMismatches = 0;
        int outboxLeft = 0;
        int conflictsLeft = 0;
        int integrityFailures = 0;
        int lostSeen = 0;
        int duplicatesSeen = 0;
        QString cache;
        for (int run = 0; run < runs; ++run) {
            const quint64 seed = quint64(firstSeed + run);
            const CrashPlan plan = CrashPlan::forSeed(seed);
            // A few runs share a cache, so recovery also meets caches with history.
            if (run % ChainLength == 0)
                cache = m_dir.filePath(u"cache-%1.sqlite"_s.arg(seed));
            const QStringList common { u"--server"_s, m_server->baseUrl(), u"--token"_s,
                QString::fromLatin1(m_token), u"--cache"_s, cache, u"--seed"_s,
                QString::number(seed) };

            const AgentExit edit = runAgent(common
                    + QStringList { u"--mode"_s, u"edit"_s, u"--person"_s, m_agent.id.toString(),
                        u"--department"_s, m_agent.departmentIds.first().toString() },
                plan.strategy == CrashPlan::Strategy::ParentTimer ? plan.delayMs : -1);
            QVERIFY2(edit.started, "tessera-crashagent did not start");
            QVERIFY2(!edit.timedOut, qPrintable(u"seed %1: the edit agent hung"_s.arg(seed)));
            // Killed (SIGKILL, by itself or by us) or, rarely, done before any kill came.
            QVERIFY2((edit.crashed && edit.code == SIGKILL) || (!edit.crashed && edit.code == 0),
                qPrintable(u"seed %1: the edit agent ended with %2 %3: %4"_s.arg(seed)
                               .arg(edit.crashed ? u"signal"_s : u"code"_s)
                               .arg(edit.code)
                               .arg(edit.errors)));
            QString point = edit.crashed ? u"parent-timer"_s : u"survived"_s;
            QList<Ack> mine;
            for (const QString &line : edit.lines) {
                const QStringList words = line.split(u' ');
                if (words.first() == u"ack"_s && words.size() == 4) {
                    mine.append({ run, words.at(1), words.at(2), words.at(3) });
                    ++acked[words.at(1)];
                } else if (words.first() == u"kill"_s && words.size() == 2) {
                    point = words.at(1);
                }
            }
            if (!edit.crashed)
                ++survived;
            ++kills[point];
            acks += mine;

            const QString dump = m_dir.filePath(u"client-%1.txt"_s.arg(seed));
            const AgentExit recover = runAgent(
                common + QStringList { u"--mode"_s, u"recover"_s, u"--dump"_s, dump }, -1);
            QVERIFY2(!recover.crashed && recover.code == 0 && !recover.lines.isEmpty()
                    && recover.lines.last().startsWith(u"report "_s),
                qPrintable(u"seed %1: recovery failed (%2): %3"_s.arg(seed)
                               .arg(recover.code)
                               .arg(recover.errors)));
            const QJsonObject report
                = QJsonDocument::fromJson(recover.lines.last().mid(7).toUtf8()).object();

            // This run's edits, right after its recovery.
            const ServerMarkers server = markersOnServer();
            for (const Ack &ack : std::as_const(mine)) {
                const auto [lost, doubled] = check(ack, server);
                if (lost || doubled)
                    qWarning().noquote()
                        << "seed" << seed << "killed at" << point << ":" << ack.kind << ack.id
                        << ack.value << (lost ? "LOST" : "DUPLICATED");
                lostSeen += lost;
                duplicatesSeen += doubled;
            }
            if (report[u"outbox"_s].toInt() != 0) {
                ++outboxLeft;
                qWarning() << "seed" << seed << "outbox not empty:" << report;
            }
            if (report[u"conflicts"_s].toInt() != 0) {
                ++conflictsLeft;
                qWarning() << "seed" << seed << "conflicts:" << report;
            }
            if (report[u"integrity"_s].toString() != u"ok"_s) {
                ++integrityFailures;
                qWarning() << "seed" << seed << "integrity_check:" << report;
            }
            Test::StateHash expected = serverState();
            if (report[u"hash"_s].toString() != expected.hex()) {
                ++hashMismatches;
                QFile file(dump);
                QStringList client;
                if (file.open(QIODevice::ReadOnly))
                    client = QString::fromUtf8(file.readAll()).split(u'\n');
                const QSet<QString> a(client.cbegin(), client.cend());
                const QSet<QString> b(expected.lines().cbegin(), expected.lines().cend());
                qWarning().noquote()
                    << "seed" << seed << "killed at" << point << ": client and server differ";
                for (const QString &line : a - b)
                    qWarning().noquote() << "  client only:" << line.left(300);
                for (const QString &line : b - a)
                    qWarning().noquote() << "  server only:" << line.left(300);
            }
            QFile::remove(dump);
        }

        // Every acknowledged edit once more at the end: a later run must not
        // have doubled an earlier one's.
        int lost = 0;
        int duplicates = 0;
        const ServerMarkers server = markersOnServer();
        for (const Ack &ack : std::as_const(acks)) {
            const auto [l, d] = check(ack, server);
            lost += l;
            duplicates += d;
        }
        QString serverIntegrity;
        onServer([&](Server::ServerStore &store) { serverIntegrity = store.integrityCheck(); });

        QJsonObject killsJson;
        for (auto it = kills.cbegin(); it != kills.cend(); ++it)
            killsJson.insert(it.key(), it.value());
        QJsonObject ackedJson;
        for (auto it = acked.cbegin(); it != acked.cend(); ++it)
            ackedJson.insert(it.key(), it.value());
        const QJsonObject figures { { u"runs"_s, runs }, { u"first_seed"_s, firstSeed },
            { u"kills"_s, killsJson }, { u"survived"_s, survived }, { u"acked"_s, acks.size() },
            { u"acked_by_kind"_s, ackedJson }, { u"lost"_s, std::max(lost, lostSeen) },
            { u"duplicates"_s, std::max(duplicates, duplicatesSeen) },
            { u"hash_mismatches"_s, hashMismatches }, { u"outbox_not_empty"_s, outboxLeft },
            { u"conflicts_left"_s, conflictsLeft }, { u"integrity_failures"_s, integrityFailures },
            { u"server_integrity"_s, serverIntegrity },
            { u"seconds"_s, double(clock.elapsed() / 100) / 10.0 } };
        qInfo().noquote() << "crash matrix:"
                          << QString::fromUtf8(
                                 QJsonDocument(figures).toJson(QJsonDocument::Indented));
        // The same, as lines of the sync benchmark (`scripts/dev bench sync`
        // runs this test after tessera-bench sync and keeps these lines).
        const QString note
            = u"%1 SIGKILLs at seeded points from seed %2; must be 0"_s.arg(runs).arg(firstSeed);
        for (const auto &[metric, value, unit] : { std::tuple { u"crash_runs"_s, runs, u"runs"_s },
                 { u"crash_lost_edits"_s, std::max(lost, lostSeen), u"edits"_s },
                 { u"crash_duplicates"_s, std::max(duplicates, duplicatesSeen), u"edits"_s } }) {
            QJsonObject line { { u"bench"_s, u"sync"_s }, { u"metric"_s, metric },
                { u"value"_s, value }, { u"unit"_s, unit } };
            if (metric != u"crash_runs"_s)
                line.insert(u"note"_s, note);
            std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
        }
        std::fflush(stdout);

        QCOMPARE(lostSeen, 0);
        QCOMPARE(lost, 0);
        QCOMPARE(duplicatesSeen, 0);
        QCOMPARE(duplicates, 0);
        QCOMPARE(outboxLeft, 0);
        QCOMPARE(conflictsLeft, 0);
        QCOMPARE(integrityFailures, 0);
        QCOMPARE(hashMismatches, 0);
        QCOMPARE(serverIntegrity, u"ok"_s);
        QVERIFY(!acks.isEmpty());
        // The named points were really hit (a full run; a short one may miss some).
        if (runs >= 100) {
            for (const QString &named :
                { u"push-answered"_s, u"pull-answered"_s, u"after-commit"_s })
                QVERIFY2(kills.value(named) > 0, qPrintable(u"no kill at "_s + named));
        }
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->stop();
    }
};

QTEST_GUILESS_MAIN(TestCrashMatrix)
#include "tst_crashmatrix.moc"
