// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends.h"
#include "embeddedserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestHealth : public QObject
{
    Q_OBJECT

private:
    struct Reply
    {
        int status = 0;
        QByteArray contentType;
        QByteArray body;
    };

    Reply get(const QString &url)
    {
        QNetworkRequest request { QUrl(url) };
        std::unique_ptr<QNetworkReply> reply(m_network.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(10'000))
            return {};
        return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
            reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), reply->readAll() };
    }

    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase_data() { Test::addBackendRows(); }

    void answersHealthOnLoopback()
    {
        TESSERA_DATABASE_URL(url);
        Server::EmbeddedServer server({ QHostAddress::LocalHost, 0, m_dir.path(), url });
        const auto port = server.start();
        QVERIFY2(port.isOk(), qPrintable(port.error().message));
        QVERIFY(port.value() != 0);
        QCOMPARE(server.baseUrl(), u"http://127.0.0.1:%1"_s.arg(port.value()));

        const Reply reply = get(server.baseUrl() + u"/api/v1/health"_s);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.contentType.startsWith("application/json"));
        QJsonParseError error;
        const QJsonObject body = QJsonDocument::fromJson(reply.body, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(body.value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(body.value(u"version"_s).toString(), QStringLiteral(TESSERA_VERSION));
    }

    void unknownEndpointIsJson404()
    {
        TESSERA_DATABASE_URL(url);
        Server::EmbeddedServer server({ QHostAddress::LocalHost, 0, m_dir.path(), url });
        QVERIFY(server.start().isOk());
        const Reply reply = get(server.baseUrl() + u"/api/v1/nope"_s);
        QCOMPARE(reply.status, 404);
        const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
        QCOMPARE(body.value(u"error"_s).toObject().value(u"code"_s).toString(), u"not_found"_s);
    }

    void stopClosesThePort()
    {
        TESSERA_DATABASE_URL(database);
        Server::EmbeddedServer server({ QHostAddress::LocalHost, 0, m_dir.path(), database });
        QVERIFY(server.start().isOk());
        const QString url = server.baseUrl() + u"/api/v1/health"_s;
        server.stop();
        QVERIFY(!server.isRunning());
        QCOMPARE(get(url).status, 0); // connection refused: no HTTP status
        server.stop(); // twice is harmless
    }

    void busyPortIsAClearError()
    {
        TESSERA_DATABASE_URL(url);
        Server::EmbeddedServer first({ QHostAddress::LocalHost, 0, m_dir.path(), url });
        const auto port = first.start();
        QVERIFY(port.isOk());
        Server::EmbeddedServer second({ QHostAddress::LocalHost, port.value(), m_dir.path(), url });
        const auto again = second.start();
        QVERIFY(!again.isOk());
        QCOMPARE(again.error().code, Error::Code::Network);
        QVERIFY2(again.error().message.contains(QString::number(port.value())),
            qPrintable(again.error().message));
    }
};

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
