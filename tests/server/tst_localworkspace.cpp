// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop client's solo workspace: created once with its owner, reopened
// with the same login, optionally filled with demo data on the server.
#include "localworkspace.h"
#include "serverclient.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestLocalWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstStartCreatesTheOwnerAndLaterStartsReuseIt()
    {
        QTemporaryDir dir;
        Server::LocalWorkspace::Owner first;
        {
            Server::LocalWorkspace workspace(dir.path());
            const auto owner = workspace.start();
            QVERIFY2(owner.isOk(), qPrintable(owner.error().message));
            first = owner.value();
            QVERIFY(workspace.baseUrl().startsWith(u"http://127.0.0.1:"_s));
            QVERIFY(first.password.size() >= 24);
            Test::ServerClient client(workspace.baseUrl());
            QVERIFY(client.login(first.email, first.password));
            QVERIFY(!client.login(first.email, first.password + u"x"_s));
            // Only the user may read the login.
            const auto permissions = QFile::permissions(dir.filePath(u"owner.json"_s));
            QVERIFY(permissions & QFileDevice::ReadOwner);
            QVERIFY(!(permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        }
        Server::LocalWorkspace again(dir.path());
        const auto owner = again.start();
        QVERIFY(owner.isOk());
        QCOMPARE(owner->email, first.email);
        QCOMPARE(owner->password, first.password);
        Test::ServerClient client(again.baseUrl());
        QVERIFY(client.login(owner->email, owner->password));
    }

    void demoWorkspaceIsOwnedByItsFirstAdmin()
    {
        QTemporaryDir dir;
        Server::LocalWorkspace workspace(dir.path());
        DemoOptions demo;
        demo.tickets = 40;
        const auto owner = workspace.start(demo);
        QVERIFY2(owner.isOk(), qPrintable(owner.error().message));
        Test::ServerClient client(workspace.baseUrl());
        const auto signedIn = client.post(u"/api/v1/auth/login"_s,
            { { u"email"_s, owner->email }, { u"password"_s, owner->password } });
        QCOMPARE(signedIn.status, 200);
        QCOMPARE(signedIn.json[u"user"_s][u"role"_s].toString(), u"admin"_s);
        client.token = signedIn.json[u"token"_s].toString().toLatin1();
        const auto tickets = client.get(u"/api/v1/tickets?limit=100"_s);
        QCOMPARE(tickets.status, 200);
        QCOMPARE(tickets.json[u"total"_s].toInt(), 40);
    }
};

QTEST_GUILESS_MAIN(TestLocalWorkspace)
#include "tst_localworkspace.moc"
