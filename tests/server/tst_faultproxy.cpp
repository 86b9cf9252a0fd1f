// SPDX-License-Identifier: GPL-3.0-or-later
// The fault proxy in front of a real server: each fault as a client sees it,
// and what the server saw of it.
#include "demoserver.h"
#include "faultproxy.h"
#include "protocol/codecs.h"
#include "serverclient.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Fault = Test::FaultProxy::Fault;

namespace {
const QString Password = u"correct horse battery"_s;
const QString Health = u"/api/v1/health"_s;
const QString Mutations = u"/api/v1/mutations"_s;
// Qt tries a request twice when its connection closes unanswered.
constexpr int QtAttempts = 2;
} // namespace

class TestFaultProxy : public QObject
{
    Q_OBJECT

    struct Outcome
    {
        bool finished = false;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        int status = 0;
        QByteArray body;
    };

    Test::DemoServer m_demo;
    std::unique_ptr<Test::ServerClient> m_direct; // to the server, past the proxy
    std::unique_ptr<Test::FaultProxy> m_proxy;
    std::unique_ptr<QNetworkAccessManager> m_network; // fresh per test: no stale connections
    Person m_agent;

    Outcome send(
        const QByteArray &verb, const QString &path, const QByteArray &body = {}, int timeoutMs = 0)
    {
        QNetworkRequest request { QUrl(m_proxy->baseUrl() + path) };
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization", "Bearer " + m_direct->token);
        if (timeoutMs > 0)
            request.setTransferTimeout(timeoutMs);
        std::unique_ptr<QNetworkReply> reply(m_network->sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(20'000))
            return {};
        return { true, reply->error(),
            reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
            reply->isOpen() ? reply->readAll() : QByteArray() };
    }

    // A batch creating one ticket in the agent's department.
    QByteArray newTicket(TicketId *id)
    {
        Ticket t;
        t.id = TicketId::create();
        t.title = u"Through the proxy"_s;
        t.departmentId = m_agent.departmentIds.first();
        *id = t.id;
        const QJsonObject batch { { u"mutations"_s,
            QJsonArray { Protocol::toJson(Mutation::creating(EntityKind::Ticket, t)) } } };
        return QJsonDocument(batch).toJson(QJsonDocument::Compact);
    }

    // Whether the server committed the ticket, asked past the proxy.
    bool serverHas(TicketId id)
    {
        const QJsonArray changes
            = m_direct->get(u"/api/v1/changes?since=0&limit=5000"_s).json[u"changes"_s].toArray();
        for (const QJsonValue &change : changes) {
            if (change[u"id"_s].toString() == id.toString())
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_demo.start(5, Password));
        m_agent = m_demo.first(Role::Agent);
        m_direct = std::make_unique<Test::ServerClient>(m_demo.server->baseUrl());
        QVERIFY(m_direct->login(m_agent.email, Password));
    }

    void init()
    {
        m_proxy = std::make_unique<Test::FaultProxy>(u"127.0.0.1"_s, m_demo.server->port());
        QVERIFY(m_proxy->start());
        m_network = std::make_unique<QNetworkAccessManager>();
    }

    void forwardsRequests()
    {
        for (int i = 0; i < 3; ++i) { // one kept-alive connection
            const Outcome health = send("GET", Health);
            QCOMPARE(health.error, QNetworkReply::NoError);
            QCOMPARE(health.status, 200);
            QCOMPARE(QJsonDocument::fromJson(health.body)[u"status"_s].toString(), u"ok"_s);
        }
        TicketId id;
        QCOMPARE(send("POST", Mutations, newTicket(&id)).status, 200);
        QVERIFY(serverHas(id));
        QCOMPARE(m_proxy->forwardedCount(), 4);
        QCOMPARE(m_proxy->answeredCount(), 4);
        QCOMPARE(m_proxy->firedCount(), 0);
    }

    void dropRequestNeverReachesTheServer()
    {
        QSignalSpy fired(m_proxy.get(), &Test::FaultProxy::faultFired);
        m_proxy->arm(Fault::DropRequest, QtAttempts, 0, 0, Mutations);
        QCOMPARE(send("GET", Health).status, 200); // another path: untouched
        TicketId id;
        const Outcome dropped = send("POST", Mutations, newTicket(&id));
        QVERIFY(dropped.finished);
        QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
        QCOMPARE(m_proxy->forwardedCount(), 1);
        QCOMPARE(fired.size(), QtAttempts);
        QCOMPARE(fired[0][0].value<Fault>(), Fault::DropRequest);
        QCOMPARE(fired[0][1].toString(), Mutations);
        QVERIFY(!serverHas(id));
    }

    void dropResponseLosesACommittedAnswer()
    {
        m_proxy->arm(Fault::DropResponse, QtAttempts);
        TicketId id;
        const Outcome dropped = send("POST", Mutations, newTicket(&id));
        QVERIFY(dropped.finished);
        QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
        QCOMPARE(dropped.status, 0);
        QCOMPARE(m_proxy->answeredCount(), QtAttempts);
        QCOMPARE(m_proxy->firedCount(), QtAttempts);
        QVERIFY(serverHas(id));
    }

    // Why fault tests must expect duplicates: Qt silently sends a POST again.
    void qtResendsAnUnansweredPost()
    {
        m_proxy->arm(Fault::DropResponse);
        TicketId id;
        const Outcome resent = send("POST", Mutations, newTicket(&id));
        QCOMPARE(resent.error, QNetworkReply::NoError);
        QCOMPARE(resent.status, 200);
        QCOMPARE(m_proxy->forwardedCount(), 2);
        QCOMPARE(m_proxy->firedCount(), 1);
        QVERIFY(serverHas(id));
    }

    void hangTimesTheClientOut()
    {
        m_proxy->arm(Fault::Hang);
        TicketId id;
        const Outcome hung = send("POST", Mutations, newTicket(&id), 500);
        QVERIFY(hung.finished);
        QVERIFY(hung.error != QNetworkReply::NoError);
        QCOMPARE(hung.status, 0);
        QCOMPARE(m_proxy->forwardedCount(), 0);
        QCOMPARE(m_proxy->firedCount(), 1);
        QVERIFY(!serverHas(id));
    }

    void cutAfterBytesTruncatesTheAnswer()
    {
        const QString changes = u"/api/v1/changes?since=0"_s; // demo data: many kilobytes
        m_proxy->arm(Fault::CutAfterBytes, 1, 1000, 0, changes);
        const Outcome cut = send("GET", changes);
        QVERIFY(cut.finished);
        QCOMPARE(cut.status, 200); // the headers got through, so Qt does not resend
        QCOMPARE(cut.error, QNetworkReply::RemoteHostClosedError);
        QVERIFY(cut.body.size() < 1000);
        QCOMPARE(m_proxy->forwardedCount(), 1);
        QCOMPARE(m_proxy->firedCount(), 1);
    }

    void delayStillDelivers()
    {
        QSignalSpy fired(m_proxy.get(), &Test::FaultProxy::faultFired);
        m_proxy->arm(Fault::Delay, 1, 0, 300);
        const Outcome late = send("GET", Health);
        QCOMPARE(late.error, QNetworkReply::NoError);
        QCOMPARE(late.status, 200);
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired[0][0].value<Fault>(), Fault::Delay);
    }

    void offlineRefusesUntilHealed()
    {
        QCOMPARE(send("GET", Health).status, 200); // a kept-alive connection to cut
        m_proxy->arm(Fault::DropRequest, 5);
        m_proxy->setOffline(true);
        QVERIFY(m_proxy->isOffline());
        const Outcome offline = send("GET", Health);
        QVERIFY(offline.finished);
        QCOMPARE(offline.error, QNetworkReply::ConnectionRefusedError);
        QCOMPARE(offline.status, 0);
        QCOMPARE(m_proxy->forwardedCount(), 1);

        m_proxy->heal();
        QVERIFY(!m_proxy->isOffline());
        QCOMPARE(send("GET", Health).status, 200); // and no fault left armed
        QCOMPARE(m_proxy->firedCount(), 0);
    }

    void webSocketPassesAndIsCutOffline()
    {
        Test::ServerClient viaProxy(m_proxy->baseUrl());
        QVERIFY(viaProxy.login(m_agent.email, Password));
        QWebSocket socket;
        QSignalSpy message(&socket, &QWebSocket::textMessageReceived);
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        QUrl url(
            m_proxy->baseUrl() + u"/api/v1/stream?token="_s + QString::fromLatin1(viaProxy.token));
        url.setScheme(u"ws"_s);
        socket.open(url);
        QVERIFY(message.wait(10'000));
        QVERIFY(QJsonDocument::fromJson(message[0][0].toString().toUtf8()).isObject());

        m_proxy->setOffline(true);
        QVERIFY(disconnected.wait(10'000));
    }
};

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_faultproxy.moc"
