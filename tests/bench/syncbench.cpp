// SPDX-License-Identifier: GPL-3.0-or-later
// `tessera-bench sync`: the client's sync engine against a server on its own
// thread over 127.0.0.1 (SQLite): a lead's first sync of the whole demo
// workspace into an empty cache, beside the raw throughput of the change
// feed pulled over HTTP without storing it; then the propagation latency of
// an edit from one agent's cache to another's, with both engines on the
// WebSocket stream.
#include "benchmarks.h"
#include "demo/demodata.h"
#include "net/apiclient.h"
#include "serverstore.h"
#include "serverthread.h"
#include "store/store.h"
#include "store/tables.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Tessera::Bench {

namespace {

const QString Bench = u"sync"_s;
const QString Password = u"benchmark password"_s;

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return values.at(qsizetype(p * double(values.size() - 1)));
}

/// One agent's desktop: a cache, an API client and a sync engine.
struct Client
{
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    QNetworkAccessManager network;
    std::unique_ptr<Net::ApiClient> api;
    std::unique_ptr<Sync::SyncEngine> engine;

    /// Opens a cache, empty or a copy of `copyOf`, and signs in; the engine
    /// is made but not started.
    bool signIn(const QString &baseUrl, const QString &email, Sync::SyncEngine::Options options,
        const QString &copyOf = {})
    {
        const QString path = dir.filePath(u"cache.sqlite"_s);
        if (!copyOf.isEmpty() && !QFile::copy(copyOf, path)) {
            std::fprintf(stderr, "cannot copy the cache %s\n", qPrintable(copyOf));
            return false;
        }
        store = std::make_unique<Store>(path);
        if (auto opened = store->open(); !opened) {
            std::fprintf(stderr, "cannot open a cache: %s\n", qPrintable(opened.error().message));
            return false;
        }
        api = std::make_unique<Net::ApiClient>(&network, QUrl(baseUrl));
        std::optional<Net::ApiReply> answer;
        api->login(email, Password, [&](const Net::ApiReply &reply) { answer = reply; });
        if (!waitUntil([&] { return answer.has_value(); }, 30'000) || !answer->isOk()) {
            std::fprintf(stderr, "cannot sign in as %s: %s\n", qPrintable(email),
                answer ? qPrintable(answer->error) : "no answer");
            return false;
        }
        engine = std::make_unique<Sync::SyncEngine>(*store, *api, options);
        return true;
    }

    bool settled() const
    {
        return engine->isIdle() && engine->state() == Sync::SyncEngine::State::Online;
    }

    /// Rows per entity kind in the cache.
    QList<std::pair<EntityKind, qint64>> counts() const
    {
        QList<std::pair<EntityKind, qint64>> result;
        QSqlQuery query(store->connection());
        for (EntityKind kind : allEntityKinds()) {
            if (query.exec(u"SELECT COUNT(*) FROM %1"_s.arg(Sql::tableFor(kind).table))
                && query.next())
                result.append({ kind, query.value(0).toLongLong() });
        }
        return result;
    }
};

/// GET /changes from 0 to the head over HTTP, parsing each page but storing
/// nothing: what the server and the wire allow a first sync at most.
struct RawPull
{
    double seconds = -1;
    qint64 tickets = 0;
    qint64 snapshots = 0;
};

RawPull pullRaw(const QString &baseUrl, const QString &email, int pageSize)
{
    QNetworkAccessManager network;
    const auto call = [&](const QByteArray &verb, const QString &path, const QByteArray &token,
                          const QByteArray &body = {}) -> std::optional<QJsonObject> {
        QNetworkRequest request { QUrl(baseUrl + path) };
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb, body));
        if (!waitUntil([&] { return reply->isFinished(); }, 120'000)
            || reply->error() != QNetworkReply::NoError)
            return std::nullopt;
        return QJsonDocument::fromJson(reply->readAll()).object();
    };
    RawPull result;
    const auto login = call("POST", u"/api/v1/auth/login"_s, {},
        QJsonDocument(QJsonObject { { u"email"_s, email }, { u"password"_s, Password } })
            .toJson(QJsonDocument::Compact));
    if (!login)
        return result;
    const QByteArray token = login->value(u"token"_s).toString().toLatin1();
    QElapsedTimer timer;
    timer.start();
    for (qint64 since = 0;;) {
        const auto page
            = call("GET", u"/api/v1/changes?since=%1&limit=%2"_s.arg(since).arg(pageSize), token);
        if (!page)
            return result;
        const QJsonArray changes = page->value(u"changes"_s).toArray();
        for (const QJsonValue &change : changes) {
            if (!change[u"snapshot"_s].isObject())
                continue;
            ++result.snapshots;
            if (change[u"entity"_s].toString() == u"ticket"_s)
                ++result.tickets;
        }
        since = page->value(u"next"_s).toInteger();
        if (!page->value(u"more"_s).toBool())
            break;
    }
    result.seconds = Tessera::Bench::seconds(timer);
    return result;
}

struct Workload
{
    int tickets = 100'000;
    // The demo's own average is 5; at 100 000 tickets seeding that takes
    // over three minutes here and the first sync over four, so the default
    // run uses 2 (about 7.7 entities per ticket instead of 10.7).
    int messagesPerTicket = 2;
    int edits = 200;
    int pullPage = Sync::SyncEngine::Options().pullPage;
    QString serverData; // kept between runs: seeded once, then reused
};

// The leads of a workspace seeded by an earlier run, from its database.
QStringList seededLeads(const QString &directory)
{
    const QString path = directory + u"/tessera.sqlite"_s;
    if (!QFileInfo::exists(path))
        return {};
    QStringList leads;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench-seeded"_s);
        db.setDatabaseName(path);
        QSqlQuery query(db);
        if (db.open()
            && query.exec(u"SELECT c.email FROM credentials c JOIN people p ON p.id = c.person_id"
                          u" WHERE p.data ->> 'role' = 'lead' ORDER BY c.email"_s)) {
            while (query.next())
                leads.append(query.value(0).toString());
        }
    }
    QSqlDatabase::removeDatabase(u"bench-seeded"_s);
    return leads;
}

// Seeding a workspace leaves its log to copy into the database file and
// the system writing a gigabyte back to disk. A team's server has long done
// both; so must this one before either figure is measured.
void settle(const QString &directory)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench-settle"_s);
        db.setDatabaseName(directory + u"/tessera.sqlite"_s);
        QSqlQuery query(db);
        if (!db.open() || !query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s) || !query.next()
            || query.value(0).toInt() != 0)
            std::fprintf(stderr, "warning: the server's log was not copied completely\n");
    }
    QSqlDatabase::removeDatabase(u"bench-settle"_s);
#ifdef Q_OS_UNIX
    ::sync();
#endif
}

int run(const Workload &workload)
{
    const auto figure = [](const QString &metric, double value, const QString &unit,
                            double baseline = -1, const QString &note = {}) {
        print({ Bench, metric, value, unit, baseline, {}, {}, note });
    };

    QTemporaryDir dir;
    Server::ServerConfig config; // 127.0.0.1, a free port, SQLite in `dir`
    config.dataDirectory = workload.serverData.isEmpty() ? dir.path() : workload.serverData;
    QStringList leads = seededLeads(config.dataDirectory);
    QElapsedTimer timer;
    Server::ServerThread server(config);
    if (auto started = server.start(); !started) {
        std::fprintf(stderr, "cannot start the server: %s\n", qPrintable(started.error().message));
        return 1;
    }

    if (leads.isEmpty()) {
        DemoOptions demo;
        demo.tickets = workload.tickets;
        demo.messagesPerTicket = workload.messagesPerTicket;
        std::fprintf(stderr, "seeding %d tickets (about %d messages each)…\n", demo.tickets,
            demo.messagesPerTicket);
        timer.start();
        Result<QList<std::pair<QString, Role>>> logins = Error::invalid(u"not seeded"_s);
        server.run(
            [&](Server::EmbeddedServer &s) { logins = s.store()->seedDemo(demo, Password); });
        if (!logins) {
            std::fprintf(
                stderr, "cannot seed the demo data: %s\n", qPrintable(logins.error().message));
            return 1;
        }
        std::fprintf(stderr, "seeded in %.1f s\n", seconds(timer));

        // Two leads: each sees every ticket.
        for (const auto &[email, role] : logins.value()) {
            if (role == Role::Lead)
                leads.append(email);
        }
    } else {
        std::fprintf(
            stderr, "reusing the workspace seeded in %s\n", qPrintable(config.dataDirectory));
    }
    if (leads.size() < 2) {
        std::fprintf(stderr, "the demo data has fewer than two leads\n");
        return 1;
    }
    const QString &leadEmail = leads.at(0);

    settle(config.dataDirectory);
    // The baseline first: it also warms the server's caches for the sync.
    const RawPull raw = pullRaw(server.baseUrl(), leadEmail, workload.pullPage);
    if (raw.seconds < 0)
        std::fprintf(stderr, "the raw pull of the change feed failed\n");
    else
        std::fprintf(stderr, "raw pull: %lld snapshots (%lld tickets) in %.2f s\n",
            static_cast<long long>(raw.snapshots), static_cast<long long>(raw.tickets),
            raw.seconds);
    const double rawTicketsPerSecond = raw.seconds > 0 ? double(raw.tickets) / raw.seconds : -1;

    // The lead's first sync into an empty cache: from start() until the
    // engine is idle and online, everything stored.
    Sync::SyncEngine::Options options;
    options.pullPage = workload.pullPage;
    Client lead;
    if (!lead.signIn(server.baseUrl(), leadEmail, options))
        return 1;
    timer.restart();
    lead.engine->start();
    if (!waitUntil([&] { return lead.settled(); }, 600'000)) {
        std::fprintf(stderr, "the first sync did not finish within 10 minutes\n");
        return 1;
    }
    const double firstSync = seconds(timer);
    qint64 entities = 0;
    qint64 tickets = 0;
    QStringList perKind;
    for (const auto &[kind, count] : lead.counts()) {
        entities += count;
        if (kind == EntityKind::Ticket)
            tickets = count;
        if (count > 0)
            perKind.append(u"%1 %2"_s.arg(count).arg(toWireName(kind)));
    }
    std::fprintf(stderr, "first sync: %s\n", qPrintable(perKind.join(u", "_s)));
    if (tickets != workload.tickets)
        std::fprintf(stderr, "warning: %lld tickets in the cache, %d on the server\n",
            static_cast<long long>(tickets), workload.tickets);
    const QString target = u"target ≤ 15 s for 100000 tickets"_s;
    figure(u"first_sync_s"_s, firstSync, u"s"_s, raw.seconds,
        u"%1 tickets; baseline: the raw pull of the same feed; %2"_s.arg(tickets).arg(target));
    figure(u"first_sync_tickets_per_s"_s, double(tickets) / firstSync, u"tickets/s"_s,
        rawTicketsPerSecond, u"baseline: the raw pull of the same feed, parsed, not stored"_s);
    figure(u"first_sync_entities"_s, double(entities), u"entities"_s,
        raw.seconds > 0 ? double(raw.snapshots) : -1,
        u"every entity kind in the cache; baseline: snapshots in the feed"_s);

    const auto cacheSize = [](const Store &store) {
        return double(QFileInfo(store.path()).size() + QFileInfo(store.path() + u"-wal"_s).size())
            / (1024.0 * 1024.0);
    };
    std::fprintf(stderr, "the lead's cache: %.0f MiB\n", cacheSize(*lead.store));

    // Propagation: the lead edits tickets, one at a time; the latency runs
    // from the lead's Store::apply until a colleague's cache announces the
    // ticket with the new title. The colleague, another lead, starts from a
    // copy of the lead's cache, in step already: a second first sync would
    // only make the run longer.
    timer.restart();
    lead.engine->stop();
    // Everything into the main file, which is then copied whole; had the
    // checkpoint stopped short, the colleague's first round would catch up.
    if (QSqlQuery checkpoint(lead.store->connection());
        !checkpoint.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s) || !checkpoint.next()
        || checkpoint.value(0).toInt() != 0)
        std::fprintf(stderr, "warning: the lead's cache was not checkpointed completely\n");
    Client colleague;
    if (!colleague.signIn(server.baseUrl(), leads.at(1), options, lead.store->path()))
        return 1;
    lead.engine->start();
    colleague.engine->start();
    if (!waitUntil([&] { return lead.settled() && colleague.settled(); }, 120'000)) {
        std::fprintf(stderr, "the engines did not settle after the copy\n");
        return 1;
    }
    std::fprintf(stderr, "the colleague's cache copied and in step in %.1f s\n", seconds(timer));
    QStringList ticketIds;
    {
        QSqlQuery query(lead.store->connection());
        if (!query.exec(u"SELECT id FROM tickets ORDER BY seq LIMIT %1"_s.arg(workload.edits)))
            return 1;
        while (query.next())
            ticketIds.append(query.value(0).toString());
    }
    if (ticketIds.isEmpty()) {
        std::fprintf(stderr, "no ticket to edit\n");
        return 1;
    }
    // Both engines listen on the stream before the first edit.
    QTest::qWait(500);

    EntityId edited;
    QString expected;
    QElapsedTimer clock;
    clock.start();
    qint64 sent = 0;
    qint64 arrived = 0;
    QObject::connect(colleague.store.get(), &Store::changed, colleague.store.get(),
        [&](EntityKind kind, const QList<EntityId> &ids) {
            if (arrived || kind != EntityKind::Ticket || !ids.contains(edited))
                return;
            const auto json = colleague.store->entityJson(kind, edited);
            if (json && json->value(u"title"_s).toString() == expected)
                arrived = clock.nsecsElapsed();
        });
    QList<double> latencies;
    int lost = 0;
    for (int i = 0; i < workload.edits; ++i) {
        const QString &id = ticketIds.at(i % ticketIds.size());
        edited = EntityId::fromString(id);
        const auto current = lead.store->entityJson(EntityKind::Ticket, edited);
        if (!current) {
            std::fprintf(stderr, "ticket %s is not in the lead's cache\n", qPrintable(id));
            return 1;
        }
        expected = u"Propagation edit %1"_s.arg(i);
        arrived = 0;
        sent = clock.nsecsElapsed();
        if (auto done = lead.store->apply(Mutation::updating(
                EntityKind::Ticket, edited, *current, QJsonObject { { u"title"_s, expected } }));
            !done) {
            std::fprintf(stderr, "edit %d failed: %s\n", i, qPrintable(done.error().message));
            return 1;
        }
        if (waitUntil([&] { return arrived > 0; }, 10'000))
            latencies.append(double(arrived - sent) / 1e6);
        else
            ++lost;
        // The next edit starts from quiet engines.
        if (!waitUntil([&] { return lead.settled() && colleague.settled(); }, 10'000))
            std::fprintf(stderr, "edit %d: the engines did not settle within 10 s\n", i);
    }
    if (lost)
        std::fprintf(stderr, "%d of %d edits did not reach the colleague within 10 s\n", lost,
            workload.edits);
    const QString editsNote
        = u"%1 edits, lead to lead, WebSocket stream on; target p95 ≤ 250 ms"_s.arg(
            latencies.size());
    figure(u"propagation_ms_p50"_s, percentile(latencies, 0.5), u"ms"_s, -1, editsNote);
    figure(u"propagation_ms_p95"_s, percentile(latencies, 0.95), u"ms"_s, -1, editsNote);
    figure(u"peak_rss_mb"_s, peakRssMb(), u"MiB"_s, -1,
        u"the whole process: the server with its data and both clients"_s);

    colleague.engine->stop();
    lead.engine->stop();
    server.stop();
    return lost ? 1 : 0;
}

} // namespace

int runSyncBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Sync benchmark: first sync and edit propagation against a server on 127.0.0.1."_s);
    parser.addHelpOption();
    const Workload defaults;
    const QCommandLineOption ticketsOption(u"tickets"_s,
        u"Demo tickets on the server (default %1)."_s.arg(defaults.tickets), u"n"_s,
        QString::number(defaults.tickets));
    const QCommandLineOption messagesOption(u"messages-per-ticket"_s,
        u"Demo messages per ticket, on average (default %1; the demo's own is 5)."_s.arg(
            defaults.messagesPerTicket),
        u"n"_s, QString::number(defaults.messagesPerTicket));
    const QCommandLineOption editsOption(u"edits"_s,
        u"Edits whose propagation is timed (default %1)."_s.arg(defaults.edits), u"n"_s,
        QString::number(defaults.edits));
    const QCommandLineOption pageOption(u"page"_s,
        u"Changes per pull page, for the engine and the baseline (default %1)."_s.arg(
            defaults.pullPage),
        u"n"_s, QString::number(defaults.pullPage));
    const QCommandLineOption serverDataOption(u"server-data"_s,
        u"The server's data directory, kept after the run; a later run with the same one reuses"
        u" its seeded workspace (and ignores --tickets and --messages-per-ticket)."_s,
        u"dir"_s);
    parser.addOptions({ ticketsOption, messagesOption, editsOption, pageOption, serverDataOption });
    parser.process(arguments);
    Workload workload;
    workload.tickets = std::max(1, parser.value(ticketsOption).toInt());
    workload.messagesPerTicket = std::max(1, parser.value(messagesOption).toInt());
    workload.edits = std::max(1, parser.value(editsOption).toInt());
    workload.pullPage = std::clamp(parser.value(pageOption).toInt(), 1, 5000);
    workload.serverData = parser.value(serverDataOption);
    return run(workload);
}

} // namespace Tessera::Bench
