// SPDX-License-Identifier: GPL-3.0-or-later
// tessera-server over TLS: https:// for the API, wss:// for the stream, and
// a certificate or key that cannot work refused at start().
#include "embeddedserver.h"
#include "serverclient.h"
#include "serverstore.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {
const QString Password = u"correct horse battery"_s;
const QString AdminEmail = u"admin@tls.example"_s;
} // namespace

class TestTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
    QString m_otherKey; // a valid key of another certificate
    QSslConfiguration m_trusting; // trusts m_cert as its only CA

    // A self-signed certificate for 127.0.0.1 and its key, made by the openssl CLI.
    bool makeCertificate(const QString &cert, const QString &key)
    {
        QProcess openssl;
        openssl.start(u"openssl"_s,
            { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-subj"_s,
                u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-days"_s,
                u"2"_s, u"-keyout"_s, key, u"-out"_s, cert });
        if (!openssl.waitForFinished(60'000) || openssl.exitStatus() != QProcess::NormalExit
            || openssl.exitCode() != 0) {
            qWarning() << "openssl failed:" << openssl.readAllStandardError();
            return false;
        }
        return true;
    }

    Server::ServerConfig config(const QString &cert, const QString &key) const
    {
        return { QHostAddress::LocalHost, 0, m_dir.path(), {}, cert, key };
    }

    QString write(const QString &name, const QByteArray &content) const
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
            QSKIP("the openssl command is not installed");
        QVERIFY(m_dir.isValid());
        m_cert = m_dir.filePath(u"server.crt"_s);
        m_key = m_dir.filePath(u"server.key"_s);
        m_otherKey = m_dir.filePath(u"other.key"_s);
        QVERIFY(makeCertificate(m_cert, m_key));
        QVERIFY(makeCertificate(m_dir.filePath(u"other.crt"_s), m_otherKey));

        QFile file(m_cert);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QSslCertificate> ca = QSslCertificate::fromData(file.readAll());
        QCOMPARE(ca.size(), 1);
        m_trusting = QSslConfiguration::defaultConfiguration();
        m_trusting.setCaCertificates(ca);
    }

    void healthOverHttps()
    {
        Server::EmbeddedServer server(config(m_cert, m_key));
        const auto port = server.start();
        QVERIFY2(port.isOk(), qPrintable(port.error().message));
        QVERIFY(server.usesTls());
        QCOMPARE(server.baseUrl(), u"https://127.0.0.1:%1"_s.arg(port.value()));

        Test::ServerClient client(server.baseUrl());
        client.tls = m_trusting;
        const auto reply = client.get(u"/api/v1/health"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(reply.json.value(u"version"_s).toString(), QStringLiteral(TESSERA_VERSION));
    }

    void untrustedCertificateIsRefusedByClients()
    {
        Server::EmbeddedServer server(config(m_cert, m_key));
        QVERIFY(server.start().isOk());
        Test::ServerClient client(server.baseUrl()); // the system's CAs only
        QCOMPARE(client.get(u"/api/v1/health"_s).status, 0);
    }

    void plainHttpGetsNoAnswer()
    {
        Server::EmbeddedServer server(config(m_cert, m_key));
        const auto port = server.start();
        QVERIFY(port.isOk());
        Test::ServerClient client(u"http://127.0.0.1:%1"_s.arg(port.value()));
        const auto reply = client.get(u"/api/v1/health"_s);
        QVERIFY2(reply.status != 200, qPrintable(QString::number(reply.status)));
        QVERIFY(reply.json.isEmpty());

        // The failed handshake leaves the server serving.
        Test::ServerClient secure(server.baseUrl());
        secure.tls = m_trusting;
        QCOMPARE(secure.get(u"/api/v1/health"_s).status, 200);
    }

    void loginAndStreamOverTls()
    {
        Server::EmbeddedServer server(config(m_cert, m_key));
        QVERIFY(server.start().isOk());
        const auto admin = server.store()->initAdmin(AdminEmail, Password);
        QVERIFY2(admin.isOk(), qPrintable(admin.error().message));

        Test::ServerClient client(server.baseUrl());
        client.tls = m_trusting;
        QVERIFY(client.login(AdminEmail, Password));

        QUrl url(server.baseUrl() + u"/api/v1/stream?token="_s + QString::fromLatin1(client.token));
        url.setScheme(u"wss"_s);
        QWebSocket socket;
        socket.setSslConfiguration(m_trusting);
        QSignalSpy received(&socket, &QWebSocket::textMessageReceived);
        socket.open(url);
        QVERIFY(received.wait(10'000));
        const QJsonObject hello
            = QJsonDocument::fromJson(received.first().first().toString().toUtf8()).object();
        QVERIFY2(hello.contains(u"cursor"_s), qPrintable(received.first().first().toString()));
        socket.close();
    }

    void unusableFilesFailStart_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("mentions");

        const QString garbage = write(u"garbage.pem"_s, "not a PEM file at all\n");
        const QString missing = m_dir.filePath(u"missing.pem"_s);
        QTest::newRow("key of another certificate") << m_cert << m_otherKey << m_otherKey;
        QTest::newRow("garbage key") << m_cert << garbage << garbage;
        QTest::newRow("certificate as key") << m_cert << m_cert << m_cert;
        QTest::newRow("missing key") << m_cert << missing << missing;
        QTest::newRow("garbage certificate") << garbage << m_key << garbage;
        QTest::newRow("missing certificate") << missing << m_key << missing;
        QTest::newRow("key only") << QString() << m_key << u"both"_s;
        QTest::newRow("certificate only") << m_cert << QString() << u"both"_s;
    }

    void unusableFilesFailStart()
    {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QString, mentions);
        Server::EmbeddedServer server(config(cert, key));
        const auto started = server.start();
        QVERIFY(!started.isOk());
        QCOMPARE(started.error().code, Error::Code::Invalid);
        QVERIFY2(started.error().message.contains(mentions), qPrintable(started.error().message));
        QVERIFY(!server.isRunning());
        QCOMPARE(server.store(), nullptr); // refused before the database opens
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
