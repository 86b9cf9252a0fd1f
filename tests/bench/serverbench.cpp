// SPDX-License-Identifier: GPL-3.0-or-later
// `tessera-bench server`: the server over HTTP on 127.0.0.1, per backend:
// ticket-create mutations per second in batches of 100, change-feed pull
// throughput, and WebSocket cursor fan-out latency to 200 clients.
#include "benchmarks.h"
#include "demo/demodata.h"
#include "embeddedserver.h"
#include "protocol/codecs.h"
#include "serverstore.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

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

} // namespace

int runServerBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Server benchmark."_s);
    parser.addHelpOption();
    const QCommandLineOption batchesOption(
        u"batches"_s, u"Batches of 100 creates (default 50)."_s, u"n"_s, u"50"_s);
    const QCommandLineOption clientsOption(
        u"clients"_s, u"WebSocket clients (default 200)."_s, u"n"_s, u"200"_s);
    const QCommandLineOption roundsOption(
        u"rounds"_s, u"Fan-out rounds (default 30)."_s, u"n"_s, u"30"_s);
    parser.addOptions({ batchesOption, clientsOption, roundsOption });
    parser.process(arguments);
    const int batches = std::max(1, parser.value(batchesOption).toInt());
    const int clients = std::max(1, parser.value(clientsOption).toInt());
    const int rounds = std::max(1, parser.value(roundsOption).toInt());

    // PostgreSQL is the second backend of the design; this build serves SQLite only.
    const QString backend = u"sqlite"_s;
    QTemporaryDir dir;
    Server::EmbeddedServer server({ QHostAddress::LocalHost, 0, dir.path() });
    if (auto started = server.start(); !started) {
        std::fprintf(stderr, "cannot start the server: %s\n", qPrintable(started.error().message));
        return 1;
    }
    DemoOptions options;
    options.tickets = 1000;
    const auto logins = server.store()->seedDemo(options, u"benchmark password"_s);
    if (!logins)
        return 1;
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
    const auto figure = [&](const QString &metric, double value, const QString &unit) {
        print({ Bench, metric, value, unit, -1, u"backend"_s, backend });
    };

    // Creates, 100 per batch, each batch one request and one transaction.
    QList<QByteArray> bodies;
    for (int b = 0; b < batches; ++b)
        bodies.append(createBatch(100, department));
    QElapsedTimer timer;
    timer.start();
    for (const QByteArray &body : std::as_const(bodies))
        http.call("POST", u"/api/v1/mutations"_s, body);
    figure(u"create_mutations_per_s"_s, batches * 100 / (double(timer.nsecsElapsed()) / 1e9),
        u"mutations/s"_s);

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
    QTest::qWaitFor([&] { return connected == clients; }, 60'000);
    QTest::qWait(200); // the greeting cursor each client gets on connect
    QList<double> latencies;
    for (int round = 0; round < rounds; ++round) {
        std::fill(arrived.begin(), arrived.end(), 0);
        const QByteArray body = createBatch(1, department);
        const qint64 sent = clock.nsecsElapsed();
        http.call("POST", u"/api/v1/mutations"_s, body);
        QTest::qWaitFor(
            [&] {
                return std::all_of(arrived.begin(), arrived.end(), [](qint64 t) { return t > 0; });
            },
            10'000);
        for (qint64 t : arrived) {
            if (t > 0)
                latencies.append(double(t - sent) / 1e6);
        }
    }
    std::sort(latencies.begin(), latencies.end());
    const double p95
        = latencies.isEmpty() ? -1 : latencies.at(qsizetype(0.95 * double(latencies.size() - 1)));
    figure(u"ws_fanout_ms_p95"_s, p95, u"ms"_s);
    print({ Bench, u"ws_clients"_s, double(connected), u"count"_s, -1, u"backend"_s, backend });
    sockets.clear();
    server.stop();
    return 0;
}

} // namespace Tessera::Bench
