// SPDX-License-Identifier: GPL-3.0-or-later
// The server on a thread of its own: it answers while its owner is busy, its
// database connections are its thread's, and it stops and joins cleanly.
#include "demo/demodata.h"
#include "serverclient.h"
#include "serverstore.h"
#include "serverthread.h"

#include <QHash>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {
const QString Password = u"tessera-demo"_s;
} // namespace

class TestServerThread : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    Server::ServerConfig config() const { return { QHostAddress::LocalHost, 0, m_dir->path() }; }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>(); // each test on a database of its own
        QVERIFY(m_dir->isValid());
    }

    void servesFromItsOwnThread()
    {
        Server::ServerThread server(config());
        const auto port = server.start();
        QVERIFY2(port.isOk(), qPrintable(port.error().message));
        QVERIFY(port.value() != 0);
        QVERIFY(server.isRunning());
        QCOMPARE(server.port(), port.value());
        QCOMPARE(server.baseUrl(), u"http://127.0.0.1:%1"_s.arg(port.value()));
        QVERIFY(server.thread());
        QVERIFY(server.thread() != QThread::currentThread());

        // Seeding goes through the server's thread, where its store lives.
        QThread *ranOn = nullptr;
        QThread *serverLivesOn = nullptr;
        QList<std::pair<QString, Role>> logins;
        server.run([&](Server::EmbeddedServer &s) {
            ranOn = QThread::currentThread();
            serverLivesOn = s.thread();
            DemoOptions options;
            options.tickets = 30;
            if (auto seeded = s.store()->seedDemo(options, Password))
                logins = seeded.value();
        });
        QCOMPARE(ranOn, server.thread());
        QCOMPARE(serverLivesOn, server.thread());
        QVERIFY(!logins.isEmpty());
        QString email = logins.first().first;
        for (const auto &[login, role] : std::as_const(logins)) {
            if (login == u"beatriz.souza@tessera.example"_s)
                email = login;
        }

        Test::ServerClient client(server.baseUrl());
        const auto health = client.get(u"/api/v1/health"_s);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json.value(u"status"_s).toString(), u"ok"_s);
        QVERIFY2(client.login(email, Password), qPrintable(email));
        const auto changes = client.get(u"/api/v1/changes?since=0&limit=5"_s);
        QCOMPARE(changes.status, 200);
        QVERIFY(changes.json.contains(u"next"_s));
        QCOMPARE(client.get(u"/api/v1/tickets"_s).status, 200);

        // The database was only ever used from the server's thread: one
        // connection (a database's connections are one per thread, the
        // thread's number last), and the requests above were served by it.
        QHash<QString, QStringList> connections; // database → its connections
        const QStringList names = QSqlDatabase::connectionNames();
        for (const QString &name : names) {
            if (name.startsWith(u"tessera.server."_s))
                connections[name.section(u'.', 0, -2)].append(name);
        }
        QVERIFY(!connections.isEmpty());
        for (auto it = connections.cbegin(); it != connections.cend(); ++it)
            QVERIFY2(it.value().size() == 1, qPrintable(it.value().join(u", "_s)));
    }

    void answersWhileItsOwnerIsBlocked()
    {
        Server::ServerThread server(config());
        const auto port = server.start();
        QVERIFY(port.isOk());
        // Blocking calls, no event loop here: only a server on another
        // thread can answer.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port.value());
        QVERIFY(socket.waitForConnected(10'000));
        socket.write("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(10'000));
        QByteArray response;
        while (!response.contains("\"ok\"") && socket.waitForReadyRead(10'000))
            response += socket.readAll();
        QVERIFY2(response.startsWith("HTTP/1.1 200"), response.constData());
        QVERIFY2(response.contains("\"status\":\"ok\""), response.constData());
    }

    void stopClosesStreamsAndThePort()
    {
        Server::ServerThread server(config());
        QVERIFY(server.start().isOk());
        QString email;
        server.run([&](Server::EmbeddedServer &s) {
            if (s.store()->initAdmin(u"admin@thread.example"_s, Password))
                email = u"admin@thread.example"_s;
        });
        QVERIFY(!email.isEmpty());
        Test::ServerClient client(server.baseUrl());
        QVERIFY(client.login(email, Password));

        QUrl url(server.baseUrl() + u"/api/v1/stream?token="_s + QString::fromLatin1(client.token));
        url.setScheme(u"ws"_s);
        QWebSocket stream;
        QSignalSpy received(&stream, &QWebSocket::textMessageReceived);
        QSignalSpy disconnected(&stream, &QWebSocket::disconnected);
        stream.open(url);
        QVERIFY(received.wait(10'000));

        const QString health = server.baseUrl() + u"/api/v1/health"_s;
        server.stop();
        QVERIFY(!server.isRunning());
        QCOMPARE(server.thread(), nullptr);
        QVERIFY(disconnected.count() > 0 || disconnected.wait(10'000));
        QCOMPARE(Test::ServerClient(health).get({}).status, 0); // connection refused
        server.stop(); // twice is harmless

        // And it starts again, on a new thread, over the same data.
        const auto again = server.start();
        QVERIFY2(again.isOk(), qPrintable(again.error().message));
        Test::ServerClient afterRestart(server.baseUrl());
        QVERIFY(afterRestart.login(email, Password));
    }

    void failureToStartIsReported()
    {
        Server::ServerThread first(config());
        const auto port = first.start();
        QVERIFY(port.isOk());
        Server::ServerThread second({ QHostAddress::LocalHost, port.value(), m_dir->path() });
        const auto again = second.start();
        QVERIFY(!again.isOk());
        QCOMPARE(again.error().code, Error::Code::Network);
        QVERIFY(!second.isRunning());
        QCOMPARE(second.thread(), nullptr);
        second.run([](Server::EmbeddedServer &) { QFAIL("no server to run on"); });
    }

    void destroyedWhileServing()
    {
        auto server = std::make_unique<Server::ServerThread>(config());
        QVERIFY(server->start().isOk());
        Test::ServerClient client(server->baseUrl());
        QCOMPARE(client.get(u"/api/v1/health"_s).status, 200);
        server.reset(); // stops and joins
    }
};

QTEST_GUILESS_MAIN(TestServerThread)
#include "tst_serverthread.moc"
