// SPDX-License-Identifier: GPL-3.0-or-later
// `tessera-bench server`: the server over HTTP on 127.0.0.1, per backend
// (SQLite, then PostgreSQL on a throwaway cluster): ticket-create mutations
// per second in batches of 100 (beside raw INSERTs of as many narrow rows on
// the same backend), change-feed pull throughput, and WebSocket cursor
// fan-out latency to 200 clients.
#include "benchmarks.h"
#include "demo/demodata.h"
#include "embeddedserver.h"
#include "postgrescluster.h"
#include "protocol/codecs.h"
#include "serverstore.h"
#include "store/database.h"
#include "store/transaction.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Tessera::Bench {

namespace {

const QString Bench = u"server"_s;

struct Http
{
    QNetworkAccessManager network;
    QString base;
    QByteArray token;

    QJsonObject call(const QByteArray &verb, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest request { QUrl(base + path) };
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        finished.wait(60'000);
        return QJsonDocument::fromJson(reply->readAll()).object();
    }
};

QByteArray createBatch(int count, const DepartmentId &department)
{
    QJsonArray items;
    for (int i = 0; i < count; ++i) {
        Ticket t;
        t.id = TicketId::create();
        t.title = u"Benchmark ticket %1"_s.arg(i);
        t.departmentId = department;
        items.append(Protocol::toJson(Mutation::creating(EntityKind::Ticket, t)));
    }
    return QJsonDocument(QJsonObject { { u"mutations"_s, items } }).toJson(QJsonDocument::Compact);
}

struct Workload
{
    int batches = 50; // of 100 creates
    int clients = 200;
    int rounds = 30;
};

/// The baseline of the create figure: raw INSERTs of `rows` narrow rows in
/// one transaction per 100, through QSqlQuery on a connection opened like
/// the server's (`location`: a SQLite file or a postgresql:// URL). Rows per
/// second, or -1; `durability` gets the engine's write-durability settings.
double rawInsertsPerSecond(const QString &location, int rows, QString *durability)
{
    Sql::Database database(location, u"bench.baseline"_s);
    QStringList ids;
    for (int i = 0; i < rows; ++i)
        ids.append(QUuid::createUuid().toString(QUuid::WithoutBraces));
    const QString department = QUuid::createUuid().toString(QUuid::WithoutBraces);
    double rate = -1;
    {
        QSqlDatabase db = database.connection();
        if (!db.isOpen())
            return -1;
        QSqlQuery query(db);
        if (database.dialect() == Sql::Dialect::Postgres) {
            QStringList settings;
            for (const QString &name :
                { u"fsync"_s, u"synchronous_commit"_s, u"full_page_writes"_s }) {
                if (query.exec(u"SHOW "_s + name) && query.next())
                    settings.append(name + u'=' + query.value(0).toString());
            }
            *durability = settings.join(u", "_s);
        } else {
            static const QStringList levels { u"OFF"_s, u"NORMAL"_s, u"FULL"_s, u"EXTRA"_s };
            QStringList settings;
            if (query.exec(u"PRAGMA journal_mode"_s) && query.next())
                settings.append(u"journal_mode="_s + query.value(0).toString());
            if (query.exec(u"PRAGMA synchronous"_s) && query.next())
                settings.append(u"synchronous="_s + levels.value(query.value(0).toInt(), u"?"_s));
            *durability = settings.join(u", "_s);
        }
        if (!query.exec(u"CREATE TABLE baseline (id TEXT PRIMARY KEY, title TEXT NOT NULL,"
                        u" department_id TEXT NOT NULL)"_s)
            || !query.prepare(
                u"INSERT INTO baseline (id, title, department_id) VALUES (?, ?, ?)"_s))
            return -1;
        QElapsedTimer timer;
        timer.start();
        for (int first = 0; first < rows; first += 100) {
            Sql::Transaction tx(db);
            if (!tx.isActive())
                return -1;
            for (int i = first; i < std::min(rows, first + 100); ++i) {
                query.bindValue(0, ids.at(i));
                query.bindValue(1, u"Benchmark ticket %1"_s.arg(i - first));
                query.bindValue(2, department);
                if (!query.exec())
                    return -1;
            }
            if (!tx.commit())
                return -1;
        }
        rate = rows / (double(timer.nsecsElapsed()) / 1e9);
    }
    return rate;
}

/// The whole workload on a fresh server over `databaseUrl` (empty: SQLite in
/// a temporary folder); `baselineLocation` as for rawInsertsPerSecond().
/// `note`: added to the create figure, about how durable the writes were.
bool runBackend(const QString &backend, const QString &databaseUrl, const QString &baselineLocation,
    const QString &note, const Workload &workload)
{
    const auto figure = [&](const QString &metric, double value, const QString &unit,
                            double baseline = -1, const QString &remark = {}) {
        print({ Bench, metric, value, unit, baseline, u"backend"_s, backend, remark });
    };
    QTemporaryDir dir;
    QString durability;
    const double rawRate = rawInsertsPerSecond(
        baselineLocation.isEmpty() ? dir.filePath(u"baseline.sqlite"_s) : baselineLocation,
        workload.batches * 100, &durability);
    if (rawRate < 0)
        std::fprintf(stderr, "%s: the raw-INSERT baseline failed\n", qPrintable(backend));

    Server::ServerConfig config; // 127.0.0.1, a free port
    config.dataDirectory = dir.path();
    config.databaseUrl = databaseUrl;
    Server::EmbeddedServer server(config);
    if (auto started = server.start(); !started) {
        std::fprintf(stderr, "%s: cannot start the server: %s\n", qPrintable(backend),
            qPrintable(started.error().message));
        return false;
    }
    DemoOptions options;
    options.tickets = 1000;
    const auto logins = server.store()->seedDemo(options, u"benchmark password"_s);
    if (!logins) {
        std::fprintf(stderr, "%s: cannot seed the demo data: %s\n", qPrintable(backend),
            qPrintable(logins.error().message));
        return false;
    }
    Http http;
    http.base = server.baseUrl();
    QString leadEmail;
    for (const auto &[email, role] : logins.value()) {
        if (role == Role::Lead && leadEmail.isEmpty())
            leadEmail = email;
    }
    const QJsonObject login = http.call("POST", u"/api/v1/auth/login"_s,
        QJsonDocument(
            QJsonObject { { u"email"_s, leadEmail }, { u"password"_s, u"benchmark password"_s } })
            .toJson());
    http.token = login.value(u"token"_s).toString().toLatin1();
    const DepartmentId department
        = DepartmentId::fromString(login[u"user"_s][u"department_ids"_s][0].toString());

    // Creates, 100 per batch, each batch one request and one transaction.
    QList<QByteArray> bodies;
    for (int b = 0; b < workload.batches; ++b)
        bodies.append(createBatch(100, department));
    QElapsedTimer timer;
    timer.start();
    for (const QByteArray &body : std::as_const(bodies))
        http.call("POST", u"/api/v1/mutations"_s, body);
    const QString durabilityNote = note.isEmpty() ? durability : durability + u"; "_s + note;
    figure(u"create_mutations_per_s"_s,
        workload.batches * 100 / (double(timer.nsecsElapsed()) / 1e9), u"mutations/s"_s, rawRate,
        durabilityNote);

    // A full pull of the feed, as a new client's first sync.
    timer.restart();
    qint64 since = 0;
    qint64 snapshots = 0;
    for (;;) {
        const QJsonObject page
            = http.call("GET", u"/api/v1/changes?since=%1&limit=5000"_s.arg(since));
        snapshots += page[u"changes"_s].toArray().size();
        since = page[u"next"_s].toInteger();
        if (!page[u"more"_s].toBool())
            break;
    }
    figure(u"changes_snapshots_per_s"_s, snapshots / (double(timer.nsecsElapsed()) / 1e9),
        u"snapshots/s"_s);

    // Fan-out: one ticket change, until every client has its cursor.
    const int clients = workload.clients;
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    std::vector<qint64> arrived(size_t(clients), 0);
    QElapsedTimer clock;
    clock.start();
    QUrl url(server.baseUrl() + u"/api/v1/stream?token="_s + QString::fromLatin1(http.token));
    url.setScheme(u"ws"_s);
    int connected = 0;
    for (int i = 0; i < clients; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QObject::connect(
            socket.get(), &QWebSocket::connected, socket.get(), [&connected] { ++connected; });
        QObject::connect(socket.get(), &QWebSocket::textMessageReceived, socket.get(),
            [&arrived, &clock, i](const QString &) { arrived[size_t(i)] = clock.nsecsElapsed(); });
        socket->open(url);
        sockets.push_back(std::move(socket));
    }
    if (!waitUntil([&] { return connected == clients; }, 60'000))
        std::fprintf(stderr, "%s: %d of %d WebSocket clients connected\n", qPrintable(backend),
            connected, clients);
    QTest::qWait(200); // the greeting cursor each client gets on connect
    QList<double> latencies;
    for (int round = 0; round < workload.rounds; ++round) {
        std::fill(arrived.begin(), arrived.end(), 0);
        const QByteArray body = createBatch(1, department);
        const qint64 sent = clock.nsecsElapsed();
        http.call("POST", u"/api/v1/mutations"_s, body);
        const bool all = waitUntil(
            [&] {
                return std::all_of(arrived.begin(), arrived.end(), [](qint64 t) { return t > 0; });
            },
            10'000);
        for (qint64 t : arrived) {
            if (t > 0)
                latencies.append(double(t - sent) / 1e6);
        }
        if (!all) { // a stuck stream: stop here rather than wait out every round
            std::fprintf(stderr, "%s: fan-out round %d reached %d of %d clients; stopping\n",
                qPrintable(backend), round + 1,
                int(std::count_if(arrived.begin(), arrived.end(), [](qint64 t) { return t > 0; })),
                clients);
            break;
        }
    }
    std::sort(latencies.begin(), latencies.end());
    const double p95
        = latencies.isEmpty() ? -1 : latencies.at(qsizetype(0.95 * double(latencies.size() - 1)));
    figure(u"ws_fanout_ms_p95"_s, p95, u"ms"_s);
    figure(u"ws_clients"_s, double(connected), u"count"_s);
    sockets.clear();
    server.stop();
    return true;
}

} // namespace

int runServerBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Server benchmark, on SQLite then on PostgreSQL."_s);
    parser.addHelpOption();
    const QCommandLineOption batchesOption(
        u"batches"_s, u"Batches of 100 creates (default 50)."_s, u"n"_s, u"50"_s);
    const QCommandLineOption clientsOption(
        u"clients"_s, u"WebSocket clients (default 200)."_s, u"n"_s, u"200"_s);
    const QCommandLineOption roundsOption(
        u"rounds"_s, u"Fan-out rounds (default 30)."_s, u"n"_s, u"30"_s);
    const QCommandLineOption backendOption(u"backend"_s,
        u"sqlite, postgresql or both (default both). PostgreSQL runs on a throwaway"
        u" cluster; when it is unavailable, both measures SQLite alone."_s,
        u"name"_s, u"both"_s);
    parser.addOptions({ batchesOption, clientsOption, roundsOption, backendOption });
    parser.process(arguments);
    Workload workload;
    workload.batches = std::max(1, parser.value(batchesOption).toInt());
    workload.clients = std::max(1, parser.value(clientsOption).toInt());
    workload.rounds = std::max(1, parser.value(roundsOption).toInt());
    const QString choice = parser.value(backendOption);
    if (choice != u"sqlite"_s && choice != u"postgresql"_s && choice != u"both"_s) {
        std::fprintf(
            stderr, "--backend: sqlite, postgresql or both, not '%s'\n", qPrintable(choice));
        return 2;
    }

    if (choice != u"postgresql"_s) {
        if (!runBackend(u"sqlite"_s, {}, {}, {}, workload))
            return 1;
    }
    if (choice == u"sqlite"_s)
        return 0;

    // PostgreSQL: two databases of one throwaway cluster, the server's and the baseline's.
    QString why;
    Test::PostgresCluster *cluster = Test::sharedPostgres(&why);
    QString serverUrl;
    QString baselineUrl;
    if (cluster) {
        serverUrl = cluster->createDatabase();
        baselineUrl = serverUrl.isEmpty() ? QString() : cluster->createDatabase();
        if (baselineUrl.isEmpty())
            why = cluster->errorString();
    }
    if (baselineUrl.isEmpty()) {
        std::fprintf(
            stderr, "PostgreSQL is not available, no postgresql figures: %s\n", qPrintable(why));
        return choice == u"postgresql"_s ? 1 : 0;
    }
    std::fprintf(stderr,
        "note: the PostgreSQL cluster is a throwaway one without durability (fsync off),"
        " while SQLite writes with synchronous=FULL; compare write figures with that in mind\n");
    return runBackend(u"postgresql"_s, serverUrl, baselineUrl,
               u"a throwaway cluster, not durable (SQLite: synchronous=FULL)"_s, workload)
        ? 0
        : 1;
}

} // namespace Tessera::Bench
